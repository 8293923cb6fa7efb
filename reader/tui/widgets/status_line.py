"""The status line: where the cursor is (logical offset, paragraph), the database state
(saved or not), the annotator, and what annotation step is pending."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """One line; the reading screen sets the attributes, the line redraws itself."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $boost; padding: 0 1; }
    """

    offset: reactive[int] = reactive(0)
    paragraph: reactive[int] = reactive(0)
    paragraphs: reactive[int] = reactive(0)
    database: reactive[str] = reactive("no database")
    sync: reactive[bool] = reactive(False)
    note: reactive[str] = reactive("")
    annotator: reactive[str] = reactive("")
    mode: reactive[str] = reactive("")

    def render(self) -> Text:
        """offset · paragraph · database · sync (plain Text: nothing here is markup)."""
        text = Text()
        text.append(f"offset {self.offset}", style="bold")
        text.append(f" · ¶ {self.paragraph + 1}/{self.paragraphs}")
        text.append(f" · {self.database}")
        if self.annotator:
            text.append(f" · {self.annotator}")
        if self.mode:
            text.append(f" · {self.mode}", style="bold")
        if self.sync:
            text.append(" · sync-scroll on", style="bold")
        if self.note:
            text.append(f" · {self.note}")
        return text
