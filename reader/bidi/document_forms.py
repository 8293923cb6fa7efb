"""The fast path's forms of a whole document at once, for `reader render`.

`fastpath.build_text` draws a paragraph from two strings (see fastpath's docstring):
its *mirror* (the paragraph drawn at an odd level: clusters reversed with marks after
their base (L3), shaped, mirrored (L4), the words in reverse order) and its *proxy*
(the mirror read backwards, marks hidden: what the line breaks are found on). The TUI
gets them word by word (`fastpath.WordForms`), since it lays out a few paragraphs at a
time. A printed document is laid out whole, so its forms come from whole-text
operations instead, with no per-word work at all:

* the document is shaped as one text (`shaping.shaped_text`: joining never crosses a
  space or a line break, so this is each word shaped on its own);
* its brackets mirrored (L4) and reversed as one text, it is every paragraph's
  mirror, the paragraphs in reverse order: paragraph ``[a, b)`` of a text of ``n``
  code points is ``[n - b, n - a)`` of it, once each cluster's marks are put back
  after their base (L3);
* its marks hidden, the shaped text is every paragraph's proxy, in place (lines break
  only between words, so the order inside a word does not matter there).

Where the marks and brackets are, and that the text holds nothing a word's forms would
refuse, comes from one pass of a private code page over the text (`_Ordinary`); L3, L4
and the proxy are then slices at those positions, not regex scans of the whole text.

A paragraph with anything a word's forms would refuse (a control or invisible
character, a space other than U+0020, a wide character, a word that begins with a
mark) gets no forms here: `forms` returns None and the caller takes the word path,
which sorts such words out (or leaves the paragraph to the full engine). What is
drawn is the same either way; tests/test_bidi_document_forms.py checks it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain

from reader.bidi import fastpath, shaping
from reader.bidi.fastpath import HIDDEN
from reader.bidi.unicode_tables import MIRROR
from reader.bidi.width import char_width


class DocumentForms:
    """The mirror and proxy of every paragraph of a document (a list of paragraphs,
    as ``text.split("\\n")`` gives them)."""

    def __init__(self, paragraphs: list[str], shape: bool) -> None:
        text = "\n".join(paragraphs)
        n = len(text)
        self._n = n
        #: Where each paragraph starts in the joined text (and where the text ends).
        self._starts = [0, *accumulate(len(paragraph) + 1 for paragraph in paragraphs)]
        shown = shaping.shaped_text(text) if shape else text
        ordinary = _Ordinary.get()
        scan = ordinary.scan(text)
        if scan is None:  # out of the ordinary: sorted as the word path does
            kinds = fastpath._KINDS
            kinds.learn(shown)
            in_cluster = kinds.in_cluster_re.pattern
            self._refused = self._refused_paragraphs(text, shown, kinds.other_re, in_cluster)
            runs = [match.span() for match in _compiled(f"(?:{kinds.marks_re.pattern})+").finditer(shown)]
            brackets = [match.start() for match in fastpath._MIRRORED.finditer(shown)]
        else:
            # Only a word that begins with a mark can be refused.
            first = scan.mark_first()
            self._refused = self._refused_paragraphs(text, shown, None, ordinary.marks_re.pattern) if first else set()
            runs, brackets = scan.mark_runs(), scan.mirrored()
        clusters = _mark_clusters(shown, runs)
        # L4 (mirroring) changes characters, L3 moves them: either can go first.
        self.mirror = _marks_after_base(_mirrored(shown, brackets), clusters)
        # In logical order, marks hidden: each word has as many drawn and hidden
        # code points as in its mirror, which is all line breaking needs.
        self.proxy = _marks_hidden(shown, clusters)

    def _refused_paragraphs(self, text: str, shown: str, other: re.Pattern[str] | None, in_cluster: str) -> set[int]:
        """Indices of the paragraphs that must take the word path: with a character
        ``fastpath._NOT_SIMPLE`` or ``other`` (wide characters...) matches, or a word
        that begins with a mark (``in_cluster``)."""
        refused: set[int] = set()
        starts = self._starts
        checks = [(_compiled(f"(?<![^ \n]){in_cluster}"), shown)]
        if other is not None:
            checks += [(fastpath._NOT_SIMPLE, text), (other, shown)]
        for regex, subject in checks:
            for match in regex.finditer(subject):
                if match.group() != "\n":  # the paragraphs' own separator
                    refused.add(bisect_right(starts, match.start()) - 1)
        return refused

    def forms(self, index: int) -> tuple[str, str] | None:
        """(mirror, proxy) of paragraph ``index``, or None when it must take the word path."""
        if index in self._refused:
            return None
        a, b = self._starts[index], self._starts[index + 1] - 1
        n = self._n
        return self.mirror[n - b : n - a], self.proxy[a:b]


def _mark_clusters(shown: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The marks of each base, as logical ranges ``[start, end)`` of ``shown`` (the
    base is at ``start - 1``), from the ``runs`` of marks in a row. Letters merged
    into a ligature (HIDDEN) next to marks belong to the same cluster: in لاَ (lam-alef,
    merged alef, fatha) the fatha's base is the lam-alef."""
    clusters: list[tuple[int, int]] = []
    for start, end in runs:
        while start and shown[start - 1] == HIDDEN:
            start -= 1
        if clusters and clusters[-1][1] == start:  # only merged letters between the two
            start = clusters.pop()[0]
        clusters.append((start, end))
    return clusters


