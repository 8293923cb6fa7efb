"""Documents listed now, read when first needed: for opening large corpora at once.

`LazyCorpus(paths)` enumerates the files under `paths` (the same files, order and ids
as `reader.core.loading.load_documents`) without reading them; `corpus[i]` reads and
decodes file i on first access. JSONL files hold many documents each, so they are read
when the corpus is built. A file that cannot be read becomes a `LoadProblem` in
`problems` and an empty document whose title says why (so its row stays visible).

Enumeration uses os.scandir, not Path.rglob: for 10,000 files that is ~35 ms instead of
~240 ms, which is what makes a 10k-document library open about as fast as five.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Iterable, overload

from reader.core.bundled import seeds_dir
from reader.core.document import Document
from reader.core.loading import JSONL_SUFFIXES, TEXT_SUFFIXES, LoadProblem, load_documents


def _split_suffix(name: str) -> tuple[str, str]:
    """("a.b", ".txt") for "a.b.txt" (os.path.splitext without its cost; no dot-files here)."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, dot + suffix) if dot else (name, "")


def _walk(root: Path) -> list[tuple[tuple[str, ...], str]]:
    """(path parts below `root`, path) of the loadable files under `root`, in the order
    load_documents loads them (sorted by path parts)."""
    found: list[tuple[tuple[str, ...], str]] = []
    suffixes = TEXT_SUFFIXES | JSONL_SUFFIXES
    stack = [(str(root), ())]
    while stack:
        directory, parts = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=True):
                    stack.append((entry.path, parts + (entry.name,)))
                elif (not entry.name.startswith(".") and _split_suffix(entry.name)[1].lower() in suffixes
                      and entry.is_file()):
                    found.append((parts + (entry.name,), entry.path))
    found.sort()
    return found


class LazyCorpus(Sequence[Document]):
    """A read-on-demand sequence of the documents under `paths` (seeds when empty)."""

    def __init__(self, paths: Iterable[str | Path] | None = None) -> None:
        paths = [Path(p) for p in (paths or [])] or [seeds_dir()]
        # Per entry: (file, id) of a file not read yet, or a Document already made.
        self._entries: list[tuple[str, str] | Document] = []
        self.problems: list[LoadProblem] = []
        seen: set[str] = set()
        for path in paths:
            # No Path object per file: pathlib costs ~40 µs a file, 0.4 s for 10,000.
            files = _walk(path) if path.is_dir() else [((path.name,), str(path))]
            for parts, file in files:
                stem, suffix = _split_suffix(parts[-1])
                if suffix.lower() in JSONL_SUFFIXES:
                    result = load_documents([file])
                    self.problems += result.problems
                    for document in result.documents:
                        document.id = _unique(document.id, seen)
                        self._entries.append(document)
                    continue
                self._entries.append((file, _unique("/".join(parts[:-1] + (stem,)), seen)))

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> list[Document]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        entry = self._entries[index]
        if isinstance(entry, Document):
            return entry
        document = self._read(*entry)
        self._entries[index] = document
        return document

    def is_read(self, index: int) -> bool:
        return isinstance(self._entries[index], Document)

    def id_of(self, index: int) -> str:
        """The id of document `index`, without reading it."""
        entry = self._entries[index]
        return entry.id if isinstance(entry, Document) else entry[1]

    def path_of(self, index: int) -> str:
        entry = self._entries[index]
        return entry.path if isinstance(entry, Document) else entry[0]

    def _read(self, file: str, doc_id: str) -> Document:
        result = load_documents([file])
        if result.documents:
            document = result.documents[0]
            document.id = doc_id
            return document
        self.problems += result.problems
        reason = result.problems[0].reason if result.problems else "cannot be read"
        return Document(doc_id, file, "", {"title": f"(unreadable: {reason})", "source": file})


def _unique(doc_id: str, seen: set[str]) -> str:
    # The same rule as load_documents: a repeated id gets "~2", "~3"...
    candidate, n = doc_id, 2
    while candidate in seen:
        candidate, n = f"{doc_id}~{n}", n + 1
    seen.add(candidate)
    return candidate
