"""Loading documents from paths: files, directories (recursively) and JSONL.

Bad input never stops a load: each file or JSONL line that cannot be read becomes a
`Problem` naming the path, the line and the reason, and the rest still loads.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from reader.core.bundled import catalog_entry, seeds_dir
from reader.core.decoding import DecodeError, canonicalize, decode
from reader.core.document import Document
from reader.core.jsonl import json_lines
from reader.core.problems import Problem
from reader.core.sources import NEWS_SUFFIXES  # pages, feeds, web archives (.warc.gz: see _walk)

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}


@dataclass(frozen=True, slots=True)
class LoadNote(Problem):
    """Not a problem but something the user should know about a file that loaded
    (a page without an article opened whole, records of an archive skipped)."""


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[LoadNote] = field(default_factory=list)


class Source(NamedTuple):
    """A file to load, and the id its document gets (JSONL documents derive theirs).
    A named tuple: a corpus makes one per file, and a tuple is made at C speed."""

    path: str
    id: str
    #: One record of a web archive, read alone (reader.core.sources.warc.list_warc):
    #: its byte offset in the file and its number; -1 and 0 for a whole file.
    offset: int = -1
    record: int = 0

    @property
    def is_jsonl(self) -> bool:
        return is_jsonl_path(self.path)

    @property
    def holds_many(self) -> bool:
        """Whether the file holds several documents (JSONL, a feed, a web archive)."""
        return holds_many_documents(self.path)


_MANY_ENDINGS = (".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz")


def holds_many_documents(path: str) -> bool:
    """Whether the file at `path` holds several documents (JSONL, a feed, a WARC)."""
    # The cheap test first (one C-level call): it rules out the text files of a large corpus.
    if not path[-9:].lower().endswith(_MANY_ENDINGS):
        return False
    from reader.core.sources import holds_many

    return is_jsonl_path(path) or holds_many(path)


def is_jsonl_path(path: str) -> bool:
    """Whether the file at `path` holds one document per line (JSONL)."""
    # The cheap test first: it rules out the text files of a large corpus.
    return path[-6:].lower() == ".jsonl" and _split_suffix(path)[1].lower() in JSONL_SUFFIXES


def list_sources(paths: Iterable[str | Path], problems: list[Problem] | None = None) -> Iterator[Source]:
    """Every file to load under `paths`, without reading any: directories recursively
    (sorted, dot-files skipped, only .txt/.md/.jsonl), files as given.

    A directory that cannot be listed, a symbolic link leading back to a directory
    being walked, and an entry named like a document that is no regular file are
    appended to `problems` (when given) and skipped; the rest is still listed.

    Uses os.scandir and plain strings: for 10,000 files that is ~20 ms where
    Path.rglob takes ~240 ms, which matters for opening a large corpus at once.
    """
    found = problems if problems is not None else []
    for raw in paths:
        path = str(raw)
        if os.path.isdir(path):
            for doc_id, file in _walk(path, found):
                yield Source(file, doc_id)
        else:
            yield Source(path, _stem(os.path.basename(path)))


_LOADABLE = TEXT_SUFFIXES | JSONL_SUFFIXES | NEWS_SUFFIXES


def _stem(name: str) -> str:
    """The id part of a file name: without its suffix ("a.warc.gz" → "a")."""
    if name[-8:].lower() == ".warc.gz" and len(name) > 8:
        return name[:-8]
    return _split_suffix(name)[0]


def _walk(root: str, problems: list[Problem]) -> list[tuple[str, str]]:
    """(id, path) of the loadable files under `root`, in the order of their paths'
    parts (each directory's entries sorted by name, a subdirectory's files where its
    name sorts); the id is the path below `root` without the suffix. What cannot be
    walked goes to `problems` (see list_sources)."""
    found: list[tuple[str, str]] = []

    def visit(directory: str, prefix: str, ancestors: dict[tuple[int, int], str]) -> None:
        try:
            with os.scandir(directory) as listing:
                # Names are unique in a directory: sorting the names alone is enough.
                entries = {entry.name: entry for entry in listing if entry.name[0] != "."}
        except OSError as error:
            problems.append(Problem(directory, f"cannot list the directory: {_reason(error)}"))
            return
        for name in sorted(entries):
            entry = entries[name]
            try:
                is_dir = entry.is_dir()
                # A directory is known by its device and inode (through any link):
                # one already being walked above is a loop, not more documents.
                key = _identity(entry.stat()) if is_dir else None
            except OSError as error:  # e.g. a link to itself (ELOOP)
                problems.append(Problem(entry.path, _reason(error)))
                continue
            if key is not None:
                if key in ancestors:
                    problems.append(Problem(entry.path, f"symbolic link loop: leads back to {ancestors[key]}"))
                else:
                    visit(entry.path, prefix + name + "/", {**ancestors, key: entry.path})
                continue
            # _split_suffix inlined: this loop runs once per file of a corpus.
            stem, dot, suffix = name.rpartition(".")
            if dot and stem and ("." + suffix).lower() in _LOADABLE:
                if entry.is_file():
                    found.append((prefix + stem, entry.path))
                else:
                    problems.append(Problem(entry.path, _not_regular(entry.path)))
            elif dot and suffix.lower() == "gz" and stem[-5:].lower() == ".warc" and len(stem) > 5:
                if entry.is_file():  # a compressed web archive
                    found.append((prefix + stem[:-5], entry.path))
                else:
                    problems.append(Problem(entry.path, _not_regular(entry.path)))

    try:
        top = {_identity(os.stat(root)): root}
    except OSError as error:
        problems.append(Problem(root, _reason(error)))
        return found
    visit(root, "", top)
    return found


def _identity(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino


def _reason(error: OSError) -> str:
    """An OSError as a person reads it: "Permission denied", not "[Errno 13] ..."."""
    return error.strerror or str(error)


def _not_regular(path: str) -> str:
    """Why the entry at `path` (no directory, no regular file) is not read."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return "broken symbolic link" if os.path.islink(path) else _reason(error)
    return f"not a regular file ({_file_kind(mode)})"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def _split_suffix(name: str) -> tuple[str, str]:
    """("a.b", ".txt") for "a.b.txt"; (name, "") when there is no suffix."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, dot + suffix) if dot and stem and "/" not in suffix else (name, "")


def load_documents(paths: Iterable[str | Path] | None = None) -> LoadResult:
    """Load every document under `paths`; no paths means the bundled seed corpus."""
    result = LoadResult()
    result.documents.extend(iter_documents(paths, result.problems, result.notes))
    return result


def iter_documents(paths: Iterable[str | Path] | None, problems: list[Problem],
                   notes: list[LoadNote] | None = None) -> Iterator[Document]:
    """The documents of `load_documents`, one at a time (each read when it is asked
    for: a command that handles one document at a time holds one); what cannot be read
    is appended to `problems` as it is met, notes (a page opened whole, archive records
    skipped) to `notes` when given."""
    paths = list(paths or []) or [seeds_dir()]
    ids = UniqueIds()
    for source in list_sources(paths, problems):
        for item in read_source(source):
            if isinstance(item, LoadNote):
                if notes is not None:
                    notes.append(item)
            elif isinstance(item, Problem):
                problems.append(item)
            else:
                item.id = ids.claim(item.id)
                yield item


class UniqueIds:
    """Ids unique within one load: a repeated id gets "~2", "~3"… in load order."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, doc_id: str) -> str:
        candidate, n = doc_id, 2
        while candidate in self._seen:
            candidate, n = f"{doc_id}~{n}", n + 1
        self._seen.add(candidate)
        return candidate


