"""How annotations look on a visual line.

Every kind of mark has a text attribute as well as a colour, so it stays readable in
16 colours and with NO_COLOR: an entity is italic in its label's colour, a claim is
underlined, the span under the cursor is bold, spans linked to it (in any pane) are
bold and reversed, the selection and the current search match are reversed; a machine's
suggestion is dim and overlined in its label's colour (not italic: not yet a span).

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
#: A machine's suggestion (reader.annotate.suggestions): its label's colour, dim and
#: overlined, never italic, so that it is told from a span the user made without colour.
SUGGESTION_STYLE = Style(dim=True, overline=True)
_UNKNOWN_LABEL = Style(italic=True)  # a label the schema does not list (an older schema's)


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

    def suggestion(self, label: str) -> Style:
        """A suggestion of entity type ``label``: the label's colour, SUGGESTION_STYLE's attributes."""
        colour = (self._styles.get(label) or _UNKNOWN_LABEL).color
        return Style(color=colour) + SUGGESTION_STYLE

    def of(self, span: Span) -> Style:
        """The style of ``span``: its label's for an entity, underlined for a claim."""
        if span.kind == "claim":
            # The claim's colour only where no entity colours the text: an entity
            # inside a claim keeps its colour and gets the underline on top.
            return self._claim
        return self._styles.get(span.label) or _UNKNOWN_LABEL


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


def _cell_styles(cells: Sequence[tuple[int, int]], marks: Sequence[Mark]) -> list[Style | None]:
    """The style of each screen cell: the sum of the marks covering its logical range
    (later marks on top), None where none does."""
    lo = min(c[0] for c in cells)
    hi = max(c[1] for c in cells)
    # Which marks cover each logical offset of the line: work proportional to the text
    # the marks cover on this line, not to cells x marks.
    covering: list[tuple[int, ...]] = [()] * (hi - lo)
    for number, mark in enumerate(marks):
        if mark.end <= lo or mark.start >= hi:
            continue
        for offset in range(max(lo, mark.start) - lo, min(hi, mark.end) - lo):
            covering[offset] += (number,)
    sums: dict[tuple[int, ...], Style | None] = {(): None}
    styles: list[Style | None] = []
    for start, end in cells:
        if end <= start:
            styles.append(None)  # a cell with no character (padding inside the line)
            continue
        found = covering[start - lo]
        if end - start > 1:  # a ligature: the marks of any of its characters
            found = tuple(sorted(set(found).union(*covering[start - lo + 1:end - lo])))
        style = sums.get(found, _MISSING)
        if style is _MISSING:
            style = sums[found] = Style.combine(marks[i].style for i in found)
        styles.append(style)
    return styles


_MISSING = Style()


def decorate(strip: Strip, cells: Sequence[tuple[int, int]], pad: int, marks: Sequence[Mark]) -> Strip:
    """``strip`` (one visual line drawn ``pad`` cells from the left) with every cell whose
    logical range a mark covers styled by it; later marks go on top."""
    if not marks or not cells:
        return strip
    cell_styles = _cell_styles(cells, marks)
    if not any(cell_styles):
        return strip
    text = "".join(segment.text for segment in strip)
    if len(text) == strip.cell_length:
        return _restyled(strip, cell_styles, pad)
    # Wide characters: cut the strip by cells instead. Runs of equal style, one piece each.
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


def _restyled(strip: Strip, cell_styles: list[Style | None], pad: int) -> Strip:
    """``strip`` (one cell per character) rebuilt with ``cell_styles`` over the cells
    from ``pad`` on: one segment per run of equal style."""
    segments: list[Segment] = []
    cell = 0
    for segment in strip:
        text, base = segment.text, segment.style
        run_start = 0
        run_style = None
        for i in range(len(text)):
            at = cell + i - pad
            extra = cell_styles[at] if 0 <= at < len(cell_styles) else None
            if i == 0:
                run_style = extra
            elif extra is not run_style:
                segments.append(Segment(text[run_start:i], _over(base, run_style)))
                run_start, run_style = i, extra
        if text:
            segments.append(Segment(text[run_start:], _over(base, run_style)))
        cell += len(text)
    return Strip(segments, strip.cell_length)


def _over(base: Style | None, style: Style | None) -> Style | None:
    """``style`` drawn over ``base`` (either may be missing)."""
    if style is None:
        return base
    return style if base is None else base + style
