"""The units a pane lays out: a document's paragraphs, long ones cut into blocks.

The bidi engine lays out a whole paragraph at once (and a paragraph's layout is what the
cursor searches), so a document that is one 10 MB line would be laid out in one piece on
open and on every resize. Paragraphs longer than ``BLOCK_CHARS`` are therefore cut after
a space into blocks that keep the paragraph's base direction; each block is laid out on
its own (the only difference: a line always ends at a block's end). Blocks follow each
other with no gap, so the blank-line rule between paragraphs is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, Union

if TYPE_CHECKING:
    from reader.core.document import Paragraph

#: Longest text laid out in one piece (code points).
BLOCK_CHARS = 4000


class TextBlock:
    """A piece of paragraph ``index``: ``text`` is ``document.text[start:end]``.

    A plain class (not a dataclass: those cost ~0.5 ms to create at import, before the
    first paint); treat instances as read-only."""

    __slots__ = ("index", "start", "end", "text", "direction")

    def __init__(self, index: int, start: int, end: int, text: str, direction: str) -> None:
        self.index, self.start, self.end, self.text, self.direction = index, start, end, text, direction

    def __repr__(self) -> str:
        return f"TextBlock({self.index}, {self.start}, {self.end}, {self.text[:20]!r}…, {self.direction!r})"


#: A short paragraph is its own block (same attributes: index, start, end, text, direction).
Block = Union["Paragraph", TextBlock]


def split_blocks(paragraphs: Sequence[Paragraph], limit: int = BLOCK_CHARS) -> tuple[list[Block], list[int]]:
    """(blocks in document order, index of each paragraph's first block)."""
    blocks: list[Block] = []
    first: list[int] = []
    for paragraph in paragraphs:
        first.append(len(blocks))
        text = paragraph.text
        if len(text) <= limit:
            blocks.append(paragraph)
            continue
        direction = paragraph.direction  # the whole paragraph's, for every block
        position = 0
        while position < len(text):
            cut = min(len(text), position + limit)
            if cut < len(text):
                space = text.rfind(" ", position + limit // 2, cut)
                if space >= 0:
                    cut = space + 1
            blocks.append(TextBlock(paragraph.index, paragraph.start + position, paragraph.start + cut,
                                    text[position:cut], direction))
            position = cut
    return blocks, first
