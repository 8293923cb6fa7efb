"""Curation: the disagreements `reader merge` left in a gold database, and the curator's
decisions on them (accept one version, with its boundaries edited or not; reject them all).

What merge could not settle lives in the store's curation table (AnnotationStore's
`curation_records`), never in the spans an export writes:

- `c|<doc>|<kind>|<label>|<start>|<end>`: a candidate, one version of a span, with who
  proposed it (`proposed_by`, `versions`: each annotator's span id, entity and attributes)
  and its `state`: "open", "accepted" (its gold span is `span_id`) or "rejected";
- `e|<annotator>|<entity id>`: the gold entity an annotator's entity became;
- `l|<link id>`: an annotator's claim link whose ends are not both in the gold yet (each
  end is `{"gold": span id}` or `{"candidate": key}`); it joins the gold when both are.

A disagreement is a group of candidates of one document and kind that overlap (directly or
through each other), shown with the gold spans they overlap. Every decision is one store
change, so undo takes it back like any other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.model import ClaimLink, Entity, Span

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"
#: how a version is shown (INCEpTION's curation states)
AGREED, DISAGREED, INCOMPLETE = "agreed", "disagreed", "incomplete"
STATES = (AGREED, DISAGREED, INCOMPLETE, ACCEPTED, REJECTED)
#: the annotator recorded on spans, entities and links the merge makes
MERGE = "merge"


def candidate_key(doc_id: str, kind: str, label: str, start: int, end: int) -> str:
    return f"c|{doc_id}|{kind}|{label}|{start}|{end}"


def entity_key(annotator: str, entity_id: str) -> str:
    return f"e|{annotator}|{entity_id}"


def link_key(link_id: str) -> str:
    return f"l|{link_id}"


@dataclass(frozen=True)
class Version:
    """One version of a span at a disagreement: a candidate (`key`) or a gold span (`key`
    None, agreed by the merge or made by a curator)."""

    key: str | None
    doc_id: str
    kind: str
    label: str
    start: int
    end: int
    text: str
    proposed_by: tuple[str, ...]
    state: str
    span_id: str | None = None


@dataclass(frozen=True)
class Disagreement:
    doc_id: str
    kind: str
    start: int
    end: int
    versions: tuple[Version, ...]

    @property
    def open(self) -> bool:
        return any(v.state in (DISAGREED, INCOMPLETE) for v in self.versions)

    @property
    def candidates(self) -> list[Version]:
        return [v for v in self.versions if v.key is not None]

    @property
    def candidate_keys(self) -> list[str]:
        """The keys of `candidates`, in the same order."""
        return [v.key for v in self.versions if v.key is not None]


class Curation:
    """The disagreements of a gold database and the decisions on them."""

    def __init__(self, store: AnnotationStore, curator: str = "") -> None:
        self.store = store
        self.curator = curator or store.annotator

    # -- reading ----------------------------------------------------------------------------
    def candidates(self, doc_id: str | None = None) -> dict[str, dict[str, Any]]:
        """The candidate records (of document `doc_id` only, if given), by key."""
        prefix = "c|" if doc_id is None else f"c|{doc_id}|"
        return {k: r for k, r in self.store.curation_records(prefix).items()
                if r.get("type") == "candidate" and (doc_id is None or r["doc_id"] == doc_id)}

    def disagreements(self, doc_id: str | None = None) -> list[Disagreement]:
        """Every group of overlapping candidates (of document `doc_id` only, if given), in
        document and text order (`order_key`)."""
        records = self.candidates(doc_id)
        accepted_spans = {r["span_id"] for r in records.values() if r["state"] == ACCEPTED and r.get("span_id")}
        by_place: dict[tuple[str, str], list[tuple[int, int, dict[str, Any] | Span]]] = {}
        for record in records.values():
            by_place.setdefault((record["doc_id"], record["kind"]), []).append(
                (record["start"], record["end"], record))
        groups: list[Disagreement] = []
        for (doc, kind), items in sorted(by_place.items()):
            gold = [(s.start, s.end, s) for s in self.store.spans(doc, kind=kind) if s.id not in accepted_spans]
            groups.extend(self._groups(doc, kind, items, gold))
        return sorted(groups, key=order_key)

    def _groups(
        self, doc_id: str, kind: str, candidates: list[tuple[int, int, dict[str, Any] | Span]],
        gold: list[tuple[int, int, Span]],
    ) -> list[Disagreement]:
        items = sorted([*candidates, *gold], key=lambda item: (item[0], -item[1]))
        clusters: list[list[tuple[int, int, Any]]] = []
        reach = -1
        for item in items:
            if clusters and item[0] < reach:
                clusters[-1].append(item)
                reach = max(reach, item[1])
            else:
                clusters.append([item])
                reach = item[1]
        found = []
        for cluster in clusters:
            if not any(isinstance(obj, dict) for _, _, obj in cluster):
                continue  # gold spans only: nothing to curate here
            keys = {(start, end, obj["label"] if isinstance(obj, dict) else obj.label) for start, end, obj in cluster}
            versions = [self._version(obj, several=len(keys) > 1) for _, _, obj in cluster]
            found.append(Disagreement(doc_id, kind, min(v.start for v in versions), max(v.end for v in versions),
                                      tuple(versions)))
        return found

    def _version(self, obj: dict[str, Any] | Span, *, several: bool) -> Version:
        if isinstance(obj, Span):
            agreed = tuple(obj.attrs.get("agreed") or ())
            return Version(None, obj.doc_id, obj.kind, obj.label, obj.start, obj.end, obj.text, agreed,
                           AGREED if obj.annotator == MERGE else ACCEPTED, obj.id)
        state = obj["state"]
        if state == OPEN:
            state = DISAGREED if several else INCOMPLETE
        start, end = obj["start"], obj["end"]
        text = obj["text"]
        if state == ACCEPTED and obj.get("span_id"):
            span = self.store.span(obj["span_id"])
            if span is not None:  # edited boundaries show as they were accepted
                start, end, text = span.start, span.end, span.text
        return Version(obj["id"], obj["doc_id"], obj["kind"], obj["label"], start, end, text,
                       tuple(obj["proposed_by"]), state, obj.get("span_id"))

    def progress(self) -> tuple[int, int]:
        """(open disagreements, all disagreements)."""
        groups = self.disagreements()
        return sum(1 for g in groups if g.open), len(groups)

    # -- deciding ---------------------------------------------------------------------------
    def _records_of(self, group: Disagreement) -> dict[str, dict[str, Any]]:
        found = {key: self.store.curation_record(key) for key in group.candidate_keys}
        return {k: r for k, r in found.items() if r is not None}

    def accept(self, group: Disagreement, key: str, start: int | None = None, end: int | None = None) -> Span:
        """Make candidate `key` of `group` gold (with boundaries `start`..`end` if given: an
        edit), rejecting the group's other candidates. One undoable change; returns the span."""
        records = self._records_of(group)
        record = records.get(key)
        if record is None or key not in group.candidate_keys:
            raise ReaderError(f"{key} is not a version of this disagreement")
        document = self.store.document(record["doc_id"])
        if document is None:
            raise ReaderError(f"document {record['doc_id']} is not in {self.store.path}")
        start = record["start"] if start is None else start
        end = record["end"] if end is None else end
        if not 0 <= start < end <= len(document.text):
            raise ReaderError(f"boundaries {start}..{end} are outside the text (0..{len(document.text)})")
        edited = (start, end) != (record["start"], record["end"])
        what = f"“{_short(document.text[start:end])}” {record['label']}"
        with self.store.change(f"curate: accept {what}{' (edited)' if edited else ''}"):
            self._undo_decisions(group, records)
            version = record["versions"][0] if record["versions"] else {}
            attrs = {k: v for k, v in (version.get("attrs") or {}).items() if k != "speaker"}
            span = Span(record["doc_id"], start, end, record["kind"], record["label"], document.text[start:end],
                        annotator=self.curator, attrs={**attrs, "proposed_by": list(record["proposed_by"])},
                        entity_id=self._gold_entity(record, document.text[start:end]))
            span = self.store.add_span(span)
            for other_key in group.candidate_keys:
                other_record = records[other_key]
                if other_key == key:
                    decided = {**other_record, "state": ACCEPTED, "span_id": span.id, "edited": edited}
                else:
                    decided = {**other_record, "state": REJECTED, "span_id": None, "edited": False}
                records[other_key] = {**decided, "decided_by": self.curator}
                self.store.put_curation_record(other_key, records[other_key])
            self._resolve_links(key, records)
        return span

    def reject_all(self, group: Disagreement) -> None:
        """Reject every candidate of `group` (one undoable change)."""
        records = self._records_of(group)
        with self.store.change(f"curate: reject {len(group.candidates)} versions in {group.doc_id}"):
            self._undo_decisions(group, records)
            for key in group.candidate_keys:
                self.store.put_curation_record(key, {**records[key], "state": REJECTED,
                                                             "span_id": None, "edited": False,
                                                             "decided_by": self.curator})

    def _undo_decisions(self, group: Disagreement, records: dict[str, dict[str, Any]]) -> None:
        """Deciding a group again: the gold span of an earlier acceptance goes."""
        for key in group.candidate_keys:
            span_id = records[key].get("span_id")
            if records[key]["state"] == ACCEPTED and span_id and self.store.span(span_id) is not None:
                self.store.delete_span(span_id)

    def _gold_entity(self, record: dict[str, Any], text: str) -> str | None:
        """The gold entity of the first version's entity (made now if it has none yet)."""
        for version in record["versions"]:
            entity = version.get("entity")
            if not entity:
                continue
            mapped = self.store.curation_record(entity_key(version["annotator"], entity["id"]))
            gold = self.store.entity(mapped["gold"]) if mapped else None
            if gold is not None:
                if text != gold.name and text not in gold.aliases:
                    self.store.update_entity(gold.id, aliases=[*gold.aliases, text])
                return gold.id
            made = self.store.add_entity(Entity(type=entity["type"], name=entity["name"],
                                                aliases=list(dict.fromkeys([*entity.get("aliases", []), text]))))
            self.store.put_curation_record(entity_key(version["annotator"], entity["id"]),
                                           {"type": "entity", "gold": made.id})
            return made.id
        return None

    def _resolve_links(self, key: str, records: dict[str, dict[str, Any]]) -> None:
        """Claim links waiting for candidate `key`: into the gold when both ends are."""
        existing = {(l.source, l.target, l.type) for l in self.store.links()}
        for pending in self.store.curation_records("l|").values():
            if pending.get("type") != "link" or key not in (pending["source"].get("candidate"),
                                                            pending["target"].get("candidate")):
                continue
            source, target = (_gold_end(pending[end], records, self.store) for end in ("source", "target"))
            if source is None or target is None or (source, target, pending["link_type"]) in existing:
                continue
            self.store.add_link(ClaimLink(source, target, pending["link_type"], annotator=MERGE))
            existing.add((source, target, pending["link_type"]))


def _gold_end(end: dict[str, str], records: dict[str, dict[str, Any]], store: AnnotationStore) -> str | None:
    if "gold" in end:
        return end["gold"] if store.span(end["gold"]) is not None else None
    record = records.get(end["candidate"]) or store.curation_record(end["candidate"])
    if record is None or record["state"] != ACCEPTED:
        return None
    return record.get("span_id")


def order_key(group: Disagreement) -> tuple[str, str, int, int]:
    """The order disagreements are listed in: document, kind, then text position."""
    return (group.doc_id, group.kind, group.start, -group.end)


def most_common(values: list[Any]) -> Any:
    """The most frequent value, the first given among equals."""
    counts = Counter(map(repr, values))
    return max(values, key=lambda v: counts[repr(v)])


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["Curation", "Disagreement", "Version", "candidate_key", "entity_key", "link_key", "most_common", "order_key",
           "OPEN", "ACCEPTED", "REJECTED", "AGREED", "DISAGREED", "INCOMPLETE", "STATES", "MERGE"]
