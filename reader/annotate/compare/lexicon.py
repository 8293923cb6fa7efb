"""Tokens and the per-language lexicons of `reader compare` (data/<lang>.toml).

A paragraph becomes `Token`s (words, numbers, a few symbols) with code-point offsets.
A `Lexicon` maps folded words and word sequences (reader.core.search.fold: case,
harakat and niqqud, alef and yeh variants) to what they mean: a number word, a scale
(million, مليون), an ordinal, a month of some calendar, a weekday. Arabic proclitics and
Hebrew prefix letters are tried off a word before giving up on it (والثالثة → ثالثة).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from reader.align.anchors import NUMBER_PATTERN
from reader.core.search import fold
from reader.errors import ReaderError

LANGUAGES = ("ar", "fa", "ur", "he", "en", "it")
#: Categories of entries; the month categories name their calendar.
CALENDARS = {"month": "gregorian", "month_hijri": "hijri", "month_solar": "solar", "month_hebrew": "hebrew"}
#: Letters that must remain when a clitic is cut (لست "I am not" is not ل + ست "six").
MIN_STEM = 3
_CATEGORIES = ("number", "scale", "scale_plural", "ordinal", "weekday", *CALENDARS)

# A number, a word (letters of any script with marks, inner apostrophes and ZWNJ: Persian
# سه‌شنبه is one word) or one of the symbols that matter (percent, dash, ordinal marks).
_TOKEN = re.compile(
    rf"(?P<number>{NUMBER_PATTERN})"
    r"|(?P<word>[^\W\d_](?:[^\W\d_]|[\u200c\u0300-\u036f\u064b-\u065f\u0670\u05b0-\u05c7])*"
    r"(?:['’\u05f3][^\W\d_](?:[^\W\d_]|[\u200c\u0300-\u036f\u064b-\u065f\u0670\u05b0-\u05c7])*)*)"
    r"|(?P<symbol>[%٪\-–º°ª])"
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    folded: str
    kind: str  # "number" | "word" | "symbol"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of `text`, offsets shifted by `offset` (a paragraph's start)."""
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        raw = m.group()
        tokens.append(Token(m.start() + offset, m.end() + offset, raw, fold(raw) if kind == "word" else raw, kind))
    return tokens


@dataclass(frozen=True, slots=True)
class Entry:
    category: str
    value: float
    calendar: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    first: int   # token index
    last: int    # token index, inclusive


