"""What an export produces, and writing it without ever leaving a half-written file."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from reader.core.files import write_atomically
from reader.errors import ReaderError

T = TypeVar("T")

class Track(Protocol):
    """Wraps an iterable to report progress (the CLI passes a rich progress bar); the same
    items in the same order, whatever their type. `no_progress` by default."""

    def __call__(self, items: Iterable[T], /) -> Iterable[T]: ...


def no_progress(items: Iterable[T]) -> Iterator[T]:
    yield from items


@dataclass
class Dump:
    """An export: file name -> content (one entry named "" for single-file formats), and
    warnings about what the format could not carry."""

    files: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def single(self) -> str:
        """The content of a single-file export."""
        return self.files[""]


def write_dump(dump: Dump, path: Path, directory: bool) -> None:
    """Write `dump` to `path`: a file, or for directory formats a directory built beside
    it under a temporary name and renamed into place (refusing a non-empty existing one).

    A symbolic link is written through (its target is replaced, the link stays), as a
    shell's `>` would. A device, FIFO or socket at the path (or as the link's target) is
    refused, never replaced. Anything the system refuses (a full disk, a directory one
    cannot write to) is a ReaderError "path: reason"; nothing half-written is left."""
    given = Path(path)
    try:
        target = _through_links(given)
        if directory:
            _write_directory(dump, given, target)
        else:
            _refuse_special(given, target, allow_directory=False)
            if not target.parent.is_dir():
                raise ReaderError(f"{given}: directory {target.parent} does not exist")
            write_atomically(target, dump.single)
    except OSError as error:
        raise ReaderError(f"{given}: cannot write ({error.strerror or error}); nothing was written") from None


def _through_links(path: Path) -> Path:
    """Where writing to `path` lands: the final target of a symbolic link (a link that
    loops is refused), else `path`."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():
        raise ReaderError(f"{path}: a symbolic link that loops; nothing was written")
    return target


def _refuse_special(given: Path, target: Path, *, allow_directory: bool) -> None:
    """ReaderError unless `target` is absent or a regular file (or a directory, if allowed)."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    kind = _special_kind(mode)
    if kind is None or (allow_directory and stat.S_ISDIR(mode)):
        return
    where = given if given == target else f"{given} (a link to {target})"
    if stat.S_ISDIR(mode):
        raise ReaderError(f"{where}: is a directory; give a file name")
    raise ReaderError(f"{where}: is {kind}, not a regular file; refusing to replace it (nothing was written)")


def _special_kind(mode: int) -> str | None:
    """What a non-regular file is, for a message; None for a regular file."""
    for test, kind in ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def _write_directory(dump: Dump, given: Path, path: Path) -> None:
    _refuse_special(given, path, allow_directory=True)
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ReaderError(f"{given}: exists and is not an empty directory; choose a new path")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ReaderError(f"{given}: directory {parent} does not exist")
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=parent))
    try:
        for name, content in dump.files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            path.rmdir()
        os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
