"""The Unicode Bidirectional Algorithm (UAX #9, Unicode 15): embedding levels
of one paragraph (P2-P3, X1-X10, W1-W7, N0-N2, I1-I2; resolve_paragraph), or
of many at once (resolve_paragraphs, for a whole document), and the visual
order of one line (L1-L2).  L3 and L4 are left to the renderer.

Speed matters (this runs for every paragraph shown), so the algorithm works on
a *class string*: one ASCII byte per code point naming its Bidi_Class (see
``_CODES``).  Most rules then become ``bytes.translate``, ``bytes.replace`` or
``re`` over that string, and Python-level work is per run of characters
(a Latin phrase inside Arabic, a number, a bracket pair), not per character.
What is left is a fixed cost of some twenty such operations per paragraph,
which resolve_paragraphs pays once for a batch of paragraphs.
"""

from __future__ import annotations

import bisect
import codecs
import heapq
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from . import unicode_tables as _tables

if TYPE_CHECKING:
    from _codecs import _EncodingMap  # what codecs.charmap_build returns (typeshed only)

# --- Classification --------------------------------------------------------

# One byte per Bidi_Class.  Upper case: the classes that reach rules W1-I2;
# lower case and F: explicit formatting characters.
_CODES = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "P", "ET": "T", "AN": "N",
    "CS": "C", "NSM": "M", "BN": "Z", "B": "B", "S": "S", "WS": "W", "ON": "O",
    "LRE": "x", "RLE": "y", "LRO": "X", "RLO": "Y", "PDF": "F",
    "LRI": "i", "RLI": "j", "FSI": "f", "PDI": "I",
}

# Python 3.11 ships Unicode 14; the tables fix the code points whose class
# changed or was assigned in Unicode 15 (see tools/gen_unicode_tables.py).
_OVERRIDES = (
    _tables.BIDI_OVERRIDES if unicodedata.unidata_version == _tables.BIDI_OVERRIDES_BASE else ()
)
_OVERRIDE_STARTS = [lo for lo, _, _ in _OVERRIDES]


def bidi_class(cp: int) -> str:
    """Bidi_Class (short name) of a code point, as of Unicode 15."""
    k = bisect.bisect_right(_OVERRIDE_STARTS, cp) - 1
    if k >= 0 and _OVERRIDES[k][1] >= cp:
        return _OVERRIDES[k][2]
    cls = unicodedata.bidirectional(chr(cp))
    if cls:
        return cls
    # Unassigned: the block default (R for Hebrew blocks, AL for Arabic...).
    # The ranges nest, later ones are narrower, so take the last that holds cp.
    for lo, hi, value in reversed(_tables.BIDI_DEFAULT_RANGES):
        if lo <= cp <= hi:
            return value
    return "L"


class _ClassMap(dict[int, str]):
    """str.translate table code point -> class code, filled on first use."""

    def __missing__(self, cp: int) -> str:
        code = self[cp] = _CODES[bidi_class(cp)]
        return code


_CLASS_MAP = _ClassMap()

# str.translate with a dict costs ~45 ns per non-ASCII character; a charmap
# *codec* runs its C lookup table at ~5 ns.  So the characters of Arabic,
# Persian, Urdu and Hebrew news go through a private 256-entry code page, and a
# bytes.translate turns code-page bytes into class codes.  Any other character
# raises an encode error, and the handler classifies it the slow way, with the
# next few characters to spread the cost of the call: the worst case (text
# full of characters outside the code page) stays near plain str.translate.
_COMMON_CHARS = (
    "\t\n\r" + "".join(map(chr, range(0x20, 0x7F)))
    + "\u00a0\u00ab\u00ad\u00b0\u00bb\u00d7\u00e9"
    + "\u060c\u061b\u061f" + "".join(map(chr, range(0x0621, 0x0653)))  # letters, harakat
    + "".join(map(chr, range(0x0660, 0x066D))) + "\u0670"                # Arabic-Indic digits
    + "\u0679\u067e\u0686\u0688\u0691\u0698\u06a9\u06af\u06ba\u06be\u06c0\u06c1\u06cc\u06d2\u06d4"
    + "".join(map(chr, range(0x06F0, 0x06FA)))                            # Persian digits
    + "".join(map(chr, range(0x05D0, 0x05EB))) + "\u05be\u05f3\u05f4"     # Hebrew
    + "\u200b\u200c\u200d\u200e\u200f\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"
    + "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u20ac\u2212\ufeff"
)


def _build_codepage() -> tuple[dict[int, int] | _EncodingMap, bytes]:
    slots: list[str | None] = [None] * 256
    slots[0] = "\x00"  # charmap_build needs byte 0 <-> U+0000 for its fast map
    rest = []
    for ch in _COMMON_CHARS:
        code = ord(_CLASS_MAP[ord(ch)])
        if slots[code] is None:
            slots[code] = ch  # the byte of a class code stands for its class
        else:
            rest.append(ch)
    free = [b for b in range(256) if slots[b] is None]
    assert len(rest) <= len(free), "common character list too long"
    for b, ch in zip(free, rest):
        slots[b] = ch
    # '\ufffe' marks an unused byte for charmap_build.
    decoding = "".join(ch or "\ufffe" for ch in slots)
    to_class = bytes(ord(_CLASS_MAP[ord(ch)]) if ch else ord("Z") for ch in slots)
    # Every class code must be its own byte, for the error handler's output.
    assert all(to_class[ord(c)] == ord(c) for c in _CODES.values()), "class without a representative"
    return codecs.charmap_build(decoding), to_class


