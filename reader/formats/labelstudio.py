"""Label Studio JSON: a list of tasks `{"data": {"text", "doc_id", ...}, "annotations":
[{"result": [...]}]}`, with offsets in code points.

Label Studio's Text tag stored JavaScript (UTF-16) offsets until 2021; since then its front
end stores code points (label-studio PR #1559 "Store code points instead of js length",
merged through label-studio-frontend PR #308), which is what its Python converters
expect. Emoji-related offset bugs were reported for years after (label-studio #1347,
#6057), so importing checks each region's `text` against the document and rejects a
mismatch rather than guessing.

Each span is a `labels` region (`from_name` "label", `to_name` "text", `value` with
`start`, `end`, `text`, `labels`); a link inside one document is a `relation` result
(`from_id`, `to_id`, `labels: [type]`). Not carried: entity ids, claim attributes, entity
records, cross-document links (counted in a warning). The labeling config that matches is
in docs/formats.md.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from reader.formats.checks import checked_text, kind_of_label, span_problem
from reader.formats.json_text import dumps
from reader.formats.output import Dump, Track, no_progress
from reader.formats.problems import ProblemList
from reader.formats.reading import document_from_text, read_json
from reader.formats.selection import links_within_documents, spans_by_document
from reader.store.model import LINK_TYPES, AnnotationSet, ClaimLink, Span

DIRECTORY = False


def dump(annotations: AnnotationSet, track: Track = no_progress) -> Dump:
    """A JSON list with one task per document, its spans and links as one annotation."""
    grouped = spans_by_document(annotations)
    links_by_doc, cross = links_within_documents(annotations)
    tasks = []
    for document in track(annotations.documents):
        result: list[dict[str, Any]] = []
        for span in grouped.get(document.id, []):
            result.append({
                "id": span.id, "from_name": "label", "to_name": "text", "type": "labels",
                "value": {"start": span.start, "end": span.end, "text": checked_text(document, span), "labels": [span.label]},
            })
        for link in links_by_doc.get(document.id, []):
            result.append({"from_id": link.source, "to_id": link.target, "type": "relation",
                           "direction": "right", "labels": [link.type]})
        tasks.append({
            "data": {"text": document.text, "doc_id": document.id, "title": document.title,
                     "lang": document.lang, "direction": document.direction},
            "annotations": [{"result": result}],
        })
    warnings = [f"Label Studio relations stay inside one task: {cross} cross-document link(s) not exported"] if cross else []
    return Dump({"": dumps(tasks, indent=True) + "\n"}, warnings)


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    """Documents, spans and links from a Label Studio export (a JSON list of tasks).
    Problems name the task by its position in the list (`task N`)."""
    problems = ProblemList()
    file = str(path)
    result = AnnotationSet()
    tasks = read_json(path, problems)
    if tasks is not None and not isinstance(tasks, list):
        problems.add(file, "a Label Studio export is a JSON list of tasks")
        tasks = None
    doc_ids: set[str] = set()
    known: set[str] = set()  # span ids already in the result
    ignored = repeated = 0
    for index, task in enumerate(tasks or [], start=1):
        where = f"task {index}"
        data = task.get("data") if isinstance(task, dict) else None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            problems.add(file, f"{where}: needs data.text")
            continue
        text = data["text"]
        doc_id = str(data.get("doc_id") or f"{Path(file).stem}-{task.get('id', index)}")
        if doc_id in doc_ids:
            problems.add(file, f"{where}: document {doc_id} appears twice")
            continue
        doc_ids.add(doc_id)
        # A region repeated in another annotation of the task (same id, offsets and label:
        # an annotation copied from another or from a prediction) is one span, not two.
        seen: dict[tuple[str, int, int, str], Span] = {}  # (region id, start, end, label)
        for annotation in task.get("annotations") or task.get("completions") or []:
            if not isinstance(annotation, dict) or annotation.get("was_cancelled"):
                ignored += 1
                continue
            # Region ids are unique within one annotation, and relations stay inside it.
            regions: dict[str, Span] = {}
            relations = []
            annotator = str(annotation.get("completed_by", "") or "")
            for item in annotation.get("result") or []:
                kind = item.get("type") if isinstance(item, dict) else None
                if kind == "relation":
                    relations.append(item)
                elif kind == "labels":
                    span = _span(item, doc_id, text, labels, annotator)
                    if isinstance(span, str):
                        problems.add(file, f"{where} ({doc_id}): {span}")
                    elif str(item.get("id")) in regions:
                        problems.add(file, f"{where} ({doc_id}): region id {item.get('id')!r} appears twice in one annotation")
                    else:
                        key = (str(item.get("id")), span.start, span.end, span.label)
                        if item.get("id") is not None and key in seen:
                            repeated += 1
                            span = seen[key]
                        else:
                            seen[key] = span
                        regions[str(item.get("id") or span.id)] = span
                else:
                    ignored += 1
            for item in relations:
                source, target = regions.get(str(item.get("from_id"))), regions.get(str(item.get("to_id")))
                types = item.get("labels") or []
                if source is None or target is None or len(types) != 1 or types[0] not in LINK_TYPES:
                    problems.add(file, f"{where} ({doc_id}): relation {item.get('from_id')!r} -> {item.get('to_id')!r} "
                                       f"needs known regions and one label in {', '.join(LINK_TYPES)}")
                    continue
                result.links.append(ClaimLink(source=source.id, target=target.id, type=types[0]))
            result.spans.extend(s for s in regions.values() if s.id not in known)
            known.update(s.id for s in regions.values())
        result.documents.append(document_from_text(
            doc_id, text, title=str(data.get("title") or ""), lang=str(data.get("lang") or "und"),
            direction=str(data.get("direction") or "ltr"),
        ))
    problems.raise_if_any()
    if repeated and warnings is not None:
        warnings.append(f"{file}: {repeated} region(s) repeated in several annotations of a task "
                        "(same id, offsets and label) imported once")
    if ignored and warnings is not None:
        warnings.append(f"{file}: {ignored} cancelled annotation(s) or non-span result(s) not imported")
    return result


def _span(item: dict[str, Any], doc_id: str, text: str, labels: Collection[str] | None, annotator: str) -> Span | str:
    value = item.get("value")
    if not isinstance(value, dict):
        return f"region {item.get('id')!r} has no value"
    names = value.get("labels")
    if not isinstance(names, list) or len(names) != 1:
        return f"region {item.get('id')!r} must have exactly one label, has {names!r}"
    label = names[0]
    kind = kind_of_label(label if isinstance(label, str) else "")
    reason = span_problem(text, value.get("start"), value.get("end"), label, kind, value.get("text"), labels)
    if reason:
        return f"region {item.get('id')!r}: {reason}"
    start, end = value["start"], value["end"]
    fields = {"doc_id": doc_id, "start": start, "end": end, "kind": kind, "label": label, "text": text[start:end], "annotator": annotator}
    if isinstance(item.get("id"), str) and item["id"].startswith("s-"):
        fields["id"] = item["id"]  # our own span id, exported by us: keep it
    return Span(**fields)
