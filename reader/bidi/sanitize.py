"""What a document character becomes on the screen, before any bidi reordering.

A document must never drive the terminal: ESC, CSI (U+009B), OSC, BEL, NUL, DEL and
every other C0/C1 control is replaced by a visible one-cell placeholder. Bidi
formatting characters are honoured by the algorithm (levels are resolved on the
original text) but never written raw: the terminal would run its own bidi on them.
Other invisible format characters (ZWJ, ZWNJ, ZWSP, soft hyphen, BOM...) take no
cell, or become distinct placeholders with ``show_invisibles``.

``display(ch, show_invisibles)`` answers per character: the character itself, a
one-cell placeholder, or "" (nothing drawn). The table is documented in docs/bidi.md.
"""

from __future__ import annotations

import re

# C0 controls U+0000-U+001F -> the Control Pictures block (U+2400 + code point).
# TAB is the exception: a tab is layout, not a hazard, so it becomes one space
# (one cell; no tab stops in a reordered line), or ⇥ with show_invisibles.
TAB_SHOWN = "\u21e5"  # ⇥
DEL_PICTURE = "\u2421"  # ␡
#: C1 controls U+0080-U+009F have no control pictures: one shared symbol.
C1_PICTURE = "\u2426"  # ␦
#: A lone surrogate cannot even be encoded as UTF-8.
SURROGATE_PICTURE = "\ufffd"  # �
LINE_SEPARATOR_PICTURE = "\u2424"  # ␤ (U+2028, a line break inside a paragraph)
PARAGRAPH_SEPARATOR_PICTURE = "\u00b6"  # ¶ (U+2029)

#: Invisible characters: hidden (no cell) unless show_invisibles, then these glyphs.
#: Glyphs are one cell wide in Rich and distinct from each other.
INVISIBLE_PICTURES: dict[str, str] = {
    # bidi formatting characters (never emitted raw)
    "\u200e": "\u21c0",  # LRM ⇀
    "\u200f": "\u21bc",  # RLM ↼
    "\u061c": "\u21bd",  # ALM ↽
    "\u202a": "\u21c9",  # LRE ⇉
    "\u202b": "\u21c7",  # RLE ⇇
    "\u202c": "\u21e3",  # PDF ⇣
    "\u202d": "\u21db",  # LRO ⇛
    "\u202e": "\u21da",  # RLO ⇚
    "\u2066": "\u21fe",  # LRI ⇾
    "\u2067": "\u21fd",  # RLI ⇽
    "\u2068": "\u21ff",  # FSI ⇿
    "\u2069": "\u21e1",  # PDI ⇡
    # joiners, spaces and hyphens that draw nothing
    "\u200d": "\u2299",  # ZWJ ⊙
    "\u200c": "\u2298",  # ZWNJ ⊘
    "\u200b": "\u237d",  # ZWSP ⍽
    "\u2060": "\u2040",  # WORD JOINER ⁀
    "\u00ad": "\u00ac",  # SOFT HYPHEN ¬
    "\ufeff": "\u229a",  # BOM / ZWNBSP ⊚
}
#: Any other invisible format character (Cf that draws nothing) when shown.
OTHER_FORMAT_PICTURE = "\u2b1a"  # ⬚

#: The explicit bidi controls (embeddings, overrides, isolates and their ends): what
#: a Trojan-Source text uses to draw in an order other than the one it is read in.
#: Hidden like every bidi control, except where they change the order (engine.py).
EXPLICIT_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")

#: Letters and marks that draw nothing but are no format characters, so they pass as
#: ordinary text (a "blank" name, an invisible identifier): drawn as they are, and as
#: these one-cell pictures with ``show_invisibles``.
FILLER_PICTURES: dict[str, str] = {
    "\u115f": "\u25af",  # HANGUL CHOSEONG FILLER ▯
    "\u3164": "\u25af",  # HANGUL FILLER ▯
    "\uffa0": "\u25af",  # HALFWIDTH HANGUL FILLER ▯
    "\u2800": "\u2b1e",  # BRAILLE PATTERN BLANK ⬞
    "\u034f": "\u2058",  # COMBINING GRAPHEME JOINER ⁘
}

# Other default-ignorable format characters: invisible math operators, deprecated
# format characters, Mongolian vowel separator, interlinear annotation, shorthand
# format controls, musical format controls, tags. (Prepended concatenation marks
# such as U+0600 ARABIC NUMBER SIGN are visible and left alone.)
_OTHER_FORMAT = re.compile(
    "[\u180e\u2061-\u2064\u206a-\u206f\ufff9-\ufffb\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)

#: Every character `display` may change: a text without any is shown as it is.
SPECIAL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


#: Every character `display` may change with ``show_invisibles``.
SPECIAL_SHOWN = re.compile(SPECIAL.pattern[:-1] + "".join(FILLER_PICTURES) + "]")


def special(show_invisibles: bool) -> re.Pattern[str]:
    """The characters `display` may change with these options."""
    return SPECIAL_SHOWN if show_invisibles else SPECIAL


def display(ch: str, show_invisibles: bool = False) -> str:
    """What to draw for ``ch``: itself, a one-cell placeholder, or "" (nothing)."""
    if not SPECIAL.match(ch):
        return FILLER_PICTURES.get(ch, ch) if show_invisibles else ch
    code = ord(ch)
    if ch == "\t":
        return TAB_SHOWN if show_invisibles else " "
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return DEL_PICTURE
    if code <= 0x9F:
        return C1_PICTURE
    if 0xD800 <= code <= 0xDFFF:
        return SURROGATE_PICTURE
    if ch == "\u2028":
        return LINE_SEPARATOR_PICTURE
    if ch == "\u2029":
        return PARAGRAPH_SEPARATOR_PICTURE
    picture = INVISIBLE_PICTURES.get(ch)
    if picture is None and not _OTHER_FORMAT.match(ch):
        return ch  # e.g. U+2065 (unassigned) inside the SPECIAL ranges
    if not show_invisibles:
        return ""
    return picture or OTHER_FORMAT_PICTURE


def visible(text: str, show_invisibles: bool = False) -> str:
    """``text`` with every special character replaced as `display` does, in logical
    order: for document text that is printed without bidi layout (paths, ids)."""
    return special(show_invisibles).sub(lambda match: display(match.group(), show_invisibles), text)


def is_safe(text: str) -> bool:
    """True if ``text`` holds no C0/C1 control, raw bidi control or lone surrogate."""
    return not _UNSAFE.search(text)


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
