"""Directories and paths that cannot be read as documents (symbolic link loops,
directories that cannot be listed, FIFOs, databases out of reach): each is reported as
`path: reason`, the rest still loads, nothing blocks and nothing prints a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reader.core.lazy_loading import LazyCorpus
from reader.core.loading import load_documents

#: Every run is bounded: before the fix a FIFO blocked `ls` forever.
TIMEOUT = 60


@pytest.fixture
def tangled(tmp_path: Path) -> Path:
    """A corpus with two good documents, a link to itself, a link back to the top and a
    FIFO named like a document."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("hello world\n", encoding="utf-8")
    (root / "sub" / "b.txt").write_text("مرحبا بالعالم\n", encoding="utf-8")
    os.symlink("self", root / "self")  # ELOOP as soon as it is looked at
    os.symlink("..", root / "sub" / "up")  # walking it would never end
    os.mkfifo(root / "pipe.txt")
    return root


def _run(args: list[str], cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True,
        encoding="utf-8", timeout=TIMEOUT, cwd=cwd, **kwargs,
    )


def test_a_symlink_loop_and_a_fifo_in_a_directory_are_reported_and_the_rest_loads(tangled):
    result = load_documents([tangled])
    assert [d.text.strip() for d in result.documents] == ["hello world", "مرحبا بالعالم"]
    problems = {p.file: p.reason for p in result.problems}
    assert problems == {
        str(tangled / "pipe.txt"): "not a regular file (a FIFO)",
        str(tangled / "self"): "Too many levels of symbolic links",
        str(tangled / "sub" / "up"): f"symbolic link loop: leads back to {tangled}",
    }


def test_the_tui_loader_reports_the_same_entries_and_lists_the_rest(tangled):
    corpus = LazyCorpus([tangled])
    assert [corpus.id_of(i) for i in range(len(corpus))] == ["a", "sub/b"]
    assert sorted(str(p) for p in corpus.problems) == [
        f"{tangled / 'pipe.txt'}: not a regular file (a FIFO)",
        f"{tangled / 'self'}: Too many levels of symbolic links",
        f"{tangled / 'sub' / 'up'}: symbolic link loop: leads back to {tangled}",
    ]


@pytest.mark.parametrize("command", [["ls"], ["render", "--width", "40"]])
def test_ls_and_render_on_a_tangled_directory_report_each_entry_without_a_traceback(tangled, command):
    run = _run([*command, str(tangled)])
    assert run.returncode == 1  # something could not be read
    assert "Traceback" not in run.stderr
    assert f"reader: {tangled / 'sub' / 'up'}: symbolic link loop" in run.stderr
    assert f"reader: {tangled / 'self'}: Too many levels of symbolic links" in run.stderr
    assert f"reader: {tangled / 'pipe.txt'}: not a regular file (a FIFO)" in run.stderr
    assert "hello world" in run.stdout or "a.txt" in run.stdout
    assert "b.txt" in run.stdout or "ﺎﺒﺣﺮﻣ" in run.stdout


@pytest.mark.parametrize("command", [["ls"], ["render"], ["align", "{fifo}", "{good}"]])
def test_a_fifo_given_as_a_path_is_refused_instead_of_blocking(tmp_path, command):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("one paragraph\n", encoding="utf-8")
    args = [part.format(fifo=fifo, good=good) for part in command]
    if len(args) == 1:
        args.append(str(fifo))
    run = _run(args)  # before the fix: blocked until the timeout
    assert run.returncode == 1
    assert f"reader: {fifo}: not a regular file (a FIFO)" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_symlink_loop_given_to_align_is_an_error_not_a_traceback(tmp_path):
    loop = tmp_path / "loop.txt"
    os.symlink("loop.txt", loop)
    good = tmp_path / "good.txt"
    good.write_text("one paragraph\n", encoding="utf-8")
    run = _run(["align", str(loop), str(good)])
    assert run.returncode == 1
    assert run.stderr.startswith(f"reader: {loop}: ")
    assert "Traceback" not in run.stderr


# Permission bits do not stop root. These tests make a directory that cannot be
# listed or entered for real: as root, the command runs as the unprivileged user
# `nobody` (setpriv drops every capability); as any other user, mode 000 is enough.

def _as_unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no way to be refused a directory")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_tmp():
    """A directory the unprivileged user can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="reader-perm-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for directory, _, _ in os.walk(path):
            os.chmod(directory, 0o755)
        shutil.rmtree(path)


def _run_unprivileged(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(cwd), "XDG_DATA_HOME": str(cwd / "data")}
    return subprocess.run(
        [*_as_unprivileged(), sys.executable, "-m", "reader", *args], capture_output=True,
        text=True, encoding="utf-8", timeout=TIMEOUT, cwd=cwd, env=env,
    )


def test_a_directory_that_cannot_be_listed_is_reported_and_the_rest_loads(shared_tmp):
    corpus = shared_tmp / "corpus"
    (corpus / "closed").mkdir(parents=True)
    (corpus / "a.txt").write_text("readable\n", encoding="utf-8")
    (corpus / "closed" / "z.txt").write_text("hidden\n", encoding="utf-8")
    for directory in (shared_tmp, corpus):
        directory.chmod(0o755)
    (corpus / "a.txt").chmod(0o644)
    (corpus / "closed").chmod(0o000)
    for command in (["ls"], ["render"]):
        run = _run_unprivileged([*command, str(corpus)], shared_tmp)
        assert "Traceback" not in run.stderr, run.stderr
        assert run.returncode == 1
        assert f"reader: {corpus / 'closed'}: cannot list the directory: Permission denied" in run.stderr
        assert "readable" in run.stdout or "a.txt" in run.stdout


@pytest.mark.parametrize("command", [["info"], ["info", "--recover"], ["import", "{source}"]])
def test_a_database_in_a_directory_out_of_reach_is_an_error_not_a_traceback(shared_tmp, command):
    closed = shared_tmp / "closed"
    closed.mkdir()
    source = shared_tmp / "in.jsonl"
    source.write_text(
        '{"record": "document", "id": "d", "text": "hello", "spans": []}\n', encoding="utf-8"
    )
    source.chmod(0o644)
    closed.chmod(0o000)
    db = closed / "annotations.db"
    args = [part.format(source=source) for part in command]
    run = _run_unprivileged([*args, "--db", str(db)], shared_tmp)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1
    assert run.stderr.startswith(f"reader: {closed}")
    assert "Permission denied" in run.stderr
