"""The logical cursor motions of a pane (word, sentence), from ``reader.core.textunits``.

Each takes the document text and a code-point offset and returns an offset, or None when
there is nowhere to go. Kept as a module of its own so a pane imports the word rules on
the first word motion, not before its first paint.
"""

from __future__ import annotations

from reader.core.textunits import (
    next_sentence_start,
    next_word_start,
    prev_sentence_start,
    prev_word_start,
    word_end,
)

__all__ = ["next_word_start", "prev_word_start", "word_end", "next_sentence_start", "prev_sentence_start"]