def _marks_after_base(shown: str, clusters: list[tuple[int, int]]) -> str:
    """``shown`` reversed, each cluster's marks put back after its base (rule L3).
    Never across a line break: a paragraph that begins with a mark is refused, and
    must not take a character of the one before."""
    n = len(shown)
    mirror = shown[::-1]
    if not clusters:
        return mirror
    pieces: list[str] = []
    done = 0
    for start, end in reversed(clusters):
        if not start or shown[start - 1] == "\n":
            continue
        # Reversed, the cluster is at [n - end, n - start) and its base right after.
        pieces += (mirror[done : n - end], shown[start - 1], shown[start:end])
        done = n - start + 1
    pieces.append(mirror[done:])
    return "".join(pieces)


def _mirrored(shown: str, positions: list[int]) -> str:
    """``shown`` with the characters at ``positions`` mirrored (rule L4: the whole
    mirror is at an odd level)."""
    if not positions:
        return shown
    pieces: list[str] = []
    done = 0
    for at in positions:
        pieces += (shown[done:at], MIRROR[shown[at]])
        done = at + 1
    pieces.append(shown[done:])
    return "".join(pieces)


def _marks_hidden(shown: str, clusters: list[tuple[int, int]]) -> str:
    """``shown`` with its marks as HIDDEN: every paragraph's proxy."""
    if not clusters:
        return shown
    pieces: list[str] = []
    done = 0
    for start, end in clusters:
        pieces += (shown[done:start], HIDDEN * (end - start))
        done = end
    pieces.append(shown[done:])
    return "".join(pieces)


