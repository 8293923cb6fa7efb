"""ClaimForm: speaker from the document's entity spans, stance, check-worthy, note."""

from __future__ import annotations

from dialog_support import PENDING, drive, run

from reader.store.labels import load_schema
from reader.store.model import ClaimAttributes, Span

TEXT = "قال ديميتري روغوزين، رئيس وكالة روسكوزموس، إن المحطة ستكتمل بحلول عام 2035."


def span_of(word: str, kind: str = "entity", label: str = "PERSON", **extra) -> Span:
    start = TEXT.index(word)
    return Span(doc_id="000", start=start, end=start + len(word), kind=kind, label=label, text=word, **extra)


def people() -> list[Span]:
    return [span_of("ديميتري روغوزين"), span_of("روسكوزموس", label="ORG")]


def claim(**attrs) -> Span:
    return span_of("المحطة ستكتمل بحلول عام 2035", kind="claim", label="CLAIM", attrs=attrs)


def test_filling_every_field_from_the_keyboard_and_saving_with_ctrl_s():
    speakers = people()
    keys = ["down", "tab", "down", "down", "tab", "down", "tab", *"due 2035", "ctrl+s"]
    result, _ = run(drive(_form(claim(), speakers), *keys))
    assert result == ClaimAttributes(speaker=speakers[0].id, stance="reported", checkworthy=True, note="due 2035")


def test_the_form_is_prefilled_from_the_span_attributes_and_saved_unchanged_with_enter_on_save():
    speakers = people()
    span = claim(speaker=speakers[1].id, stance="hedged", checkworthy=False, note="ملاحظة")
    # tab through speaker, stance, check-worthy and note to the Save button
    result, shown = run(drive(_form(span, speakers), "tab", "tab", "tab", "tab", "enter"))
    assert result == ClaimAttributes(speaker=speakers[1].id, stance="hedged", checkworthy=False, note="ملاحظة")
    assert "ORG" in shown and "PERSON" in shown


def test_choosing_none_clears_the_speaker():
    speakers = people()
    result, _ = run(drive(_form(claim(speaker=speakers[0].id), speakers), "up", "ctrl+s"))
    assert result.speaker is None


def test_enter_in_a_list_moves_to_the_next_field_without_saving():
    result, _ = run(drive(_form(claim(), people()), "enter", "down"))
    assert result is PENDING


def test_escape_cancels():
    result, _ = run(drive(_form(claim(stance="denied"), people()), "down", "escape"))
    assert result is None


def test_a_speaker_id_missing_from_the_entity_spans_is_kept_on_save():
    result, _ = run(drive(_form(claim(speaker="s-gone"), people()), "ctrl+s"))
    assert result.speaker == "s-gone"


def test_speaker_rows_show_the_arabic_name_in_display_order():
    _, shown = run(drive(_form(claim(), people()), "down"))
    # روغوزين is drawn (shaped) left of ديميتري: right-to-left display order
    assert "ﻦﻳﺯﻮﻏﻭﺭ ﻱﺮﺘﻴﻤﻳﺩ" in shown


def _form(span: Span, speakers: list[Span]):
    from reader.tui.dialogs import ClaimForm

    return ClaimForm(span, speakers, load_schema())


def test_fact_check_fields_the_form_does_not_show_are_kept_on_save():
    span = claim(stance="asserted", verdict="mostly false", restatement="The station is done by 2035.",
                 claim_date="2021-03-09", appearance_doc="000", appearance_offset=12)
    result, _ = run(drive(_form(span, people()), "ctrl+s"))
    assert (result.verdict, result.restatement, result.claim_date, result.appearance_offset) == (
        "mostly false", "The station is done by 2035.", "2021-03-09", 12)


LONG = ("وقالت وكالة ناسا إن ناسا ستواصل العمل، وأكدت ناسا أن ناسا لن تتراجع، وقالت روسكوزموس إن "
        "ناسا وروسكوزموس ستتعاونان في محطة أبحاث القمر الدولية التي تدور حول القمر، حسبما أعلنت "
        "وكالتا الفضاء في البلدين في بيان مشترك صدر في موسكو وبكين في التاسع من مارس.")


def _mentions(word: str, label: str, entity_id: str | None = None) -> list[Span]:
    out, at = [], LONG.find(word)
    while at != -1:
        out.append(Span(doc_id="000", start=at, end=at + len(word), kind="entity", label=label, text=word,
                        entity_id=entity_id))
        at = LONG.find(word, at + 1)
    return out


def test_the_speaker_list_shows_each_entity_once_and_saves_one_of_its_mentions():
    nasa = _mentions("ناسا", "ORG")  # not linked: the same text and label are one speaker
    roscosmos = _mentions("روسكوزموس", "ORG", entity_id="e-roscosmos")
    assert len(nasa) == 5 and len(roscosmos) == 2
    span = Span(doc_id="000", start=0, end=len(LONG), kind="claim", label="CLAIM", text=LONG)
    form = _form(span, nasa + roscosmos)
    assert len(form.speaker_ids) == 3  # none, ناسا, روسكوزموس
    result, _ = run(drive(form, "down", "ctrl+s", size=(80, 24)))
    assert result.speaker in {s.id for s in nasa}


def test_the_claim_form_fits_80_by_24_with_its_buttons_visible():
    from dialog_support import DialogHost

    span = Span(doc_id="000", start=0, end=len(LONG), kind="claim", label="CLAIM", text=LONG)
    form = _form(span, _mentions("ناسا", "ORG") + _mentions("روسكوزموس", "ORG"))

    async def go():
        app = DialogHost(form)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            save, cancel = form.query_one("#save"), form.query_one("#cancel")
            screen = app.screen.region
            for button in (save, cancel):
                region = button.region
                assert region.height >= 1 and screen.contains_region(region), button.id
                # drawn, not scrolled out of sight in a container
                assert form.screen.get_widget_at(region.x + 1, region.y)[0] is button, button.id
            await pilot.press("tab", "tab", "tab", "tab", "enter")  # every field, then Save
            await pilot.pause()
            assert app.result is not PENDING and app.result is not None

    run(go())
