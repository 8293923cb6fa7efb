"""Names across scripts: does a name of one side have its counterpart on the other?

A name is a Latin-script word that a reader would take for one: on a Latin-script side a
capitalised word that is not ordinary vocabulary (data/common_<lang>.txt, also the place
where names too well known to report live); on an Arabic, Persian or Hebrew side every
Latin word, since the writer kept it in its form on purpose (Dmitry Rogozin, Artemis).

Its counterpart on the other side is the same word (Roscosmos), a spelling that sounds
the same (Roskosmos), a word in another script that transliterates to it (روجوزين ↔
Rogozin, not ↔ Romitin), or a translation the gazetteer knows (القدس ↔ Jerusalem).
Sound is compared on consonant skeletons: romanised with anyascii, vowels and the letters
that write them in Arabic and Hebrew (ا و ي, א ו י) dropped, consonants that scripts
swap for one another (g/j/ج/گ, p/b/f/v, s/z/sh/ts) merged; then Levenshtein similarity
(rapidfuzz) of the skeletons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from reader.align.anchors import latin_word_spans
from reader.annotate.compare.gazetteer import Gazetteer
from reader.core.clitics import name_start
from reader.core.search import NormalizedText, fold

#: Skeletons at least this similar are the same name said in two scripts.
SOUND_MATCH = 0.75
#: Two names left without a counterpart are reported as one pair (a misspelling) when
#: they look at least this alike (rapidfuzz ratio): Artemis ↔ Armis 83, Rogozin ↔ Romitin 57.
PAIR_SIMILARITY = 50

# Letters that write vowels (or are silent) in Arabic, Persian, Urdu and Hebrew.
_MATRES = frozenset("اوىيئؤءأإآٱعهةیےہھۃۀאהויע")
_DIGRAPHS = [("tsch", "S"), ("sch", "S"), ("tsh", "S"), ("tch", "S"), ("ch", "S"), ("sh", "S"), ("zh", "S"),
             ("ts", "S"), ("tz", "S"), ("kh", "K"), ("gh", "K"), ("ph", "B"), ("th", "T"), ("dh", "D"),
             ("ck", "K"), ("qu", "K"), ("x", "KS")]
_SOFT_C = re.compile(r"c(?=[eiy])")
_CLASSES = str.maketrans({
    "c": "K", "k": "K", "q": "K", "g": "K", "j": "K",
    "s": "S", "z": "S",
    "b": "B", "p": "B", "f": "B", "v": "B",
    "t": "T", "d": "D", "l": "L", "r": "R", "m": "M", "n": "N",
    "a": None, "e": None, "i": None, "o": None, "u": None, "y": None, "w": None, "h": None,
})
_POSSESSIVE = re.compile(r"['’]s$")
_ELIDED = re.compile(r"^[^\W\d_]{1,5}['’]")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonant skeleton of a word of any script (see the module docstring)."""
    if not word.isascii():
        word = anyascii("".join(ch for ch in word if ch not in _MATRES))
    latin = "".join(ch for ch in word.lower() if "a" <= ch <= "z")
    for digraph, cls in _DIGRAPHS:
        latin = latin.replace(digraph, cls.lower() if len(cls) > 1 else cls)
    latin = _SOFT_C.sub("S", latin)
    classes = latin.translate(_CLASSES).upper()
    out: list[str] = []
    for ch in classes:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=None)
def common_words(lang: str) -> frozenset[str]:
    """Ordinary vocabulary (and names too well known to report) of a Latin-script
    language: English and Italian ship; any other gets both."""
    langs = (lang,) if lang in ("en", "it") else ("en", "it")
    words: set[str] = set()
    for code in langs:
        text = resources.files(__package__).joinpath("data").joinpath(f"common_{code}.txt").read_text(encoding="utf-8")
        words.update(text.split())
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    folded: str
    skeleton: str


@dataclass
class SideNames:
    """What one side of an aligned pair offers for name matching."""

    candidates: list[Name]
    latin_folded: frozenset[str]
    latin_skeletons: frozenset[str]
    other_skeletons: list[str]
    folded_text: str


def _latin_words(text: str, offset: int) -> list[Name]:
    """Latin words of `text` (hyphenated parts apart, possessive 's off) as Names."""
    found = []
    for start, end in latin_word_spans(text):
        for part in re.finditer(r"[^\-]+", text[start:end]):
            word = _POSSESSIVE.sub("", part.group())
            s = start + part.start()
            elided = _ELIDED.match(word)
            if elided:
                # Nell'ambito, L'agenzia: an article and an ordinary word (dell'ILRS is cut
                # by latin_word_spans already).
                s += elided.end()
                word = word[elided.end():]
            if len(word) >= 2:
                found.append(Name(s + offset, s + offset + len(word), word, fold(word), skeleton(word)))
    return found


#: A word in a script other than Latin (Arabic, Persian, Hebrew…).
OTHER_SCRIPT_WORD = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]+")


def side_names(text: str, offset: int, lang: str, gazetteer: Gazetteer) -> SideNames:
    """The names of a paragraph (or a bead's paragraphs joined) starting at `offset`."""
    latin = _latin_words(text, offset)
    letters = sum(1 for ch in text if ch.isalpha())
    mostly_latin = sum(len(n.text) for n in latin) * 2 > letters
    if mostly_latin:
        common = common_words(lang)
        candidates = [
            n for n in latin
            if n.text[0].isupper() and n.folded not in common and (len(n.text) >= 3 or n.text.isupper())
        ]
    else:
        candidates = list(latin)
    candidates = [n for n in candidates if not gazetteer.known(n.folded)]
    others: list[str] = []
    for m in OTHER_SCRIPT_WORD.finditer(text):
        word = m.group()
        others.append(skeleton(word))
        cut = name_start(word)
        if cut:
            others.append(skeleton(word[cut:]))
    return SideNames(
        candidates,
        frozenset(n.folded for n in latin),
        frozenset(n.skeleton for n in latin if n.skeleton),
        [s for s in dict.fromkeys(others) if s],
        " " + " ".join(fold(text).split()) + " ",
    )


