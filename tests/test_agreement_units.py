"""Agreement measures on cases worked by hand (docs/agreement.md has the definitions)."""

from __future__ import annotations

import hashlib
import itertools
import random

import numpy as np
import pytest

from reader.annotate.agreement import (
    Ratings,
    character_ratings,
    cohen_kappa,
    compare_pair,
    exact_matches,
    f1,
    fleiss_kappa,
    krippendorff_alpha,
    maximum_matching,
    measure,
    overlap_pairs,
)
from reader.annotate.team import gather
from reader.store.model import AnnotationSet, ClaimLink, DocumentRecord, Span


def overlap_f1(a, b) -> float:
    return f1(len(overlap_pairs(a, b)), len(a), len(b))


def exact_f1(a, b) -> float:
    return f1(exact_matches(a, b), len(a), len(b))


# -- F1 ---------------------------------------------------------------------------------------
def test_f1_exact_and_overlap_on_a_simple_case():
    a, b = [(0, 5), (10, 20)], [(0, 5), (12, 18)]
    # exact: (0,5) only -> 2*1/4; overlap: both pairs -> 2*2/4
    assert exact_f1(a, b) == 0.5
    assert overlap_f1(a, b) == 1.0


def test_f1_is_one_when_nobody_has_a_span_and_zero_when_one_side_is_empty():
    assert f1(0, 0, 0) == 1.0
    assert overlap_f1([(0, 3)], []) == 0.0


def test_crossing_spans_are_paired_one_to_one():
    # b's single span crosses both of a's: one pair at most -> 2*1/3
    a, b = [(0, 10), (8, 20)], [(5, 12)]
    assert len(overlap_pairs(a, b)) == 1
    assert overlap_f1(a, b) == pytest.approx(2 / 3)
    assert exact_f1(a, b) == 0.0


def test_nested_spans():
    # a's long span contains both of b's: one pair -> 2/3
    assert overlap_f1([(0, 20)], [(0, 5), (10, 20)]) == pytest.approx(2 / 3)
    # a has a span nested in another, b has only the inner one: exact and overlap both 2/3,
    # and the pair is the identical one
    a, b = [(0, 20), (5, 10)], [(5, 10)]
    assert exact_f1(a, b) == pytest.approx(2 / 3)
    assert overlap_pairs(a, b) == [(1, 0)]


def test_the_order_of_spans_never_changes_the_matching():
    # a1 overlaps b1 and b2, a2 overlaps b2 only: pairing a1 with b2 first (what a greedy
    # first-fit does when b2 comes first) leaves a2 alone; the maximum is 2.
    a = [(0, 10), (12, 20)]
    b = [(5, 6), (9, 15)]
    for xs in itertools.permutations(a):
        for ys in itertools.permutations(b):
            assert len(overlap_pairs(list(xs), list(ys))) == 2
            assert overlap_f1(list(xs), list(ys)) == 1.0


def test_exact_pairs_are_preferred_when_the_maximum_allows():
    a, b = [(0, 10), (3, 4)], [(3, 4), (0, 10)]
    assert sorted(overlap_pairs(a, b)) == [(0, 1), (1, 0)]


def test_maximum_matching_finds_an_augmenting_path_through_a_bad_seed():
    # left 0 - right {0, 1}, left 1 - right {0}: a seed pairing 0-0 must be undone
    assert maximum_matching([[0, 1], [0]], 2, seed=[(0, 0)]) == [1, 0]


def test_maximum_matching_against_brute_force_on_random_interval_sets():
    rng = random.Random(7)
    for _ in range(200):
        a = [tuple(sorted(rng.sample(range(30), 2))) for _ in range(rng.randint(0, 6))]
        b = [tuple(sorted(rng.sample(range(30), 2))) for _ in range(rng.randint(0, 6))]
        best = 0
        edges = [(i, j) for i, x in enumerate(a) for j, y in enumerate(b) if x[0] < y[1] and y[0] < x[1]]
        for size in range(min(len(a), len(b)), 0, -1):
            if any(len({i for i, _ in c}) == size and len({j for _, j in c}) == size
                   for c in itertools.combinations(edges, size)):
                best = size
                break
        pairs = overlap_pairs(a, b)
        assert len(pairs) == best, (a, b)
        assert all(a[i][0] < b[j][1] and b[j][0] < a[i][1] for i, j in pairs)


# -- κ and α ----------------------------------------------------------------------------------
def test_cohen_kappa_by_hand():
    # 50 units: yes/yes 20, yes/no 5, no/yes 10, no/no 15
    units = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    # p_o = 35/50 = .7; a says yes .5, b .6: p_e = .5*.6 + .5*.4 = .5; κ = (.7-.5)/.5
    assert cohen_kappa(Ratings.from_units(units), 0, 1) == pytest.approx(0.4)


def test_cohen_kappa_is_undefined_with_a_single_category():
    assert cohen_kappa(Ratings.from_units([("O", "O")] * 4), 0, 1) is None