_SLOW_CHUNK = 32


def _classify_rest(exc: UnicodeEncodeError) -> tuple[bytes, int]:
    end = max(exc.end, exc.start + _SLOW_CHUNK)
    return exc.object[exc.start:end].translate(_CLASS_MAP).encode("ascii"), min(end, len(exc.object))


_CODEPAGE, _BYTE_TO_CLASS = _build_codepage()
_ERRORS = "reader.bidi.uba.classify"
# Registered for this one encoding, so the handler only ever gets UnicodeEncodeError;
# typeshed types error handlers for any UnicodeError.
codecs.register_error(_ERRORS, _classify_rest)  # type: ignore[arg-type]  # (see above)
_charmap_encode = codecs.charmap_encode


def classify(text: str) -> bytes:
    """One class code byte (see _CODES) per code point of text."""
    return _charmap_encode(text, _ERRORS, _CODEPAGE)[0].translate(_BYTE_TO_CLASS)


def _table(mapping: dict[str, str], default: int | None = None) -> bytes:
    t = bytearray(range(256)) if default is None else bytearray([default] * 256)
    for k, v in mapping.items():
        for c in k:
            t[ord(c)] = ord(v)
    return bytes(t)


# --- P2-P3 -------------------------------------------------------------------

_STRONG_OR_ISOLATE_RE = re.compile(rb"[LRAijfI]")
_ISOLATE_RE = re.compile(rb"[ijfIB]")


def _first_strong(cls: bytes, start: int = 0, end: int | None = None) -> int | None:
    """P2-P3: level (0/1) of the first L/R/AL in cls[start:end] outside
    isolates, or None.  (An FSI passes the end of its span as `end`.)"""
    if end is None:
        end = len(cls)
    m = _STRONG_OR_ISOLATE_RE.search(cls, start, end)
    if m is None:
        return None
    c = m.group()
    if c in b"LRA":  # the usual case: a strong character before any isolate
        return 0 if c == b"L" else 1
    depth = 0
    for m in _STRONG_OR_ISOLATE_RE.finditer(cls, start, end):
        c = m.group()
        if c in b"ijf":
            depth += 1
        elif c == b"I":
            if depth:  # an unmatched PDI is just ignored
                depth -= 1
        elif depth == 0:
            return 0 if c == b"L" else 1
    return None


def first_strong_direction(text: str) -> str | None:
    """"ltr" / "rtl" from the first strong character (P2-P3), else None."""
    level = _first_strong(classify(text))
    return None if level is None else ("ltr", "rtl")[level]


# --- X1-X10 ------------------------------------------------------------------

_MAX_DEPTH = 125
_CONTROL_RE = re.compile(rb"[xyXYFijfIB]")
_IMPLICIT_CODES = b"LRAEPTNCMZSWO"  # the class codes _CONTROL_RE does not match
_KEPT_RE = re.compile(rb"[^xyXYFZ]+")
_REMOVED_RE = re.compile(rb"[xyXYFZ]")
_OVERRIDE = {
    0: None,
    ord("L"): _table({"LRAEPTNCMSWOijfI": "L"}),
    ord("R"): _table({"LRAEPTNCMSWOijfI": "R"}),
}


_OVERRIDE_CLASS = {ord("X"): ord("L"), ord("Y"): ord("R")}


def _match_isolates(cls: bytes) -> dict[int, int]:
    """BD9: isolate initiator position -> matching PDI position, and PDI -> initiator."""
    match: dict[int, int] = {}
    open_: list[int] = []
    for m in _ISOLATE_RE.finditer(cls):
        c, i = m.group(), m.start()
        if c == b"I":
            if open_:
                j = open_.pop()
                match[j] = i
                match[i] = j
        elif c == b"B":
            open_.clear()
        else:
            open_.append(i)
    return match


