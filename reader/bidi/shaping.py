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
~9 µs a word, the largest part of laying out a new word.

How: a short text is cut into joining groups by one regex (`_GROUP`), and each group's
glyphs are three ``str.translate`` calls, made once per distinct group (cached); this
is the reference. A text of `WHOLE_TEXT_MIN` characters or more is shaped whole by a
few dozen C-level operations on all of it, with no Python work per word or character
(`_shaped_whole_text`; ~20 ns a character, against ~100 for cached groups): a class
byte per character from its UTF-16 low byte (``bytes.translate``), the nearest letters
on either side past the harakat by shifting those bytes read as one big int, from them
a glyph slot (a byte) per letter, and from the slot the glyph's two bytes (two more
``bytes.translate``). Texts with ZWJ, U+08xx or characters outside the BMP are left to
the groups. The Allah ligature is made afterwards, on either's result.

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
#: nothing after it (the ligature has an isolated form only). The letters come first
#: so that the regex engine looks for them as a literal (a leading lookbehind made it
#: try every position: ~10x slower on a long text).
_ALLAH = re.compile(f"{ALLAH_LETTERS}(?<![{_DUAL}]{ALLAH_LETTERS})(?![{_DUAL}{_RIGHT}])")
#: The glyphs of the Allah ligature's four letters.
_ALLAH_GLYPHS = ALLAH + MERGED * 3

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


class _GroupGlyphs(dict[str, str]):
    """Joining group -> its glyphs, made when first asked (a language has a few
    tens of thousands; news repeats them)."""

    def __missing__(self, group: str) -> str:
        if len(self) > RUNS_KEPT:
            self.clear()
        glyphs = self[group] = _group_glyphs(group)
        return glyphs


_GROUP_GLYPHS = _GroupGlyphs()


# Whole-text shaping: the same glyphs as the joining groups', for a long text, by a
# few C-level operations on the whole of it. The text's UTF-16 code units are split
# into their low bytes and their high bytes (every letter and mark shaped here is
# U+06xx): one byte per character, so ``bytes.translate`` looks up a byte of facts
# for every character at once, and a byte string read as one big int
# (``int.from_bytes(..., "little")``) lets ``<< 8`` / ``>> 8`` show each character its
# neighbour's byte, ``&`` ``|`` ``^`` ``+`` combine the bytes of all positions (no carry
# crosses a byte: every sum stays below 256) and ``* 0xFF`` spread a 0/1 byte to a mask.

#: Bits of a character's class byte (`_CLASSES`), by position.
_JOINS_NEXT = 0  # a dual-joining letter: joins the letter after it
_ACCEPTS = 1  # dual- or right-joining: joins the letter before it
_MARK = 2  # harakat: transparent to joining
_LAM = 3
_ALEF_ORDINAL = 4  # 3 bits: 1 + which of the lam-alef ligatures' alefs (0: none)
_ALEF = 7  # one of those alefs
#: Harakat in a row that the whole-text pass takes (each costs one more pass over
#: the text); more, and the text is shaped by groups.
_MARKS_IN_A_ROW = 8
_BLOCK = 0x06  # high byte of U+06xx


