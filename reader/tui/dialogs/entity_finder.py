"""EntityFinder: link an entity mention to a corpus entity, or create one, by typing a name."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from reader.tui.dialogs.choice_list import MarkedList

from reader.annotate.entity_finder import EntityChoice, EntityIndex, EntityMatch, finder_rows
from reader.store.labels import LabelSchema
from reader.store.model import Entity, Span
from reader.tui.dialogs.base import Dialog, key_hints, title
from reader.tui.dialogs.display import clip, safe_input_value, screen_line
from reader.tui.type_ahead import focus_for_typing
from reader.tui.widgets.bidi_input import BidiInput
from reader.tui.bindings import ENTITY_FINDER_BINDINGS

__all__ = ["EntityFinder", "EntityChoice"]

#: Results shown at once (the best ones; typing narrows them).
RESULTS = 20
NAME_SHOWN = 50


class EntityFinder(Dialog[EntityChoice]):
    """An input (pre-filled with the span's text) over a list of corpus entities ranked by
    fuzzy match of the typed text and of the mention against their names and aliases, in
    any script (reader.annotate.entity_finder). The list updates as you type; up/down move
    in it and enter chooses. An entity matching either well is the first row; otherwise
    the first row creates a new entity named as typed, with the span's label as type.
    Dismisses with an EntityChoice (link or create), or None on escape."""

    BINDINGS = [*ENTITY_FINDER_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    EntityFinder #results { max-height: 16; }
    """

    def __init__(self, span: Span, entities: Sequence[Entity], schema: LabelSchema, **kwargs) -> None:
        super().__init__(**kwargs)
        self.span = span
        self.schema = schema
        self.index = EntityIndex(entities)
        known = schema.entity_type(span.label)
        #: the type a new entity gets: the span's label when it is an entity type
        self.new_type = known.name if known else schema.entity_types[0].name
        self.span_name = " ".join(span.text.split())
        #: what each row of the result list chooses, in row order
        self.choices: list[EntityChoice] = []

    def compose(self) -> ComposeResult:
        heading = Text("Link ")
        heading.append_text(screen_line("«" + clip(self.span_name, NAME_SHOWN) + "»", order=self.order))
        heading.append(f" ({self.span.label}) to a corpus entity")
        with Vertical(id="dialog"):
            yield title(heading)
            query = safe_input_value(self.span_name)
            yield BidiInput(value=query, placeholder="name or alias, any script", id="query")
            yield MarkedList(id="results")
            yield key_hints(("type", "search"), ("↑↓", "move"), ("enter", "choose"), ("esc", "cancel"))

    def on_mount(self) -> None:
        self.show_results(self.query_one("#query", Input).value)
        # Keys typed while the dialog opens (E then a name, in one burst) go to the query.
        focus_for_typing(self.query_one("#query", Input))

    # -- results ---------------------------------------------------------------------------
    def show_results(self, query: str) -> None:
        """Rank the entities against `query` and the mention and show them; the first
        row (the likely intent: see `finder_rows`) is highlighted."""
        rows = finder_rows(self.index, query, self.span_name, self.new_type, RESULTS)
        self.choices = [row.choice for row in rows]
        prompts = [self._create_row(row.choice) if row.match is None else self._entity_row(row.match) for row in rows]
        self.query_one("#results", MarkedList).set_rows(prompts)

    def _create_row(self, choice: EntityChoice) -> Text:
        row = Text("+ Create new entity ", style="bold")
        row.append_text(screen_line("«" + clip(choice.name or "", NAME_SHOWN) + "»", order=self.order))
        row.append(f" ({choice.type})")
        return row

    def _entity_row(self, match: EntityMatch) -> Text:
        entity = match.entity
        row = Text("  ")
        row.append_text(screen_line(clip(entity.name, NAME_SHOWN), order=self.order, style="bold"))
        row.append(f"  ({entity.type})")
        if match.alias != entity.name:
            row.append("  as ", "dim")
            row.append_text(screen_line(clip(match.alias, NAME_SHOWN), order=self.order, style="italic"))
        others = len(entity.aliases)
        if others:
            row.append(f"  · {others} alias{'es' if others > 1 else ''}", "dim")
        return row

    # -- events ----------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show_results(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#results", OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, row: int | None) -> None:
        if row is not None and 0 <= row < len(self.choices):
            self.dismiss(self.choices[row])

    def action_result_up(self) -> None:
        """Highlight the previous result."""
        self.query_one("#results", OptionList).action_cursor_up()

    def action_result_down(self) -> None:
        """Highlight the next result."""
        self.query_one("#results", OptionList).action_cursor_down()
