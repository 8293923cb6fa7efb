"""Known entities: every entity in the database, found again by its name and aliases in
every script, with the folding and Arabic clitic stripping of "tag all like this"
(والصين gives a mention of China). A mention gets its entity's label and is linked to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reader.annotate.like_this import suggest_like
from reader.annotate.suggestions.base import Found, folded, text_key, word_forms
from reader.core.search import fold
from reader.store.model import Entity


@dataclass(frozen=True)
class _Text:
    """The shape `suggest_like` reads a document through."""

    id: str
    text: str
    lang: str
    sha256: str


class KnownEntityRecognizer:
    """Mentions of `entities` (limited to each entity's own label)."""

    source = "entity"

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = [e for e in entities if e.name.strip() or any(a.strip() for a in e.aliases)]
        self.labels = frozenset(e.type for e in self.entities)
        #: per entity, the first folded word of each of its names
        self._first_words = [
            {words[0] for words in (fold(n).split() for n in (e.name, *e.aliases)) if words} for e in self.entities
        ]

    def find(self, text: str, lang: str) -> Iterator[Found]:
        document = _Text("", text, lang, text_key(text))
        # Only entities one of whose names starts with a word of this text (behind its
        # clitics) are searched for: a database of thousands of entities costs a set
        # lookup each, not a pass over the text each.
        forms = set().union(*map(word_forms, set(folded(text).folded.split())))
        for entity, first_words in zip(self.entities, self._first_words):
            if first_words.isdisjoint(forms):
                continue
            for hit in suggest_like(entity.name, entity.type, [document], aliases=entity.aliases):
                # An alias folded to the name itself scores as high; clitics are cut already.
                yield Found(hit.start, hit.end, entity.type, 0.95, entity.id)
