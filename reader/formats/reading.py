"""Reading import files: UTF-8 text and JSON, with every failure recorded as a Problem."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any

import orjson

from reader.core.decoding import canonicalize
from reader.core.jsonl import json_lines
from reader.formats.problems import ProblemList
from reader.store.model import DocumentRecord


def read_utf8(path: Path, problems: ProblemList) -> str | None:
    """The file's text (BOM removed, newlines as LF), or None with a problem recorded."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            # A FIFO would block the import forever, a device would never end.
            problems.add(str(path), "not a regular file (a FIFO, device, socket or directory)")
            return None
        data = Path(path).read_bytes()
    except OSError as error:
        problems.add(str(path), f"cannot read: {error.strerror or error}")
        return None
    try:
        return canonicalize(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        problems.add(str(path), f"not UTF-8: {error.reason} at byte {error.start}")
        return None


def read_json_lines(path: Path, problems: ProblemList) -> list[tuple[int, Any]]:
    """(line number, parsed value) for each non-blank line; bad JSON becomes a problem."""
    text = read_utf8(path, problems)
    if text is None:
        return []
    records = []
    for parsed in json_lines(text):
        if parsed.error is not None:
            problems.add(str(path), f"not valid JSON: {parsed.error}", parsed.number)
        else:
            records.append((parsed.number, parsed.value))
    return records


def read_json(path: Path, problems: ProblemList) -> Any:
    """The parsed JSON document, or None with a problem recorded."""
    text = read_utf8(path, problems)
    if text is None:
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        problems.add(str(path), f"not valid JSON: {error}")
        return None


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(doc_id: str, text: str, **fields: Any) -> DocumentRecord:
    """A DocumentRecord for `text` with its content hash filled in."""
    return DocumentRecord(id=doc_id, sha256=sha256_of(text), text=text, **fields)
