"""Arabic-script shaping into presentation forms, in logical order, with a map.

Terminals that do not shape show every Arabic letter in its isolated form; writing
presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF) makes them join. The forms are
Unicode's own: every presentation form decomposes to its letter with a tag
(``<isolated>``, ``<initial>``, ``<medial>``, ``<final>``), so the table is read from
``unicodedata`` when this module loads. It covers the Arabic letters and Persian and
Urdu ones (پ چ ژ گ ک ی ے ٹ ڈ ڑ ں ہ ھ); a letter joins on a side when it has a form
for it. The lam-alef ligatures and the Allah ligature are made as well.

The rules are arabic-reshaper's (the tests compare this module with it, configured to
keep harakat, on the seeds and on random words): harakat (nonspacing marks) are
transparent to joining, tatweel and ZWJ join on both sides, anything else breaks
joining. arabic-reshaper is not called at run time: its per-character Python loop cost
~9 µs a word, the largest part of laying out a new word. Here text is cut into joining
groups by one regex (`_GROUP`), and each group's glyphs are three ``str.translate``
calls, made once per distinct group: a text of known groups is shaped at C speed.

The result maps exactly: one glyph per input character, harakat kept, in order,
after the letter they follow; a letter merged into the ligature before it has ""
(`shape_run`) or `MERGED` (`shaped_text`).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain

TATWEEL = "\u0640"
ZWJ = "\u200d"
#: In `shaped_text`: stands for a letter merged into the ligature before it, and for
#: a ZWJ. A C0 control: never the glyph of a letter.
MERGED = "\x00"

_TAGS = {"<isolated>": 0, "<initial>": 1, "<medial>": 2, "<final>": 3}
#: The ligatures made (arabic-reshaper's defaults): lam-alef with each alef, and Allah.
LIGATURES = ("\u0644\u0627", "\u0644\u0623", "\u0644\u0625", "\u0644\u0622", "\u0627\u0644\u0644\u0647")
ALLAH = "\ufdf2"


def _presentation_forms() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(letter -> [isolated, initial, medial, final], ligature -> the same), "" where
    Unicode has no such form, from the decompositions of the presentation forms."""
    letters: dict[str, list[str]] = {}
    ligatures: dict[str, list[str]] = {}
    for code in chain(range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        tag, *parts = unicodedata.decomposition(chr(code)).split() or ("",)
        if tag in _TAGS:
            source = "".join(chr(int(part, 16)) for part in parts)
            table = letters if len(source) == 1 else ligatures
            table.setdefault(source, ["", "", "", ""])[_TAGS[tag]] = chr(code)
    letters[TATWEEL] = [TATWEEL] * 4  # joins on both sides, drawn as itself
    return letters, {source: forms for source, forms in ligatures.items() if source in LIGATURES}


_LETTERS, _LIGATURE_FORMS = _presentation_forms()
#: Every letter of the table joins on both sides (dual-joining, with all four forms),
#: on its right only (right-joining: isolated and final forms), or not at all (tested).
_DUAL = "".join(sorted(letter for letter, forms in _LETTERS.items() if all(forms))) + ZWJ
_RIGHT = "".join(sorted(letter for letter, forms in _LETTERS.items() if forms[3] and not forms[1]))
#: Nonspacing marks (harakat) of the scripts shaped here: transparent to joining.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08ca-\u08e1\u08e3-\u08ff"
TRANSPARENT = re.compile(f"[{_MARKS}]")
#: A joining group: letters each joined to the next (so all but the last are
#: dual-joining), with their marks; or any one character with the marks after it.
#: Joining never crosses from one group to the next, so a group's glyphs are its own.
_GROUP = re.compile(f"(?:[{_DUAL}][{_MARKS}]*)+[{_DUAL}{_RIGHT}][{_MARKS}]*|.[{_MARKS}]*", re.S)


def _form_table(form: int) -> dict[int, str]:
    """str.translate table: letter -> its glyph in ``form`` (ZWJ draws nothing)."""
    table = {ord(letter): forms[form] or forms[0] or letter for letter, forms in _LETTERS.items()}
    table[ord(ZWJ)] = MERGED
    return table


_ISOLATED_FORMS, _INITIAL_FORMS, _MEDIAL_FORMS, _FINAL_FORMS = (_form_table(form) for form in range(4))
#: The same, by character, for the first and last letters of a group (all joining ones).
_INITIAL = {chr(code): glyph for code, glyph in _INITIAL_FORMS.items()}
_FINAL = {chr(code): glyph for code, glyph in _FINAL_FORMS.items()}
#: Lam-alef ligatures: (lam, alef) -> (isolated, final) glyphs.
_LAM_ALEF = {source: (forms[0], forms[3]) for source, forms in _LIGATURE_FORMS.items() if len(source) == 2}
ALLAH_LETTERS = LIGATURES[-1]
#: Where the Allah ligature is made: its alef joins nothing before it and its heh
#: nothing after it (the ligature has an isolated form only).
_ALLAH = re.compile(f"(?<![{_DUAL}]){ALLAH_LETTERS}(?![{_DUAL}{_RIGHT}])")

#: A run that may shape: Arabic-script letters, harakat, tatweel, ZWJ. Digits and
#: punctuation inside the range are not letters and pass unchanged.
SHAPING_RUN = re.compile("[\u0610-\u061a\u0620-\u065f\u066e-\u06dc\u06df-\u06e8\u06ea-\u06ff\u0750-\u077f\u08a0-\u08ff\u200d]+")

#: Runs shaped so far for the engine (news repeats words): run -> glyphs.
_SHAPED: dict[str, tuple[str, ...]] = {}
RUNS_KEPT = 131072


def _group_glyphs(group: str) -> str:
    """The glyphs of one joining group (`_GROUP`), one per character."""
    if len(group) == 1:
        return group.translate(_ISOLATED_FORMS)
    letters = group if group.isalpha() else TRANSPARENT.sub("", group)  # marks are not alpha
    if len(letters) > 1:
        glyphs = _INITIAL[letters[0]] + letters[1:-1].translate(_MEDIAL_FORMS) + _FINAL[letters[-1]]
        ligature = _LAM_ALEF.get(letters[-2:])  # a lam-alef ends its group (alef joins no further)
        if ligature:
            glyphs = glyphs[:-2] + ligature[len(letters) > 2] + MERGED
    else:
        glyphs = letters.translate(_ISOLATED_FORMS)
    if len(letters) == len(group):
        return glyphs
    drawn = iter(glyphs)  # marks are drawn as themselves, after their letter
    return "".join([ch if TRANSPARENT.match(ch) else next(drawn) for ch in group])


class _GroupGlyphs(dict):
    """Joining group -> its glyphs, made when first asked (a language has a few
    tens of thousands; news repeats them)."""

    def __missing__(self, group: str) -> str:
        if len(self) > RUNS_KEPT:
            self.clear()
        glyphs = self[group] = _group_glyphs(group)
        return glyphs


_GROUP_GLYPHS = _GroupGlyphs()


def shaped_text(text: str) -> str:
    """``text`` with its Arabic-script letters shaped, one character per character:
    the letter's presentation form, `MERGED` for a letter merged into the ligature
    before it and for a ZWJ (which draws nothing), anything else itself (harakat
    included)."""
    shaped = "".join(map(_GROUP_GLYPHS.__getitem__, _GROUP.findall(text)))
    if ALLAH_LETTERS in text:
        shaped = _with_allah(text, shaped)
    return shaped


def _with_allah(text: str, shaped: str) -> str:
    """``shaped`` with the Allah ligature where ``text`` calls for it. Not on a
    vocalized word: U+FDF2 draws its own shadda and superscript alef, so the word's
    marks would be drawn twice and land on the wrong letter."""
    glyphs = None
    for match in _ALLAH.finditer(text):
        start = match.start()
        word_start, word_end = text.rfind(" ", 0, start) + 1, text.find(" ", start)
        for run in SHAPING_RUN.finditer(text, word_start, len(text) if word_end < 0 else word_end):
            if run.start() <= start < run.end() and not TRANSPARENT.search(run.group()):
                glyphs = glyphs or list(shaped)
                glyphs[start : match.end()] = [ALLAH, MERGED, MERGED, MERGED]
    return shaped if glyphs is None else "".join(glyphs)


def shape_run(run: str) -> tuple[str, ...]:
    """One glyph string per character of ``run`` ("" for a letter merged into the
    ligature before it, and for ZWJ), cached."""
    glyphs = _SHAPED.get(run)
    if glyphs is None:
        if len(_SHAPED) >= RUNS_KEPT:
            _SHAPED.clear()
        glyphs = _SHAPED[run] = tuple(["" if glyph == MERGED else glyph for glyph in shaped_text(run)])
    return glyphs


def shape(text: str) -> list[str]:
    """One glyph string per character of ``text``, Arabic-script runs shaped."""
    glyphs = list(text)
    for match in SHAPING_RUN.finditer(text):
        glyphs[match.start() : match.end()] = shape_run(match.group())
    return glyphs
