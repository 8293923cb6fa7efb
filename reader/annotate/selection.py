"""The selection in a document pane: one contiguous logical range of the document text.

A selection is started at the cursor (the anchor) and follows the cursor through any
motion; its range covers both ends. By default it snaps to whole words
(`reader.core.textunits.snap_to_words`); in precise mode it is exactly what the cursor
passed over. With clitic stripping on, the Arabic proclitics (و ف ب ك ل) and the article
of the first word are left out (`reader.core.clitics.strip_clitics`).
"""

from __future__ import annotations

from dataclasses import dataclass

# reader.core.textunits and clitics are imported by the functions that use them: they
# build their word and sentence rules when imported (~15 ms), which the first paint
# does not need (the session holds a SelectionMode from the start).


@dataclass
class SelectionMode:
    """How ranges are computed: ``precise`` (character precision) and ``clitics``."""

    precise: bool = False
    clitics: bool = False


def adjust(text: str, start: int, end: int, mode: SelectionMode) -> tuple[int, int]:
    """``[start, end)`` snapped to words (unless precise) and past Arabic clitics (if on);
    returns the range, which may be empty (a selection on spaces only)."""
    from reader.core.clitics import strip_clitics
    from reader.core.textunits import snap_to_words

    start, end = min(start, end), max(start, end)
    if not mode.precise:
        start, end = snap_to_words(text, start, end)
    else:
        # Character precision still drops the spaces at the edges: a span never starts
        # or ends on whitespace.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    if mode.clitics and start < end:
        start, end = strip_clitics(text, start, end)
    return start, end


def range_between(text: str, anchor: int, cursor: int, mode: SelectionMode) -> tuple[int, int]:
    """The selection from ``anchor`` to ``cursor`` (both characters included)."""
    lo, hi = min(anchor, cursor), max(anchor, cursor) + 1
    return adjust(text, lo, min(hi, len(text)), mode)


def word_range(text: str, offset: int, mode: SelectionMode) -> tuple[int, int] | None:
    """The word under ``offset`` (clitics stripped if on), or None on a space."""
    from reader.core.clitics import strip_clitics
    from reader.core.textunits import word_at

    word = word_at(text, offset)
    if word is None:
        return None
    start, end = word
    if mode.clitics:
        start, end = strip_clitics(text, start, end)
    return (start, end) if start < end else None


def sentence_range(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence around ``offset`` without trailing spaces, or None on a blank line."""
    from reader.core.textunits import sentence_at

    found = sentence_at(text, offset)
    if found is None:
        return None
    start, end = found
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def paragraph_range(text: str, offset: int) -> tuple[int, int] | None:
    """The paragraph (line) around ``offset`` without edge spaces, or None if blank."""
    from reader.core.textunits import paragraph_bounds

    start, end = paragraph_bounds(text, offset)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
