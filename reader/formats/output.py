"""What an export produces, and writing it without ever leaving a half-written file."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from reader.core.files import write_atomically
from reader.errors import ReaderError

T = TypeVar("T")

#: wraps an iterable to report progress (the CLI passes a rich progress bar); identity by default
Track = Callable[[Iterable[T]], Iterable[T]]


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
    it under a temporary name and renamed into place (refusing a non-empty existing one)."""
    path = Path(path)
    if not directory:
        if not path.parent.is_dir():
            raise ReaderError(f"{path}: directory {path.parent} does not exist")
        write_atomically(path, dump.single)
        return
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ReaderError(f"{path}: exists and is not an empty directory; choose a new path")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ReaderError(f"{path}: directory {parent} does not exist")
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
