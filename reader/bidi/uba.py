"""The Unicode Bidirectional Algorithm (UAX #9, Unicode 15): embedding levels
of one paragraph (P2-P3, X1-X10, W1-W7, N0-N2, I1-I2) and the visual order of
one line of it (L1-L2).  L3 and L4 are left to the renderer.

Speed matters (this runs for every paragraph shown), so the algorithm works on
a *class string*: one ASCII byte per code point naming its Bidi_Class (see
``_CODES``).  Most rules then become ``bytes.translate``, ``bytes.replace`` or
``re`` over that string, and Python-level work is per run of characters
(a Latin phrase inside Arabic, a number, a bracket pair), not per character.
"""

from __future__ import annotations

import bisect
import codecs
import heapq
import re
import unicodedata
from array import array
from dataclasses import dataclass, field

from . import unicode_tables as _tables

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


class _ClassMap(dict):
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


def _build_codepage() -> tuple[object, bytes]:
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
codecs.register_error(_ERRORS, _classify_rest)
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
_L, _R, _ON, _NSM, _PDI = b"LROMI"

_NSM_RUN_RE = re.compile(rb"[^M]M+")


def _w1_run(m: re.Match) -> bytes:
    run = m.group()
    if run[0] in b"ijfI":  # after an isolate initiator or PDI: ON
        return run[:1] + b"O" * (len(run) - 1)
    return run[:1] * len(run)


_AL_SPAN_RE = re.compile(rb"A[^LR]*")
_L_SPAN_RE = re.compile(rb"L[^R]*")
# W4 as "E[PC]E" -> "EEE": the leading literal lets re skip ahead at C speed (a
# lookbehind is tried at every position); the lookahead leaves the next number free
# to start a match, as in "1,000,000".
_W4_EN_RE = re.compile(rb"E[PC](?=E)")
_W4_AN_RE = re.compile(rb"NC(?=N)")
_W5_RE = re.compile(rb"T+(?=E)|(?<=E)T+")
_W6 = _table({"PTC": "O"})
_NI = rb"BSWOijfI"
# N1 for neutrals between two strong characters of the direction opposite to
# the embedding; all other neutrals get the embedding direction (N2).
# Patterns start with a literal so that re's fast prefix search skips the
# rest of the text, and the single neutral (a space between two words), the
# common case, is replaced by a constant: no Python callback.
def _n1_patterns(left: str, right: str, opp: str):
    ni = "[" + _NI.decode() + "]"
    one = [(re.compile((c + ni + f"(?=[{right}])").encode()), (c + opp).encode()) for c in left]
    many = re.compile((f"[{left}]{ni}{{2,}}(?=[{right}])").encode())
    return one, many


_N1 = {ord("L"): _n1_patterns("L", "L", "L"), ord("R"): _n1_patterns("REN", "REN", "R")}
_N2 = {ord("L"): _table({_NI.decode(): "L"}), ord("R"): _table({_NI.decode(): "R"})}
_N0_STRONG = _table({"RENA": "R", "L": "L"}, ord("."))
_BRACKETS = "".join(_tables.PAIRED_BRACKET)
_BRACKET_RE = re.compile("[" + re.escape(_BRACKETS) + "]")
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


