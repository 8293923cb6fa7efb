"""The one JSON Lines reader: each non-blank line of a text parsed on its own.

Documents in JSONL (reader.core.loading) and annotation files in JSONL (reader.formats)
both read their lines here; each caller words its own problem for a bad line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class JsonLine:
    """Line `number` (from 1) of a JSONL text: its parsed `value`, or why it is not JSON."""

    number: int
    value: Any = None
    error: str | None = None


def json_lines(text: str) -> Iterator[JsonLine]:
    """Every non-blank line of `text` (LF newlines), parsed; a bad line carries its error."""
    import orjson  # only JSONL pays for it (it pulls in json, uuid, datetime)

    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield JsonLine(number, orjson.loads(line))
        except orjson.JSONDecodeError as error:
            yield JsonLine(number, error=str(error))
