"""ClaimForm: a claim's attributes (speaker, stance, check-worthiness, note) from the keyboard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList

from reader.store.labels import LabelSchema
from reader.store.model import STANCES, ClaimAttributes, Span, Stance, is_stance
from reader.tui.dialogs.choice_list import ChoiceList
from reader.tui.dialogs.base import Dialog, field_label, key_hints, title
from reader.tui.dialogs.display import BidiText, clip, safe_input_value, screen_line
from reader.tui.widgets.bidi_input import BidiInput
from reader.tui.bindings import CLAIM_FORM_BINDINGS

#: Every attribute the form knows; a schema may offer fewer.
FIELDS = ("speaker", "stance", "checkworthy", "note")
CHECKWORTHY_VALUES: tuple[bool | None, ...] = (None, True, False)
NOT_SET = "— not set —"
SPEAKER_SHOWN = 60   # characters of a speaker span's text in its row
CLAIM_SHOWN = 300    # characters of the claim shown at the top


def speaker_groups(speakers: Sequence[Span], claim_start: int, keep: str | None = None) -> list[list[Span]]:
    """`speakers` (entity spans in text order) grouped by who they name: the mentions of
    one entity, or the unlinked mentions sharing a label and a text (spaces and case
    aside). Each group is in text order except its first span, the one a speaker row
    saves: `keep` when it is in the group, else the last mention before `claim_start`,
    else the first. Groups come in the order of their first mention."""
    groups: dict[tuple, list[Span]] = {}
    for span in speakers:
        key = ("entity", span.entity_id) if span.entity_id else ("text", span.label, " ".join(span.text.split()).casefold())
        groups.setdefault(key, []).append(span)
    out = []
    for group in groups.values():
        chosen = next((s for s in group if s.id == keep), None)
        if chosen is None:
            before = [s for s in group if s.start < claim_start]
            chosen = before[-1] if before else group[0]
        out.append([chosen, *(s for s in group if s is not chosen)])
    return out


class ClaimForm(Dialog[ClaimAttributes]):
    """Edits a claim span's attributes, pre-filled from `span.attrs`. The speaker is one
    of `entity_spans` (the document's entity spans) or none. Tab and shift+tab move
    between fields, enter in a list moves on, enter on Save or ctrl+s saves, escape
    cancels. Dismisses with the new ClaimAttributes, or None.

    Only the attributes in the schema's [claim] table are shown (all four when it names
    none); the others keep the values they had."""

    BINDINGS = [*CLAIM_FORM_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    # The fields scroll; the buttons and key hints stay below them, always on screen (at
    # 80x24 too). The claim's text takes at most 4 rows (it is in the document anyway).
    DEFAULT_CSS = """
    ClaimForm #choices { height: auto; }
    ClaimForm #choices > Vertical { width: 1fr; height: auto; }
    ClaimForm #buttons { height: auto; margin-top: 1; }
    ClaimForm #buttons Button { margin-right: 2; }
    ClaimForm #form { height: auto; max-height: 1fr; }
    ClaimForm #claim-text { max-height: 4; overflow: hidden; }
    ClaimForm .dialog-title { margin-bottom: 0; }
    ClaimForm .field-label { margin-top: 0; }
    ClaimForm .dialog-keys { margin-top: 0; }
    ClaimForm #speaker { max-height: 6; }
    """

    def __init__(self, span: Span, entity_spans: Sequence[Span], schema: LabelSchema, **kwargs) -> None:
        super().__init__(**kwargs)
        self.span = span
        self.schema = schema
        self.initial = span.claim
        self.speakers = sorted((s for s in entity_spans if s.kind == "entity"), key=lambda s: (s.start, s.end))
        #: one row per speaker: each entity once (its mentions share a row, as do the
        #: unlinked mentions with the same label and text); the row saves the mention
        #: nearest before the claim (a mention saved before keeps its own row's value)
        self.mentions = speaker_groups(self.speakers, span.start, span.claim.speaker)
        named = {a.name: a for a in schema.claim_attributes}
        self.fields = [f for f in FIELDS if f in named] or list(FIELDS)
        stance = named.get("stance")
        # (the schema's choices are among STANCES: reader.store.labels checks them)
        choices = stance.choices if stance and stance.choices else STANCES
        self.stances: list[Stance | None] = [None, *(c for c in choices if is_stance(c))]
        #: speaker ids in row order (row 0: none); an id not among the spans keeps a row of its own
        self.speaker_ids: list[str | None] = [None, *(group[0].id for group in self.mentions)]
        if self.initial.speaker is not None and self.initial.speaker not in self.speaker_ids:
            self.speaker_ids.append(self.initial.speaker)
        if self.initial.stance is not None and self.initial.stance not in self.stances:
            self.stances.append(self.initial.stance)

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield title("Claim")
            with VerticalScroll(id="form"):
                yield BidiText(clip(self.span.text, CLAIM_SHOWN), id="claim-text")
                if "speaker" in self.fields:
                    yield field_label("Speaker (who makes the claim)")
                    yield ChoiceList(self._speaker_rows(), id="speaker", compact=True)
                with Horizontal(id="choices"):
                    if "stance" in self.fields:
                        with Vertical():
                            yield field_label("Stance")
                            yield ChoiceList([Text(s or NOT_SET) for s in self.stances], id="stance", compact=True)
                    if "checkworthy" in self.fields:
                        with Vertical():
                            yield field_label("Check-worthy")
                            rows = [NOT_SET, "yes", "no"]
                            yield ChoiceList([Text(r) for r in rows], id="checkworthy", compact=True)
                if "note" in self.fields:
                    yield field_label("Note")
                    yield BidiInput(value=safe_input_value(self.initial.note), id="note", placeholder="free text", compact=True)
            with Horizontal(id="buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield key_hints(("tab/shift+tab", "move"), ("↑↓", "choose"),
                            ("ctrl+s", "save"), ("esc", "cancel"))

    def _speaker_rows(self) -> list[Text]:
        by_id = {group[0].id: group for group in self.mentions}
        rows = [Text("— none —")]
        for span_id in self.speaker_ids[1:]:
            if span_id is None:
                continue  # only row 0 is "none"
            group = by_id.get(span_id)
            if group is None:
                rows.append(Text(f"{span_id} (not an entity span of this document: kept as it is)",
                                 style="italic"))
                continue
            span = group[0]
            row = Text.assemble((f"{span.label:<10}", "bold"), " ")
            row.append_text(screen_line(clip(span.text, SPEAKER_SHOWN), order=self.order))
            if len(group) > 1:
                row.append(f"  ({len(group)} mentions)", "dim")
            rows.append(row)
        return rows

    def on_mount(self) -> None:
        initial = self.initial
        self._highlight("speaker", self.speaker_ids.index(initial.speaker) if initial.speaker in self.speaker_ids else 0)
        self._highlight("stance", self.stances.index(initial.stance) if initial.stance in self.stances else 0)
        self._highlight("checkworthy", CHECKWORTHY_VALUES.index(initial.checkworthy)
                        if initial.checkworthy in CHECKWORTHY_VALUES else 0)
        first = self.query(OptionList).first() if self.query(OptionList) else self.query_one("#save")
        first.focus()

    def _highlight(self, field: str, row: int) -> None:
        found = self.query(f"#{field}")
        if found:
            found.first(OptionList).highlighted = row

    # -- reading the fields ----------------------------------------------------------------
    def _row(self, field: str) -> int | None:
        found = self.query(f"#{field}")
        return found.first(OptionList).highlighted if found else None

    @property
    def attributes(self) -> ClaimAttributes:
        """The attributes as the form now shows them (hidden fields keep their values)."""
        initial = self.initial
        speaker_row, stance_row, check_row = self._row("speaker"), self._row("stance"), self._row("checkworthy")
        notes = self.query("#note")
        # replace(): the fields the form does not edit (verdict, restatement…) are kept.
        return replace(
            initial,
            speaker=initial.speaker if speaker_row is None else self.speaker_ids[speaker_row],
            stance=initial.stance if stance_row is None else self.stances[stance_row],
            checkworthy=initial.checkworthy if check_row is None else CHECKWORTHY_VALUES[check_row],
            note=notes.first(Input).value if notes else initial.note,
        )

    # -- events ----------------------------------------------------------------------------
    def action_save(self) -> None:
        """Close with the attributes the form shows."""
        self.dismiss(self.attributes)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_next()  # enter in a list confirms it and moves on, as tab does

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
