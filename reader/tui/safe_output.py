"""The last gate before the terminal: no control character in any widget's output.

Document text reaches the screen laid out by the bidi engine, which already replaces
control characters (reader.bidi.sanitize). Strings read from the annotation database
(labels, entity names and types, notes, annotators, ids, the lock holder's note) are
untrusted too, and they reach many widgets (dialogs, notifications, the status line).
Rather than trusting every one of those places to remember, the app adds this line filter
(Textual applies it to every line of every widget after rendering): any C0/C1 control,
DEL or raw bidi control left in a segment is replaced as `sanitize.visible` does, and the
line keeps its width (Rich measured a control as zero cells; its placeholder takes one,
so the line is cut back to the width it was laid out for).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from reader.bidi.sanitize import visible

#: what must never reach the terminal: C0 and C1 controls, DEL, raw bidi controls
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class ControlCharacters(LineFilter):
    """Replace control characters in rendered lines by their visible placeholders."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(not segment.control and _UNSAFE.search(segment.text) for segment in segments):
            return segments  # the usual case: one regex pass per segment
        width = sum(cell_len(segment.text) for segment in segments if not segment.control)
        cleaned = [segment if segment.control or not _UNSAFE.search(segment.text)
                   else Segment(visible(segment.text), segment.style) for segment in segments]
        return Segment.adjust_line_length(cleaned, width)
