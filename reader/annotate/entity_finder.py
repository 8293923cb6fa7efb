"""Find the corpus entity a mention refers to: fuzzy matching over names and aliases.

A query and every entity name and alias are folded with `reader.core.search.fold`
(harakat, hamza forms, ى/ي, ة/ه, case and accents do not matter), then scored with
rapidfuzz's `fuzz.WRatio`. WRatio is chosen because the finder ranks while the user
types: it takes the best of the plain ratio (near spellings: Roskosmos for Roscosmos),
a partial ratio (a prefix or part of a longer name: "roscos", "Roscosmos" inside
"Roscosmos State Corporation") and the token-set/sort ratios (word order: "Space Agency
China" for "China National Space Administration"), with penalties that keep the plain
ratio on top when lengths are similar. An entity is found through any of its names, in
any script, as long as the spelling typed is one of them or near it; the alias that
scored best is reported so the user sees why a row is there.

This module is pure (no Textual): the TUI's EntityFinder dialog calls it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process

from reader.core.search import fold
from reader.store.model import Entity

__all__ = ["EntityMatch", "EntityChoice", "EntityIndex", "rank_entities", "fold_name", "MIN_SCORE"]

#: Matches scoring below this (0-100) are not shown: below it WRatio mostly reflects
#: shared letters, not a shared name.
MIN_SCORE = 60.0


class EntityMatch(NamedTuple):
    """One ranked entity: the score (0-100, 100 = a name or alias equals the query once
    folded) and the name or alias that matched best."""

    entity: Entity
    score: float
    alias: str


@dataclass(frozen=True, slots=True)
class EntityChoice:
    """What the user chose in the entity finder: link the mention to an existing entity
    (`entity_id`), or create a new entity (`type`, `name`) and link to that."""

    entity_id: str | None = None
    type: str | None = None
    name: str | None = None

    @classmethod
    def link(cls, entity_id: str) -> "EntityChoice":
        return cls(entity_id=entity_id)

    @classmethod
    def create(cls, type: str, name: str) -> "EntityChoice":
        return cls(type=type, name=name)

    @property
    def creates(self) -> bool:
        """True when the choice is a new entity rather than an existing one."""
        return self.entity_id is None


def fold_name(text: str) -> str:
    """`text` folded for matching, with runs of whitespace made one space and no
    leading or trailing space."""
    return " ".join(fold(text).split())


class EntityIndex:
    """The folded names and aliases of a list of entities, built once and ranked against
    many queries (the finder ranks on every keystroke)."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: list[Entity] = list(entities)
        #: folded name or alias, and for each the (entity index, original spelling)
        self._choices: list[str] = []
        self._owners: list[tuple[int, str]] = []
        for index, entity in enumerate(self.entities):
            seen: set[str] = set()
            for name in (entity.name, *entity.aliases):
                folded = fold_name(name)
                if folded and folded not in seen:
                    seen.add(folded)
                    self._choices.append(folded)
                    self._owners.append((index, name))

    def exact(self, query: str) -> list[Entity]:
        """Entities with a name or alias equal to `query` once both are folded."""
        folded = fold_name(query)
        hits = {self._owners[i][0] for i, choice in enumerate(self._choices) if choice == folded}
        return [self.entities[i] for i in sorted(hits)]

    def rank(self, query: str, limit: int = 20, *, prefer_type: str | None = None,
             min_score: float = MIN_SCORE) -> list[EntityMatch]:
        """At most `limit` entities best matching `query`, best first; each entity once,
        with its best-scoring alias. Ties go to entities of `prefer_type`, then by name.
        An empty query returns the first `limit` entities (score 0), preferred type first."""
        folded = fold_name(query)
        if not folded:
            ordered = sorted(self.entities, key=lambda e: (e.type != prefer_type, fold_name(e.name)))
            return [EntityMatch(e, 0.0, e.name) for e in ordered[:limit]]
        best: dict[int, tuple[float, str]] = {}
        for _choice, score, position in process.extract(
            folded, self._choices, scorer=fuzz.WRatio, processor=None, limit=None, score_cutoff=min_score
        ):
            index, alias = self._owners[position]
            if index not in best or score > best[index][0]:
                best[index] = (float(score), alias)
        ranked = sorted(
            best.items(),
            key=lambda item: (-item[1][0], self.entities[item[0]].type != prefer_type,
                              fold_name(self.entities[item[0]].name)),
        )
        return [EntityMatch(self.entities[i], score, alias) for i, (score, alias) in ranked[:limit]]


def rank_entities(query: str, entities: Sequence[Entity], limit: int = 20) -> list[EntityMatch]:
    """The entities best matching `query` by name or alias, best first (see EntityIndex.rank);
    each item is an (entity, score, matched alias) tuple."""
    return EntityIndex(entities).rank(query, limit)
