"""Names that are translated rather than transliterated (القدس = Jerusalem, الدار البيضاء =
Casablanca, هلال احمر = Red Crescent): matching by sound cannot pair them, so the
comparison looks them up here and never reports them.

Shipped: country names and their translations (data/countries.tsv, generated from
pycountry by tools/gen_compare_data.py) and curated cities and organisations
(data/gazetteer.toml). Added per database: the user's entities with their aliases
(`with_entities`), which also pair mentions the user linked to one entity.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Protocol

from reader.core.search import fold
from reader.errors import ReaderError

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class _Named(Protocol):
    """An entity as the gazetteer reads it (reader.store.model.Entity)."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> list[str]: ...


@dataclass(frozen=True)
class Group:
    """The forms of one name across languages; `shipped` ones are never reported."""

    forms: tuple[str, ...]          # folded
    shipped: bool = True
    entity_id: str | None = None


@dataclass
class Gazetteer:
    groups: list[Group] = field(default_factory=list)
    #: folded Latin word -> indices of the groups with a form holding it
    _by_word: dict[str, list[int]] = field(default_factory=dict)
    #: The groups of the user's entities, added by `with_entities` (none shipped).
    user: list[Group] = field(default_factory=list)

    def add(self, forms: Iterable[str], *, shipped: bool, entity_id: str | None = None) -> None:
        folded = tuple(dict.fromkeys(f for f in (" ".join(fold(form).split()) for form in forms) if f))
        if not folded:
            return
        index = len(self.groups)
        self.groups.append(Group(folded, shipped, entity_id))
        for form in folded:
            for word in _WORD.findall(form):
                self._by_word.setdefault(word, []).append(index)

    def groups_of(self, folded_word: str) -> list[Group]:
        """The groups with a form holding `folded_word`."""
        return [self.groups[i] for i in self._by_word.get(folded_word, ())]

    def known(self, folded_word: str) -> bool:
        """Whether `folded_word` belongs to a shipped name (never reported)."""
        return any(group.shipped for group in self.groups_of(folded_word))

    def latin_words(self) -> frozenset[str]:
        return frozenset(word for word in self._by_word if word.isascii())

    def with_entities(self, entities: Iterable[_Named]) -> "Gazetteer":
        """A copy with the user's entities (anything with .name, .aliases, .id) added."""
        copy = Gazetteer(list(self.groups), {k: list(v) for k, v in self._by_word.items()})
        for entity in entities:
            copy.add([entity.name, *entity.aliases], shipped=False, entity_id=entity.id)
        copy.user = [group for group in copy.groups if not group.shipped]
        return copy


def _read(name: str) -> str:
    try:
        return resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReaderError(f"reader/annotate/compare/data/{name}: {error}") from None


@lru_cache(maxsize=1)
def shipped() -> Gazetteer:
    """The gazetteer that ships in the package (countries, cities, organisations)."""
    gazetteer = Gazetteer()
    for line in _read("countries.tsv").splitlines():
        if line and not line.startswith("#"):
            gazetteer.add(line.split("\t"), shipped=True)
    try:
        curated = tomllib.loads(_read("gazetteer.toml"))
    except tomllib.TOMLDecodeError as error:
        raise ReaderError(f"reader/annotate/compare/data/gazetteer.toml: {error}") from None
    for forms in curated.get("entries", []):
        gazetteer.add(forms, shipped=True)
    return gazetteer
