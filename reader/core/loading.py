"""Loading documents from paths: files, directories (recursively) and JSONL.

Bad input never stops a load: each file or JSONL line that cannot be read becomes a
`LoadProblem` naming the path, the line and the reason, and the rest still loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from reader.core.bundled import catalog_entry, seeds_dir
from reader.core.decoding import DecodeError, canonicalize, decode
from reader.core.document import Document

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl"}


@dataclass(frozen=True, slots=True)
class LoadProblem:
    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)


def source_files(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Path | None]]:
    """(file, root) for each file to load; root is the directory it was found under."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES and not child.name.startswith("."):
                    yield child, path
        else:
            yield path, None


def load_documents(paths: Iterable[str | Path] | None = None) -> LoadResult:
    """Load every document under `paths`; no paths means the bundled seed corpus."""
    paths = list(paths or [])
    if not paths:
        paths = [seeds_dir()]
    result = LoadResult()
    seen_ids: set[str] = set()
    for file, root in source_files(paths):
        for item in _load_file(file, root):
            if isinstance(item, LoadProblem):
                result.problems.append(item)
                continue
            item.id = _unique(item.id, seen_ids)
            result.documents.append(item)
    return result


def _unique(doc_id: str, seen: set[str]) -> str:
    candidate, n = doc_id, 2
    while candidate in seen:
        candidate, n = f"{doc_id}~{n}", n + 1
    seen.add(candidate)
    return candidate


def _document_id(file: Path, root: Path | None) -> str:
    """Stable across runs: the file's path below the directory given, without suffix."""
    relative = file.relative_to(root) if root is not None else Path(file.name)
    return relative.with_suffix("").as_posix()


def _load_file(file: Path, root: Path | None) -> Iterator[Document | LoadProblem]:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        yield LoadProblem(str(file), "no such file or directory")
        return
    except IsADirectoryError:
        yield LoadProblem(str(file), "is a directory")
        return
    except OSError as error:
        yield LoadProblem(str(file), f"cannot read: {error.strerror or error}")
        return
    if file.suffix.lower() in JSONL_SUFFIXES:
        yield from _load_jsonl(file, root, data)
        return
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield LoadProblem(str(file), str(error))
        return
    meta = {"source": str(file), **catalog_entry(file)}
    yield Document(_document_id(file, root), str(file), decoded.text, meta, decoded.encoding)


def _load_jsonl(file: Path, root: Path | None, data: bytes) -> Iterator[Document | LoadProblem]:
    """One document per line with a "text" field; the other fields become metadata."""
    try:
        decoded = decode(data)
    except DecodeError as error:
        yield LoadProblem(str(file), str(error))
        return
    stem = _document_id(file, root)
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            yield LoadProblem(str(file), f"malformed JSON: {error}", number)
            continue
        if not isinstance(record, dict):
            yield LoadProblem(str(file), "expected a JSON object with a \"text\" field", number)
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield LoadProblem(str(file), "no \"text\" field with a string value", number)
            continue
        text = canonicalize(text)
        if not text.strip():
            yield LoadProblem(str(file), "empty \"text\"", number)
            continue
        meta = {k: v for k, v in record.items() if k != "text"}
        meta.setdefault("source", f"{file}:{number}")
        doc_id = record.get("id")
        doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and str(doc_id) else f"{stem}#{number}"
        yield Document(doc_id, str(file), text, meta)
