"""Properties every paragraph alignment has, on generated documents (hypothesis)."""

from __future__ import annotations

import time

from hypothesis import given, settings, strategies as st

from reader.align.paragraphs import align_paragraphs
from reader.core.document import Document

# Paragraph texts: Arabic, Persian or Latin words, sometimes a number or a name.
WORD = st.sampled_from(["روسيا", "الصين", "القمر", "محطة", "کتاب", "شهر", "the", "station",
                        "moon", "ILRS", "Roscosmos", "2021", "۱۴۰۰", "٣٥", "“quoted text”"])
PARAGRAPH = st.lists(WORD, min_size=1, max_size=40).map(lambda words: " ".join(words) + ".")
DOCUMENT = st.lists(PARAGRAPH, min_size=0, max_size=25)


def document(doc_id: str, lang: str, paragraphs: list[str]) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "\n".join(paragraphs), {"lang": lang})


@settings(max_examples=60, deadline=None)
@given(DOCUMENT, DOCUMENT, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=4))
def test_beads_are_ordered_disjoint_and_cover_every_paragraph(left, right, links):
    a, b = document("a", "ar", left), document("b", "en", right)
    alignment = align_paragraphs(a, b, links=links)
    # Every paragraph is in exactly one place: one bead, or the unaligned list.
    seen_a = [i for bead in alignment.beads for i in bead.a] + alignment.unaligned_a
    seen_b = [j for bead in alignment.beads for j in bead.b] + alignment.unaligned_b
    assert sorted(seen_a) == list(range(len(a.paragraphs)))
    assert sorted(seen_b) == list(range(len(b.paragraphs)))
    # Beads never cross, and each joins contiguous runs of one-to-many or many-to-one.
    for before, after in zip(alignment.beads, alignment.beads[1:]):
        assert max(before.a) < min(after.a) and max(before.b) < min(after.b)
    for bead in alignment.beads:
        assert min(len(bead.a), len(bead.b)) == 1
        assert list(bead.a) == list(range(bead.a[0], bead.a[-1] + 1))
        assert list(bead.b) == list(range(bead.b[0], bead.b[-1] + 1))
    # partner() agrees with pairs, from both sides.
    for i, j in alignment.pairs:
        assert j in alignment.partner("a", i) and i in alignment.partner("b", j)


@settings(max_examples=30, deadline=None)
@given(DOCUMENT)
def test_a_document_aligns_one_to_one_with_itself(paragraphs):
    a, b = document("a", "en", paragraphs), document("b", "en", paragraphs)
    assert align_paragraphs(a, b).pairs == [(i, i) for i in range(len(a.paragraphs))]


def test_asking_again_for_the_same_texts_is_answered_from_memory():
    paragraphs = [f"Paragraph {n} about the ILRS station, number {n * 7}." for n in range(150)]
    a = document("a", "en", paragraphs)
    b = document("b", "en", paragraphs[::-1][::-1])
    start = time.process_time()
    first = align_paragraphs(a, b)
    cold = time.process_time() - start
    start = time.process_time()
    again = align_paragraphs(document("a2", "en", paragraphs), b)
    warm = time.process_time() - start
    assert again.pairs == first.pairs and again.a_id == "a2"
    assert warm * 10 < cold
