"""Selections, highlight drawing and the annotation session, without a terminal."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.bidi.layout import layout_paragraph
from reader.core.loading import load_documents
from reader.store.database import AnnotationStore
from reader.store.labels import load_schema
from reader.annotate.selection import SelectionMode, paragraph_range, range_between, sentence_range, word_range
from reader.annotate.session import AnnotationSession
from reader.tui.annotation.styles import CLAIM_STYLE, LabelStyles, Mark, decorate, span_marks


def test_selection_snaps_to_words_unless_precise():
    text = "The Roscosmos agency said"
    # From inside "Roscosmos" to inside "agency": whole words by default.
    assert range_between(text, 6, 15, SelectionMode()) == (4, 20)
    assert range_between(text, 6, 15, SelectionMode(precise=True)) == (6, 16)


def test_selection_strips_arabic_clitics_when_asked():
    text = "قالت والصين إن"
    start = text.index("والصين")
    plain = range_between(text, start, start + 2, SelectionMode())
    assert text[slice(*plain)] == "والصين"
    stripped = range_between(text, start, start + 2, SelectionMode(clitics=True))
    assert text[slice(*stripped)] == "صين"
    assert text[slice(*word_range(text, start + 3, SelectionMode(clitics=True)))] == "صين"


def test_text_objects_cover_sentence_and_paragraph():
    text = "First one. Second one here.\nNext line"
    assert text[slice(*sentence_range(text, 13))] == "Second one here."
    assert text[slice(*paragraph_range(text, 2))] == "First one. Second one here."
    assert word_range(text, 5, SelectionMode()) is None  # a space


def _styled_cells(strip: Strip) -> list[Style | None]:
    cells: list[Style | None] = []
    for segment in strip:
        cells.extend([segment.style] * len(segment.text))
    return cells


def test_a_range_split_on_a_mixed_line_is_drawn_in_every_cell():
    text = "قالت روسكوزموس Roscosmos اليوم"
    line = layout_paragraph(text, None).lines[0]
    strip = Strip([Segment(line.text, Style())])
    # The logical range "روسكوزموس Roscosmos": on screen an RTL piece and an LTR piece.
    start = text.index("روسكوزموس")
    end = text.index(" اليوم")
    decorated = decorate(strip, line.cells, 0, [Mark(start, end, Style(underline=True))])
    underlined = [i for i, style in enumerate(_styled_cells(decorated)) if style is not None and style.underline]
    covered = [i for i, (lo, hi) in enumerate(line.cells) if lo < end and hi > start and hi > lo]
    assert underlined == covered and len(covered) == end - start
    assert "".join(s.text for s in decorated) == line.text


def test_label_styles_work_without_colour():
    schema = load_schema()
    from reader.store.model import Span

    entity = Span("d", 0, 3, "entity", "ORG", "abc", id="s-e")
    claim = Span("d", 0, 9, "claim", "CLAIM", "abcdefghi", id="s-c")
    plain = LabelStyles(schema, None)
    assert plain.of(entity).italic and plain.of(entity).color is None
    assert plain.of(claim).underline
    coloured = LabelStyles(schema, "standard")
    assert coloured.of(entity).color is not None
    marks = span_marks([entity, claim], 0, 20, plain, cursor_span="s-e")
    # The claim is drawn first, the entity over it (and bold: the cursor is on it).
    assert marks[0].style.underline and marks[1].style.bold and marks[1].style.italic
    assert CLAIM_STYLE.underline


def _seed(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return load_documents([str(path)]).documents[0]


def test_session_tags_and_undo_reports_the_affected_span(tmp_path: Path):
    document = _seed(tmp_path, "Roscosmos said the budget ranks third.\n")
    store = AnnotationStore.open(tmp_path / "a.db", annotator="unit")
    try:
        session = AnnotationSession(load_schema(), "unit")
        session.attach(store)
        revision = session.revision
        span = session.tag(document, 0, 9, "ORG")
        assert session.revision > revision and span.annotator == "unit"
        assert session.span_at(document.id, 3) == span
        change = session.undo()
        assert change is not None and change.span is not None and change.span.id == span.id
        assert session.spans(document.id) == []
        assert session.redo().span.id == span.id
        assert [s.id for s in session.spans(document.id)] == [span.id]
    finally:
        store.close()


def test_accepted_suggestions_are_one_undoable_step(tmp_path: Path):
    document = _seed(tmp_path, "NASA and NASA and NASA.\n")
    store = AnnotationStore.open(tmp_path / "a.db", annotator="unit")
    try:
        session = AnnotationSession(load_schema(), "unit")
        session.attach(store)
        first = session.tag(document, 0, 4, "ORG")
        from reader.store.model import Span

        more = [Span(document.id, s, s + 4, "entity", "ORG", "NASA") for s in (9, 18)]
        added = session.add_suggested(more, None)
        assert len(added) == 2 and len(store.spans(document.id)) == 3
        session.undo()
        assert [s.id for s in store.spans(document.id)] == [first.id]
    finally:
        store.close()


def test_wide_characters_are_styled_by_cell():
    text = "東京 Tokyo"
    line = layout_paragraph(text, None).lines[0]
    strip = Strip([Segment(line.text, Style())])
    decorated = decorate(strip, line.cells, 0, [Mark(0, 2, Style(italic=True))])
    italic = "".join(s.text for s in decorated if s.style is not None and s.style.italic)
    assert italic == "東京" and decorated.cell_length == strip.cell_length


def test_bench_annotate_runs_quick():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "bench/bench_annotate.py", "--quick"], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    assert "ratio dense / none" in done.stdout and "tag a word + repaint" in done.stdout