def _whole_text_tables() -> tuple[bytes, bytes, bytes, bytes]:
    """``bytes.translate`` tables: the low byte of a U+06xx character -> its class
    byte and the first of its glyph slots; a glyph slot -> the low and high bytes of
    (letter XOR glyph), so that XOR draws the glyph. Slot 0 is "not a letter" (draws
    itself); a letter's slots are its glyphs by how it joins: + 1 joined to the letter
    before it, + 2 to the letter after it (a dual-joining letter has 4, isolated,
    final, initial, medial; a right-joining one 2; one that joins nothing 1), and
    lam's are followed by the lam-alef ligatures, isolated and final, alef by alef
    (lam's first slot + 2 + 2 * the alef's `_ALEF_ORDINAL`, + 1 when joined before).
    All from the tables of the joining groups."""
    (lam,) = {source[0] for source in _LAM_ALEF}
    alefs = sorted(source[1] for source in _LAM_ALEF)
    classes, first_slots = bytearray(256), bytearray(256)
    slots: list[tuple[str, str]] = [("", "")]  # slot -> (letter, glyph)
    for letter in sorted(_LETTERS):
        code = ord(letter)
        assert code >> 8 == _BLOCK, f"{letter!r} is not U+06xx"
        low = code & 0xFF
        forms: tuple[dict[int, str], ...]
        if letter in _DUAL:
            forms = (_ISOLATED_FORMS, _FINAL_FORMS, _INITIAL_FORMS, _MEDIAL_FORMS)
            classes[low] |= 1 << _JOINS_NEXT | 1 << _ACCEPTS
        elif letter in _RIGHT:
            forms = (_ISOLATED_FORMS, _FINAL_FORMS)
            classes[low] |= 1 << _ACCEPTS
        else:
            forms = (_ISOLATED_FORMS,)
        first_slots[low] = len(slots)
        slots += [(letter, table[code]) for table in forms]
        if letter == lam:
            classes[low] |= 1 << _LAM
            slots += [(letter, glyph) for alef in alefs for glyph in _LAM_ALEF[lam + alef]]
        if letter in alefs:
            classes[low] |= 1 << _ALEF | (alefs.index(letter) + 1) << _ALEF_ORDINAL
    assert all(ch == "-" or ord(ch) >> 8 in (_BLOCK, 0x08) for ch in _MARKS), "harakat outside U+06xx-U+08xx"
    for low in range(256):
        if TRANSPARENT.match(chr(_BLOCK << 8 | low)):
            assert not classes[low]
            classes[low] = 1 << _MARK
    assert len(slots) <= 256, f"{len(slots)} glyph slots do not fit in a byte"
    deltas = [ord(letter) ^ ord(glyph) if letter else 0 for letter, glyph in slots]
    deltas += [0] * (256 - len(deltas))
    return bytes(classes), bytes(first_slots), bytes(d & 0xFF for d in deltas), bytes(d >> 8 for d in deltas)


_CLASSES, _FIRST_SLOTS, _DELTA_LOW, _DELTA_HIGH = _whole_text_tables()
#: ``bytes.translate`` table: high byte -> 1 for U+06xx, 0 for any other.
_IN_BLOCK = bytes(int(high == _BLOCK) for high in range(256))
#: Texts at least this long are shaped whole (`_shaped_whole_text`), shorter ones by
#: groups. Measured against the groups' best case (every group cached): they break
#: even at ~50 characters of news, ~110 of text with a haraka on every letter; from a
#: few thousand on the whole text is 4-5x faster (~20 ns a character against ~90).
WHOLE_TEXT_MIN = 128


def _shaped_whole_text(text: str) -> str | None:
    """What `_shaped_by_groups` gives for ``text``, computed on the whole text at once;
    None when ``text`` has a character this pass does not handle: ZWJ, U+08xx (where
    some harakat are), one outside the BMP, a lone surrogate; or more than
    `_MARKS_IN_A_ROW` harakat in a row."""
    if ZWJ in text:
        return None
    try:
        units = text.encode("utf-16-le")
    except UnicodeEncodeError:
        return None
    if len(units) != 2 * len(text):
        return None
    low, high = units[0::2], units[1::2]
    if b"\x08" in high:
        return None
    joining = _glyph_slots(low, int.from_bytes(high.translate(_IN_BLOCK), "little"))
    if joining is None:
        return None
    slots, merged = joining
    shaped_low = int.from_bytes(low, "little") ^ int.from_bytes(slots.translate(_DELTA_LOW), "little")
    shaped_high = int.from_bytes(high, "little") ^ int.from_bytes(slots.translate(_DELTA_HIGH), "little")
    if merged:  # the alef of a lam-alef, drawn by the lam: MERGED, U+0000
        merged *= 0xFF
        shaped_low ^= shaped_low & merged
        shaped_high ^= shaped_high & merged
    shaped = bytearray(len(units))
    shaped[0::2] = shaped_low.to_bytes(len(low), "little")
    shaped[1::2] = shaped_high.to_bytes(len(low), "little")
    return shaped.decode("utf-16-le")


