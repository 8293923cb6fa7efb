"""Document text never drives the terminal from a dialog: no ESC, CSI or raw bidi control
reaches the screen, and "[...]" in a document is shown, not read as markup."""

from __future__ import annotations

import re

import pytest
from dialog_support import DialogHost, run

from reader.core.document import Document
from reader.annotate.like_this import Suggestion
from reader.store.database import AnnotationStore
from reader.store.labels import load_schema
from reader.store.model import ClaimLink, Entity, Span
from reader.tui.dialogs import (
    ClaimForm, EntityFinder, LabelChooser, LinkedPanel, LinkTypeChooser, SpanList, SuggestionReview,
)

HOSTILE = "Red \x1b[31mALERT\x1b[0m [bold]loud[/bold] \x9b2J \u202eevil\u202c قالت \x1b]0;title\x07 وكالة"
TEXT = f"{HOSTILE}\n\nشيء آخر"
#: what must never be on screen: C0/C1 controls and the bidi formatting characters
FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def document() -> Document:
    return Document(id="bad", path="bad.txt", text=TEXT, meta={"title": "t \x1b[5mblink"})


def hostile_span(kind: str = "entity", label: str = "ORG", **extra) -> Span:
    return Span(doc_id="bad", start=0, end=len(HOSTILE), kind=kind, label=label, text=HOSTILE, **extra)


async def rendered(dialog) -> tuple[list[str], str]:
    """The text of every segment the screen draws, and the SVG screenshot."""
    app = DialogHost(dialog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        segments = [s.text for strip in app.screen._compositor.render_strips() for s in strip]
        return segments, app.export_screenshot()


def dialogs(tmp_path):
    doc = document()
    schema = load_schema()
    entity_span = hostile_span()
    claim = hostile_span(kind="claim", label="CLAIM", attrs={"speaker": entity_span.id, "note": "n \x1b[31m"})
    yield "span-list", SpanList([entity_span], doc)
    yield "link-type", LinkTypeChooser(claim, claim)
    yield "claim-form", ClaimForm(claim, [entity_span], schema)
    yield "entity-finder", EntityFinder(entity_span, [Entity("ORG", HOSTILE, [HOSTILE + "x"])], schema)
    yield "suggestions", SuggestionReview([Suggestion("bad", 4, 18, TEXT[4:18], "ORG", "x")], {"bad": doc})
    yield "label", LabelChooser(schema, "ORG")
    store = AnnotationStore.open(tmp_path / "a.db", annotator="t")
    store.ensure_document(doc)
    entity = store.add_entity(Entity("ORG", HOSTILE))
    stored = store.add_span(entity_span)
    store.link_mention(stored.id, entity.id)
    yield "linked-entity", LinkedPanel(stored, store, {"bad": doc})
    one = store.add_span(hostile_span(kind="claim", label="CLAIM"))
    other = store.add_span(Span(doc_id="bad", start=TEXT.index("شيء"), end=len(TEXT), kind="claim",
                                label="CLAIM", text=TEXT[TEXT.index("شيء"):]))
    store.add_link(ClaimLink(source=other.id, target=one.id, type="supports"))
    yield "linked-claim", LinkedPanel(other, store, {"bad": doc})
    store.close()


def test_no_control_character_from_a_document_reaches_the_screen(tmp_path):
    for name, dialog in dialogs(tmp_path):
        segments, svg = run(rendered(dialog))
        drawn = "".join(segments)
        assert not FORBIDDEN.search(drawn), (name, [c for c in drawn if FORBIDDEN.match(c)])
        assert "\x1b" not in svg and "&#27;" not in svg, name
        if name != "label":
            assert "␛" in drawn, name  # the ESC is shown as a visible placeholder instead


@pytest.mark.parametrize("which", ["span-list", "link-type", "suggestions", "entity-finder"])
def test_brackets_in_a_document_are_shown_not_read_as_markup(tmp_path, which):
    dialog = dict(dialogs(tmp_path))[which]
    segments, _ = run(rendered(dialog))
    assert "[bold]" in "".join(segments)
