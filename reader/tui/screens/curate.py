"""The curation screen: one disagreement at a time, keyboard only.

The document's paragraph around the disagreement is laid out by the bidi engine with each
version marked in its state's style (INCEpTION's curation states: agreed, disagreed,
incomplete, accepted, rejected), every state told apart by a text attribute and a sign as
well as by colour; below it, the versions with who proposed them. Decisions and undo go
through reader.annotate.curation and the store: each is one change in the history.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Static

from reader.annotate.curation import (
    ACCEPTED,
    AGREED,
    DISAGREED,
    INCOMPLETE,
    REJECTED,
    Curation,
    Disagreement,
    Version,
    order_key,
)
from reader.bidi.layout import display_line, layout_paragraph
from reader.errors import ReaderError
from reader.tui.annotation.styles import Mark, decorate
from reader.tui.bindings import CURATE_BINDINGS

#: Each state: a sign, an attribute and a colour (the attribute and the sign alone tell
#: them apart: NO_COLOR and 16-colour terminals lose nothing).
STATE_STYLES: dict[str, tuple[str, Style]] = {
    AGREED: ("=", Style(bold=True, color="green")),
    DISAGREED: ("≠", Style(underline=True, color="red")),
    INCOMPLETE: ("?", Style(italic=True, color="yellow")),
    ACCEPTED: ("✓", Style(bold=True, underline=True, color="cyan")),
    REJECTED: ("✗", Style(strike=True, dim=True)),
}
CHOSEN_STYLE = Style(reverse=True)


class CurateScreen(Screen[None]):
    """The disagreements of one gold database (see the module docstring)."""

    BINDINGS = [*CURATE_BINDINGS]  # a list of its own: Textual types it list[Binding | tuple]

    DEFAULT_CSS = """
    CurateScreen { layout: vertical; }
    CurateScreen > #curate-header { height: 1; background: $primary-background; }
    CurateScreen > #curate-body { height: 1fr; }
    CurateScreen #curate-context { padding: 1 1; }
    CurateScreen #curate-versions { padding: 0 1; }
    CurateScreen > #curate-keys { height: 1; background: $primary-background; }
    """

    def __init__(self, curation: Curation, title: str = "", order: str = "visual") -> None:
        super().__init__()
        self.curation = curation
        self.title_text = title
        self.order = order
        self.groups: list[Disagreement] = []
        self.index = 0
        self.chosen = 0
        #: the boundaries being edited for the chosen version, or None
        self.edit: tuple[int, int] | None = None
        self.message = ""

    def compose(self) -> ComposeResult:
        yield Static(id="curate-header")
        with VerticalScroll(id="curate-body"):
            yield Static(id="curate-context")
            yield Static(id="curate-versions")
        yield Static(id="curate-keys")

    def on_mount(self) -> None:
        self.reload(first_open=True)

    def on_resize(self) -> None:
        self.show()

    # -- state -------------------------------------------------------------------------------
    def reload(self, *, first_open: bool = False, after: int | None = None, doc_id: str | None = None) -> None:
        """Read the disagreements again (only those of `doc_id`, after a decision there);
        go to the first open one (at start) or to the next open one from `after`."""
        if doc_id is None:
            self.groups = self.curation.disagreements()
        else:
            # a decision changes only its document's groups: the rest stay as they were
            fresh = self.curation.disagreements(doc_id)
            self.groups = sorted([g for g in self.groups if g.doc_id != doc_id] + fresh, key=order_key)
        if first_open or after is not None:
            start = 0 if first_open or after is None else after
            order = list(range(start, len(self.groups))) + list(range(0, start))
            self.index = next((i for i in order if self.groups[i].open), min(start, max(len(self.groups) - 1, 0)))
        self.index = min(self.index, max(len(self.groups) - 1, 0))
        self.chosen = min(self.chosen, max(len(self.candidates) - 1, 0)) if after is None else 0
        self.edit = None
        self.show()

    @property
    def group(self) -> Disagreement | None:
        return self.groups[self.index] if self.groups else None

    @property
    def candidates(self) -> list[Version]:
        return self.group.candidates if self.group else []

    @property
    def version(self) -> Version | None:
        candidates = self.candidates
        return candidates[self.chosen] if candidates else None

    @property
    def left(self) -> int:
        return sum(1 for g in self.groups if g.open)

    # -- drawing -----------------------------------------------------------------------------
    def show(self) -> None:
        if not self.is_mounted:
            return
        width = max(self.size.width - 4, 20)
        progress = f"{self.left}/{len(self.groups)} left "
        # the progress always shows: a long database path loses its beginning
        room = max(self.size.width - len(progress) - len(" Curation ") - 1, 1)
        title = display_line(self.title_text, order=self.order)
        if len(title) > room:
            title = "…" + title[len(title) - room + 1:]
        header = f" Curation {title}"
        self.query_one("#curate-header", Static).update(
            Text(header + " " * max(1, self.size.width - len(header) - len(progress)) + progress))
        # Shorter forms at 80 columns, so that undo and quit are always on screen.
        keys = (" n/p next/prev · ↑↓ version · a accept · r reject all · [ ] { } boundaries · u undo · q quit"
                if self.size.width >= 96 else " n/p next · ↑↓ version · a accept · r reject · [ ] { } edges · u undo · q quit")
        notice = f" {display_line(self.message, order=self.order)}" if self.message else keys
        self.query_one("#curate-keys", Static).update(Text(notice))
        group = self.group
        if group is None:
            self.query_one("#curate-context", Static).update(Text("Nothing to curate: the merge left no disagreement."))
            self.query_one("#curate-versions", Static).update("")
            return
        self.query_one("#curate-context", Static).update(self._context_text(group, width))
        self.query_one("#curate-versions", Static).update(self._versions(group))

    def _context_text(self, group: Disagreement, width: int) -> Text:
        document = self.curation.store.document(group.doc_id)
        text = document.text if document else ""
        lines = Text()
        where = f"{group.doc_id} · {group.kind} · {group.start}–{group.end}"  # laid out below
        if not group.open:
            where += " · decided"
        lines.append(display_line(where, order=self.order) + "\n\n", style="dim")
        offset = 0
        for paragraph in text.split("\n"):
            end = offset + len(paragraph)
            if end >= group.start and offset < group.end and paragraph:
                marks = self._marks(group, offset, end)
                for line in layout_paragraph(paragraph, width, order=self.order).lines:
                    pad = line.pad(width)
                    strip = Strip([Segment(" " * pad), Segment(line.text)], pad + line.width)
                    for segment in decorate(strip, line.cells, pad, marks):
                        lines.append(segment.text, style=segment.style)
                    lines.append("\n")
            offset = end + 1
        return lines

    def _marks(self, group: Disagreement, start: int, end: int) -> list[Mark]:
        chosen = self.version
        marks = []
        for version in group.versions:
            if version is chosen:
                continue
            marks.append(Mark(max(version.start, start) - start, min(version.end, end) - start,
                              STATE_STYLES[version.state][1]))
        if chosen is not None:
            lo, hi = self.edit or (chosen.start, chosen.end)
            marks.append(Mark(max(lo, start) - start, min(hi, end) - start,
                              STATE_STYLES[chosen.state][1] + CHOSEN_STYLE))
        return [m for m in marks if m.start < m.end]

    def _versions(self, group: Disagreement) -> Text:
        out = Text()
        candidates = self.candidates
        for version in group.versions:
            sign, style = STATE_STYLES[version.state]
            chosen = version is self.version
            pointer = "▶ " if chosen else "  "
            start, end = (self.edit or (version.start, version.end)) if chosen else (version.start, version.end)
            shown = version.text if (start, end) == (version.start, version.end) else self._text(group, start, end)
            who = ", ".join(version.proposed_by) or "—"
            number = f"{candidates.index(version) + 1}" if version in candidates else "·"
            out.append(pointer + f"{number} {sign} {version.state:<10} ")
            label = display_line(version.label, order=self.order)
            out.append(f"{label:<8} ", style=style + (CHOSEN_STYLE if chosen else Style()))
            quote = display_line(_short(shown), order=self.order)
            out.append(f"“{quote}”", style=style)
            edited = " (edited)" if chosen and self.edit else ""
            out.append(display_line(f"  {start}–{end}{edited}  by {who}", order=self.order) + "\n")
        return out

    def _text(self, group: Disagreement, start: int, end: int) -> str:
        document = self.curation.store.document(group.doc_id)
        return document.text[start:end] if document else ""

    def say(self, message: str) -> None:
        self.message = message
        self.show()

    # -- actions -----------------------------------------------------------------------------
    def action_next_disagreement(self) -> None:
        self._go(1)

    def action_previous_disagreement(self) -> None:
        self._go(-1)

    def _go(self, step: int) -> None:
        if not self.groups:
            return
        self.index = (self.index + step) % len(self.groups)
        self.chosen, self.edit, self.message = 0, None, ""
        self.show()

    def action_version(self, step: int) -> None:
        candidates = self.candidates
        if candidates:
            self.chosen = (self.chosen + step) % len(candidates)
            self.edit, self.message = None, ""
            self.show()

    def action_move_boundary(self, which: str, step: int) -> None:
        version, group = self.version, self.group
        if version is None or group is None:
            return
        document = self.curation.store.document(group.doc_id)
        length = len(document.text) if document else version.end
        start, end = self.edit or (version.start, version.end)
        if which == "start":
            start = min(max(0, start + step), end - 1)
        else:
            end = max(min(length, end + step), start + 1)
        self.edit = None if (start, end) == (version.start, version.end) else (start, end)
        self.message = ""
        self.show()

    def action_reset_edit(self) -> None:
        self.edit, self.message = None, ""
        self.show()

    def action_accept(self) -> None:
        version, group = self.version, self.group
        if version is None or group is None or version.key is None:  # (a candidate has a key)
            return
        start, end = self.edit or (None, None)
        try:
            span = self.curation.accept(group, version.key, start, end)
        except ReaderError as error:
            self.say(str(error))
            return
        self.message = f"accepted {span.label} “{_short(span.text)}”"
        self.reload(after=self.index, doc_id=group.doc_id)

    def action_reject(self) -> None:
        group = self.group
        if group is None:
            return
        try:
            self.curation.reject_all(group)
        except ReaderError as error:
            self.say(str(error))
            return
        self.message = f"rejected {len(group.candidates)} versions"
        self.reload(after=self.index, doc_id=group.doc_id)

    def action_undo(self) -> None:
        self._step(self.curation.store.undo, "undid", "nothing to undo")

    def action_redo(self) -> None:
        self._step(self.curation.store.redo, "redid", "nothing to redo")

    def _step(self, step, done: str, nothing: str) -> None:
        try:
            description = step()
        except ReaderError as error:
            self.say(str(error))
            return
        self.message = f"{done} “{description}”" if description else nothing
        self.reload()


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
