"""How annotations look on a visual line.

Every kind of mark has a text attribute as well as a colour, so it stays readable in
16 colours and with NO_COLOR: an entity is italic in its label's colour, a claim is
underlined, the span under the cursor is bold, spans linked to it (in any pane) are
bold and reversed, the selection and the current search match are reversed.

A mark is a logical range of the paragraph; `decorate` styles every screen cell whose
logical range it covers, so a range that looks split on a mixed-direction line is
drawn in all its pieces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

if TYPE_CHECKING:
    from reader.store.labels import LabelSchema
    from reader.store.model import Span

CLAIM_STYLE = Style(underline=True)
CURSOR_SPAN_STYLE = Style(bold=True)
LINKED_STYLE = Style(bold=True, reverse=True)
SELECTION_STYLE = Style(reverse=True)
MATCH_STYLE = Style(reverse=True, italic=True)
REVIEW_STYLE = Style(strike=True)


@dataclass(frozen=True, slots=True)
class Mark:
    """Paragraph-relative logical range ``[start, end)`` drawn with ``style``."""

    start: int
    end: int
    style: Style


class LabelStyles:
    """The style of each label of a schema, for a terminal's colour system.

    ``color_system``: Rich's name ("truecolor", "256", "standard", "windows") or None
    (no colour: attributes only).
    """

    def __init__(self, schema: LabelSchema, color_system: str | None) -> None:
        self._styles: dict[str, Style] = {}
        for entity_type in schema.entity_types:
            colour = None
            if color_system in ("truecolor", "256"):
                colour = entity_type.color
            elif color_system is not None:
                colour = entity_type.color16
            self._styles[entity_type.name] = Style(italic=True, color=colour)
        claim = schema.claim
        claim_colour = claim.color if color_system in ("truecolor", "256") else (claim.color16 if color_system else None)
        self._claim = CLAIM_STYLE + Style(color=claim_colour)

    def of(self, span: Span) -> Style:
        """The style of ``span``: its label's for an entity, underlined for a claim."""
        if span.kind == "claim":
            # The claim's colour only where no entity colours the text: an entity
            # inside a claim keeps its colour and gets the underline on top.
            return self._claim
        return self._styles.get(span.label, Style(italic=True))


def span_marks(
    spans: Iterable[Span], paragraph_start: int, paragraph_end: int, styles: LabelStyles,
    *, cursor_span: str | None = None, linked: frozenset[str] | set[str] = frozenset(),
) -> list[Mark]:
    """Marks for the spans overlapping one paragraph, claims first (entities paint over
    their colour), then the emphasis of the cursor's span and of linked spans."""
    marks: list[Mark] = []
    inside = [s for s in spans if s.start < paragraph_end and s.end > paragraph_start]
    inside.sort(key=lambda s: s.kind != "claim")
    for span in inside:
        style = styles.of(span)
        if span.status == "review":
            style += REVIEW_STYLE
        if span.id == cursor_span:
            style += CURSOR_SPAN_STYLE
        if span.id in linked:
            style += LINKED_STYLE
        marks.append(Mark(span.start - paragraph_start, span.end - paragraph_start, style))
    return marks


def decorate(strip: Strip, cells: Sequence[tuple[int, int]], pad: int, marks: Sequence[Mark]) -> Strip:
    """``strip`` (one visual line drawn ``pad`` cells from the left) with every cell whose
    logical range a mark covers styled by it; later marks go on top."""
    if not marks or not cells:
        return strip
    cell_styles: list[Style | None] = []
    for lo, hi in cells:
        style = None
        for mark in marks:
            if lo < mark.end and hi > mark.start and hi > lo:
                style = mark.style if style is None else style + mark.style
        cell_styles.append(style)
    if not any(cell_styles):
        return strip
    # Runs of equal style become one piece each.
    cuts: list[int] = []
    runs: list[Style | None] = []
    for i, style in enumerate(cell_styles):
        if not runs or style != runs[-1]:
            if i:
                cuts.append(pad + i)
            runs.append(style)
    cuts.append(pad + len(cell_styles))
    head, *pieces = strip.divide([pad, *cuts, strip.cell_length])
    out = [head]
    for piece, style in zip(pieces, runs):
        out.append(piece if style is None else Strip(Segment.apply_style(piece, post_style=style), piece.cell_length))
    out.extend(pieces[len(runs):])
    return Strip.join(out)