def _glyph_slots(low: bytes, block: int) -> tuple[bytes, int] | None:
    """(the glyph slot of each character, an int with 1 in the byte of each alef merged
    into a lam-alef) from the low bytes of the text's characters and ``block`` (1 in
    the byte of each U+06xx); None past `_MARKS_IN_A_ROW` harakat in a row."""
    in_block = block * 0xFF
    classes = int.from_bytes(low.translate(_CLASSES), "little") & in_block
    before = _unmarked_neighbours(classes, block, before=True)
    after = _unmarked_neighbours(classes, block, before=False)
    if before is None or after is None:
        return None
    joined_before = (classes >> _ACCEPTS) & (before >> _JOINS_NEXT) & block
    joined_after = (classes >> _JOINS_NEXT) & (after >> _ACCEPTS) & block
    lam = (classes >> _LAM) & block
    ligature = (after >> _ALEF_ORDINAL) & (lam * 0b111)  # at a lam before an alef
    merged = (classes >> _ALEF) & (before >> _LAM) & block  # that alef
    slots = int.from_bytes(low.translate(_FIRST_SLOTS), "little") & in_block
    slots += joined_before + 2 * (joined_after + ligature)
    return slots.to_bytes(len(low), "little"), merged


def _unmarked_neighbours(classes: int, block: int, before: bool) -> int | None:
    """The class bytes of the characters before (or after) each position, harakat
    skipped: the neighbour's, and where it is a mark the next one out, and so on, one
    pass per mark in the longest row of them (None past `_MARKS_IN_A_ROW`). Exact at
    the positions of U+06xx only (``block``); bytes beyond the text's end are left
    over from the shifts."""
    distance = 8
    neighbours = classes << distance if before else classes >> distance
    while marked := ((neighbours >> _MARK) & block) * 0xFF:
        if distance > 8 * _MARKS_IN_A_ROW:
            return None
        distance += 8
        further = classes << distance if before else classes >> distance
        neighbours ^= (neighbours ^ further) & marked
    return neighbours


def shaped_text(text: str) -> str:
    """``text`` with its Arabic-script letters shaped, one character per character:
    the letter's presentation form, `MERGED` for a letter merged into the ligature
    before it and for a ZWJ (which draws nothing), anything else itself (harakat
    included)."""
    shaped = _shaped_whole_text(text) if len(text) >= WHOLE_TEXT_MIN else None
    if shaped is None:
        shaped = _shaped_by_groups(text)
    if ALLAH_LETTERS in text:
        shaped = _with_allah(text, shaped)
    return shaped


def _shaped_by_groups(text: str) -> str:
    """`shaped_text` without the Allah ligature, joining group by joining group: the
    reference, and the way for short texts and those `_shaped_whole_text` refuses."""
    return "".join(map(_GROUP_GLYPHS.__getitem__, _GROUP.findall(text)))


def _with_allah(text: str, shaped: str) -> str:
    """``shaped`` with the Allah ligature where ``text`` calls for it. Not on a
    vocalized word: U+FDF2 draws its own shadda and superscript alef, so the word's
    marks would be drawn twice and land on the wrong letter."""
    pieces: list[str] = []
    done = 0
    for match in _ALLAH.finditer(text):
        start, end = match.span()
        if not _vocalized(text, start):
            pieces += (shaped[done:start], _ALLAH_GLYPHS)
            done = end
    if not pieces:
        return shaped
    pieces.append(shaped[done:])
    return "".join(pieces)


def _vocalized(text: str, index: int) -> bool:
    """Whether the shaping run (`SHAPING_RUN`) holding ``text[index]``, a letter, has
    harakat. The run is looked for in its word, which ends at a space or a line end
    (searched for only within the nearest spaces: a long line costs nothing)."""
    start = text.rfind(" ", 0, index) + 1
    start = text.rfind("\n", start, index) + 1 or start
    end = text.find(" ", index)
    end = len(text) if end < 0 else end
    newline = text.find("\n", index, end)
    end = end if newline < 0 else newline
    for run in SHAPING_RUN.finditer(text, start, end):
        if run.start() <= index < run.end():
            return TRANSPARENT.search(run.group()) is not None
    return False  # not reached: a letter of the ligature is in a run


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