def _explicit(cls: bytes, para: int, match: dict[int, int]) -> tuple[bytearray, bytearray]:
    """X1-X8: embedding level of every character, and the classes after
    directional overrides.  Works segment by segment between controls."""
    n = len(cls)
    levels = bytearray(n)
    classes = bytearray(cls)
    stack = [(para, 0, False)]  # (level, override class byte or 0, isolate?)
    over_isolate = over_embed = valid_isolate = 0
    pos = 0
    for m in _CONTROL_RE.finditer(cls):
        i = m.start()
        level, override, _ = stack[-1]
        if i > pos:
            levels[pos:i] = bytes([level]) * (i - pos)
            if override:
                classes[pos:i] = cls[pos:i].translate(_OVERRIDE[override])
        pos = i + 1
        c = cls[i]
        levels[i] = level
        if c in b"xyXY":  # X2-X5
            new = (level + 2) & ~1 if c in b"xX" else (level + 1) | 1
            if new <= _MAX_DEPTH and not over_isolate and not over_embed:
                stack.append((new, _OVERRIDE_CLASS.get(c, 0), False))
            elif not over_isolate:
                over_embed += 1
        elif c in b"ijf":  # X5a-X5c
            if override:
                classes[i] = override
            rtl = c == ord("j") or (
                c == ord("f") and _first_strong(cls, i + 1, match.get(i, n)) == 1
            )
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= _MAX_DEPTH and not over_isolate and not over_embed:
                valid_isolate += 1
                stack.append((new, 0, True))
            else:
                over_isolate += 1
        elif c == ord("I"):  # X6a
            if over_isolate:
                over_isolate -= 1
            elif valid_isolate:
                over_embed = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolate -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                classes[i] = override
        elif c == ord("F"):  # X7
            if over_isolate:
                pass
            elif over_embed:
                over_embed -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        else:  # B (X8): everything is terminated
            levels[i] = para
            stack = [(para, 0, False)]
            over_isolate = over_embed = valid_isolate = 0
    level, override, _ = stack[-1]
    if n > pos:
        levels[pos:n] = bytes([level]) * (n - pos)
        if override:
            classes[pos:n] = cls[pos:n].translate(_OVERRIDE[override])
    return levels, classes


# --- W1-W7, N0-N2, I1-I2 on one isolating run sequence -----------------------

# Directions (sos, eos, embedding direction) are class code bytes.
_L, _R, _AL, _ON, _NSM, _PDI = b"LRAOMI"

# Patterns that begin with a literal and no repeat: re then finds candidates with
# its fast literal search (a leading class or `X+` is tried at every position, and
# `A[^LR]*` over Arabic text costs ~4 ns a byte).
_NSM_RE = re.compile(rb"M")
_BACK_TO_STRONG_RE = {b"LRA": re.compile(rb"E[^LRA]*+"), b"LR": re.compile(rb"E[^LR]*+")}
_ON_RE = re.compile(rb"O")


def _w1(s: bytes, sos: int) -> bytes:
    """W1 for the marks left after the usual case (a mark on an Arabic letter):
    each takes the class of the character before it once that one is
    resolved, sos at the start, ON after an isolate initiator or PDI."""
    out = bytearray(s)
    for m in _NSM_RE.finditer(s):
        i = m.start()
        c = out[i - 1] if i else sos
        out[i] = _ON if c in b"ijfI" else c
    return bytes(out)


def _retype_numbers(s: bytes, strong: bytes, when: int, new: bytes, sos: int) -> bytes:
    """W2 and W7: each EN whose last strong character before it (a byte of
    strong; sos if none) is `when` becomes `new`.  Numbers are few, so this
    looks back from each: in the reversed classes, a match runs from an EN
    to that strong character, taking in the ENs on the way."""
    n = len(s)
    rev = s[::-1] + bytes((sos,))  # sos: the strong character before the start
    spans = [m.span() for m in _BACK_TO_STRONG_RE[strong].finditer(rev) if rev[m.end()] == when]
    if not spans:
        return s
    out = bytearray(s)
    for a, b in spans:
        out[n - b:n - a] = s[n - b:n - a].replace(b"E", new)
    return bytes(out)


# W4 as "E[PC]E" -> "EEE": the leading literal lets re skip ahead at C speed (a
# lookbehind is tried at every position); the lookahead leaves the next number free
# to start a match, as in "1,000,000".
_W4_EN_RE = re.compile(rb"E[PC](?=E)")
_W4_AN_RE = re.compile(rb"NC(?=N)")
# W5 in two passes, each with a literal prefix (`T+(?=E)|(?<=E)T+` is tried at
# every position: ~40 ms on a document's 1.1 M classes).  Runs of ET are
# maximal, so a run the first pass changes never makes the second find more.
_W5_AFTER_RE = re.compile(rb"ETT*+")
_W5_BEFORE_RE = re.compile(rb"TT*+(?=E)")
# W6 (separators and terminators left are ON), with W3 (AL is R): W4 and W5
# do not look at AL, so W3 can wait and share the pass.
_W3_W6 = _table({"A": "R", "PTC": "O"})
_NI = rb"BSWOijfI"
# N1 for neutrals between two strong characters of the direction opposite to
# the embedding; all other neutrals get the embedding direction (N2).
# Patterns start with a literal so that re's fast prefix search skips the
# rest of the text, and the single neutral (a space between two words), the
# common case, is replaced by a constant: no Python callback.
def _n1_patterns(left: str, right: str, opp: str) -> tuple[list[tuple[re.Pattern[bytes], bytes]], re.Pattern[bytes]]:
    ni = "[" + _NI.decode() + "]"
    one = [(re.compile((c + ni + f"(?=[{right}])").encode()), (c + opp).encode()) for c in left]
    many = re.compile((f"[{left}]{ni}{{2,}}(?=[{right}])").encode())
    return one, many


