"""The status line: where the cursor is (logical offset, paragraph), the database state
(saved or not), the annotator, and what annotation step is pending."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from reader.bidi.layout import display_line


@lru_cache(maxsize=64)
def _shown(field: str, order: str) -> str:
    """`display_line` of a status field, kept: the line is drawn again on every cursor
    move, and its fields change far less often (~20 µs each to lay out again)."""
    return display_line(field, order=order)


class StatusLine(Widget):
    """One line; the reading screen sets the attributes, the line redraws itself."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $boost; padding: 0 1; }
    """

    # Not `offset`: that is every Widget's CSS offset (Textual positions widgets with it).
    cursor_offset: reactive[int] = reactive(0)
    paragraph: reactive[int] = reactive(0)
    paragraphs: reactive[int] = reactive(0)
    database: reactive[str] = reactive("no database")
    sync: reactive[bool] = reactive(False)
    #: Two aligned panes lined up paragraph group by group (the parallel layout).
    parallel: reactive[bool] = reactive(False)
    note: reactive[str] = reactive("")
    annotator: reactive[str] = reactive("")
    mode: reactive[str] = reactive("")

    def render(self) -> Text:
        """offset · paragraph · database · sync (plain Text: nothing here is markup).

        The database's file name, the annotator's name, a pending claim link (which
        quotes the claim) and notes may hold any script and any character: each field
        goes through the bidi engine on its own (so that two right-to-left fields never
        swap places), in the order the terminal needs, sanitized."""
        order = getattr(self.app, "order", "visual")
        text = Text()
        text.append(f"offset {self.cursor_offset}", style="bold")
        text.append(f" · ¶ {self.paragraph + 1}/{self.paragraphs}")
        text.append(f" · {_shown(self.database, order)}")
        if self.annotator:
            text.append(f" · {_shown(self.annotator, order)}")
        if self.mode:
            text.append(f" · {_shown(self.mode, order)}", style="bold")
        if self.parallel:
            text.append(" · parallel", style="bold")
        if self.sync:
            text.append(" · sync-scroll on", style="bold")
        if self.note:
            text.append(f" · {_shown(self.note, order)}")
        return text
