"""AliasConfirm: before a link changes an entity's names, show the change and let the
user keep it, leave it out, or split a two-script text into one alias per script."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList

from reader.annotate.entity_finder import AliasQuestion
from reader.tui.dialogs.base import Dialog, key_hints, title
from reader.tui.dialogs.choice_list import MarkedList
from reader.tui.dialogs.display import clip, screen_line

__all__ = ["AliasConfirm"]

SHOWN = 40


class AliasConfirm(Dialog[str]):
    """Dismisses with "keep", "drop" or "split" (see AnnotationSession.link_to_entity),
    or None on escape (nothing is linked). A text in two scripts is offered split first."""

    def __init__(self, question: AliasQuestion, **kwargs) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.answers: list[str] = []

    def _quoted(self, text: str) -> Text:
        return screen_line("«" + clip(text, SHOWN) + "»", order=self.order, style="bold")

    def compose(self) -> ComposeResult:
        q = self.question
        rows: list[Text] = []
        if q.mixed:
            parts = Text("s  ")
            parts.append("Split: " if q.creates else "Add each script as its own alias: ")
            for i, part in enumerate(q.parts):
                parts.append(", " if i else "")
                parts.append_text(self._quoted(part))
            rows.append(parts)
            self.answers.append("split")
        keep = Text("k  ")
        keep.append("Keep " if not q.creates else "Keep as it is: ")
        keep.append_text(self._quoted(q.text))
        keep.append(" as one alias (two scripts)" if q.mixed else " as an alias", "")
        rows.append(keep)
        self.answers.append("keep")
        drop = Text("d  ")
        drop.append("Link without adding it to the entity's names")
        rows.append(drop)
        self.answers.append("drop")
        heading = Text("Linking adds ")
        heading.append_text(self._quoted(q.text))
        heading.append(" to the names of " if not q.creates else " to the new entity ")
        heading.append_text(self._quoted(q.entity_name))
        with Vertical(id="dialog"):
            yield title(heading)
            if q.mixed:
                yield title("It mixes scripts: as one alias it only matches that exact pairing.")
            yield MarkedList(rows, id="answers")
            # Only the keys of the rows shown: without a split there is no "s".
            yield key_hints(("s/k/d" if q.mixed else "k/d", "answer"), ("↑↓ enter", "choose"), ("esc", "do not link"))

    def on_mount(self) -> None:
        self.query_one("#answers", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        keys = {"s": "split", "k": "keep", "d": "drop"}
        answer = keys.get(event.character or "")
        if answer in self.answers:
            event.stop()
            self.dismiss(answer)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.answers[event.option_index])