_N1 = {ord("L"): _n1_patterns("L", "L", "L"), ord("R"): _n1_patterns("REN", "REN", "R")}
_N2 = {ord("L"): _table({_NI.decode(): "L"}), ord("R"): _table({_NI.decode(): "R"})}
_N2_LEVEL_TABLES: dict[int, bytes] = {}
_N0_STRONG = _table({"RENA": "R", "L": "L"}, ord("."))
_BRACKET_SET = frozenset(_tables.PAIRED_BRACKET)
# Closing bracket each bracket pairs with, canonically (U+2329 ~ U+3008).
_CANON = _tables.BRACKET_CANONICAL
_OPENS = {
    ch: _CANON.get(other, other)
    for ch, other in _tables.PAIRED_BRACKET.items()
    if _tables.BRACKET_TYPE[ch] == "o"
}
_CLOSES = {ch: _CANON.get(ch, ch) for ch, t in _tables.BRACKET_TYPE.items() if t == "c"}
_LEVEL_TABLES: dict[int, bytes] = {}


def _level_table(level: int) -> bytes:
    """I1-I2 as a translate table: resolved class -> level."""
    t = _LEVEL_TABLES.get(level)
    if t is None:
        if level & 1:
            t = _table({"L": chr(level + 1), "R": chr(level), "EN": chr(level + 1)}, 0xFF)
        else:
            t = _table({"L": chr(level), "R": chr(level + 1), "EN": chr(level + 2)}, 0xFF)
        _LEVEL_TABLES[level] = t
    return t


def _all_en(m: re.Match[bytes]) -> bytes:
    return b"E" * len(m.group())


def _n2_level_table(level: int) -> bytes:
    """N2 then I1-I2 as one translate table."""
    t = _N2_LEVEL_TABLES.get(level)
    if t is None:
        n2, lv = _N2[_R if level & 1 else _L], _level_table(level)
        t = _N2_LEVEL_TABLES[level] = bytes(lv[n2[b]] for b in range(256))
    return t


def _resolve_sequence(
    s: bytes, text: str, level: int, sos: int, eos: int, bounds: list[int] | None = None
) -> bytes:
    """Levels of one isolating run sequence: s its classes (X9-removed
    characters left out), text its characters, sos/eos ord("L")/ord("R").

    bounds: for several implicit paragraphs resolved as one sequence (see
    _resolve_implicit_batch), the positions of the separators between them,
    so that brackets pair within a paragraph only (N0).  Every other rule is
    kept inside a paragraph by the separator itself."""
    e_dir = _R if level & 1 else _L
    # Shortcut: only strong characters of the embedding direction (and no
    # numbers) leave everything at the embedding level.
    if sos == eos == e_dir:
        if (e_dir == _R and b"L" not in s and b"E" not in s and b"N" not in s) or (
            e_dir == _L and b"R" not in s and b"A" not in s and b"N" not in s
        ):
            return bytes([level]) * len(s)
    orig = s
    # W1: a mark takes the class of what precedes it (ON after an isolate).
    if b"M" in s:
        # The usual case, one haraka on an Arabic letter, in one C call.
        s = s.replace(b"AM", b"AA")
        if b"M" in s:
            s = _w1(s, sos)
    has_en = b"E" in s
    # W2: EN after AL (no L/R in between) is AN.
    if has_en and b"A" in s:
        s = _retype_numbers(s, b"LRA", _AL, b"N", sos)
        has_en = b"E" in s
    # W3 (AL is R) is done with W6 below.
    if has_en or b"N" in s:
        if b"P" in s or b"C" in s:  # W4
            if has_en:
                s = _W4_EN_RE.sub(b"EE", s)
            if b"NC" in s:
                s = _W4_AN_RE.sub(b"NN", s)
        if has_en and b"T" in s:  # W5
            s = _W5_AFTER_RE.sub(_all_en, s)
            s = _W5_BEFORE_RE.sub(_all_en, s)
    s = s.translate(_W3_W6)
    # W7: EN after L (or sos L) is L.
    if has_en and (b"L" in s or sos == _L):
        s = _retype_numbers(s, b"LR", _L, b"L", sos)
    if b"O" in orig:  # brackets are ON (N0)
        s = _n0(s, orig, text, level, sos, bounds)
    # N1-N2
    opp = _L + _R - e_dir  # the other direction
    padded = bytes([sos]) + s + bytes([eos])
    if opp == _L and b"L" in padded or opp == _R and (b"R" in padded or b"E" in s or b"N" in s):
        one, many = _N1[opp]
        for regex, replacement in one:
            padded = regex.sub(replacement, padded)
        padded = many.sub(lambda m: m.group()[:1] + bytes([opp]) * (len(m.group()) - 1), padded)
    return padded[1:-1].translate(_n2_level_table(level))


