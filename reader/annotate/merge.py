"""Merging annotators into a gold database: what enough of them agree on exactly goes in,
the rest waits for a curator (reader.annotate.curation).

- A span (document, kind, label, start, end) proposed by at least `min_agree` annotators
  (default: every annotator who touched its document) becomes a gold span with annotator
  `merge` and `attrs["agreed"]`, the names of those who proposed it.
- Every other span becomes a candidate in the curation table, with who proposed it.
- Entities merge by their matched mentions: annotators' entities linked from the versions of
  one gold span become one gold entity (types and names by majority, aliases together).
- A claim link joins the gold when both its ends did; until then it waits in the table.

All of it is one store change (one undo). Merging again, after more annotation, adds what is
new and keeps every decision already made: a span in the gold stays, a rejected candidate
stays rejected even if everyone proposes it now, an accepted one stays accepted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from reader.annotate.curation import (
    ACCEPTED,
    MERGE,
    OPEN,
    REJECTED,
    candidate_key,
    entity_key,
    link_key,
    most_common,
)
from reader.annotate.team import TeamCorpus
from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.model import AnnotationSet, ClaimLink, Entity, Span, SpanKind

Key = tuple[str, SpanKind, str, int, int]          # doc id, kind, label, start, end


@dataclass
class MergeResult:
    annotators: list[str]
    documents: int = 0          # new in the gold database
    agreed: int = 0             # new gold spans
    candidates: int = 0         # open candidates after the merge
    kept: int = 0               # candidates already decided, left as they were
    entities: int = 0           # new gold entities
    links: int = 0              # new gold claim links
    pending_links: int = 0      # claim links waiting for a candidate to be accepted
    warnings: list[str] = field(default_factory=list)


def _key(span: Span) -> Key:
    return (span.doc_id, span.kind, span.label, span.start, span.end)


class _Entities:
    """Union-find over (annotator, entity id): entities linked from one gold span's versions."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, nodes: list[tuple[str, str]]) -> None:
        roots = [self.find(n) for n in nodes]
        for root in roots[1:]:
            self.parent[root] = roots[0]

    def clusters(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for node in list(self.parent):
            found[self.find(node)].append(node)
        return found


def merge(corpus: TeamCorpus, store: AnnotationStore, min_agree: int | None = None) -> MergeResult:
    """Merge `corpus` into `store` (see the module docstring); one undoable change."""
    people = corpus.annotators
    if min_agree is not None and not 1 <= min_agree <= len(people):
        raise ReaderError(f"--min-agree {min_agree}: there are {len(people)} annotators "
                          f"({', '.join(people)}); give a number from 1 to {len(people)}")
    result = MergeResult(annotators=list(people))
    records = store.curation_records()
    gold_by_key: dict[Key, str] = {_key(s): s.id for s in store.spans()}

    versions: dict[Key, dict[str, Span]] = defaultdict(dict)
    for annotator in people:
        for spans in corpus.spans[annotator].values():
            for span in spans:
                versions[_key(span)].setdefault(annotator, span)
    span_key = {s.id: key for key, by in versions.items() for s in by.values()}

    def needed(doc_id: str) -> int:
        return min_agree or sum(1 for a in people if doc_id in corpus.touched[a])

    # -- which spans are gold, which wait -----------------------------------------------------
    gold_of: dict[Key, str] = {}                # every version key that has a gold span
    new_spans: dict[Key, Span] = {}
    curation_writes: dict[str, dict[str, Any]] = {}
    for key in sorted(versions):
        by = versions[key]
        record = records.get(candidate_key(*key))
        if key in gold_by_key:
            gold_of[key] = gold_by_key[key]
        elif record is not None and record["state"] == ACCEPTED and record.get("span_id") \
                and store.span(record["span_id"]) is not None:
            gold_of[key] = record["span_id"]
        if record is not None and record["state"] != OPEN:
            result.kept += 1
            continue
        if key in gold_of:
            continue
        if len(by) >= needed(key[0]):
            span = Span(key[0], key[3], key[4], key[1], key[2], next(iter(by.values())).text, annotator=MERGE)
            new_spans[key] = span
            gold_of[key] = span.id
            if record is not None:   # an open candidate everyone agrees on now
                curation_writes[record["id"]] = {**record, "state": ACCEPTED, "span_id": span.id,
                                                 "decided_by": MERGE}
            continue
        fresh = {
            "type": "candidate", "doc_id": key[0], "kind": key[1], "label": key[2], "start": key[3],
            "end": key[4], "text": next(iter(by.values())).text, "proposed_by": sorted(by),
            "versions": [_version(a, by[a], corpus) for a in sorted(by)],
            "state": OPEN, "span_id": None, "edited": False, "decided_by": "",
        }
        result.candidates += 1
        if record is None or {k: v for k, v in record.items() if k != "id"} != fresh:
            curation_writes[candidate_key(*key)] = fresh
    proposed = {candidate_key(*k) for k in versions}
    removals = [k for k, r in records.items() if r.get("type") == "candidate" and r["state"] == OPEN
                and k not in proposed]

    # -- entities, by the mentions the gold spans matched -----------------------------------
    entities = _Entities()
    for key, span in new_spans.items():
        linked = [(a, s.entity_id) for a, s in versions[key].items() if s.entity_id]
        if linked:
            entities.union(linked)
    written_entities: dict[str, Entity] = {}
    gold_entity: dict[tuple[str, str], str] = {}
    mention_texts: dict[tuple[str, str], list[str]] = defaultdict(list)   # cluster root -> mentions' texts
    for key, span in new_spans.items():
        for annotator, version in versions[key].items():
            if version.entity_id:
                mention_texts[entities.find((annotator, version.entity_id))].append(span.text)
    for root, members in entities.clusters().items():
        mapped = [records.get(entity_key(*m), {}).get("gold") for m in members]
        existing = next((store.entity(g) for g in mapped if g and store.entity(g) is not None), None)
        sources = [corpus.entities[m[1]] for m in members if m[1] in corpus.entities]
        texts = mention_texts[root]
        if existing is None:
            if not sources:
                continue
            entity = Entity(type=most_common([e.type for e in sources]), name=most_common([e.name for e in sources]),
                            aliases=[])
            result.entities += 1
        else:
            entity = existing
        aliases = list(dict.fromkeys([*entity.aliases, *(a for e in sources for a in [e.name, *e.aliases]), *texts]))
        aliases = [a for a in aliases if a != entity.name]
        if existing is None or aliases != entity.aliases:
            written_entities[entity.id] = Entity(entity.type, entity.name, aliases, id=entity.id, created=entity.created)
        for member in members:
            gold_entity[member] = entity.id
            if records.get(entity_key(*member), {}).get("gold") != entity.id:
                curation_writes[entity_key(*member)] = {"type": "entity", "gold": entity.id}
    for key, span in list(new_spans.items()):
        by = versions[key]
        gold_ids = [gold_entity.get((a, s.entity_id)) for a, s in by.items() if s.entity_id]
        attrs: dict[str, Any] = {}
        if span.kind == "claim":
            attrs = dict(most_common([{k: v for k, v in s.attrs.items() if k != "speaker"} for s in by.values()]))
            # the speaker, if the entity span it names is gold too (in the same document)
            named = [span_key.get(s.attrs["speaker"]) for s in by.values() if s.attrs.get("speaker")]
            speakers = [gold_of[k] for k in named if k in gold_of and k[0] == span.doc_id and k[1] == "entity"]
            attrs["speaker"] = most_common(speakers) if speakers else None
        attrs["agreed"] = sorted(by)
        new_spans[key] = Span(span.doc_id, span.start, span.end, span.kind, span.label, span.text, annotator=MERGE,
                              id=span.id, attrs=attrs, entity_id=next((e for e in gold_ids if e), None))
    result.agreed = len(new_spans)

    # -- claim links --------------------------------------------------------------------------
    existing_links = {(l.source, l.target, l.type) for l in store.links()}
    new_links: list[ClaimLink] = []
    types_between: dict[frozenset[str], set[str]] = defaultdict(set)
    for annotator in people:
        for link in corpus.links.get(annotator, []):
            ends = []
            for end in (link.source, link.target):
                end_key = span_key.get(end)
                if end_key is None:
                    break
                if end_key in gold_of:
                    ends.append({"gold": gold_of[end_key]})
                elif records.get(candidate_key(*end_key), {}).get("state") == REJECTED:
                    break
                else:
                    ends.append({"candidate": candidate_key(*end_key)})
            if len(ends) != 2:
                continue
            if "gold" in ends[0] and "gold" in ends[1]:
                triple = (ends[0]["gold"], ends[1]["gold"], link.type)
                types_between[frozenset(triple[:2])].add(link.type)
                if triple not in existing_links:
                    existing_links.add(triple)
                    new_links.append(ClaimLink(triple[0], triple[1], link.type, annotator=MERGE))
            else:
                pending = {"type": "link", "source": ends[0], "target": ends[1], "link_type": link.type,
                           "annotator": annotator}
                result.pending_links += 1
                if {k: v for k, v in records.get(link_key(link.id), {}).items() if k != "id"} != pending:
                    curation_writes[link_key(link.id)] = pending
    for pair, types in types_between.items():
        if len(types) > 1:
            result.warnings.append(f"claims {' and '.join(sorted(pair))} are linked as {' and '.join(sorted(types))} "
                                   "by different annotators: both links are in the gold")
    result.links = len(new_links)

    new_documents = [d for d in corpus.documents.values() if store.document(d.id) is None]
    for document in corpus.documents.values():
        known = store.document(document.id)
        if known is not None and known.sha256 != document.sha256:
            raise ReaderError(f"document {document.id}: its text in {store.path} differs from the sources'; "
                              "nothing was merged")
    result.documents = len(new_documents)
    if not (new_documents or new_spans or written_entities or new_links or curation_writes or removals):
        return result
    with store.change(f"merge {', '.join(people)}: {len(new_spans)} agreed spans, "
                      f"{result.candidates} to curate"):
        store.apply(AnnotationSet(new_documents, list(new_spans.values()), list(written_entities.values()),
                                  new_links))
        for record_key, record in curation_writes.items():
            store.put_curation_record(record_key, record)
        for removal in removals:
            store.remove_curation_record(removal)
    return result


def _version(annotator: str, span: Span, corpus: TeamCorpus) -> dict[str, Any]:
    """What a curator's decision needs of one annotator's span, kept in the candidate."""
    entity = corpus.entities.get(span.entity_id) if span.entity_id else None
    return {"annotator": annotator, "span_id": span.id, "attrs": dict(span.attrs),
            "entity": None if entity is None else {"id": entity.id, "type": entity.type, "name": entity.name,
                                                   "aliases": list(entity.aliases)}}