class Lexicon:
    """The words of one language (or several: `merged`) that `reader compare` reads."""

    def __init__(self, langs: tuple[str, ...], tables: list[dict[str, Any]]):
        self.langs = langs
        self.phrases: dict[tuple[str, ...], Entry] = {}
        self.percent: set[tuple[str, ...]] = set()
        self.connectors: set[str] = set()
        self.needs_number: set[str] = set()
        self.not_before: dict[str, frozenset[str]] = {}
        self.prefixes: list[str] = []
        self.prefix_letters = ""
        self.capitalised_dates = False
        self.strip_suffixes: list[str] = []
        self.strip_elision = False
        for table in tables:
            self._add(table)
        self.prefixes.sort(key=len, reverse=True)
        self.longest = max((len(k) for k in (*self.phrases, *self.percent)), default=1)
        #: First words of entries: most words are none, and are turned away at once.
        self._first = frozenset(k[0] for k in (*self.phrases, *self.percent))
        self._heads: dict[str, tuple[str, ...]] = {}

    def heads(self, folded: str) -> tuple[str, ...]:
        """The forms of a word (itself, clitics off) that begin some entry (cached)."""
        found = self._heads.get(folded)
        if found is None:
            found = tuple(dict.fromkeys(v for v in self.variants(folded) if v in self._first))
            if len(self._heads) < 200_000:
                self._heads[folded] = found
        return found

    def scan(self, tokens: list[Token]) -> list[Match | None]:
        """`match` at every token (what numbers, ordinals and dates all read)."""
        return [self.match(tokens, i) if t.kind == "word" and self.heads(t.folded) else None
                for i, t in enumerate(tokens)]

    def _add(self, table: dict[str, Any]) -> None:
        for category in _CATEGORIES:
            for key, value in table.get(category, {}).items():
                words = tuple(fold(key).split())
                self.phrases.setdefault(words, Entry(category, float(value), CALENDARS.get(category, "")))
        words = table.get("words", {})
        self.percent |= {tuple(fold(w).split()) for w in words.get("percent", [])}
        self.connectors |= {fold(w) for w in words.get("connector", [])}
        self.needs_number |= {fold(w) for w in words.get("needs_number", [])}
        for key, after in table.get("not_before", {}).items():
            self.not_before[fold(key)] = frozenset(fold(w) for w in after)
        settings = table.get("settings", {})
        self.prefixes += [fold(p) for p in settings.get("prefixes", [])]
        self.prefix_letters += fold(settings.get("prefix_letters", ""))
        self.capitalised_dates |= bool(settings.get("capitalised_dates"))
        self.strip_suffixes += [fold(s) for s in settings.get("strip_suffixes", [])]
        self.strip_elision |= bool(settings.get("strip_elision"))

    def variants(self, folded: str) -> list[str]:
        """`folded` and the forms left when a clitic, prefix or suffix is taken off it."""
        found = [folded]
        for prefix in self.prefixes:
            if folded.startswith(prefix) and len(folded) - len(prefix) >= MIN_STEM:
                rest = folded[len(prefix):]
                found.append(rest)
                if prefix.endswith("لل"):
                    found.append("ال" + rest)
        if self.prefix_letters:
            for cut in (1, 2):
                head = folded[:cut]
                if len(folded) - cut >= MIN_STEM and all(ch in self.prefix_letters for ch in head):
                    found.append(folded[cut:])
        for suffix in self.strip_suffixes:
            if folded.endswith(suffix) and len(folded) > len(suffix) + 1:
                found.append(folded[: -len(suffix)])
        if self.strip_elision:
            for mark in ("'", "’"):
                if mark in folded[:6]:
                    found.append(folded.split(mark, 1)[1])
        return found

    def match(self, tokens: list[Token], i: int) -> Match | None:
        """The longest lexicon entry starting at token `i`, if any."""
        if tokens[i].kind != "word":
            return None
        heads = self.heads(tokens[i].folded)
        if not heads:
            return None
        for length in range(min(self.longest, len(tokens) - i), 0, -1):
            rest = tuple(t.folded for t in tokens[i + 1 : i + length])
            if any(t.kind != "word" for t in tokens[i + 1 : i + length]):
                continue
            for head in heads:
                entry = self.phrases.get((head, *rest))
                if entry is not None and self._allowed(entry, head, tokens, i, i + length - 1):
                    return Match(entry, i, i + length - 1)
        return None

    def percent_at(self, tokens: list[Token], i: int) -> int | None:
        """The last token index of a percent sign or word starting at token `i`."""
        if i >= len(tokens):
            return None
        if tokens[i].kind == "symbol" and tokens[i].text in "%٪":
            return i
        for length in range(min(self.longest, len(tokens) - i), 0, -1):
            words = tokens[i : i + length]
            if all(t.kind == "word" for t in words):
                for head in self.heads(words[0].folded):
                    if (head, *(t.folded for t in words[1:])) in self.percent:
                        return i + length - 1
        return None

    def _allowed(self, entry: Entry, head: str, tokens: list[Token], first: int, last: int) -> bool:
        if entry.category in ("weekday", *CALENDARS):
            if self.capitalised_dates and not tokens[first].text[:1].isupper():
                return False
            if head in self.needs_number and not _next_to_number(tokens, first, last):
                return False
        after = self.not_before.get(head)
        if after is not None and last + 1 < len(tokens):
            following = tokens[last + 1]
            if following.folded in after or following.text[:1].isupper():
                return False
        return True


def _next_to_number(tokens: list[Token], first: int, last: int) -> bool:
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return any(t is not None and t.kind == "number" for t in (before, after))


@lru_cache(maxsize=None)
def language_table(lang: str) -> dict[str, Any]:
    """The data of one language (data/<lang>.toml), as read: its number words, scales,
    ordinals, months and weekdays by category. `reader.annotate.suggestions` takes its
    words from here too, so that each language's words are written once."""
    name = f"{lang}.toml"
    try:
        text = resources.files(__package__).joinpath("data").joinpath(name).read_text(encoding="utf-8")
        return tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ReaderError(f"reader/annotate/compare/data/{name}: {error}") from None


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The lexicon of `lang`; for a language without one, all of them together (a number
    word of any of them is still a number)."""
    langs = (lang,) if lang in LANGUAGES else LANGUAGES
    return Lexicon(langs, [language_table(code) for code in langs])
