"""`reader merge` on the seeds: the gold checked span by span, curation candidates, entities,
claim links, one undo, and merging again after more annotation."""

from __future__ import annotations

import pytest

from reader.annotate.curation import Curation
from reader.cli import main
from reader.store.database import AnnotationStore
from reader.store.model import Span
from team_support import ENGLISH, ITALIAN, claim_range, seed, team


def run_merge(capsys, paths, gold, *extra) -> str:
    assert main(["merge", *map(str, paths), "--into", str(gold), *extra]) == 0
    return capsys.readouterr().err


def gold_spans(gold) -> set[tuple]:
    with AnnotationStore.open(gold, read_only=True) as store:
        return {(s.doc_id, s.kind, s.label, s.text, s.annotator, tuple(s.attrs["agreed"])) for s in store.spans()}


def italian_claim() -> str:
    text = seed(ITALIAN).text
    start = text.index("Dmitry Rogozin")
    return text[start:text.index("Research Station).") + len("Research Station).")]


def english_claim() -> str:
    text = seed(ENGLISH).text
    return text[slice(*claim_range(text))]


def candidates(gold) -> set[tuple]:
    with AnnotationStore.open(gold, read_only=True) as store:
        return {(r["doc_id"], r["label"], r["text"], tuple(r["proposed_by"]), r["state"])
                for r in Curation(store).candidates().values()}