def read_source(source: Source) -> Iterator[Document | Problem]:
    """The documents of one file (one, or one per JSONL line, feed item or archive
    record), why a part cannot be read (`Problem`), and notes (`LoadNote`)."""
    if source.offset >= 0:
        from reader.core.sources.warc import read_record

        yield from read_record(source.path, source.id, source.offset, source.record)
        return
    try:
        data = _read_regular_file(source.path)
    except FileNotFoundError:
        yield Problem(source.path, "no such file or directory")
        return
    except IsADirectoryError:
        yield Problem(source.path, "is a directory")
        return
    except _NotRegular as refused:
        yield Problem(source.path, str(refused))
        return
    except OSError as error:
        yield Problem(source.path, f"cannot read: {_reason(error)}")
        return
    if source.is_jsonl:
        yield from _load_jsonl(source, data)
        return
    if _is_news_path(source.path):
        from reader.core.sources import read_news

        yield from read_news(source.path, source.id, data)
        return
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Problem(source.path, str(error))
        return
    meta = {"source": source.path, **catalog_entry(source.path)}
    yield Document(source.id, source.path, decoded.text, meta, decoded.encoding)


class _NotRegular(Exception):
    """A path that is no regular file (FIFO, device, socket): reading it could block
    forever or never end."""


def _read_regular_file(path: str) -> bytes:
    """The bytes of the regular file at `path`. Opened without blocking (opening a
    FIFO with no writer would wait for one), then refused unless it is a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise _NotRegular(f"not a regular file ({_file_kind(mode)})")
        return handle.read()


def _is_news_path(path: str) -> bool:
    from reader.core.sources import news_suffix

    return news_suffix(path) is not None


def _load_jsonl(source: Source, data: bytes) -> Iterator[Document | Problem]:
    """One document per line with a "text" field; the other fields become metadata."""
    file = source.path
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield Problem(file, str(error))
        return
    stem = source.id
    for parsed in json_lines(decoded.text):
        number, record = parsed.number, parsed.value
        if parsed.error is not None:
            yield Problem(file, f"malformed JSON: {parsed.error}", number)
            continue
        if not isinstance(record, dict):
            yield Problem(file, "expected a JSON object with a \"text\" field", number)
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield Problem(file, "no \"text\" field with a string value", number)
            continue
        text = canonicalize(text)
        if not text.strip():
            yield Problem(file, "empty \"text\"", number)
            continue
        meta = {k: v for k, v in record.items() if k != "text"}
        meta.setdefault("source", f"{file}:{number}")
        doc_id = record.get("id")
        doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and str(doc_id) else f"{stem}#{number}"
        yield Document(doc_id, file, text, meta)
