"""rank_entities: fuzzy matching of names and aliases in every script, folded as search folds."""

from __future__ import annotations

import pytest

from reader.annotate.entity_finder import EntityChoice, EntityIndex, rank_entities
from reader.store.model import Entity


def corpus_entities() -> list[Entity]:
    return [
        Entity("GPE", "Russia", ["روسيا", "Russland"]),
        Entity("ORG", "Roscosmos", ["روسكوزموس", "Roskosmos"]),
        Entity("ORG", "China National Space Administration", ["CNSA", "إدارة الفضاء الوطنية الصينية"]),
        Entity("GPE", "China", ["الصين", "Cina"]),
        Entity("LOC", "Moon", ["القمر", "Luna"]),
    ]


@pytest.mark.parametrize("query", ["Roscosmos", "روسكوزموس", "Roskosmos", "رُوسْكوزموس", "ROSCOSMOS", "roscosmos "])
def test_every_spelling_of_roscosmos_ranks_it_first_with_full_score(query):
    ranked = rank_entities(query, corpus_entities())
    assert ranked[0].entity.name == "Roscosmos"
    assert ranked[0].score == 100


@pytest.mark.parametrize("query, alias", [("Roskosmoss", "Roskosmos"), ("روسكوزموز", "روسكوزموس"), ("Roscosmo", "Roscosmos")])
def test_a_near_spelling_finds_the_entity_through_the_closest_alias(query, alias):
    first = rank_entities(query, corpus_entities())[0]
    assert first.entity.name == "Roscosmos"
    assert first.alias == alias
    assert 60 <= first.score < 100


def test_the_matched_alias_is_the_one_in_the_query_script():
    first = rank_entities("روسكوزموس", corpus_entities())[0]
    assert first.alias == "روسكوزموس"


def test_hamza_forms_and_teh_marbuta_are_folded():
    entities = [Entity("ORG", "Space Agency", ["وكالة الفضاء"]), Entity("PERSON", "Ahmed", ["أحمد"])]
    assert rank_entities("وكاله الفضاء", entities)[0].entity.name == "Space Agency"
    assert rank_entities("احمد", entities)[0].score == 100


def test_accents_and_case_are_folded():
    entities = [Entity("GPE", "Réunion", []), Entity("GPE", "Russia", [])]
    assert rank_entities("reunion", entities)[0].entity.name == "Réunion"
    assert rank_entities("reunion", entities)[0].score == 100


def test_an_unrelated_query_does_not_rank_roscosmos_first():
    for query in ("China", "القمر", "CNSA", "Moscow Kremlin"):
        ranked = rank_entities(query, corpus_entities())
        assert not ranked or ranked[0].entity.name != "Roscosmos", query


def test_an_unrelated_query_finds_nothing():
    assert rank_entities("xylophone", corpus_entities()) == []


def test_each_entity_appears_once_even_when_several_aliases_match():
    ranked = rank_entities("China", [Entity("GPE", "China", ["china", "Chína", "الصين"])])
    assert len(ranked) == 1


def test_a_prefix_typed_so_far_already_finds_the_entity():
    assert rank_entities("Rosc", corpus_entities())[0].entity.name == "Roscosmos"


def test_limit_caps_the_results():
    entities = [Entity("ORG", f"Agency {n}", []) for n in range(30)]
    assert len(rank_entities("Agency", entities, limit=5)) == 5


def test_empty_query_lists_entities_of_the_preferred_type_first():
    ranked = EntityIndex(corpus_entities()).rank("", prefer_type="ORG")
    assert [m.entity.type for m in ranked[:2]] == ["ORG", "ORG"]
    assert len(ranked) == 5


def test_exact_lists_entities_whose_alias_equals_the_folded_query():
    index = EntityIndex(corpus_entities())
    assert [e.name for e in index.exact("رُوسكوزموس")] == ["Roscosmos"]
    assert index.exact("Roskos") == []


def test_entity_choice_says_whether_it_creates():
    assert EntityChoice.create("ORG", "Roscosmos").creates
    assert not EntityChoice.link("e-1").creates


def test_bench_quick_run_ranks_roscosmos_first_for_every_spelling():
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "bench" / "bench_entity_finder.py"
    run = subprocess.run([sys.executable, str(bench), "--quick"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    for spelling in ("'Roscosmos'", "'روسكوزموس'", "'Roskosmos'"):
        line = next(l for l in run.stdout.splitlines() if l.startswith(f"rank {spelling}"))
        assert line.endswith("first: Roscosmos") and "x a substring filter" in line


def test_a_name_in_another_script_finds_the_entity_by_sound_without_an_alias():
    from reader.annotate.entity_finder import PRESELECT_SCORE, finder_rows

    roscosmos = Entity("ORG", "Roscosmos")
    rogozin = Entity("PERSON", "Dmitry Rogozin", aliases=["Rogozin"])
    index = EntityIndex([roscosmos, rogozin, Entity("ORG", "NASA")])
    rows = finder_rows(index, "روسكوزموس", "روسكوزموس", "ORG")
    assert rows[0].choice.entity_id == roscosmos.id          # preselected, ahead of "create"
    assert rows[0].match.score >= PRESELECT_SCORE
    assert [m.entity for m in index.rank("روجوزين")][:1] == [rogozin]
    # A different name that only looks alike is not taken for it.
    assert all(m.entity is not rogozin or m.score < PRESELECT_SCORE for m in index.rank("روميتين"))
