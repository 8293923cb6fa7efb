"""Several annotators' work gathered for comparison: what `reader agree` and `reader merge` read.

A source is an annotation database or a native `jsonl` export. Annotators are the spans'
`annotator` values, so one database holding several imported annotators works as well as
one database each; a span without an annotator is credited to its source's file name.

A document counts when its text is the same (sha256) in every source that has it and at
least two annotators touched it: an annotator touched a document when they have a span in
it, or when a source holding their spans marks it done (read and found nothing to tag).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import ReaderError
from reader.store.model import AnnotationSet, ClaimLink, DocumentRecord, Entity, Span


def load_source(path: Path | str) -> AnnotationSet:
    """Everything in the database or native JSONL export at `path`; ReaderError naming the
    file and the reason when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise ReaderError(f"{path}: no such database or file")
    if path.suffix.lower() == ".jsonl":
        from reader.formats import jsonl
        from reader.formats.problems import ImportRejected

        try:
            return jsonl.load(path, labels=None)
        except ImportRejected as error:
            raise ReaderError("; ".join(str(p) for p in error.problems[:5])) from None
    from reader.store.database import AnnotationStore

    if path.is_dir():
        raise ReaderError(f"{path}: a directory, not a database or a .jsonl export")
    store = AnnotationStore.open(path, read_only=True)
    try:
        return store.snapshot()
    finally:
        store.close()


@dataclass
class TeamCorpus:
    """The counted documents and, per annotator, their spans, links and entities."""

    annotators: list[str]
    documents: dict[str, DocumentRecord]                 # counted documents, by id, sorted
    spans: dict[str, dict[str, list[Span]]]              # annotator -> doc id -> spans (text order)
    touched: dict[str, set[str]]                         # annotator -> counted documents touched
    links: dict[str, list[ClaimLink]]                    # annotator -> links between their claims
    entities: dict[str, Entity] = field(default_factory=dict)  # entity id -> entity (first source wins)
    warnings: list[str] = field(default_factory=list)

    def common(self, a: str, b: str) -> list[str]:
        """The counted documents both `a` and `b` touched, in id order."""
        both = self.touched[a] & self.touched[b]
        return [d for d in self.documents if d in both]

    def spans_of(self, annotator: str, doc_id: str) -> list[Span]:
        return self.spans[annotator].get(doc_id, [])


def gather(sources: list[tuple[str, AnnotationSet]], *, labels: list[str] | None = None,
           doc_ids: list[str] | None = None) -> TeamCorpus:
    """The TeamCorpus of `sources` ((name, annotations) pairs; the name is the source's path),
    optionally only spans with `labels` and documents `doc_ids`."""
    warnings: list[str] = []
    texts: dict[str, DocumentRecord] = {}
    differing: set[str] = set()
    entities: dict[str, Entity] = {}
    seen_spans: set[str] = set()
    spans: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    touched: dict[str, set[str]] = defaultdict(set)
    span_owner: dict[str, str] = {}
    all_links: list[ClaimLink] = []
    wanted_labels = set(labels or ())
    wanted_docs = set(doc_ids or ())
    for name, data in sources:
        fallback = Path(name).stem or name
        for document in data.documents:
            known = texts.get(document.id)
            if known is None:
                texts[document.id] = document
            elif known.sha256 != document.sha256:
                differing.add(document.id)
        for entity in data.entities:
            entities.setdefault(entity.id, entity)
        source_annotators: set[str] = set()
        for span in data.spans:
            annotator = span.annotator or fallback
            source_annotators.add(annotator)
            if span.id in seen_spans:
                continue  # the same span reached us through two sources (an import)
            seen_spans.add(span.id)
            span_owner[span.id] = annotator
            touched[annotator].add(span.doc_id)   # also with --label: they read the document
            if wanted_labels and span.label not in wanted_labels:
                continue
            spans[annotator][span.doc_id].append(span)
        for document in data.documents:
            if document.done:
                for annotator in source_annotators:
                    touched[annotator].add(document.id)
        all_links.extend(data.links)
    unknown = sorted(wanted_docs - set(texts))
    if unknown:
        raise ReaderError(f"no document {', '.join(unknown)} in the sources")
    for doc_id in sorted(differing):
        warnings.append(f"document {doc_id} left out: its text differs between sources")
    counted: dict[str, DocumentRecord] = {}
    annotators = sorted(touched)
    for doc_id in sorted(texts):
        if doc_id in differing or (wanted_docs and doc_id not in wanted_docs):
            continue
        who = [a for a in annotators if doc_id in touched[a]]
        if len(who) < 2:
            warnings.append(f"document {doc_id} left out: annotated by "
                            f"{who[0] if who else 'nobody'} only")
            continue
        counted[doc_id] = texts[doc_id]
    for annotator in annotators:
        touched[annotator] &= counted.keys()
        for doc_id in list(spans[annotator]):
            if doc_id not in counted:
                del spans[annotator][doc_id]
            else:
                spans[annotator][doc_id].sort(key=lambda s: (s.start, -s.end, s.label, s.id))
    annotators = [a for a in annotators if touched[a]]
    links: dict[str, list[ClaimLink]] = {a: [] for a in annotators}
    seen_links: set[str] = set()
    kept = {s.id for a in annotators for doc in spans[a].values() for s in doc}
    for link in all_links:
        owner = span_owner.get(link.source)
        if link.id in seen_links or owner is None or owner != span_owner.get(link.target):
            continue
        seen_links.add(link.id)
        if owner in links and link.source in kept and link.target in kept:
            links[owner].append(link)
    return TeamCorpus(annotators=annotators, documents=counted,
                      spans={a: dict(spans[a]) for a in annotators},
                      touched={a: touched[a] for a in annotators}, links=links,
                      entities=entities, warnings=warnings)