def _bracket_pairs(
    s: bytes, orig: bytes, text: str, bounds: list[int] | None
) -> list[tuple[int, int]]:
    """BD16: the bracket pairs (opener, closer positions), sorted; with
    bounds (separator positions), each paragraph between them on its own.
    Every paired bracket is ON, so only the ON characters of orig are looked at
    (searching text for brackets costs ~3 ns a character)."""
    n = len(text)
    bounds = bounds or []  # None and [] both mean one paragraph
    pairs = []
    stack: list[tuple[str, int]] = []
    end = bounds[0] if bounds else n  # where the current paragraph ends
    full = False  # BD16 overflow: no more pairs in the current paragraph
    for m in _ON_RE.finditer(orig):
        i = m.start()
        ch = text[i]
        if ch not in _BRACKET_SET:
            continue
        if i > end:  # a new paragraph: forget the previous one's openers
            k = bisect.bisect(bounds, i)
            end = bounds[k] if k < len(bounds) else n
            stack.clear()
            full = False
        if full or s[i] != _ON:  # only brackets still ON (not overridden) pair up
            continue
        closer = _OPENS.get(ch)
        if closer is not None:
            if len(stack) == 63:  # BD16: stop at overflow
                if end == n:
                    break
                full = True
                continue
            stack.append((closer, i))
        else:
            want = _CLOSES[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    pairs.sort()
    return pairs


def _n0(
    s: bytes, orig: bytes, text: str, level: int, sos: int, bounds: list[int] | None = None
) -> bytes:
    """N0: paired brackets take the direction of what they enclose, or of
    their context when they enclose only the opposite direction.

    With bounds (several paragraphs in one sequence, see _resolve_sequence),
    brackets pair within a paragraph, and the context of a paragraph's first
    pair is the separator before it: a strong character of the embedding
    direction, as sos is (implicit paragraphs have sos = the embedding
    direction)."""
    pairs = _bracket_pairs(s, orig, text, bounds)
    if not pairs:
        return s
    e_dir = _R if level & 1 else _L
    opp = _L + _R - e_dir
    # Strong directions as N0 sees them (EN and AN count as R), before any
    # bracket changes.  Pairs nest or are disjoint, so when a pair is checked
    # no bracket inside it has changed yet; changed brackets before it are
    # tracked apart (`changed`), which keeps this linear in the text.
    strong = s.translate(_N0_STRONG)
    find, rfind = strong.find, strong.rfind
    out = bytearray(s)
    context_pos, context = -1, sos  # last strong before the current opener
    scanned = 0
    changed: list[tuple[int, int]] = []  # heap of (last position, direction)
    for o, c in pairs:
        r, l = rfind(b"R", scanned, o), rfind(b"L", scanned, o)
        if r > context_pos or l > context_pos:
            context_pos, context = (r, _R) if r > l else (l, _L)
        scanned = o
        while changed and changed[0][0] < o:
            pos, d = heapq.heappop(changed)
            if pos > context_pos:
                context_pos, context = pos, d
        has_l = find(b"L", o + 1, c) >= 0
        has_r = find(b"R", o + 1, c) >= 0
        if has_l if e_dir == _L else has_r:
            d = e_dir
        elif has_r if e_dir == _L else has_l:
            # Only the opposite direction inside: the preceding context decides.
            d = opp if context == opp else e_dir
        else:
            continue
        for p in (o, c):
            out[p] = d
            p += 1
            while p < len(out) and orig[p] == _NSM:  # marks on a bracket follow it
                out[p] = d
                p += 1
            heapq.heappush(changed, (p - 1, d))
    return bytes(out)


# --- The paragraph -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParagraphLevels:
    """The resolved levels of one paragraph (before L1, which depends on
    where lines break: see line_levels and reorder_line)."""

    text: str
    para_level: int  # 0 = LTR, 1 = RTL
    # Resolved embedding level per code point; -1 where X9 removed the character.
    levels: array[int]
    # Original class code per code point (see _CODES), for L1.
    classes: bytes = field(repr=False, compare=False)
    # levels as bytes, 0xFF for removed characters (for reorder_line's regexes).
    level_bytes: bytes = field(repr=False, compare=False)


def _base_level(base: str) -> int | None:
    """The paragraph level base asks for, None for "auto" (P2-P3)."""
    if base == "auto":
        return None
    if base in ("ltr", "rtl"):
        return 0 if base == "ltr" else 1
    raise ValueError(f"base must be 'auto', 'ltr' or 'rtl', not {base!r}")


def resolve_paragraph(text: str, base: str = "auto") -> ParagraphLevels:
    """Embedding levels of one paragraph.  base: "auto" (P2-P3, LTR when
    there is no strong character), "ltr" or "rtl"."""
    fixed = _base_level(base)
    cls = classify(text)
    para = (_first_strong(cls) or 0) if fixed is None else fixed
    if _CONTROL_RE.search(cls):
        out = _resolve_explicit(text, cls, para)
    else:
        out = _resolve_implicit(text, cls, para)
    return ParagraphLevels(text, para, array("b", out), cls, out)


def _resolve_implicit(text: str, cls: bytes, para: int) -> bytes:
    """No embeddings or isolates: one isolating run sequence at para level."""
    d = _R if para else _L
    if b"Z" not in cls:
        return _resolve_sequence(cls, text, para, d, d)
    # BN characters are removed (X9): resolve without them, put them back as -1.
    s, t, kept = _remove_bn(cls, text)
    return _restore_bn(_resolve_sequence(s, t, para, d, d), kept)


# The BN characters of everyday text (Persian writes a ZWNJ inside many words).
_COMMON_BN = [ch for ch in "\u200c\u200d\u200b\u00ad\ufeff\u2060" if bidi_class(ord(ch)) == "BN"]


def _remove_bn(cls: bytes, text: str) -> tuple[bytes, str, list[int]]:
    """X9 in a paragraph without explicit formatting characters: its classes
    and text without the BN characters, and the lengths of the stretches
    between these (for _restore_bn).  In C calls, not per BN character."""
    kept = list(map(len, cls.split(b"Z")))
    t = text
    for ch in _COMMON_BN:
        if ch in t:
            t = t.replace(ch, "")
    if len(t) != sum(kept):  # some other BN character: cut the text where cls says
        ends = accumulate(n + 1 for n in kept)
        t = "".join([text[end - n - 1:end - 1] for n, end in zip(kept, ends)])
    return cls.replace(b"Z", b""), t, kept


def _restore_bn(levels: bytes, kept: list[int]) -> bytes:
    """levels with -1 (0xFF) put back where _remove_bn took BN characters out."""
    starts = [0, *accumulate(kept)]
    return b"\xff".join([levels[a:b] for a, b in zip(starts, starts[1:])])


def _uncompact(compact: bytes, spans: list[tuple[int, int]], n: int) -> bytes:
    out = bytearray(b"\xff" * n)
    k = 0
    for a, b in spans:
        out[a:b] = compact[k:k + b - a]
        k += b - a
    return bytes(out)


# --- Many paragraphs at once ---------------------------------------------------

# Implicit paragraphs of one paragraph level are resolved as one sequence,
# joined by a strong character of their direction, which stands for their sos
# and eos (see _resolve_joined): its class code, and in the text any character
# that is no bracket (only N0 reads the text, and only at ON characters).
_SEPARATOR_CLASS = {0: b"L", 1: b"R"}
_SEPARATOR_CHAR = "\u05d0"
_STRONG_RE = re.compile(rb"[LRA]")


def resolve_paragraphs(texts: list[str], base: str = "auto") -> list[tuple[int, bytes]]:
    """(para_level, level_bytes) of each text, equal to those of
    resolve_paragraph(text, base), for many paragraphs at once (a document):
    the fixed cost of resolve_paragraph's ~20 regex and bytes operations is
    paid once per batch instead of once per paragraph.

    All texts are classified in one call.  Texts with explicit formatting
    characters or a paragraph separator (_CONTROL_RE) go through
    resolve_paragraph one by one; the others, implicit paragraphs, are grouped
    by paragraph level and each group is resolved as one isolating run
    sequence (_resolve_implicit_batch), except those all at the paragraph
    level (_is_flat), which need no resolving.

    texts: a list or other sequence (it is read more than once)."""
    fixed = _base_level(base)
    cls = classify("".join(texts))
    starts = [0, *accumulate(map(len, texts))]
    explicit = _paragraphs_with_controls(cls, starts)
    # Filled by index below (every paragraph exactly once); the placeholder is never returned.
    out: list[tuple[int, bytes]] = [(0, b"")] * len(texts)
    groups: tuple[list[int], list[int]] = ([], [])  # implicit texts by paragraph level
    search = _STRONG_RE.search
    for i, text in enumerate(texts):
        if i in explicit:
            par = resolve_paragraph(text, base)
            out[i] = par.para_level, par.level_bytes
            continue
        a, b = starts[i], starts[i + 1]
        if fixed is None:  # P2-P3: without isolates, the first L, R or AL decides
            m = search(cls, a, b)
            para = 0 if m is None or cls[m.start()] == _L else 1
        else:
            para = fixed
        if _is_flat(cls, a, b, para):
            out[i] = para, cls[a:b].translate(_FLAT_TABLES[para])
        else:
            groups[para].append(i)
    for para, members in enumerate(groups):
        if members:
            levels = _resolve_implicit_batch(
                [cls[starts[i]:starts[i + 1]] for i in members], [texts[i] for i in members], para
            )
            for i, lv in zip(members, levels):
                out[i] = para, lv
    return out


# The classes that keep an implicit paragraph from being all at its level (the
# shortcut of _resolve_sequence); and the levels of one that is (BN: -1).
_NOT_FLAT = {0: tuple(b"RAN"), 1: tuple(b"LEN")}
_FLAT_TABLES = {para: _table({"Z": "\xff"}, para) for para in (0, 1)}


def _is_flat(cls: bytes, start: int, end: int, para: int) -> bool:
    """Whether the implicit paragraph cls[start:end] is all at its level para.
    Such paragraphs are kept out of the batches: alone they take the shortcut
    of _resolve_sequence, but in a batch with one paragraph that does not (an
    English document quoting an Arabic name) they would go through every rule."""
    find = cls.find
    return all(find(c, start, end) < 0 for c in _NOT_FLAT[para])


def _paragraphs_with_controls(cls: bytes, starts: list[int]) -> set[int]:
    """Indices of the paragraphs (paragraph i is cls[starts[i]:starts[i + 1]])
    that _CONTROL_RE matches."""
    if not cls.translate(None, _IMPLICIT_CODES):  # one C pass: news seldom has any
        return set()
    return {bisect.bisect_right(starts, m.start()) - 1 for m in _CONTROL_RE.finditer(cls)}


def _resolve_implicit_batch(classes: list[bytes], texts: list[str], para: int) -> list[bytes]:
    """Levels of implicit paragraphs (their classes and texts: lists this
    changes), all at paragraph level para: what _resolve_implicit gives each.
    X9-removed characters (BN) are taken out of each paragraph before they
    are joined and put back (-1) afterwards, as in _resolve_implicit."""
    kept: dict[int, list[int]] = {}  # paragraph -> what _remove_bn kept
    for k, c in enumerate(classes):
        if b"Z" in c:
            classes[k], texts[k], kept[k] = _remove_bn(c, texts[k])
    starts = [0, *accumulate(len(c) + 1 for c in classes)]  # + 1: the separator
    out = _resolve_joined(
        _SEPARATOR_CLASS[para].join(classes), _SEPARATOR_CHAR.join(texts), starts, para
    )
    for k, lengths in kept.items():
        out[k] = _restore_bn(out[k], lengths)
    return out


def _resolve_joined(s: bytes, text: str, starts: list[int], para: int) -> list[bytes]:
    """Levels of implicit paragraphs at paragraph level para, given joined
    by separators (_SEPARATOR_CLASS, _SEPARATOR_CHAR): s their classes and text
    their characters, paragraph k at starts[k]:starts[k + 1] - 1.

    They are resolved as one isolating run sequence, with separators of class
    e, the embedding direction.  For every rule such a separator keeps the
    paragraphs apart as their own sos and eos (both e) would:
    - W1: an NSM at the start of a paragraph takes e, as from sos;
    - W2 and W7: the look back for AL, or for L, stops at the separator (L or
      R, as sos is), so it never reaches the previous paragraph;
    - W4, W5: the separator is no number, separator or terminator: nothing
      joins across it;
    - N0: brackets pair within a paragraph (the separators' positions are
      passed on as bounds); the context of a paragraph's first pair is the
      separator, e like sos;
    - N1, N2: neutrals at either end of a paragraph see e on that side, as they
      see sos and eos;
    - the "only the embedding direction" shortcut holds for the batch only if
      it holds for every paragraph (and it is exact anyway)."""
    bounds = [b - 1 for b in starts[1:-1]]  # the separators' positions
    d = _R if para else _L
    resolved = _resolve_sequence(s, text, para, d, d, bounds)
    return [resolved[a:b - 1] for a, b in zip(starts, starts[1:])]


_LEVEL_RUN_RE = re.compile(rb"(.)\1*", re.S)


def _resolve_explicit(text: str, cls: bytes, para: int) -> bytes:
    match = _match_isolates(cls)
    levels, classes = _explicit(cls, para, match)
    if _REMOVED_RE.search(cls) is None:  # isolates only: nothing to take out
        spans = None
        ccls, corig, clev, ctext = bytes(classes), cls, bytes(levels), text
    else:  # X9: work on the text without the removed characters
        spans = [m.span() for m in _KEPT_RE.finditer(cls)]
        ccls = b"".join(classes[a:b] for a, b in spans)
        corig = b"".join(cls[a:b] for a, b in spans)
        clev = b"".join(levels[a:b] for a, b in spans)
        ctext = "".join(text[a:b] for a, b in spans)
        match = _match_isolates(corig)
    n = len(clev)
    # X10: level runs, chained across matched isolate initiator / PDI pairs.
    runs = {m.start(): m.end() for m in _LEVEL_RUN_RE.finditer(clev)}
    out = bytearray(n)
    for start in runs:
        if corig[start] == _PDI and start in match:  # continues an earlier sequence
            continue
        seq = [(start, runs[start])]
        while True:
            last = seq[-1][1] - 1
            if corig[last] in b"ijf" and last in match and match[last] in runs:
                nxt = match[last]
                seq.append((nxt, runs[nxt]))
            else:
                break
        level = clev[start]
        prev = clev[start - 1] if start > 0 else para
        last = seq[-1][1] - 1
        if corig[last] in b"ijf" or last + 1 >= n:
            succ = para
        else:
            succ = clev[last + 1]
        sos = _R if max(prev, level) & 1 else _L
        eos = _R if max(succ, level) & 1 else _L
        resolved = _resolve_sequence(
            b"".join(ccls[a:b] for a, b in seq), "".join(ctext[a:b] for a, b in seq),
            level, sos, eos,
        )
        k = 0
        for a, b in seq:
            out[a:b] = resolved[k:k + b - a]
            k += b - a
    return bytes(out) if spans is None else _uncompact(bytes(out), spans, len(cls))


# --- L1-L2 -------------------------------------------------------------------

# L1: separators, and whitespace / isolate controls before them or at the end
# of the line (X9-removed characters are transparent to this).
# The lookbehind makes each whitespace run scanned once, from its start.
_L1_RE = re.compile(rb"(?<![WijfIxyXYFZ])[WijfIxyXYFZ]*[SB]|(?<![WijfIxyXYFZ])[WijfIxyXYFZ]+\Z")
_L1_TABLES = {p: _table({"xyXYFZ": "\xff"}, p) for p in (0, 1)}


_L1_TRAILING = b"WijfIxyXYFZ"


def _apply_l1(par: ParagraphLevels, start: int, end: int) -> bytes | bytearray:
    lv: bytes | bytearray = par.level_bytes[start:end]
    cls = par.classes[start:end]
    if b"S" in cls or b"B" in cls:
        spans = [m.span() for m in _L1_RE.finditer(cls)]
    else:  # the usual line: at most trailing whitespace
        tail = len(cls.rstrip(_L1_TRAILING))
        spans = [(tail, len(cls))] if tail < len(cls) else []
    if spans:
        lv = bytearray(lv)
        table = _L1_TABLES[par.para_level]
        for a, b in spans:
            lv[a:b] = cls[a:b].translate(table)
    return lv


def line_levels(par: ParagraphLevels, start: int, end: int) -> array[int]:
    """The levels of text[start:end] after rule L1 (what BidiCharacterTest
    lists, and what L4 mirroring should look at); -1 for removed characters."""
    return array("b", bytes(_apply_l1(par, start, end)))


_RUNS_REGEXES: dict[bytes, re.Pattern[bytes]] = {}


def _runs_regex(lv: bytes | bytearray) -> re.Pattern[bytes] | None:
    """A regex matching the runs of each level present in lv (X9-removed
    characters, 0xFF, left out).  Alternatives of single-byte repeats scan at
    C speed, where a backreference `(.)\\1*` costs several times more."""
    present = bytearray()
    rest = bytes(lv).translate(None, b"\xff")
    while rest:
        present.append(rest[0])
        rest = rest.translate(None, rest[:1])
    key = bytes(sorted(present))
    if not key:
        return None
    regex = _RUNS_REGEXES.get(key)
    if regex is None:
        regex = _RUNS_REGEXES[key] = re.compile(
            b"|".join(re.escape(bytes([b])) + b"+" for b in key)
        )
    return regex


class _RunRegexes(dict[int, re.Pattern[bytes]]):
    """level -> regex matching a run of that level, compiled on first use (126
    compilations at import would cost a few milliseconds of every start)."""

    def __missing__(self, level: int) -> re.Pattern[bytes]:
        regex = self[level] = re.compile(re.escape(bytes([level])) + b"+")
        return regex


_HIGH_RUN_RES = _RunRegexes()


def run_regex(level: int) -> re.Pattern[bytes]:
    """A regex matching a run of ``level`` in level bytes (ParagraphLevels.level_bytes)."""
    return _HIGH_RUN_RES[level]


def _reorder_two_levels(lv: bytes | bytearray, start: int, low: int, high: int) -> list[int]:
    """L2 when the line has just two adjacent levels (an RTL paragraph with
    numbers or Latin words in it, or an LTR one with Arabic): the whole line
    in one C call, then each high run put back in its own direction."""
    n = len(lv)
    if low & 1:  # everything reverses; the (even) high runs read forward again
        out = list(range(start + n - 1, start - 1, -1))
        for m in _HIGH_RUN_RES[high].finditer(lv):
            a, b = m.span()
            out[n - b:n - a] = range(start + a, start + b)
    else:  # logical order; the (odd) high runs reverse
        out = list(range(start, start + n))
        for m in _HIGH_RUN_RES[high].finditer(lv):
            a, b = m.span()
            out[a:b] = range(start + b - 1, start + a - 1, -1)
    return out


def reorder_line(par: ParagraphLevels, start: int, end: int) -> list[int]:
    """L1-L2 for the line text[start:end] with the paragraph's levels: the
    logical indices (into text) in visual order, X9-removed characters left out."""
    lv = _apply_l1(par, start, end)
    if not lv:
        return []
    first = lv[0]
    if first != 255 and lv.count(first) == len(lv):  # one level: no runs needed
        if first & 1:
            return list(range(end - 1, start - 1, -1))
        return list(range(start, end))
    if first != 255:
        rest = lv.translate(None, bytes([first]))
        second = rest[0]
        if second != 255 and rest.count(second) == len(rest) and abs(second - first) == 1:
            return _reorder_two_levels(lv, start, min(first, second), max(first, second))
    regex = _runs_regex(lv)
    if regex is None:  # every character was removed by X9
        return []
    runs = [m.span() for m in regex.finditer(lv)]
    levels = [lv[a] for a, _ in runs]
    highest = max(levels)
    lowest_odd = min(levels) | 1
    order = list(range(len(runs)))
    for k in range(highest, lowest_odd - 1, -1):  # L2
        i, n = 0, len(order)
        while i < n:
            if levels[order[i]] >= k:
                j = i + 1
                while j < n and levels[order[j]] >= k:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    out: list[int] = []
    for r in order:
        a, b = runs[r]
        level = levels[r]
        # A run is reversed once per level from its own down to lowest_odd.
        if level >= lowest_odd and (level - lowest_odd) % 2 == 0:
            out.extend(range(start + b - 1, start + a - 1, -1))
        else:
            out.extend(range(start + a, start + b))
    return out