def has_counterpart(name: Name, other: SideNames, gazetteer: Gazetteer) -> bool:
    """Whether `name` is said on the other side (see the module docstring)."""
    if name.folded in other.latin_folded:
        return True
    if not name.skeleton or (len(name.skeleton) >= 2 and name.skeleton in other.latin_skeletons):
        return True
    if len(name.skeleton) <= 2:
        if name.skeleton in other.other_skeletons:
            return True
    elif other.other_skeletons and process.extractOne(
        name.skeleton, other.other_skeletons, scorer=Levenshtein.normalized_similarity, score_cutoff=SOUND_MATCH,
    ) is not None:
        return True
    for group in gazetteer.groups_of(name.folded):
        if any(_contains(other.folded_text, form) for form in group.forms):
            return True
    return False


def _contains(folded_text: str, form: str) -> bool:
    """`form` in the text, at a word start (Arabic clitics may come before it: والقدس)."""
    at = folded_text.find(form)
    while at != -1:
        before = folded_text[at - 1]
        if not before.isalpha() or before in "وفبكلهמשכלבו":
            return True
        at = folded_text.find(form, at + 1)
    if form.startswith("ال") and len(form) > 4:
        return _contains(folded_text, form[2:])
    return False


@dataclass(frozen=True, slots=True)
class NameGap:
    """Names of side A (or B) without their counterpart, grouped by adjacency."""

    start: int
    end: int
    text: str
    names: tuple[Name, ...]


def entity_gaps(text: str, offset: int, other: SideNames, gazetteer: Gazetteer) -> list[NameGap]:
    """Mentions, in `text` (starting at `offset`), of the user's entities by a name in a
    script other than Latin (Latin names are candidates already) that the other side
    does not say: none of the entity's names there, no Latin word sounding like it."""
    gaps: list[NameGap] = []
    norm = None
    for group in gazetteer.user:
        for form in group.forms:
            if not OTHER_SCRIPT_WORD.search(form) or len(form) < 3:
                continue
            if norm is None:
                norm = NormalizedText.build(text)
            at = norm.folded.find(form)
            while at != -1:
                before = norm.folded[at - 1] if at else " "
                after = norm.folded[at + len(form)] if at + len(form) < len(norm.folded) else " "
                where = norm.to_original(at, at + len(form))
                if (not before.isalpha() or before in "وفبكلهמשכלבו") and not after.isalpha() and where is not None:
                    break
                at = norm.folded.find(form, at + 1)
            if at == -1 or where is None:
                continue
            here = " " + " ".join(norm.folded.split()) + " "
            if any(_contains(here, f) for f in group.forms if not OTHER_SCRIPT_WORD.search(f)):
                break  # also named in Latin here: that name is compared as a candidate
            said = any(_contains(other.folded_text, f) for f in group.forms)
            sound = skeleton(form.replace(" ", ""))
            if not said and len(sound) >= 3 and other.latin_skeletons:
                said = process.extractOne(sound, list(other.latin_skeletons), scorer=Levenshtein.normalized_similarity,
                                          score_cutoff=SOUND_MATCH) is not None
            if not said:
                start, end = offset + where[0], offset + where[1]
                shown = text[where[0]:where[1]]
                gaps.append(NameGap(start, end, shown, (Name(start, end, shown, form, sound),)))
            break  # one report per entity and side
    return gaps


def unmatched(
    side: SideNames, other: SideNames, gazetteer: Gazetteer, text_of: Callable[[int, int], str]
) -> list[NameGap]:
    """The candidates of `side` without a counterpart in `other`, adjacent ones together
    (Dmitry Rogozin). `text_of(start, end)` gives the side's document text."""
    gaps: list[list[Name]] = []
    for name in side.candidates:
        if has_counterpart(name, other, gazetteer):
            continue
        if gaps and not text_of(gaps[-1][-1].end, name.start).strip():
            gaps[-1].append(name)
        else:
            gaps.append([name])
    return [NameGap(g[0].start, g[-1].end, text_of(g[0].start, g[-1].end), tuple(g)) for g in gaps]


def pair_gaps(a: list[NameGap], b: list[NameGap]) -> list[tuple[NameGap | None, NameGap | None]]:
    """Gaps of A and B paired when they look alike (best first), the rest alone."""
    scored = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            score = max(fuzz.ratio(n.folded, m.folded) for n in x.names for m in y.names)
            if score >= PAIR_SIMILARITY:
                scored.append((score, i, j))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[NameGap | None, NameGap | None]] = []
    for _, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a[i], b[j]))
    pairs += [(x, None) for i, x in enumerate(a) if i not in used_a]
    pairs += [(None, y) for j, y in enumerate(b) if j not in used_b]

    def order(pair: tuple[NameGap | None, NameGap | None]) -> int:
        """Paired and A's own by where they are in A, then B's own by where they are in B."""
        first, second = pair
        if first is not None:
            return first.start
        assert second is not None  # (no pair is empty)
        return 10**12 + second.start

    pairs.sort(key=order)
    return pairs
