"""LabelChooser and LinkTypeChooser: chosen by key or by arrows and enter; escape cancels."""

from __future__ import annotations

import pytest
from dialog_support import PENDING, drive, run

from reader.store.labels import load_schema
from reader.store.model import Span
from reader.tui.dialogs import LabelChooser, LinkTypeChooser


def claim(doc_id: str, text: str) -> Span:
    return Span(doc_id=doc_id, start=0, end=len(text), kind="claim", label="CLAIM", text=text)


def test_label_chooser_picks_a_type_by_its_digit_key():
    schema = load_schema()
    gpe = schema.entity_type("GPE")
    result, shown = run(drive(LabelChooser(schema, "ORG"), gpe.key))
    assert result == "GPE"
    assert "ORG" in shown and "(current)" in shown


def test_label_chooser_starts_on_the_current_label_and_moves_with_arrows():
    schema = load_schema()
    names = list(schema.labels)
    current = names[1]
    result, _ = run(drive(LabelChooser(schema, current), "down", "enter"))
    assert result == names[2]


def test_label_chooser_escape_returns_none():
    result, _ = run(drive(LabelChooser(load_schema(), "ORG"), "escape"))
    assert result is None


def test_label_chooser_ignores_keys_no_type_has():
    result, _ = run(drive(LabelChooser(load_schema(), "ORG"), "z"))
    assert result is PENDING


@pytest.mark.parametrize("key, expected", [("s", "same"), ("p", "supports"), ("x", "contradicts"),
                                           ("1", "same"), ("2", "supports"), ("3", "contradicts")])
def test_link_type_chooser_keys(key, expected):
    source = claim("000", "قالت روسيا إن ميزانيتها الفضائية هي الثالثة في العالم")
    target = claim("004", "Russia's space budget is the second largest in the world")
    result, _ = run(drive(LinkTypeChooser(source, target), key))
    assert result == expected


def test_link_type_chooser_arrows_and_enter_and_both_claims_shown():
    source = claim("000", "قالت روسيا إن ميزانيتها الفضائية هي الثالثة")
    target = claim("004", "Russia's space budget is the second largest")
    result, shown = run(drive(LinkTypeChooser(source, target), "down", "down", "enter"))
    assert result == "contradicts"
    assert "Russia's space budget is the second largest" in shown
    # the Arabic claim is shown shaped and in display order: its last word comes first
    assert "ﺔﺜﻟﺎﺜﻟﺍ" in shown and shown.index("ﺔﺜﻟﺎﺜﻟﺍ") < shown.index("ﺖﻟﺎﻗ")


def test_link_type_chooser_escape_returns_none():
    result, _ = run(drive(LinkTypeChooser(claim("a", "x"), claim("b", "y")), "escape"))
    assert result is None
