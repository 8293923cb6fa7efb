"""Lists whose highlighted row carries a mark, so it reads without colour (NO_COLOR, 16
colours, a screen reader of the terminal text) and while another field has the focus."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class MarkedList(OptionList):
    """An OptionList of Text rows; the highlighted row starts with `MARKS[0]`, the others
    with `MARKS[1]` (same width). Rows are never parsed as markup."""

    MARKS = ("▶ ", "  ")

    # One screen line per row, cut with "…" if too wide: rows hold text the bidi engine
    # has laid out in display order already, and wrapping it again would put the start
    # of a right-to-left snippet on the line below its end.
    DEFAULT_CSS = """
    MarkedList { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, rows: Sequence[Text] = (), **kwargs) -> None:
        self.rows = [row.copy() for row in rows]
        super().__init__(*[Option(self._prompt(row, False)) for row in self.rows], markup=False, **kwargs)

    def _prompt(self, row: Text, marked: bool) -> Text:
        mark = self.MARKS[0] if marked else self.MARKS[1]
        return Text.assemble((mark, "bold") if marked else mark, row)

    def set_rows(self, rows: Iterable[Text]) -> None:
        """Replace every row; the first is highlighted (none when empty)."""
        self.rows = [row.copy() for row in rows]
        self.set_options(Option(self._prompt(row, i == 0)) for i, row in enumerate(self.rows))
        self.highlighted = 0 if self.rows else None

    def set_row(self, index: int, row: Text) -> None:
        """Replace row `index`."""
        self.rows[index] = row.copy()
        self.replace_option_prompt_at_index(index, self._prompt(row, index == self.highlighted))

    # Textual calls a watcher with (old, new) when it takes two arguments.
    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]  # (see above)
        super().watch_highlighted(new)
        for index in {i for i in (old, new) if i is not None}:
            if 0 <= index < min(len(self.rows), self.option_count):
                self.replace_option_prompt_at_index(index, self._prompt(self.rows[index], index == new))


class ChoiceList(MarkedList):
    """A form field choosing one of its rows: the chosen (highlighted) row carries ●."""

    MARKS = ("● ", "○ ")
