"""FEVER-style claim verification data, one JSON object a line (export only).

A line per claim span: `id` (the span id), `claim` (its `restatement`, else its text),
`label` from its links to other claims: SUPPORTS when only `supports` links, REFUTES when
only `contradicts` links, NOT ENOUGH INFO otherwise (none, or both kinds); `evidence`:
one evidence set per such link, each `[[document id, start, end, text]]` (code-point
offsets of the linked claim in its document, end exclusive), like FEVER's
`[[annotation, evidence, page, sentence]]` with a document span in place of a page's
sentence number. `verdict` carries the annotator's own verdict when there is one.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from reader.errors import ReaderError
from reader.formats.checks import checked_text
from reader.formats.json_text import dumps
from reader.formats.output import Dump, Track, no_progress
from reader.store.model import AnnotationSet

DIRECTORY = False
LABELS = ("SUPPORTS", "REFUTES", "NOT ENOUGH INFO")


def dump(annotations: AnnotationSet, track: Track = no_progress) -> Dump:
    documents = {d.id: d for d in annotations.documents}
    spans = {s.id: s for s in annotations.spans}
    linked: dict[str, list[tuple[str, str]]] = {}
    for link in annotations.links:
        if link.type in ("supports", "contradicts"):
            linked.setdefault(link.source, []).append((link.type, link.target))
            linked.setdefault(link.target, []).append((link.type, link.source))
    lines = []
    for span in track([s for s in annotations.spans if s.kind == "claim"]):
        if span.doc_id not in documents:
            continue
        checked_text(documents[span.doc_id], span)
        kinds = {kind for kind, _ in linked.get(span.id, ())}
        label = "SUPPORTS" if kinds == {"supports"} else "REFUTES" if kinds == {"contradicts"} else "NOT ENOUGH INFO"
        evidence = []
        for _, other_id in linked.get(span.id, ()):
            other = spans.get(other_id)
            if other is not None and other.doc_id in documents:
                evidence.append([[other.doc_id, other.start, other.end, other.text]])
        record = {"id": span.id, "claim": span.claim.restatement or " ".join(span.text.split()),
                  "label": label, "evidence": evidence if label != "NOT ENOUGH INFO" else [],
                  "source": [span.doc_id, span.start, span.end]}
        if span.claim.verdict is not None:
            record["verdict"] = span.claim.verdict
        lines.append(dumps(record))
    return Dump({"": "".join(line + "\n" for line in lines)})


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    raise ReaderError(f"{path}: FEVER is an export format; import it is not supported")
