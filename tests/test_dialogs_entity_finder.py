"""EntityFinder: type any spelling, pick an entity or create one."""

from __future__ import annotations

from dialog_support import drive, run

from reader.annotate.entity_finder import EntityChoice
from reader.store.labels import load_schema
from reader.store.model import Entity, Span
from reader.tui.dialogs import EntityFinder

TEXT = "وقعت روسيا والصين اتفاقا، وقالت وكالة روسكوزموس إن المحطة ستبنى."


def mention(word: str, label: str = "ORG") -> Span:
    start = TEXT.index(word)
    return Span(doc_id="000", start=start, end=start + len(word), kind="entity", label=label, text=word)


def entities() -> list[Entity]:
    return [
        Entity("GPE", "China", ["الصين"], id="e-china"),
        Entity("ORG", "Roscosmos", ["Roskosmos", "روسكوزموس"], id="e-roscosmos"),
        Entity("GPE", "Russia", ["روسيا"], id="e-russia"),
    ]


def finder(span: Span, known: list[Entity] | None = None) -> EntityFinder:
    return EntityFinder(span, entities() if known is None else known, load_schema())


def test_the_span_text_already_matches_an_alias_so_enter_links_to_that_entity():
    result, shown = run(drive(finder(mention("روسكوزموس")), "enter"))
    assert result == EntityChoice.link("e-roscosmos")
    assert "Roscosmos" in shown


def test_typing_a_latin_spelling_finds_the_entity_tagged_in_arabic():
    result, _ = run(drive(finder(mention("روسكوزموس")), *"Roskosmos", "enter"))
    assert result == EntityChoice.link("e-roscosmos")


def test_a_near_spelling_of_an_entity_without_that_alias_is_preselected_ahead_of_create():
    bare = [Entity("ORG", "Roscosmos", id="e-roscosmos"), Entity("PERSON", "Rogozin", id="e-rogozin")]
    result, shown = run(drive(finder(mention("روسكوزموس"), known=bare), *"Roskosmos", "enter"))
    assert result == EntityChoice.link("e-roscosmos")
    assert shown.index("Roscosmos") < shown.index("Create new entity")


def test_typing_an_existing_name_preselects_it_whatever_the_mention():
    bare = [Entity("ORG", "Roscosmos", id="e-roscosmos"), Entity("PERSON", "Rogozin", id="e-rogozin")]
    result, _ = run(drive(finder(mention("روسكوزموس", label="PERSON"), known=bare), *"Rogozin", "enter"))
    assert result == EntityChoice.link("e-rogozin")


def test_a_name_that_only_shares_letters_is_not_preselected():
    bare = [Entity("PERSON", "Rogozin", id="e-rogozin")]
    result, shown = run(drive(finder(mention("روسكوزموس", label="PERSON"), known=bare), *"Romitin", "enter"))
    assert result == EntityChoice.create("PERSON", "Romitin")


def test_enter_on_the_first_row_creates_an_entity_named_after_the_span_with_its_label():
    result, shown = run(drive(finder(mention("روسكوزموس"), known=[]), "enter"))
    assert result == EntityChoice.create("ORG", "روسكوزموس")
    assert "Create new entity" in shown and "(ORG)" in shown


def test_enter_after_typing_creates_an_entity_named_as_typed_not_after_the_mention():
    result, shown = run(drive(finder(mention("روسكوزموس"), known=[]), *"Roscosmos", "enter"))
    assert result == EntityChoice.create("ORG", "Roscosmos")
    assert shown.index("«Roscosmos»") < shown.index("Create new entity «ﺱﻮﻣﺯﻮﻜﺳﻭﺭ»")  # the mention's row second


def test_results_update_as_you_type():
    result, shown = run(drive(finder(mention("روسيا", label="GPE")), *"China", "escape"))
    assert result is None
    assert "China" in shown
    assert "Roscosmos" not in shown


def test_up_and_down_move_in_the_results_while_typing():
    # "روسيا" is exact for Russia: Russia first, then other matches; up from the second row comes back
    result, _ = run(drive(finder(mention("روسيا", label="GPE")), "down", "up", "enter"))
    assert result == EntityChoice.link("e-russia")


def test_escape_cancels():
    result, _ = run(drive(finder(mention("روسكوزموس")), "escape"))
    assert result is None
