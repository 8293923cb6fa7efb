"""ChoiceList: an OptionList whose highlighted row is also the chosen value, marked ●."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

CHOSEN = "● "
NOT_CHOSEN = "○ "


class ChoiceList(OptionList):
    """A form field choosing one of `rows`. The chosen row carries ● (the others ○), so the
    value reads without colour and while another field has the focus."""

    def __init__(self, rows: Sequence[Text], **kwargs) -> None:
        self.rows = [row.copy() for row in rows]
        super().__init__(*[Option(self._prompt(row, False)) for row in self.rows], markup=False, **kwargs)

    @staticmethod
    def _prompt(row: Text, chosen: bool) -> Text:
        return Text.assemble((CHOSEN, "bold") if chosen else NOT_CHOSEN, row)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index in {old, new} - {None}:
            if 0 <= index < len(self.rows):
                self.replace_option_prompt_at_index(index, self._prompt(self.rows[index], index == new))
