"""LabelChooser: pick the entity type a span should have (for relabelling)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from reader.tui.dialogs.choice_list import MarkedList

from reader.store.labels import LabelSchema
from reader.tui.dialogs.base import Dialog, key_hints, title


class LabelChooser(Dialog[str]):
    """Lists the schema's entity types; a type's key (its digit) or arrows + enter picks
    it. Dismisses with the type's name, or None on escape."""

    def __init__(self, schema: LabelSchema, current: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.schema = schema
        self.current = current
        self.types = list(schema.entity_types)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title(Text.assemble("Change the label (now ", (self.current or "none", "bold"), ")"))
            yield MarkedList([self._option(t) for t in self.types], id="labels")
            yield key_hints(("1-9", "pick by key"), ("↑↓ enter", "pick"), ("esc", "cancel"))

    def _option(self, entity_type) -> Text:
        row = Text.assemble((f"{entity_type.key}  ", "bold"), (entity_type.name, f"bold {entity_type.color16}"))
        if entity_type.name == self.current:
            row.append("  (current)", "italic")
        if entity_type.description:
            row.append(f"  {entity_type.description}", "dim")
        return row

    def on_mount(self) -> None:
        labels = self.query_one("#labels", OptionList)
        names = [t.name for t in self.types]
        labels.highlighted = names.index(self.current) if self.current in names else 0
        labels.focus()

    def on_key(self, event: events.Key) -> None:
        # The keys come from the schema, so they are not fixed bindings.
        chosen = next((t for t in self.types if event.character and t.key == event.character), None)
        if chosen is not None:
            event.stop()
            self.dismiss(chosen.name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.types[event.option_index].name)
