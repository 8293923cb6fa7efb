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

__all__ = ["EntityMatch", "EntityChoice", "EntityIndex", "FinderRow", "finder_rows", "rank_entities", "fold_name",
           "script_parts", "new_alias", "AliasQuestion", "alias_question", "MIN_SCORE", "PRESELECT_SCORE"]

#: Matches scoring below this (0-100) are not shown: below it WRatio mostly reflects
#: shared letters, not a shared name.
MIN_SCORE = 60.0

#: An entity scoring this much against the typed name or the mention is what the user
#: most likely means: it is preselected, ahead of any "create" row. Near spellings
#: (Roskosmos for Roscosmos: 89) pass, names that merely share letters (Romitin for
#: Rogozin: 57) do not.
PRESELECT_SCORE = 85.0


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
        #: each choice's consonant skeleton, made the first time a query needs them
        self._sounds: list[str] | None = None

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
        for position, score in self._sound_matches(folded):
            index, alias = self._owners[position]
            # A good match in the query's own script stays the one shown.
            if index not in best or best[index][0] < PRESELECT_SCORE <= score:
                best[index] = (score, alias)
        ranked = sorted(
            best.items(),
            key=lambda item: (-item[1][0], self.entities[item[0]].type != prefer_type,
                              fold_name(self.entities[item[0]].name)),
        )
        return [EntityMatch(self.entities[i], score, alias) for i, (score, alias) in ranked[:limit]]


    def _sound_matches(self, folded: str) -> list[tuple[int, float]]:
        """Names written in another script than `folded` that sound like it (روسكوزموس
        and Roscosmos, روجوزين and Rogozin; not Romitin): the consonant skeletons `reader
        compare` matches names by. Such a match scores PRESELECT_SCORE and up, so the
        finder puts the entity first even when it has no alias in the query's script."""
        if len(folded) < 3:
            return []
        from reader.annotate.compare.names import SOUND_MATCH, skeleton

        if self._sounds is None:
            self._sounds = [skeleton(choice) for choice in self._choices]
        latin = folded.isascii()
        sound = skeleton(folded)
        if len(sound) < 2:
            return []
        found = []
        for _, similarity, position in process.extract(
            sound, self._sounds, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=100 * SOUND_MATCH
        ):
            if self._choices[position].isascii() != latin:  # the same script is fuzzy-matched above
                span = 100 - PRESELECT_SCORE
                found.append((position, PRESELECT_SCORE + span * (similarity - 100 * SOUND_MATCH) / (100 - 100 * SOUND_MATCH)))
        return found


class FinderRow(NamedTuple):
    """One row of the entity finder: what choosing it does, and for a link the match
    that put the entity there (None for a "create" row)."""

    choice: EntityChoice
    match: EntityMatch | None


def finder_rows(index: EntityIndex, query: str, mention: str, new_type: str,
                limit: int = 20) -> list[FinderRow]:
    """The finder's rows for `query` (what the user typed; the finder starts with the
    mention) and `mention` (the span's text), the row to preselect first.

    Entities are ranked against the typed name; those matching the mention well
    (`PRESELECT_SCORE`) stay listed after them while the user types another name.
    "Create" rows name the new entity as typed first, then after the mention when it
    differs. When an entity matches the typed name well (the same name or alias in any
    script once folded, or a near spelling), linking to it is the likely intent and the
    entities come first; otherwise creating one named as typed does."""
    typed = " ".join(query.split())
    spoken = " ".join(mention.split())
    main = typed if fold_name(typed) else spoken
    matches = index.rank(main, limit, prefer_type=new_type) if fold_name(main) else index.rank("", limit)
    strong = bool(matches) and matches[0].score >= PRESELECT_SCORE
    seen = {m.entity.id for m in matches}
    if fold_name(spoken) and fold_name(spoken) != fold_name(main):
        matches += [m for m in index.rank(spoken, limit, prefer_type=new_type)
                    if m.score >= PRESELECT_SCORE and m.entity.id not in seen]
    links = [FinderRow(EntityChoice.link(m.entity.id), m) for m in matches[:limit]]
    creates: list[FinderRow] = []
    folded_seen: set[str] = set()
    for name in (typed, spoken):
        if fold_name(name) and fold_name(name) not in folded_seen:
            folded_seen.add(fold_name(name))
            creates.append(FinderRow(EntityChoice.create(new_type, name), None))
    return links + creates if strong else creates + links


def _script(word: str) -> str:
    """The script of a word's first letter ("ARABIC", "LATIN", "HEBREW"...), "" if none."""
    import unicodedata

    for char in word:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ")[0]
    return ""


def script_parts(text: str) -> list[str]:
    """`text` cut where the script of its words changes ("روسكوزموس Roscosmos" →
    ["روسكوزموس", "Roscosmos"]); words without letters join the part before them.
    One part for a text in one script."""
    parts: list[tuple[str, list[str]]] = []
    for word in text.split():
        script = _script(word)
        if parts and (not script or script == parts[-1][0] or not parts[-1][0]):
            parts[-1] = (parts[-1][0] or script, [*parts[-1][1], word])
        else:
            parts.append((script, [word]))
    return [" ".join(words) for _, words in parts]


def new_alias(entity: Entity, mention: str) -> str | None:
    """The alias linking `mention` to `entity` would add (the mention's text, spaces
    made single), or None when it is already a name or alias of the entity once folded."""
    text = " ".join(mention.split())
    known = {fold_name(n) for n in (entity.name, *entity.aliases)}
    return None if not fold_name(text) or fold_name(text) in known else text


@dataclass(frozen=True, slots=True)
class AliasQuestion:
    """What to ask before a link changes an entity's names: `text` (a new alias, or a
    new entity's name) would be added to the entity called `entity_name`; `parts` are
    its pieces in one script each (more than one: the text mixes scripts, and as one
    alias it would only ever match that exact pairing). `creates`: the entity is new."""

    entity_name: str
    text: str
    parts: tuple[str, ...]
    creates: bool

    @property
    def mixed(self) -> bool:
        return len(self.parts) > 1


def alias_question(choice: EntityChoice, entity: Entity | None, mention: str) -> AliasQuestion | None:
    """The question to ask before `choice` is carried out for a span reading `mention`
    (`entity`: the chosen existing entity), or None when nothing needs asking: linking to
    an entity that already has the mention's text among its names, or creating an entity
    whose name and mention are each in one script."""
    spoken = " ".join(mention.split())
    if choice.creates:
        name = " ".join((choice.name or spoken).split())
        for text in (name, spoken):
            parts = tuple(script_parts(text))
            if len(parts) > 1:
                return AliasQuestion(name, text, parts, True)
        return None
    if entity is None:
        return None
    alias = new_alias(entity, spoken)
    if alias is None:
        return None
    return AliasQuestion(entity.name, alias, tuple(script_parts(alias)), False)


def rank_entities(query: str, entities: Sequence[Entity], limit: int = 20) -> list[EntityMatch]:
    """The entities best matching `query` by name or alias, best first (see EntityIndex.rank);
    each item is an (entity, score, matched alias) tuple."""
    return EntityIndex(entities).rank(query, limit)
