"""Prodigy / spaCy JSONL: one task per document with `text`, `tokens`, `spans`, hashes, `answer`.

Tokens come from reader.formats.tokens (our own tokenizer, cut at every span boundary so
every span is token-aligned); `token_start`/`token_end` are inclusive token indices.
Offsets are code points, as in spaCy and Prodigy (both Python). Spans also carry our
`id`, `kind`, `entity_id` and `attrs`, which Prodigy keeps as extra keys, and
`meta.entities` holds the records of the entities those spans mention. Claim links have
no place in a task and are not exported (a warning counts them).
`_input_hash`/`_task_hash` are stable signed 32-bit hashes of our own (SHA-256 based),
not Prodigy's murmurhash: Prodigy uses them only to deduplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path
from typing import Any

import orjson

from reader.formats.checks import attrs_problem, checked_text, kind_of_label, span_problem
from reader.store.validation import record_problem
from reader.formats.json_text import dumps
from reader.formats.output import Dump, Track, no_progress
from reader.formats.problems import ProblemList
from reader.formats.reading import document_from_text, read_json_lines
from reader.formats.selection import spans_by_document
from reader.formats.tokens import tokenize
from reader.store.model import AnnotationSet, Entity, Span

DIRECTORY = False


def _hash32(payload: bytes) -> int:
    return int.from_bytes(hashlib.sha256(payload).digest()[:4], "big", signed=True)


def dump(annotations: AnnotationSet, track: Track = no_progress) -> Dump:
    """One accepted Prodigy task per document."""
    grouped = spans_by_document(annotations)
    entities = {e.id: e for e in annotations.entities}
    lines = []
    for document in track(annotations.documents):
        spans = grouped.get(document.id, [])
        mentioned = sorted({s.entity_id for s in spans if s.entity_id in entities})
        for span in spans:
            checked_text(document, span)
        tokens = tokenize(document.text, starts={s.start for s in spans}, ends={s.end for s in spans})
        token_at_start = {t.start: t.id for t in tokens}
        token_at_end = {t.end: t.id for t in tokens}
        task_spans = [
            {
                "start": s.start, "end": s.end, "text": s.text, "label": s.label,
                "token_start": token_at_start[s.start], "token_end": token_at_end[s.end],
                "id": s.id, "kind": s.kind, "entity_id": s.entity_id, "attrs": s.attrs,
            }
            for s in spans
        ]
        input_hash = _hash32(document.text.encode("utf-8"))
        task = {
            "text": document.text,
            "meta": {"id": document.id, "title": document.title, "lang": document.lang,
                     "direction": document.direction, "source": document.path,
                     "entities": [entities[e].to_dict() for e in mentioned]},
            "tokens": [{"text": t.text, "start": t.start, "end": t.end, "id": t.id, "ws": t.ws} for t in tokens],
            "spans": task_spans,
            "_input_hash": input_hash,
            "_task_hash": _hash32(orjson.dumps([input_hash, [(s["start"], s["end"], s["label"]) for s in task_spans]])),
            "answer": "accept",
        }
        lines.append(dumps(task) + "\n")
    warnings = [f"Prodigy tasks carry no claim links: {len(annotations.links)} link(s) not exported"] if annotations.links else []
    return Dump({"": "".join(lines)}, warnings)


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    """Accepted tasks become documents with their spans; rejected and ignored tasks are
    counted in `warnings` (they are an annotator's "no", not annotations)."""
    problems = ProblemList()
    file = str(path)
    result = AnnotationSet()
    doc_ids: set[str] = set()
    entities: dict[str, Entity] = {}
    mentions: list[tuple[int, str]] = []   # (line, entity id) named by spans
    skipped = 0
    for number, task in read_json_lines(path, problems):
        if not isinstance(task, dict) or not isinstance(task.get("text"), str):
            problems.add(file, "a task must be an object with a string text", number)
            continue
        if task.get("answer", "accept") != "accept":
            skipped += 1
            continue
        text = task["text"]
        meta = task["meta"] if isinstance(task.get("meta"), dict) else {}
        doc_id = str(meta.get("id") or f"{Path(file).stem}-{number}")
        if doc_id in doc_ids:
            problems.add(file, f"document {doc_id} appears twice", number)
            continue
        doc_ids.add(doc_id)
        tokens = task.get("tokens") or []
        reason = _tokens_problem(text, tokens)
        if reason:
            problems.add(file, f"document {doc_id}: {reason}", number)
            continue
        for record in meta.get("entities") or []:
            if not isinstance(record, dict) or not all(isinstance(record.get(k), str) for k in ("id", "type", "name")):
                problems.add(file, f"document {doc_id}: meta.entities items need string id, type and name", number)
            elif record_problem("entities", record["id"], record):
                problems.add(file, f"document {doc_id}: entity {record['id']}: "
                                   f"{record_problem('entities', record['id'], record)}", number)
            elif labels is not None and record["type"] not in labels:
                problems.add(file, f"document {doc_id}: entity {record['id']}: unknown label {record['type']!r}", number)
            else:
                entities.setdefault(record["id"], Entity.from_dict(record))
        for item in task.get("spans") or []:
            span = _read_span(item, text, tokens, doc_id, labels)
            if isinstance(span, str):
                problems.add(file, f"document {doc_id}: {span}", number)
            else:
                result.spans.append(span)
                if span.entity_id:
                    mentions.append((number, span.entity_id))
        result.documents.append(document_from_text(
            doc_id, text, title=str(meta.get("title") or ""), lang=str(meta.get("lang") or "und"),
            direction=str(meta.get("direction") or "ltr"), path=str(meta.get("source") or ""),
        ))
    for number, entity_id in mentions:
        if entity_id not in entities:
            problems.add(file, f"span refers to entity {entity_id!r}, which meta.entities does not describe", number)
    result.entities.extend(entities.values())
    problems.raise_if_any()
    if skipped and warnings is not None:
        warnings.append(f"{file}: {skipped} rejected or ignored task(s) not imported")
    return result


def _tokens_problem(text: str, tokens: Any) -> str | None:
    if not isinstance(tokens, list):
        return "tokens must be a list"
    for i, token in enumerate(tokens):
        if not isinstance(token, dict) or not isinstance(token.get("start"), int) or not isinstance(token.get("end"), int):
            return f"token {i} needs integer start and end"
        if text[token["start"]:token["end"]] != token.get("text") or token["end"] > len(text):
            return f"token {i} text {token.get('text')!r} does not match the text at [{token['start']}, {token['end']})"
    return None


def _read_span(item: Any, text: str, tokens: list[Any], doc_id: str, labels: Collection[str] | None) -> Span | str:
    """The Span an item describes, or the reason it is unacceptable."""
    if not isinstance(item, dict):
        return "a span must be an object"
    label = item.get("label")
    kind = item.get("kind") or kind_of_label(label if isinstance(label, str) else "")
    reason = span_problem(text, item.get("start"), item.get("end"), label, kind, item.get("text"), labels)
    if reason:
        return reason
    start, end = item["start"], item["end"]
    if tokens and ("token_start" in item or "token_end" in item):
        ts, te = item.get("token_start"), item.get("token_end")
        if not (isinstance(ts, int) and isinstance(te, int) and 0 <= ts <= te < len(tokens)
                and tokens[ts]["start"] == start and tokens[te]["end"] == end):
            return f"span [{start}, {end}) does not match tokens {ts}..{te}"
    attrs = item.get("attrs") or {}
    reason = attrs_problem(attrs)
    if reason:
        return reason
    fields = {"doc_id": doc_id, "start": start, "end": end, "kind": kind, "label": label,
              "text": text[start:end], "attrs": attrs, "entity_id": item.get("entity_id")}
    if isinstance(item.get("id"), str):
        fields["id"] = item["id"]
    return Span(**fields)
