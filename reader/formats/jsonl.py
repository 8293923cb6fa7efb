"""The native JSONL format: everything an AnnotationSet holds, one JSON record per line.

Every line has a `"record"` discriminator:

- `"document"` (first, one per document): `id`, `text`, `title`, `done`, `meta` (`source`,
  `lang`, `direction`, `sha256`, `extra`) and `spans` (`id`, `start`, `end`, `kind`,
  `label`, `text`, `entity_id`, `attrs`, `annotator`, `status`, `review_reason`, `created`,
  `updated`);
- `"entity"`: a corpus entity (`id`, `type`, `name`, `aliases`, `created`);
- `"link"`: a claim link (`id`, `source`, `target`, `type`, `annotator`, `created`).

Offsets are code points, end exclusive. docs/formats.schema.json is the JSON Schema of a line.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields
from pathlib import Path
from typing import Any

from reader.formats.checks import attrs_problem, checked_text, span_problem
from reader.formats.json_text import dumps
from reader.formats.output import Dump, Track, no_progress
from reader.formats.problems import ProblemList
from reader.formats.reading import read_json_lines, sha256_of
from reader.formats.selection import spans_by_document
from reader.store.validation import nesting_problem, record_problem
from reader.store.model import (
    LINK_TYPES,
    AnnotationSet,
    ClaimLink,
    DocumentRecord,
    Entity,
    Span,
)

DIRECTORY = False
#: every Span field but doc_id (the document line says it), in the model's order
SPAN_FIELDS = tuple(f.name for f in fields(Span) if f.name != "doc_id")


def document_line(document: DocumentRecord, spans: list[Span]) -> dict[str, Any]:
    """The `"document"` record of `document` with `spans` (each checked against the text)."""
    for span in spans:
        checked_text(document, span)
    return {
        "record": "document",
        "id": document.id,
        "text": document.text,
        "title": document.title,
        "done": document.done,
        "meta": {
            "source": document.path,
            "lang": document.lang,
            "direction": document.direction,
            "sha256": document.sha256,
            "extra": document.meta,
        },
        "spans": [{name: getattr(span, name) for name in SPAN_FIELDS} for span in spans],
    }


def dump(annotations: AnnotationSet, track: Track = no_progress) -> Dump:
    """The whole set as JSONL: documents (with spans), then entities, then links."""
    grouped = spans_by_document(annotations)
    lines = []
    for document in track(annotations.documents):
        lines.append(dumps(document_line(document, grouped.get(document.id, []))))
    for entity in annotations.entities:
        lines.append(dumps({"record": "entity", **entity.to_dict()}))
    for link in annotations.links:
        lines.append(dumps({"record": "link", **link.to_dict()}))
    return Dump({"": "".join(line + "\n" for line in lines)})


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    """Every record of a native JSONL file, validated; ImportRejected lists what is wrong."""
    problems = ProblemList()
    file = str(path)
    result = AnnotationSet()
    span_doc: dict[str, str] = {}          # span id -> doc id
    entity_refs: list[tuple[int, str]] = []  # (line, entity id) mentioned by spans
    speaker_refs: list[tuple[int, str, str]] = []  # (line, doc id, speaker span id)
    doc_ids: set[str] = set()
    entity_ids: set[str] = set()
    link_ids: set[str] = set()
    for number, record in read_json_lines(path, problems):
        if not isinstance(record, dict):
            problems.add(file, "a line must be a JSON object", number)
            continue
        kind = record.get("record")
        if kind == "document":
            _read_document(record, number, file, labels, problems, result, doc_ids, span_doc, entity_refs, speaker_refs)
        elif kind == "entity":
            if not isinstance(record.get("id"), str) or not isinstance(record.get("type"), str) or not isinstance(record.get("name"), str):
                problems.add(file, "entity record needs string id, type and name", number)
                continue
            if record["id"] in entity_ids:
                problems.add(file, f"entity {record['id']} appears twice", number)
                continue
            entity_ids.add(record["id"])
            reason = record_problem("entities", record["id"], record)
            if reason is None and labels is not None and record["type"] not in labels:
                reason = f"unknown label {record['type']!r}"
            if reason:
                problems.add(file, f"entity {record['id']}: {reason}", number)
                continue
            result.entities.append(Entity.from_dict(record))
        elif kind == "link":
            if record.get("type") not in LINK_TYPES:
                problems.add(file, f"link type must be one of {', '.join(LINK_TYPES)}, got {record.get('type')!r}", number)
                continue
            if not all(isinstance(record.get(k), str) for k in ("id", "source", "target")):
                problems.add(file, "link record needs string id, source and target", number)
                continue
            if record["id"] in link_ids:
                problems.add(file, f"link {record['id']} appears twice", number)
                continue
            link_ids.add(record["id"])
            for end in ("source", "target"):
                if record[end] not in span_doc:
                    problems.add(file, f"link {record['id']}: {end} span {record[end]!r} is not in the file", number)
            result.links.append(ClaimLink.from_dict(record))
        else:
            problems.add(file, f'unknown record type {kind!r} (expected "document", "entity" or "link")', number)
    entity_ids = {e.id for e in result.entities}
    for number, entity_id in entity_refs:
        if entity_id not in entity_ids:
            problems.add(file, f"span refers to entity {entity_id!r}, which is not in the file", number)
    for number, doc_id, speaker in speaker_refs:
        if span_doc.get(speaker) != doc_id:
            problems.add(file, f"claim speaker {speaker!r} is not a span of document {doc_id}", number)
    problems.raise_if_any()
    return result


def _read_document(
    record: dict[str, Any], number: int, file: str, labels: Collection[str] | None, problems: ProblemList,
    result: AnnotationSet, doc_ids: set[str], span_doc: dict[str, str],
    entity_refs: list[tuple[int, str]], speaker_refs: list[tuple[int, str, str]],
) -> None:
    doc_id, text, meta = record.get("id"), record.get("text"), record.get("meta") or {}
    if not isinstance(doc_id, str) or not doc_id or not isinstance(text, str) or not isinstance(meta, dict):
        problems.add(file, "document record needs a string id, a string text and a meta object", number)
        return
    if doc_id in doc_ids:
        problems.add(file, f"document {doc_id} appears twice", number)
        return
    doc_ids.add(doc_id)
    reason = _document_fields_problem(record, meta)
    if reason:
        problems.add(file, f"document {doc_id}: {reason}", number)
        return
    sha = sha256_of(text)
    if meta.get("sha256") not in (None, sha):
        problems.add(file, f"document {doc_id}: meta.sha256 does not match the text", number)
        return
    spans = record.get("spans") or []
    if not isinstance(spans, list):
        problems.add(file, f"document {doc_id}: spans must be a list", number)
        return
    good = True
    for item in spans:
        if not isinstance(item, dict):
            problems.add(file, f"document {doc_id}: a span must be an object", number)
            good = False
            continue
        reason = span_problem(text, item.get("start"), item.get("end"), item.get("label"), item.get("kind"), item.get("text"), labels)
        if reason is None and "id" in item and (not isinstance(item["id"], str) or item["id"] in span_doc):
            reason = f"span id {item['id']!r} is not a string or appears twice"
        if reason is None:
            reason = attrs_problem(item.get("attrs") or {})
        if reason is not None:
            problems.add(file, f"document {doc_id}: {reason}", number)
            good = False
            continue
        span = Span.from_dict({**item, "doc_id": doc_id, "attrs": item.get("attrs") or {}})
        span_doc[span.id] = doc_id
        if span.entity_id:
            entity_refs.append((number, span.entity_id))
        if span.claim.speaker:
            speaker_refs.append((number, doc_id, span.claim.speaker))
        result.spans.append(span)
    if good:
        result.documents.append(DocumentRecord(
            id=doc_id, sha256=sha, text=text, path=meta.get("source") or "",
            lang=meta.get("lang") or "und", direction=meta.get("direction") or "ltr",
            title=record.get("title") or "", done=record.get("done", False),
            meta=meta.get("extra") or {},
        ))


def _document_fields_problem(record: dict[str, Any], meta: dict[str, Any]) -> str | None:
    """Why a document line's title, done flag or meta fields have the wrong type, or None
    (a value is never coerced: `"done": "yes"` is not true)."""
    for where, name, kind, wanted in ((record, "title", str, "a string"), (record, "done", bool, "true or false"),
                                      (meta, "source", str, "a string"), (meta, "lang", str, "a string"),
                                      (meta, "direction", str, "a string"), (meta, "extra", dict, "an object")):
        value = where.get(name)
        if value is not None and not isinstance(value, kind):
            label = name if where is record else f"meta.{name}"
            return f"{label} must be {wanted}, got {value!r:.40}"
    deep = nesting_problem(meta)
    return f"meta is {deep}" if deep else None
