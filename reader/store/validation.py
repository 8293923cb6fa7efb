"""What a valid span, record, change and snapshot look like: the one place these rules live.

The database files are untrusted input (a project's `.reader/annotations.db` is picked up
from the current directory), so everything read from them is checked here before the store
uses it; the importers (reader.formats) check the spans they read with the same
`span_problem` and `attrs_problem`, and the store checks a span it is given with them too.
Every function returns the reason a value is unacceptable, or None when it is fine.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from reader.store.model import CLAIM_LABEL, LINK_TYPES, SPAN_KINDS, STANCES, ClaimAttributes, fact_check_problem

#: how deep the JSON inside a span's attrs or a document's meta may nest
MAX_DEPTH = 32

_KINDS_OF_CHANGE = ("change", "undo", "redo")
_ABSENT = object()
_STATUSES = ("ok", "review")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def nesting_problem(value: Any, limit: int = MAX_DEPTH) -> str | None:
    """Why `value` (parsed JSON) nests too deep, or None; iterative, so a hostile file
    cannot exhaust the stack."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return f"nested more than {limit} levels deep"
        stack.extend((child, depth + 1) for child in children)
    return None


# -- spans: shared with every importer ---------------------------------------------------------
def span_problem(
    text: str,
    start: object,
    end: object,
    label: object,
    kind: object,
    span_text: object | None,
    labels: Collection[str] | None,
) -> str | None:
    """Why a span is unacceptable for document `text`, or None when it is fine.

    `span_text` None means the source carries no covered text to compare; `labels` None
    accepts any entity label (no schema), otherwise entity labels must be in it."""
    # (isinstance written out: the type checker then knows both are ints below)
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        return f"offsets must be integers, got start={start!r} end={end!r}"
    if start < 0 or end > len(text):
        return f"offsets [{start}, {end}) out of range: the text has {len(text)} characters"
    if end <= start:
        return f"end {end} is not after start {start}"
    if kind not in SPAN_KINDS:
        return f"unknown span kind {kind!r} (expected one of {', '.join(SPAN_KINDS)})"
    if not isinstance(label, str) or not label:
        return f"missing label in span [{start}, {end})"
    if kind == "claim" and label != CLAIM_LABEL:
        return f"claim span [{start}, {end}) has label {label!r}, expected {CLAIM_LABEL}"
    if kind == "entity" and labels is not None and label not in labels:
        return f"unknown label {label!r} (the label schema has {', '.join(sorted(labels))})"
    covered = text[start:end]
    if span_text is not None and covered != span_text:
        return f"text mismatch at [{start}, {end}): the document has {covered!r}, the record says {span_text!r}"
    return None


def attrs_problem(attrs: Any) -> str | None:
    """Why a span's attributes (claim attributes) are unacceptable, or None."""
    if not isinstance(attrs, dict):
        return "attrs must be an object"
    deep = nesting_problem(attrs)
    if deep:
        return f"attrs are {deep}"
    claim = ClaimAttributes.from_dict(attrs)
    if claim.stance is not None and claim.stance not in STANCES:
        return f"stance must be one of {', '.join(STANCES)}, got {claim.stance!r}"
    if claim.checkworthy is not None and not isinstance(claim.checkworthy, bool):
        return f"checkworthy must be true or false, got {claim.checkworthy!r}"
    if claim.speaker is not None and not isinstance(claim.speaker, str):
        return "speaker must be a span id"
    if not isinstance(claim.note, str):
        return "note must be a string"
    return fact_check_problem(claim)


# -- stored records -----------------------------------------------------------------------------
#: table -> (field, accepted types, required) for the records the store writes
_FIELDS: dict[str, tuple[tuple[str, tuple[type, ...], bool], ...]] = {
    "documents": (("sha256", (str,), True), ("text", (str,), True), ("path", (str,), False),
                  ("lang", (str,), False), ("direction", (str,), False), ("title", (str,), False),
                  ("done", (bool,), False), ("meta", (dict,), False)),
    "spans": (("doc_id", (str,), True), ("start", (int,), True), ("end", (int,), True), ("kind", (str,), True),
              ("label", (str,), True), ("text", (str,), True), ("annotator", (str,), False),
              ("created", (str,), False), ("updated", (str,), False), ("entity_id", (str, type(None)), False),
              ("attrs", (dict,), False), ("status", (str,), False), ("review_reason", (str,), False)),
    "entities": (("type", (str,), True), ("name", (str,), True), ("aliases", (list,), False),
                 ("created", (str,), False)),
    "links": (("source", (str,), True), ("target", (str,), True), ("type", (str,), True),
              ("annotator", (str,), False), ("created", (str,), False)),
    "relations": (("a", (str,), True), ("b", (str,), True), ("kind", (str,), True), ("decision", (str,), True),
                  ("annotator", (str,), False), ("updated", (str,), False)),
    "rejected_suggestions": (("doc_id", (str,), True), ("start", (int,), True), ("end", (int,), True),
                             ("label", (str,), True), ("text", (str,), False), ("source", (str,), False),
                             ("annotator", (str,), False), ("updated", (str,), False)),
}


_NO_ATTRS: dict[str, Any] = {}
_ID_TYPES = (str, type(None))


