"""SpanList and SuggestionReview: lists driven with the keyboard."""

from __future__ import annotations

from dialog_support import PENDING, drive, run

from reader.core.document import Document
from reader.annotate.like_this import Suggestion
from reader.store.model import Span
from reader.tui.dialogs import SpanList, SuggestionReview

AR = "وقعت روسيا والصين اتفاقا.\n\nقالت روسكوزموس إن روسيا ستبني المحطة مع الصين."
EN = "Russia and China signed an agreement.\n\nRoscosmos said Russia would build the station with China."


def doc(doc_id: str, text: str, title: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, meta={"title": title})


def span(document: Document, word: str, label: str, nth: int = 0, kind: str = "entity", **extra) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(word, start + 1)
    return Span(doc_id=document.id, start=start, end=start + len(word), kind=kind, label=label, text=word, **extra)


def suggestion(document: Document, word: str, nth: int) -> Suggestion:
    s = span(document, word, "GPE", nth)
    return Suggestion(document.id, s.start, s.end, s.text, "GPE", word)


# -- SpanList -----------------------------------------------------------------------------

def test_span_list_is_in_document_order_and_enter_jumps_to_the_highlighted_span():
    ar = doc("ar", AR, "اتفاق")
    spans = [span(ar, "الصين", "GPE", 1), span(ar, "روسيا", "GPE"), span(ar, "روسكوزموس", "ORG")]
    result, shown = run(drive(SpanList(spans, ar), "down", "enter"))
    # document order: روسيا (first paragraph), then روسكوزموس, then the second الصين
    assert result == spans[2].id
    assert "ORG" in shown and "GPE" in shown


def test_span_list_starts_on_the_current_span_and_flags_spans_under_review():
    ar = doc("ar", AR, "اتفاق")
    flagged = span(ar, "الصين", "GPE", 1, status="review", review_reason="moved")
    spans = [span(ar, "روسيا", "GPE"), flagged]
    result, shown = run(drive(SpanList(spans, ar, current=flagged.id), "enter"))
    assert result == flagged.id
    assert "⚑ review" in shown


def test_span_list_escape_and_empty_list():
    ar = doc("ar", AR, "اتفاق")
    result, _ = run(drive(SpanList([span(ar, "روسيا", "GPE")], ar), "escape"))
    assert result is None
    result, shown = run(drive(SpanList([], ar), "enter"))
    assert result is PENDING and "No spans" in shown


# -- SuggestionReview ---------------------------------------------------------------------

def proposals() -> tuple[list[Suggestion], dict[str, Document]]:
    ar, en = doc("ar", AR, "اتفاق الفضاء"), doc("en", EN, "Space deal")
    found = [suggestion(ar, "روسيا", 0), suggestion(ar, "روسيا", 1), suggestion(en, "Russia", 0),
             suggestion(en, "Russia", 1)]
    return found, {"ar": ar, "en": en}


def test_y_and_n_decide_one_by_one_and_enter_returns_the_accepted():
    found, documents = proposals()
    result, shown = run(drive(SuggestionReview(found, documents), "y", "n", "y", "enter"))
    assert result == [found[0], found[2]]
    assert "4 proposed" in shown and "· 2 accepted · 1 rejected" in shown


def test_a_accepts_all_remaining_but_keeps_rejections():
    found, documents = proposals()
    result, shown = run(drive(SuggestionReview(found, documents), "n", "a", "ctrl+s"))
    assert result == found[1:]
    assert "4 proposed" in shown and "· 3 accepted · 1 rejected" in shown


def test_escape_cancels_even_after_accepting():
    found, documents = proposals()
    result, _ = run(drive(SuggestionReview(found, documents), "y", "escape"))
    assert result is None


def test_rows_show_the_document_title_and_the_match_in_context():
    found, documents = proposals()
    _, shown = run(drive(SuggestionReview(found, documents), "escape"), )
    assert "Space deal" in shown
    assert "Roscosmos said Russia would build" in shown


def test_the_match_is_emphasised_in_its_snippet():
    from textual.widgets import OptionList

    found, documents = proposals()

    async def go():
        from dialog_support import DialogHost

        app = DialogHost(SuggestionReview(found, documents))
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            prompt = app.screen.query_one("#suggestions", OptionList).get_option_at_index(3).prompt
            emphasised = "".join(prompt.plain[s.start:s.end] for s in prompt.spans if "underline" in str(s.style))
            assert emphasised == "Russia"

    run(go())


def test_no_suggestions_enter_returns_an_empty_list():
    result, shown = run(drive(SuggestionReview([], {}), "enter"))
    assert result == []
    assert "0 proposed" in shown


def test_a_row_wider_than_the_list_stays_on_one_line_cut_with_an_ellipsis():
    # Rows are laid out in display order already: wrapped again, the start of a
    # right-to-left snippet would land on the line below its end.
    long_ar = doc("ar", "روسيا " * 8 + "وقعت اتفاقا مع الصين لبناء محطة أبحاث على القمر " * 4, "عنوان طويل")
    suggestions = [suggestion(long_ar, "الصين", 0), suggestion(long_ar, "الصين", 1)]
    result, shown = run(drive(SuggestionReview(suggestions, [long_ar]), "escape", size=(70, 30)))
    rows = [line for line in shown.split("\n") if "GPE" in line]
    assert len(rows) == 2
    assert all("…" in row.split("GPE", 1)[1] for row in rows)
    after = shown.split("\n")[shown.split("\n").index(rows[0]) + 1]
    assert "GPE" in after  # the next screen row is the next suggestion, not a wrapped tail


def test_a_long_right_to_left_span_is_clipped_at_its_end_to_fit_a_narrow_terminal():
    # Lists cut rows at their right edge, which is where Arabic text starts: the span's
    # text is clipped in logical order to the room the row has, so its start stays.
    claim = "وقعت روسيا والصين اتفاقية لبناء محطة أبحاث القمر الدولية"  # 56 characters
    ar = doc("ar", claim + ".\n", "عنوان")
    spans = [Span(doc_id="ar", start=0, end=len(claim), kind="claim", label="CLAIM", text=claim)]
    for width, cut in ((80, True), (160, False)):
        _, shown = run(drive(SpanList(spans, ar), "escape", size=(width, 24)))
        row = next(line for line in shown.split("\n") if "CLAIM" in line)
        text = row.split("claim", 1)[1].strip(" ▎│")
        assert text.endswith("ﺖﻌﻗﻭ")  # the first word, drawn at the right end
        assert text.startswith("…") == cut