def test_fleiss_kappa_by_hand():
    units = [("A", "A", "A"), ("A", "A", "B"), ("B", "B", "B"), ("A", "B", "B")]
    # P_i: 1, 1/3, 1, 1/3 -> mean 2/3; p_A = p_B = 1/2 -> P_e = 1/2; κ = (2/3-1/2)/(1/2)
    assert fleiss_kappa(Ratings.from_units(units)) == pytest.approx(1 / 3)


def test_fleiss_kappa_ignores_units_someone_did_not_rate():
    units = [("A", "A", "A"), ("A", "A", "B"), ("B", "B", "B"), ("A", "B", "B"), ("A", None, "B")]
    assert fleiss_kappa(Ratings.from_units(units)) == pytest.approx(1 / 3)


def test_krippendorff_alpha_by_hand():
    units = [("A", "A"), ("A", "B"), ("B", "B"), ("B", "B")]
    # coincidences AA 2, AB 1, BA 1, BB 4; n_A 3, n_B 5, n 8: α = 1 - 7*2/(2*3*5)
    assert krippendorff_alpha(Ratings.from_units(units)) == pytest.approx(16 / 30)
    # a unit rated once is not pairable: nothing changes
    assert krippendorff_alpha(Ratings.from_units(units + [("A", None)])) == pytest.approx(16 / 30)


def test_krippendorff_alpha_with_three_raters_and_a_missing_value_by_hand():
    units = [("A", "A", None), ("A", "B", None), ("B", "B", None), ("B", "B", None), ("A", "A", None)]
    # one more AA unit: AA 4, n_A 5, n_B 5, n 10: α = 1 - 9*2/(2*5*5)
    assert krippendorff_alpha(Ratings.from_units(units)) == pytest.approx(0.64)


def test_krippendorff_alpha_matches_the_krippendorff_package():
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(3)
    for raters, units, categories in ((2, 40, 2), (3, 200, 4), (5, 300, 6)):
        data = rng.integers(0, categories, size=(raters, units)).astype(float)
        # some agreement to measure, and missing values
        data[1] = np.where(rng.random(units) < 0.6, data[0], data[1])
        data[rng.random((raters, units)) < 0.15] = np.nan
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        rows = [tuple(None if np.isnan(v) else int(v) for v in column) for column in data.T]
        assert krippendorff_alpha(Ratings.from_units(rows)) == pytest.approx(expected, abs=1e-9)


# -- the corpus -------------------------------------------------------------------------------
TEXT = "Roscosmos and CNSA met in Moscow"


def doc(doc_id: str = "d1", text: str = TEXT, done: bool = False) -> DocumentRecord:
    return DocumentRecord(doc_id, hashlib.sha256(text.encode()).hexdigest(), text, done=done)


def span(annotator: str, start: int, end: int, label: str = "ORG", doc_id: str = "d1", text: str = TEXT,
         **extra) -> Span:
    kind = "claim" if label == "CLAIM" else "entity"
    return Span(doc_id, start, end, kind, label, text[start:end], annotator=annotator, **extra)


def test_compare_pair_counts_labels_apart_and_gives_per_label_f1():
    data = AnnotationSet([doc()], [
        span("a", 0, 9), span("a", 14, 18), span("a", 26, 32, "GPE"),
        span("b", 0, 9), span("b", 14, 18, "GPE"), span("b", 24, 32, "GPE"),
    ])
    corpus = gather([("x.jsonl", data)])
    result, _ = compare_pair(corpus, "a", "b")
    # ORG: a 2, b 1, exact 1; GPE: a 1, b 2, exact 0, overlap 1 ("in Moscow" / "Moscow")
    assert result.labels["ORG"] == {"f1_exact": pytest.approx(2 / 3), "f1_overlap": pytest.approx(2 / 3)}
    assert result.labels["GPE"] == {"f1_exact": 0.0, "f1_overlap": pytest.approx(2 / 3)}
    assert (result.spans_a, result.spans_b, result.matches_exact, result.matches_overlap) == (3, 3, 1, 2)
    assert result.f1_exact == pytest.approx(1 / 3)
    assert result.f1_overlap == pytest.approx(2 / 3)


def test_character_layer_gives_the_shorter_span_the_characters_and_skips_whitespace():
    data = AnnotationSet([doc()], [span("a", 0, 18), span("a", 14, 18, "PERSON"), span("b", 0, 9)])
    corpus = gather([("x.jsonl", data)])
    ratings, names = character_ratings(corpus, "entity")
    pairs = Counter_of(ratings, names)
    # 32 characters, 5 spaces: 27 units. a: "Roscosmos"+"and" ORG (12), "CNSA" PERSON (4), 11 O
    # b: "Roscosmos" ORG (9), 18 O
    assert pairs == {("ORG", "ORG"): 9, ("ORG", "O"): 3, ("PERSON", "O"): 4, ("O", "O"): 11}


