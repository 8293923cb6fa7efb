"""The corpus's relations as the TUI uses them: found by reader.align, decided by the user.

`CorpusRelations` pairs the relations `reader.align.find_relations` found with the user's
decisions from the store (`AnnotationStore.relation_decisions`). It answers what the library
shows per document (a short marker), what the relations dialog lists, and which pairs of
documents the reading screen aligns paragraph by paragraph: a rejected relation is never
used for pairing, a confirmed one always is.

No Textual here: the app fills it in a worker thread and the screens only read it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from reader.align.relations import Relation

#: One symbol per kind, so the library column reads without colour.
KIND_SYMBOLS = {"duplicate": "≈", "translation": "⇄", "same-event": "~"}
#: Which kind a document's marker names first when it has several relations.
_KIND_ORDER = {"duplicate": 0, "translation": 1, "same-event": 2}
# Loaded documents are named "<name>_<16 hex digits of the sha256>": the name is enough on screen.
_HASHED_ID = re.compile(r"^(.+)_[0-9a-f]{16}$")


def short_id(doc_id: str) -> str:
    """``doc_id`` without its content-hash suffix ("000_f1f3…" -> "000")."""
    found = _HASHED_ID.match(doc_id)
    return found.group(1) if found else doc_id


class CorpusRelations:
    """Relations among the loaded documents and the user's decisions on them.

    ``decisions``: `Relation.key` -> "confirmed" | "rejected" (the store's, or empty).
    """

    def __init__(self, relations: Iterable[Relation] = (), decisions: dict[str, str] | None = None) -> None:
        self.relations = list(relations)
        self.decisions = dict(decisions or {})
        self._by_document: dict[str, list[Relation]] = {}
        for relation in self.relations:
            self._by_document.setdefault(relation.a, []).append(relation)
            self._by_document.setdefault(relation.b, []).append(relation)

    def of(self, doc_id: str) -> list[Relation]:
        """The relations of document ``doc_id``: rejected ones last, then by kind and score."""
        found = self._by_document.get(doc_id, [])
        return sorted(found, key=lambda r: (self.decision(r) == "rejected", _KIND_ORDER[r.kind], -r.score, r.key))

    def decision(self, relation: Relation) -> str | None:
        """"confirmed", "rejected", or None (not decided)."""
        return self.decisions.get(relation.key)

    def decide(self, relation: Relation, decision: str | None) -> None:
        """Note ``decision`` here (the store keeps it: see AnnotationStore.set_relation_decision)."""
        if decision is None:
            self.decisions.pop(relation.key, None)
        else:
            self.decisions[relation.key] = decision

    @staticmethod
    def other(relation: Relation, doc_id: str) -> str:
        """The document of ``relation`` that is not ``doc_id``."""
        return relation.b if relation.a == doc_id else relation.a

    def marker(self, doc_id: str) -> str:
        """What the library shows for ``doc_id``: "⇄ 004 translation", "≈ 001 duplicate +2"
        (two more relations), "" for none. Rejected relations are not shown."""
        shown = [r for r in self.of(doc_id) if self.decision(r) != "rejected"]
        if not shown:
            return ""
        first = shown[0]
        text = f"{KIND_SYMBOLS[first.kind]} {short_id(self.other(first, doc_id))} {first.kind}"
        if self.decision(first) == "confirmed":
            text += " ✓"
        if len(shown) > 1:
            text += f" +{len(shown) - 1}"
        return text

    def pairing(self, a: str, b: str) -> str | None:
        """How the reading screen pairs documents ``a`` and ``b``: "confirmed" (align them),
        "rejected" (do not: no alignment, no highlight), None (no decision: align them)."""
        decisions = {self.decision(r) for r in self._by_document.get(a, []) if self.other(r, a) == b}
        if "confirmed" in decisions:
            return "confirmed"
        if "rejected" in decisions:
            return "rejected"
        return None

    def partners(self, doc_id: str) -> list[str]:
        """Documents to read beside ``doc_id``, best first: confirmed relations, then
        undecided ones (rejected ones are not offered)."""
        ranked = sorted(
            (r for r in self.of(doc_id) if self.decision(r) != "rejected"),
            key=lambda r: (self.decision(r) != "confirmed", _KIND_ORDER[r.kind] != 1, -r.score),
        )
        seen: dict[str, None] = {}
        for relation in ranked:
            seen.setdefault(self.other(relation, doc_id), None)
        return list(seen)


def evidence_summary(relation: Relation, limit: int = 60) -> str:
    """One line on why ``relation`` was found: the measure that decided it and the
    first shared anchors ("8 shared anchors, all in place: ilrs, roscosmos, 2021…")."""
    evidence = relation.evidence or {}
    parts: list[str] = []
    if relation.kind == "duplicate":
        parts.append(f"{evidence.get('shingle_jaccard', relation.score):.0%} of word triples shared")
    elif "anchor_coverage" in evidence:
        parts.append(f"anchor coverage {evidence['anchor_coverage']:.0%}, "
                     f"{evidence.get('anchors_in_place', 0):.0%} in place")
    elif "content_word_jaccard" in evidence:
        parts.append(f"{evidence['content_word_jaccard']:.0%} of content words shared")
    anchors = [a.lstrip("#") for a in evidence.get("shared_anchors", [])]
    if anchors:
        parts.append(f"{len(anchors)} shared: " + ", ".join(anchors))
    text = "; ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"
