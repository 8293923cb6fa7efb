""""Tag all like this" suggestions over documents written for the test."""

from __future__ import annotations

from reader.core.document import Document
from reader.annotate.like_this import Suggestion, suggest_like
from reader.store.model import Span


def doc(doc_id: str, text: str, lang: str) -> Document:
    return Document(doc_id, f"/test/{doc_id}.txt", text, meta={"lang": lang})


def spans_of(suggestions: list[Suggestion]) -> list[tuple[str, str]]:
    return [(s.doc_id, s.text) for s in suggestions]


def tagged(document: Document, needle: str, label: str) -> Span:
    start = document.text.index(needle)
    return Span(document.id, start, start + len(needle), "entity", label, needle)


def test_other_occurrences_are_proposed_and_the_tagged_one_is_not():
    ar = doc("ar", "زارت الصين القمر. ثم عادت الصين.", "ar")
    source = tagged(ar, "الصين", "GPE")
    found = suggest_like("الصين", "GPE", [ar], existing=[source])
    assert [(s.start, s.end) for s in found] == [(ar.text.rindex("الصين"), ar.text.rindex("الصين") + 5)]
    assert found[0].label == "GPE" and found[0].source_text == "الصين"


def test_occurrences_behind_clitics_are_narrowed_to_the_name():
    ar = doc("ar", "روسيا والصين وبالصين وَالصِّينِ للصين", "ar")
    found = suggest_like("الصين", "GPE", [ar])
    assert [s.text for s in found] == ["الصين", "الصين", "الصِّينِ", "صين"]
    assert all(ar.text[s.start:s.end] == s.text for s in found)


def test_bare_name_finds_the_name_behind_article_and_clitics():
    ar = doc("ar", "الصين والصين صين", "ar")
    assert [s.text for s in suggest_like("صين", "GPE", [ar])] == ["صين", "صين", "صين"]


def test_matches_inside_other_words_are_not_proposed():
    ar = doc("ar", "قمر القمري قمرية", "ar")
    assert [s.text for s in suggest_like("قمر", "LOC", [ar])] == ["قمر"]
    en = doc("en", "Chinatown China Indochina", "en")
    assert [s.text for s in suggest_like("China", "GPE", [en])] == ["China"]


def test_clitic_like_letters_are_not_cut_in_persian_documents():
    fa = doc("fa", "والصين در متن فارسی", "fa")
    assert suggest_like("الصين", "GPE", [fa]) == []


def test_aliases_find_the_entity_in_other_languages_without_case_or_accents():
    docs = [
        doc("ar", "روسيا والصين", "ar"),
        doc("it", "Russia e CINA; la Cina firma", "it"),
        doc("en", "Russia and China.", "en"),
    ]
    found = suggest_like("الصين", "GPE", docs, aliases=["China", "Cina"])
    assert spans_of(found) == [("ar", "الصين"), ("it", "CINA"), ("it", "Cina"), ("en", "China")]
    assert [s.source_text for s in found] == ["الصين", "Cina", "Cina", "China"]


def test_existing_span_with_the_same_label_blocks_overlapping_suggestions_only():
    en = doc("en", "the Lunar Research Station and the Lunar Research Station", "en")
    first = tagged(en, "Lunar Research Station", "FAC")
    other_label = Span("en", en.text.rindex("Lunar"), en.text.rindex("Lunar") + 5, "entity", "LOC", "Lunar")
    found = suggest_like("Lunar Research Station", "FAC", [en], existing=[first, other_label])
    assert [(s.start, s.text) for s in found] == [(en.text.rindex("Lunar"), "Lunar Research Station")]
    blocked = Span("en", en.text.rindex("Station"), len(en.text), "entity", "FAC", "Station")
    assert suggest_like("Lunar Research Station", "FAC", [en], existing=[first, blocked]) == []


def test_overlapping_alias_matches_give_one_suggestion():
    en = doc("en", "the International Lunar Research Station opens", "en")
    found = suggest_like("International Lunar Research Station", "FAC", [en], aliases=["Lunar Research Station"])
    assert spans_of(found) == [("en", "International Lunar Research Station")]


def test_hebrew_occurrence_with_niqqud_is_proposed():
    he = doc("he", "סִין וסין וְסִין", "he")
    assert [s.text for s in suggest_like("סין", "GPE", [he])] == ["סִין"]


def test_accepted_suggestion_becomes_a_span_covering_its_text():
    ar = doc("ar", "قالت والصين", "ar")
    suggestion = suggest_like("الصين", "GPE", [ar])[0]
    span = suggestion.to_span(annotator="ann", entity_id="e-1")
    assert (span.doc_id, span.start, span.end, span.label, span.kind) == ("ar", 6, 11, "GPE", "entity")
    assert ar.text[span.start:span.end] == span.text == "الصين"
    assert span.annotator == "ann" and span.entity_id == "e-1"