class _Ordinary:
    """Tells in one C-level pass that a text is ordinary news text: nothing but
    characters a word's forms take as they are (one cell each, or a mark drawn in its
    base's cell): no control, invisible or wide character, no other space, which
    would otherwise take several regex scans of the whole text.

    A private code page (a charmap codec, ~3 ns a character) holds the commonest
    characters of news in Arabic, Persian, Urdu, Hebrew and European languages; any
    other character goes to an error handler, which lets it pass when it takes one
    cell and is no mark (`_simple_outside`), and stops the pass otherwise. The pass
    also says where the marks and the characters that mirror are (`_Scan`)."""

    _instance: _Ordinary | None = None

    @classmethod
    def get(cls) -> _Ordinary:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def __init__(self) -> None:
        # The commonest first: what does not fit in 256 bytes goes to the handler.
        candidates = chain(
            map(chr, range(0x20, 0x7F)),
            "\u060c\u061b\u061f", map(chr, range(0x0621, 0x0656)), map(chr, range(0x0660, 0x066E)), "\u0670",
            "\u0679\u067e\u0686\u0688\u0691\u0698\u06a9\u06af\u06ba\u06be\u06c0\u06c1\u06cc\u06d2\u06d4",
            map(chr, range(0x05D0, 0x05EB)), "\u05be\u05f3\u05f4",
            map(chr, range(0xE0, 0x100)), "\u00a0\u00ab\u00bb\u00b0",
            "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac",
            map(chr, range(0x06F0, 0x06FA)),
            map(chr, range(0x05B0, 0x05BE)), "\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7",  # Hebrew points
            map(chr, range(0xC0, 0xE0)), map(chr, range(0xA1, 0xC0)),
        )
        # Byte 0 must stand for U+0000 (charmap_build's fast map): a text that
        # encodes to a 0 byte holds U+0000 and is not ordinary. "\n" separates paragraphs.
        slots, marks = ["\x00", "\n"], []
        for ch in candidates:
            kind = _kind(ch)
            if kind is None or len(slots) == 256:
                continue
            slots.append(ch)
            if kind == "M":
                marks.append(ch)
        self._codepage = codecs.charmap_build("".join(slots).ljust(256, "\ufffe"))
        self.marks_re = re.compile(f"[{''.join(marks)}]")
        #: Code page bytes -> b"M" for a mark, b"B" for a character that mirrors (L4),
        #: b" " for a space or line break, b"x" else.
        table = bytearray(b"x" * 256)
        for byte, ch in enumerate(slots):
            if ch in marks:
                table[byte] = ord("M")
            elif ch in MIRROR:
                table[byte] = ord("B")
            elif ch in " \n":
                table[byte] = ord(" ")
        self._kinds = bytes(table)

    def scan(self, text: str) -> _Scan | None:
        """Where the marks and mirrored characters of ``text`` are, or None if it is
        not ordinary."""
        try:
            encoded = codecs.charmap_encode(text, _PASS_SIMPLE, self._codepage)[0]
        except UnicodeEncodeError:
            return None
        if b"\x00" in encoded:
            return None
        return _Scan(encoded.translate(self._kinds))


class _Scan:
    """An ordinary text seen through `_Ordinary`: one byte a character, b"M" a mark,
    b"B" a character that mirrors, b" " a space or line break, b"x" any other."""

    __slots__ = ("kinds",)

    def __init__(self, kinds: bytes) -> None:
        self.kinds = kinds

    def mirrored(self) -> list[int]:
        """Where the characters that mirror at odd levels are."""
        return [match.start() for match in _MIRRORING.finditer(self.kinds)]

    def mark_runs(self) -> list[tuple[int, int]]:
        """[start, end) of each row of marks."""
        return [match.span() for match in _MARK_RUN.finditer(self.kinds)]

    def mark_first(self) -> bool:
        """Whether a word begins with a mark."""
        return self.kinds.startswith(b"M") or b" M" in self.kinds


def _kind(ch: str) -> str | None:
    """"M" for a mark drawn in its base's cell, "x" for a character of one cell,
    None for any other (one a word's forms would refuse, or sort apart)."""
    if fastpath._NOT_SIMPLE.match(ch) or unicodedata.category(ch) == "Cn":
        return None
    cells = char_width(ch)
    if cells == 0 and unicodedata.bidirectional(ch) == "NSM":
        return "M"
    return "x" if cells == 1 else None


#: A row of marks, in the bytes of `_Ordinary`. (Spelt with a literal first: re then
#: skips to each "M" at C speed, where b"M+" is tried at every byte, ~7x slower.)
_MARK_RUN = re.compile(b"MM*")
_MIRRORING = re.compile(b"B")
_PASS_SIMPLE = "reader.bidi.document_forms.pass_simple"


def _pass_simple(error: UnicodeEncodeError) -> tuple[str, int]:
    """Error handler of the ordinary code page: characters out of it that take one
    cell and are no mark are encoded as "x"; any other ends the pass."""
    run = error.object[error.start : error.end]
    if all(map(_simple_outside, run)):
        return "x" * len(run), error.end
    raise error


@lru_cache(maxsize=4096)
def _simple_outside(ch: str) -> bool:
    return _kind(ch) == "x"


# Registered for this one encoding, so the handler only ever gets UnicodeEncodeError;
# typeshed types error handlers for any UnicodeError.
codecs.register_error(_PASS_SIMPLE, _pass_simple)  # type: ignore[arg-type]  # (see above)


_REGEXES: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    regex = _REGEXES.get(pattern)
    if regex is None:
        regex = _REGEXES[pattern] = re.compile(pattern, re.S)
    return regex
