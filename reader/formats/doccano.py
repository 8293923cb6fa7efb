"""doccano JSONL, both sequence-labeling forms, with offsets in UTF-16 code units.

doccano computes offsets in its browser front end with JavaScript string indices, i.e.
UTF-16 code units (doccano issue #2290; #2484 is still open in 2026), unless the project
enables "Count grapheme clusters as one character". So we convert: an emoji or 𝐀 before
a span shifts doccano's offsets by one per character against ours.

- label form (default): `{"doc_id", "text", "label": [[start, end, label], ...]}`;
- relation form (`relations=True`): `{"doc_id", "text", "entities": [{"id", "label",
  "start_offset", "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`;
  links within one document become relations; links across documents cannot be
  doccano relations and are counted in a warning.

Carried: offsets, labels (CLAIM = claim spans), same-document links (relation form).
Not carried: span ids, entity ids, claim attributes, entity records, cross-document links.
Import accepts both forms and any extra keys; a record without `doc_id` is named
`<file stem>-<id or line>`.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from reader.formats.checks import checked_text, kind_of_label, span_problem
from reader.formats.json_text import dumps
from reader.formats.offsets import Utf16Offsets
from reader.formats.output import Dump, Track, no_progress
from reader.formats.problems import ProblemList
from reader.formats.reading import document_from_text, read_json_lines
from reader.formats.selection import links_within_documents, spans_by_document
from reader.store.model import LINK_TYPES, AnnotationSet, ClaimLink, Span, is_link_type

DIRECTORY = False


def dump(annotations: AnnotationSet, track: Track = no_progress, relations: bool = False) -> Dump:
    """One doccano record per document (label form, or relation form when `relations`)."""
    grouped = spans_by_document(annotations)
    links_by_doc, cross = links_within_documents(annotations)
    lines = []
    for document in track(annotations.documents):
        spans = grouped.get(document.id, [])
        units = Utf16Offsets(document.text)
        for span in spans:
            checked_text(document, span)
        record: dict[str, Any] = {"doc_id": document.id, "text": document.text}
        if relations:
            number = {s.id: i + 1 for i, s in enumerate(spans)}
            record["entities"] = [
                {"id": number[s.id], "label": s.label, "start_offset": units.to_utf16(s.start), "end_offset": units.to_utf16(s.end)}
                for s in spans
            ]
            record["relations"] = [
                {"id": i + 1, "from_id": number[l.source], "to_id": number[l.target], "type": l.type}
                for i, l in enumerate(links_by_doc.get(document.id, []))
            ]
        else:
            record["label"] = [[units.to_utf16(s.start), units.to_utf16(s.end), s.label] for s in spans]
        lines.append(dumps(record) + "\n")
    warnings = []
    if annotations.links and not relations:
        warnings.append(f"doccano label form carries no links: {len(annotations.links)} claim link(s) not exported (use the relation form)")
    elif cross:
        warnings.append(f"doccano relations stay inside one document: {cross} cross-document link(s) not exported")
    return Dump({"": "".join(lines)}, warnings)


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    """Documents, spans and same-document links from a doccano JSONL file (either form)."""
    problems = ProblemList()
    file = str(path)
    result = AnnotationSet()
    doc_ids: set[str] = set()
    for number, record in read_json_lines(path, problems):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            problems.add(file, "a record must be an object with a string text", number)
            continue
        text = record["text"]
        doc_id = str(record.get("doc_id") or f"{Path(file).stem}-{record.get('id', number)}")
        if doc_id in doc_ids:
            problems.add(file, f"document {doc_id} appears twice", number)
            continue
        doc_ids.add(doc_id)
        units = Utf16Offsets(text)
        if "entities" in record:
            items = record.get("entities")
            triples = [(e.get("start_offset"), e.get("end_offset"), e.get("label"), e.get("id")) if isinstance(e, dict) else None
                       for e in (items if isinstance(items, list) else [None])]
        else:
            items = record.get("label", [])
            triples = [tuple(t) + (None,) if isinstance(t, list) and len(t) == 3 else None
                       for t in (items if isinstance(items, list) else [None])]
        by_number: dict[Any, Span] = {}
        for triple in triples:
            if triple is None:
                problems.add(file, f"document {doc_id}: a label must be [start, end, label] or an entity object", number)
                continue
            start16, end16, label, number_id = triple
            span = _span(doc_id, text, units, start16, end16, label, labels)
            if isinstance(span, str):
                problems.add(file, f"document {doc_id}: {span}", number)
                continue
            result.spans.append(span)
            if number_id is not None:
                by_number[number_id] = span
        for relation in record.get("relations") or []:
            ends = [by_number.get(relation.get(k)) if isinstance(relation, dict) else None for k in ("from_id", "to_id")]
            kind = relation.get("type") if isinstance(relation, dict) else None
            source, target = ends
            if source is None or target is None or not is_link_type(kind):
                problems.add(file, f"document {doc_id}: relation {relation!r} needs known from_id/to_id and a type in {', '.join(LINK_TYPES)}", number)
                continue
            result.links.append(ClaimLink(source=source.id, target=target.id, type=kind))
        result.documents.append(document_from_text(doc_id, text))
    problems.raise_if_any()
    return result


def _span(doc_id: str, text: str, units: Utf16Offsets, start16: Any, end16: Any, label: Any, labels: Collection[str] | None) -> Span | str:
    """The Span at UTF-16 offsets [start16, end16), or the reason it is unacceptable."""
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start16, end16)):
        return f"offsets must be integers, got {start16!r}, {end16!r}"
    start, end = units.to_code_points(start16), units.to_code_points(end16)
    if start is None or end is None:
        return (f"UTF-16 offsets [{start16}, {end16}) are out of range (the text has "
                f"{units.utf16_length} UTF-16 units) or split a surrogate pair")
    kind = kind_of_label(label if isinstance(label, str) else "")
    reason = span_problem(text, start, end, label, kind, None, labels)
    if reason:
        return reason
    return Span(doc_id=doc_id, start=start, end=end, kind=kind, label=label, text=text[start:end])
