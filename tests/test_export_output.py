"""`reader export -o PATH` never replaces what is at PATH unless it is a regular file: a
symbolic link is written through, a device, FIFO or socket is refused, and a directory,
an unwritable directory or a full disk give `path: reason`, not a traceback."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
from pathlib import Path

import pytest

from reader.cli import main
from test_import_export_commands import seeded_db


def export(db: Path, output: Path | str, fmt: str = "jsonl") -> int:
    return main(["export", "--db", str(db), "--format", fmt, "-o", str(output)])


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert export(db, link) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith('{"record":"document"')


def test_a_symlink_to_an_empty_directory_takes_a_brat_collection(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    target = tmp_path / "collection"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    assert export(db, link, "brat") == 0
    assert link.is_symlink() and (target / "annotation.conf").exists()


def _special(tmp_path: Path, kind: str) -> tuple[Path, object]:
    path = tmp_path / f"special-{kind}"
    if kind == "fifo":
        os.mkfifo(path)
        return path, None
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        return path, server
    try:  # a character device like /dev/full (1, 7); making one needs root
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path, None


@pytest.mark.parametrize("kind", ["device", "fifo", "socket"])
@pytest.mark.parametrize("through_link", [False, True])
def test_devices_fifos_and_sockets_are_refused_and_left_alone(tmp_path, capsys, kind, through_link):
    _, db = seeded_db(tmp_path)
    special, keep = _special(tmp_path, kind)
    mode = os.stat(special).st_mode
    given = special
    if through_link:
        given = tmp_path / "link"
        given.symlink_to(special)
    try:
        assert export(db, given) == 1
    finally:
        if keep is not None:
            keep.close()
    err = capsys.readouterr().err
    assert f"{given}" in err and "not a regular file" in err and "Traceback" not in err
    assert os.stat(special).st_mode == mode  # still the same kind of file
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_directory_is_refused_with_its_path(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    directory = tmp_path / "out"
    directory.mkdir()
    assert export(db, directory) == 1
    assert f"{directory}: is a directory" in capsys.readouterr().err


def _mount(where: Path, options: str) -> None:
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")


def test_an_unwritable_directory_is_an_error_with_the_path(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    locked = tmp_path / "locked"
    if os.geteuid() == 0:
        _mount(locked, "ro,size=64k")  # root ignores permission bits: a read-only file system
    else:
        locked.mkdir()
        locked.chmod(0o500)
    try:
        out = locked / "out.jsonl"
        assert export(db, out) == 1
        err = capsys.readouterr().err
        assert f"{out}: cannot write (" in err and "nothing was written" in err
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(locked)], check=False)


def test_a_full_disk_is_an_error_and_leaves_the_old_file_and_no_temporary(tmp_path, capsys):
    _, db = seeded_db(tmp_path)
    disk = tmp_path / "disk"
    _mount(disk, "size=4k")
    try:
        out = disk / "out.jsonl"
        out.write_text("old\n")
        assert main(["export", "--db", str(db), "--format", "labelstudio", "-o", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"{out}: cannot write (No space left on device)" in err
        assert out.read_text() == "old\n"
        assert [p.name for p in disk.iterdir()] == ["out.jsonl"]
    finally:
        subprocess.run(["umount", str(disk)], check=False)