def _ordinary_span(key: str, r: dict[str, Any]) -> bool:
    """True for a span record as the store writes it without claim attributes: the common
    case, checked in one expression (opening a large database checks every span)."""
    get = r.get
    start, end, text = get("start"), get("end"), get("text")
    return (start.__class__ is int and end.__class__ is int and text.__class__ is str
            and 0 <= start < end and len(text) == end - start and get("id") == key
            and get("doc_id").__class__ is str and get("kind") in SPAN_KINDS and get("label").__class__ is str
            and get("attrs", _NO_ATTRS) == _NO_ATTRS and get("entity_id").__class__ in _ID_TYPES
            and get("status", "ok") in _STATUSES and get("annotator", "").__class__ is str
            and get("created", "").__class__ is str and get("updated", "").__class__ is str
            and get("review_reason", "").__class__ is str)


def record_problem(table: str, key: str, record: Any) -> str | None:
    """Why `record`, stored under `key` in `table`, is not one the store can use, or None."""
    if table == "spans" and record.__class__ is dict and _ordinary_span(key, record):
        return None
    if not isinstance(record, dict):
        return f"a JSON {type(record).__name__}, not a record"
    rules = _FIELDS.get(table)
    if rules is None:
        return None  # a table this reader does not use: kept as it is
    if record.get("id") != key:
        return f"its id {record.get('id')!r} is not its key"
    for name, types, required in rules:
        value = record.get(name, _ABSENT)
        if value is _ABSENT:
            if required:
                return f"the field {name!r} is missing"
            continue
        if value.__class__ not in types:  # exact types: JSON gives no subclasses, and True is no int
            return f"{name} is {value!r}, not {' or '.join('null' if t is type(None) else t.__name__ for t in types)}"
    if table == "spans":
        if record["kind"] not in SPAN_KINDS:
            return f"kind {record['kind']!r} is not one of {', '.join(SPAN_KINDS)}"
        if not 0 <= record["start"] < record["end"] or len(record["text"]) != record["end"] - record["start"]:
            return f"offsets {record['start']}..{record['end']} do not fit its text of {len(record['text'])} characters"
        if record.get("status", "ok") not in _STATUSES:
            return f"status {record['status']!r} is not one of {', '.join(_STATUSES)}"
        attrs = record.get("attrs")
        return attrs_problem(attrs) if attrs else None  # most spans have none: skip the work
    if table == "entities" and not all(isinstance(a, str) for a in record.get("aliases", [])):
        return "aliases must be strings"
    if table == "links" and record["type"] not in LINK_TYPES:
        return f"type {record['type']!r} is not one of {', '.join(LINK_TYPES)}"
    if table == "documents":
        return nesting_problem(record.get("meta", {}))
    return None


def tables_problem(tables: Any) -> str | None:
    """Why `tables` (table name -> record id -> record) cannot be used, or None."""
    if not isinstance(tables, dict):
        return f"tables is a JSON {type(tables).__name__}, not an object"
    for name, table in tables.items():
        if not isinstance(table, dict):
            return f"table {name!r} is a JSON {type(table).__name__}, not an object"
        for key, record in table.items():
            problem = record_problem(name, key, record)
            if problem:
                return f"table {name}, record {key}: {problem}"
    return None


# -- changes and snapshots ------------------------------------------------------------------------
def entry_problem(entry: dict[str, Any]) -> str | None:
    """Why a change (a journal line, or an entry of the undo/redo history) is unusable."""
    seq = entry.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return f"seq {seq!r} is not a change number"
    kind = entry.get("kind", "change")
    if kind not in _KINDS_OF_CHANGE:
        return f"kind {kind!r} is not one of {', '.join(_KINDS_OF_CHANGE)}"
    if kind != "change" and not _is_int(entry.get("of")):
        return f"an {kind} needs the number of the change it reverts ('of')"
    for name in ("description", "annotator", "time"):
        if name in entry and not isinstance(entry[name], str):
            return f"{name} is {entry[name]!r}, not a string"
    writes = entry.get("writes")
    if not isinstance(writes, list):
        return f"writes is {writes!r}, not a list"
    for write in writes:
        if not (isinstance(write, list) and len(write) == 4 and isinstance(write[0], str) and isinstance(write[1], str)):
            return f"a write must be [table, id, before, after], got {write!r:.80}"
        for record in write[2:]:
            if record is not None:
                problem = record_problem(write[0], write[1], record)
                if problem:
                    return f"the write of {write[0]} {write[1]}: {problem}"
    return None


def snapshot_problem(snapshot: dict[str, Any]) -> str | None:
    """Why a snapshot of the journaled store (schema 2 and later) is unusable, or None."""
    seq = snapshot.get("seq", 0)
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        return f"seq {seq!r} is not a change number"
    problem = tables_problem(snapshot.get("tables", {}))
    if problem:
        return problem
    history = snapshot.get("history", {})
    if not isinstance(history, dict):
        return f"history is {history!r:.40}, not an object"
    for stack in ("undo", "redo"):
        entries = history.get(stack, [])
        if not isinstance(entries, list):
            return f"history.{stack} is {entries!r:.40}, not a list"
        for entry in entries:
            problem = entry_problem(entry) if isinstance(entry, dict) else "not a change record"
            if problem:
                return f"history.{stack}: {problem}"
    return None


def v1_problem(data: dict[str, Any]) -> str | None:
    """Why a plain TinyDB file (schema version 1) cannot be migrated, or None."""
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is a JSON {type(table).__name__}, not an object"
        for key, record in table.items():
            if not isinstance(record, dict):
                return f"table {name}, record {key}: a JSON {type(record).__name__}, not a record"
    return None
