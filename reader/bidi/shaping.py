"""Arabic-script shaping into presentation forms, in logical order, with a map.

Terminals that do not shape show every Arabic letter in its isolated form; writing
presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) makes them join. arabic-reshaper
does the shaping (its "Arabic" language covers Persian and Urdu letters: پ چ ژ گ ک ی ے
ٹ ڈ ڑ ں ہ ھ), configured to keep harakat and the lam-alef / Allah ligatures.

arabic-reshaper gives no map from output to input, and ligatures merge letters. We
shape *runs* (maximal stretches of Arabic letters, harakat, tatweel and ZWJ: joining
never crosses anything else, such as a space or ZWNJ), cache each run's result (news
repeats words), and align output to input: harakat are kept, in order, after the
letter they follow; every other output character stands for one input letter, except
a ligature, which stands for as many letters as its compatibility decomposition has
(لا = 2, الله = 4). The result is one glyph string per input character: the shaped
letter, the mark itself, or "" for a letter merged into the ligature before it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE

TATWEEL = "\u0640"
ZWJ = "\u200d"

_CONFIGURATION = {
    "language": "Arabic",  # Arabic, Persian and Urdu letters
    "delete_harakat": False,  # keep vowel marks: the text must stay complete
    "shift_harakat_position": False,  # marks stay after their letter (logical order)
    "support_ligatures": True,  # lam-alef and Allah
    "support_zwj": True,
}
_RESHAPER = ArabicReshaper(configuration=_CONFIGURATION)
ALLAH = "\ufdf2"


@cache
def _reshaper_no_allah() -> ArabicReshaper:
    """The reshaper for vocalized words: the Allah ligature (U+FDF2) is drawn with its
    own shadda and superscript alef, so on a vocalized word the marks would be drawn
    twice and land on the wrong letter; such a word is shaped letter by letter.
    Made on first use (a reshaper's configuration costs ~1.5 ms to build)."""
    return ArabicReshaper(configuration={**_CONFIGURATION, "ARABIC LIGATURE ALLAH": False})

#: A run that may shape: Arabic-script letters, harakat, tatweel, ZWJ. Digits and
#: punctuation inside the range pass through arabic-reshaper unchanged.
SHAPING_RUN = re.compile("[\u0610-\u061a\u0620-\u065f\u066e-\u06dc\u06df-\u06e8\u06ea-\u06ff\u0750-\u077f\u08a0-\u08ff\u200d]+")

_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
#: What makes a run's output need aligning with its input: harakat (arabic-reshaper's
#: own definition), ZWJ, presentation forms (which may stand for several letters).
_NEEDS_ALIGNMENT = re.compile(f"{HARAKAT_RE.pattern}|[\u200d\ufb50-\ufdff\ufe70-\ufeff]", HARAKAT_RE.flags)


def _letters_covered(glyph: str) -> int:
    """How many input letters one output character stands for (ligatures > 1)."""
    if _PRESENTATION.match(glyph):
        return len(unicodedata.normalize("NFKC", glyph))
    return 1


#: Runs shaped so far (news repeats words): run -> glyphs.
_SHAPED: dict[str, tuple[str, ...]] = {}
RUNS_KEPT = 131072


#: arabic-reshaper's output for runs shaped ahead by `prepare` (source -> output).
_PREPARED: dict[str, str] = {}
#: Separates runs shaped in one call: not an Arabic letter (so no joining across it)
#: and in no ligature.
_RUN_SEPARATOR = "\n"


def _source(run: str) -> str:
    # ZWJ joins like a tatweel, and arabic-reshaper miscounts ligature positions when
    # it drops a ZWJ; a tatweel keeps positions, and its glyph is dropped in shape_run.
    return run.replace(ZWJ, TATWEEL)


def prepare(texts: list[str]) -> None:
    """Shape the Arabic-script runs of ``texts`` in one arabic-reshaper call.

    Changes nothing but speed: each call of arabic-reshaper costs ~40 µs whatever
    its length, and shaping never crosses the separator, so shape_run then finds
    the same output it would have got alone (tested).
    """
    runs = {m.group() for text in texts for m in SHAPING_RUN.finditer(text)}
    sources = [_source(run) for run in runs if run not in _SHAPED]
    if len(sources) < 2:
        return
    if len(_PREPARED) > RUNS_KEPT:
        _PREPARED.clear()
    shaped = _RESHAPER.reshape(_RUN_SEPARATOR.join(sources)).split(_RUN_SEPARATOR)
    if len(shaped) == len(sources):
        _PREPARED.update(zip(sources, shaped))


def shape_run(run: str) -> tuple[str, ...]:
    """One glyph string per character of ``run`` (see the module docstring)."""
    glyphs = _SHAPED.get(run)
    if glyphs is None:
        if len(_SHAPED) >= RUNS_KEPT:
            _SHAPED.clear()
        glyphs = _SHAPED[run] = _shape_run(run)
    return glyphs


def _shape_run(run: str) -> tuple[str, ...]:
    source = _source(run)
    shaped = _PREPARED.pop(source, None)
    if shaped is None:
        shaped = _RESHAPER.reshape(source)
    if ALLAH in shaped and HARAKAT_RE.search(run):
        shaped = _reshaper_no_allah().reshape(source)
    if len(shaped) == len(run) and not _NEEDS_ALIGNMENT.search(run):
        # No harakat, ZWJ nor presentation form in, nothing merged: each output
        # letter is the glyph of the input letter at its place (what align finds).
        return tuple(shaped)
    return align(run, shaped)


def align(run: str, shaped: str) -> tuple[str, ...]:
    """One glyph string per character of ``run`` from arabic-reshaper's output for
    it (see the module docstring); ``run`` itself if they cannot be aligned."""
    letters_in = [i for i, ch in enumerate(run) if not HARAKAT_RE.match(ch)]
    letters_out = [ch for ch in shaped if not HARAKAT_RE.match(ch)]
    glyphs = list(run)  # harakat (and anything unaligned) stay themselves
    position = 0
    for glyph in letters_out:
        covered = _letters_covered(glyph)
        if position + covered > len(letters_in):
            return tuple(run)  # alignment failed: better unshaped than wrong
        glyphs[letters_in[position]] = glyph
        for k in range(1, covered):
            glyphs[letters_in[position + k]] = ""
        position += covered
    if position != len(letters_in):
        return tuple(run)
    for i, ch in enumerate(run):
        if ch == ZWJ:
            glyphs[i] = ""
    return tuple(glyphs)


def shape(text: str) -> list[str]:
    """One glyph string per character of ``text``, Arabic-script runs shaped."""
    glyphs = list(text)
    for match in SHAPING_RUN.finditer(text):
        glyphs[match.start() : match.end()] = shape_run(match.group())
    return glyphs