def test_two_annotators_gold_span_by_span(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar")
    gold = tmp_path / "gold.json"
    err = run_merge(capsys, paths, gold)
    assert "5 agreed spans" in err and "4 candidates to curate" in err
    both = ("omar", "rana")
    assert gold_spans(gold) == {
        (ENGLISH, "entity", "GPE", "Russia", "merge", both),
        (ENGLISH, "entity", "GPE", "China", "merge", both),
        (ENGLISH, "claim", "CLAIM", english_claim(), "merge", both),
        (ITALIAN, "entity", "ORG", "Roscosmos", "merge", both),
        (ITALIAN, "claim", "CLAIM", italian_claim(), "merge", both),
    }
    with AnnotationStore.open(gold, read_only=True) as store:
        (entity,) = store.entities()
        # rana's and omar's Roscosmos entities met on the Italian mention: one gold entity,
        # with omar's alias from "Roscosmos said"
        assert (entity.type, entity.name) == ("ORG", "Roscosmos")
        assert "Roscosmos said" in entity.aliases
        (italian_org,) = store.spans(ITALIAN, kind="entity")
        assert italian_org.entity_id == entity.id
        # both annotators linked the two claims "same": one gold link, both ends gold
        (link,) = store.links()
        ends = {store.span(link.source).doc_id, store.span(link.target).doc_id}
        assert (link.type, link.annotator, ends) == ("same", "merge", {ENGLISH, ITALIAN})


def test_two_annotators_candidates_say_who_proposed_them(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar")
    gold = tmp_path / "gold.json"
    run_merge(capsys, paths, gold)
    assert candidates(gold) == {
        (ENGLISH, "ORG", "Roscosmos", ("rana",), "open"),
        (ENGLISH, "ORG", "Roscosmos said", ("omar",), "open"),
        (ENGLISH, "ORG", "NASA", ("rana",), "open"),
        (ENGLISH, "GPE", "NASA", ("omar",), "open"),
    }


def test_three_annotators_need_all_by_default_and_min_agree_lowers_the_bar(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar", "lea")
    gold = tmp_path / "gold.json"
    run_merge(capsys, paths, gold)
    both, all3 = ("omar", "rana"), ("lea", "omar", "rana")
    # lea did not annotate the Italian article: there, the two who did are "all"
    assert gold_spans(gold) == {
        (ENGLISH, "entity", "GPE", "Russia", "merge", all3),
        (ITALIAN, "entity", "ORG", "Roscosmos", "merge", both),
        (ITALIAN, "claim", "CLAIM", italian_claim(), "merge", both),
    }
    assert (ENGLISH, "LOC", "China", ("lea",), "open") in candidates(gold)
    assert (ENGLISH, "CLAIM", english_claim(), both, "open") in candidates(gold)

    lower = tmp_path / "gold2.json"
    run_merge(capsys, paths, lower, "--min-agree", "2")
    assert gold_spans(lower) == {
        (ENGLISH, "entity", "GPE", "Russia", "merge", all3),
        (ENGLISH, "entity", "GPE", "China", "merge", both),
        (ENGLISH, "entity", "ORG", "Roscosmos", "merge", ("lea", "rana")),
        (ENGLISH, "claim", "CLAIM", english_claim(), "merge", both),
        (ITALIAN, "entity", "ORG", "Roscosmos", "merge", both),
        (ITALIAN, "claim", "CLAIM", italian_claim(), "merge", both),
    }
    with AnnotationStore.open(lower, read_only=True) as store:
        assert len(store.links()) == 1
        # English and Italian Roscosmos mentions: every annotator's Roscosmos entity, one gold entity
        assert len(store.entities()) == 1
        assert len({s.entity_id for s in store.spans(kind="entity") if s.label == "ORG"}) == 1


def test_a_merge_is_one_undoable_change(tmp_path, capsys):
    paths = team(tmp_path, "rana", "omar")
    gold = tmp_path / "gold.json"
    run_merge(capsys, paths, gold)
    with AnnotationStore.open(gold) as store:
        assert len(store.history()) == 1
        assert store.undo().startswith("merge omar, rana")
        assert store.spans() == [] and store.entities() == [] and store.links() == []
        assert store.curation_records() == {} and store.documents() == []


def test_merging_again_keeps_the_decisions_already_made(tmp_path, capsys):
    rana, omar, lea = team(tmp_path, "rana", "omar", "lea")
    gold = tmp_path / "gold.json"
    run_merge(capsys, [rana, omar, lea], gold)
    with AnnotationStore.open(gold, annotator="curator") as store:
        curation = Curation(store)
        groups = {(g.doc_id, g.versions[0].text): g for g in curation.disagreements()}
        china = groups[(ENGLISH, "China")]
        gpe = next(v for v in china.candidates if v.label == "GPE")
        curation.accept(china, gpe.key)
        curation.reject_all(groups[(ENGLISH, "NASA")])
    # more annotation: lea adds the claim (now everyone's) and tags NASA as an ORG too
    english = seed(ENGLISH)
    with AnnotationStore.open(lea, annotator="lea") as store:
        start, end = claim_range(english.text)
        store.add_span(Span(ENGLISH, start, end, "claim", "CLAIM", english.text[start:end]))
        start = english.text.index("NASA")
        store.add_span(Span(ENGLISH, start, start + 4, "entity", "ORG", "NASA"))
    err = run_merge(capsys, [rana, omar, lea], gold)
    assert "1 agreed spans" in err and "decided before" in err
    spans = gold_spans_with_annotator(gold)
    assert spans.count((ENGLISH, "GPE", "China")) == 1          # accepted once, still there once
    assert (ENGLISH, "CLAIM", english_claim()) in spans         # agreed by all three now
    assert all(label != "ORG" or text != "NASA" for _, label, text in spans)
    states = {(r[1], r[2]): r[4] for r in candidates(gold)}
    assert states[("ORG", "NASA")] == "rejected" and states[("GPE", "NASA")] == "rejected"
    assert states[("GPE", "China")] == "accepted" and states[("LOC", "China")] == "rejected"
    assert states[("CLAIM", english_claim())] == "accepted"     # settled by agreement
    with AnnotationStore.open(gold, read_only=True) as store:
        claims = store.spans(ENGLISH, kind="claim")
        assert [tuple(c.attrs["agreed"]) for c in claims] == [("lea", "omar", "rana")]
        # the English claim is gold now: its link to the Italian claim is too
        assert len(store.links()) == 1


def gold_spans_with_annotator(gold) -> list[tuple]:
    with AnnotationStore.open(gold, read_only=True) as store:
        return [(s.doc_id, s.label, s.text) for s in store.spans()]


@pytest.mark.parametrize("extra, message", [
    (["--min-agree", "3"], "--min-agree 3: there are 2 annotators"),
    (["--min-agree", "0"], "give a number from 1 to 2"),
])
def test_bad_min_agree(tmp_path, capsys, extra, message):
    paths = team(tmp_path, "rana", "omar")
    assert main(["merge", *map(str, paths), "--into", str(tmp_path / "gold.json"), *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_gold_database_cannot_be_a_source(tmp_path, capsys):
    rana, omar = team(tmp_path, "rana", "omar")
    assert main(["merge", str(rana), str(omar), "--into", str(rana)]) == 1
    assert "cannot also be a source" in capsys.readouterr().err