def _resolve_sequence(s: bytes, text: str, level: int, sos: int, eos: int) -> bytes:
    """Levels of one isolating run sequence: s its classes (X9-removed
    characters left out), text its characters, sos/eos ord("L")/ord("R")."""
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
        if s[0] == _NSM:
            k = len(s) - len(s.lstrip(b"M"))
            s = bytes([sos]) * k + s[k:]
        # The usual case, harakat on Arabic letters, without a callback: one
        # mark per pass, and few letters carry more than two or three marks.
        for _ in range(3):
            s = s.replace(b"AM", b"AA")
            if b"AM" not in s:
                break
        if b"M" in s:
            s = _NSM_RUN_RE.sub(_w1_run, s)
    has_en = b"E" in s
    # W2: EN after AL (no L/R in between) is AN.
    if has_en and b"A" in s:
        s = _AL_SPAN_RE.sub(lambda m: m.group().replace(b"E", b"N"), s)
        has_en = b"E" in s
    s = s.replace(b"A", b"R")  # W3
    if has_en or b"N" in s:
        if b"P" in s or b"C" in s:  # W4
            if has_en:
                s = _W4_EN_RE.sub(b"EE", s)
            if b"NC" in s:
                s = _W4_AN_RE.sub(b"NN", s)
        if has_en and b"T" in s:  # W5
            s = _W5_RE.sub(lambda m: b"E" * len(m.group()), s)
    s = s.translate(_W6)
    # W7: EN after L (or sos L) is L.
    if has_en and (b"L" in s or sos == _L):
        s = _L_SPAN_RE.sub(
            lambda m: m.group().replace(b"E", b"L"), (b"L" if sos == _L else b"R") + s
        )[1:]
    if _BRACKET_RE.search(text):
        s = _n0(s, orig, text, level, sos)
    # N1-N2
    opp = _L + _R - e_dir  # the other direction
    padded = bytes([sos]) + s + bytes([eos])
    if opp == _L and b"L" in padded or opp == _R and (b"R" in padded or b"E" in s or b"N" in s):
        one, many = _N1[opp]
        for regex, replacement in one:
            padded = regex.sub(replacement, padded)
        padded = many.sub(lambda m: m.group()[:1] + bytes([opp]) * (len(m.group()) - 1), padded)
    return padded[1:-1].translate(_N2[e_dir]).translate(_level_table(level))


def _n0(s: bytes, orig: bytes, text: str, level: int, sos: int) -> bytes:
    """N0: paired brackets take the direction of what they enclose, or of
    their context when they enclose only the opposite direction."""
    pairs = []
    stack: list[tuple[str, int]] = []
    for m in _BRACKET_RE.finditer(text):
        i = m.start()
        if s[i] != _ON:  # only brackets still ON (not overridden) pair up
            continue
        ch = m.group()
        closer = _OPENS.get(ch)
        if closer is not None:
            if len(stack) == 63:  # BD16: stop at overflow
                break
            stack.append((closer, i))
        else:
            want = _CLOSES[ch]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == want:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    if not pairs:
        return s
    pairs.sort()
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
    levels: array
    # Original class code per code point (see _CODES), for L1.
    classes: bytes = field(repr=False, compare=False)
    # levels as bytes, 0xFF for removed characters (for reorder_line's regexes).
    level_bytes: bytes = field(repr=False, compare=False)


def resolve_paragraph(text: str, base: str = "auto") -> ParagraphLevels:
    """Embedding levels of one paragraph.  base: "auto" (P2-P3, LTR when
    there is no strong character), "ltr" or "rtl"."""
    cls = classify(text)
    if base == "auto":
        para = _first_strong(cls) or 0
    elif base in ("ltr", "rtl"):
        para = 0 if base == "ltr" else 1
    else:
        raise ValueError(f"base must be 'auto', 'ltr' or 'rtl', not {base!r}")
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
    spans = [m.span() for m in _KEPT_RE.finditer(cls)]
    seq = _resolve_sequence(
        b"".join(cls[a:b] for a, b in spans), "".join(text[a:b] for a, b in spans), para, d, d
    )
    return _uncompact(seq, spans, len(cls))


def _uncompact(compact: bytes, spans: list[tuple[int, int]], n: int) -> bytes:
    out = bytearray(b"\xff" * n)
    k = 0
    for a, b in spans:
        out[a:b] = compact[k:k + b - a]
        k += b - a
    return bytes(out)


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
    lv = par.level_bytes[start:end]
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


def line_levels(par: ParagraphLevels, start: int, end: int) -> array:
    """The levels of text[start:end] after rule L1 (what BidiCharacterTest
    lists, and what L4 mirroring should look at); -1 for removed characters."""
    return array("b", bytes(_apply_l1(par, start, end)))


_RUNS_REGEXES: dict[bytes, re.Pattern] = {}


def _runs_regex(lv: bytes | bytearray) -> re.Pattern | None:
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


class _RunRegexes(dict):
    """level -> regex matching a run of that level, compiled on first use (126
    compilations at import would cost a few milliseconds of every start)."""

    def __missing__(self, level: int) -> re.Pattern:
        regex = self[level] = re.compile(re.escape(bytes([level])) + b"+")
        return regex


_HIGH_RUN_RES = _RunRegexes()


def run_regex(level: int) -> re.Pattern:
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