def Counter_of(ratings: Ratings, names: list[str]) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for row, weight in zip(ratings.codes, ratings.weights):
        key = (names[row[0]], names[row[1]])
        found[key] = found.get(key, 0) + int(weight)
    return found


def test_documents_with_one_annotator_or_differing_texts_are_left_out_with_a_warning():
    other = "Roscosmos and CNSA met in Beijing"
    first = AnnotationSet([doc(), doc("d2"), doc("d3")],
                          [span("a", 0, 9), span("a", 0, 9, doc_id="d2"), span("a", 0, 9, doc_id="d3")])
    second = AnnotationSet([doc(), doc("d3", other)],
                           [span("b", 0, 9), span("b", 0, 9, doc_id="d3", text=other)])
    corpus = gather([("a.db", first), ("b.db", second)])
    assert list(corpus.documents) == ["d1"]
    assert any("d2" in w and "a only" in w for w in corpus.warnings)
    assert any("d3" in w and "differs" in w for w in corpus.warnings)


def test_a_document_marked_done_counts_as_touched_without_spans():
    first = AnnotationSet([doc()], [span("a", 0, 9), span("a", 0, 4, doc_id="d0", text="Ross")])
    second = AnnotationSet([doc(done=True), doc("d0", "Ross")], [span("b", 0, 4, doc_id="d0", text="Ross")])
    corpus = gather([("a.db", first), ("b.db", second)])
    assert "d1" in corpus.touched["b"]
    result, _ = compare_pair(corpus, "a", "b")
    assert result.spans_b == 1 and result.spans_a == 2    # b's empty d1 counts against a's span


def test_entity_link_agreement_is_by_matched_mentions_not_entity_ids():
    text = "Roscosmos and Roskosmos and CNSA"
    d = doc(text=text)
    mentions = [(0, 9), (14, 23), (28, 32)]
    # a: the two spellings one entity (e1), CNSA another; b: the same grouping under other ids
    a = [span("a", s, e, text=text, entity_id=eid) for (s, e), eid in zip(mentions, ["e1", "e1", "e2"])]
    b = [span("b", s, e, text=text, entity_id=eid) for (s, e), eid in zip(mentions, ["x9", "x9", "x7"])]
    result, _ = compare_pair(gather([("x.jsonl", AnnotationSet([d], a + b))]), "a", "b")
    assert result.entity_links == {"compared": 3, "same": 3, "share": 1.0}
    # c puts CNSA with the Roscosmos mentions: every mention's cluster differs from a's
    c = [span("c", s, e, text=text, entity_id="k") for s, e in mentions]
    result, _ = compare_pair(gather([("x.jsonl", AnnotationSet([d], a + c))]), "a", "c")
    assert result.entity_links == {"compared": 3, "same": 0, "share": 0.0}


def test_claim_link_agreement_between_matched_claims():
    text = "Russia said yes. China said no. NASA said maybe."
    d = doc(text=text)
    claims = [(0, 16), (17, 31), (32, 48)]
    a = [span("a", s, e, "CLAIM", text=text) for s, e in claims]
    b = [span("b", s, e, "CLAIM", text=text) for s, e in claims]
    links = [ClaimLink(a[0].id, a[1].id, "contradicts"), ClaimLink(a[1].id, a[2].id, "supports"),
             ClaimLink(b[1].id, b[0].id, "contradicts"), ClaimLink(b[1].id, b[2].id, "same")]
    corpus = gather([("x.jsonl", AnnotationSet([d], a + b, [], links))])
    result, _ = compare_pair(corpus, "a", "b")
    # pair {0,1}: contradicts both (direction ignored); pair {1,2}: supports vs same
    assert result.claim_links == {"compared": 2, "same": 1, "share": 0.5}


def test_measure_warns_about_few_spans_a_dominant_category_and_boundaries():
    data = AnnotationSet([doc()], [span("a", 0, 9), span("b", 0, 8)])
    report = measure(gather([("x.jsonl", data)]))
    text = "\n".join(report.warnings)
    assert "label ORG: only 2 spans" in text
    assert "claim layer: O covers 100%" in text
    assert "1 of 1 overlapping matches differ in their boundaries" in text
    assert report.alpha_claims is None and report.pairs[0].kappa_claims is None


def test_a_label_filter_keeps_documents_touched_through_other_labels():
    # b tagged only an ORG: with --label GPE, b still read d1 and tagged no GPE there
    data = AnnotationSet([doc()], [span("a", 26, 32, "GPE"), span("b", 0, 9, "ORG")])
    corpus = gather([("x.jsonl", data)], labels=["GPE"])
    assert list(corpus.documents) == ["d1"]
    result, _ = compare_pair(corpus, "a", "b")
    assert (result.spans_a, result.spans_b, result.f1_overlap) == (1, 0, 0.0)
