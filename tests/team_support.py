"""Three annotators on the seed articles, each in their own database, made through the store's
API as the TUI makes them. What each one tagged is spelled out here, so that the tests can
work their expected figures out by hand."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS
from reader.core.loading import load_documents
from reader.store.database import AnnotationStore
from reader.store.model import ClaimLink, Entity, Span

ENGLISH = "004_d7cbc5efb14dccd9"
ITALIAN = "003_6916f926c97e75ec"


def seed(doc_id: str):
    return next(d for d in load_documents([str(SEEDS / f"{doc_id}.txt")]).documents if d.id == doc_id)


def at(text: str, word: str, nth: int = 1) -> tuple[int, int]:
    """The offsets of the `nth` occurrence of `word` in `text`."""
    start = -1
    for _ in range(nth):
        start = text.index(word, start + 1)
    return start, start + len(word)


CLAIM_START = "Roscosmos said in a statement:"
CLAIM_END = "or in its orbit."

#: annotator -> [(document, word, nth occurrence, label)]
TAGS: dict[str, list[tuple[str, str, int, str]]] = {
    "rana": [(ENGLISH, "Russia", 1, "GPE"), (ENGLISH, "China", 1, "GPE"), (ENGLISH, "Roscosmos", 1, "ORG"),
             (ENGLISH, "NASA", 1, "ORG"), (ITALIAN, "Roscosmos", 1, "ORG")],
    "omar": [(ENGLISH, "Russia", 1, "GPE"), (ENGLISH, "China", 1, "GPE"), (ENGLISH, "Roscosmos said", 1, "ORG"),
             (ENGLISH, "NASA", 1, "GPE"), (ITALIAN, "Roscosmos", 1, "ORG")],
    "lea": [(ENGLISH, "Russia", 1, "GPE"), (ENGLISH, "China", 1, "LOC"), (ENGLISH, "Roscosmos", 1, "ORG")],
}
#: who tagged the Roscosmos statement (the same sentence) as a claim in the English article
CLAIMS = ("rana", "omar")


def claim_range(text: str) -> tuple[int, int]:
    start = text.index(CLAIM_START)
    return start, text.index(CLAIM_END, start) + len(CLAIM_END)


def make_annotator_db(path: Path, name: str) -> Path:
    """`name`'s database: their tags, the claim if they made it, the English "Russia" and
    "Roscosmos" linked to entities, and (rana, omar) a claim link to the Italian article."""
    documents = {d: seed(d) for d in (ENGLISH, ITALIAN)}
    with AnnotationStore.open(path, annotator=name) as store:
        spans = []
        for doc_id, word, nth, label in TAGS[name]:
            if name == "lea" and doc_id == ITALIAN:
                continue
            document = documents[doc_id]
            store.ensure_document(document)
            start, end = at(document.text, word, nth)
            spans.append(store.add_span(Span(doc_id, start, end, "entity", label, document.text[start:end])))
        entity = store.add_entity(Entity("ORG", "Roscosmos"))
        for span in spans:
            if span.text.startswith("Roscosmos"):
                store.link_mention(span.id, entity.id)
        if name in CLAIMS:
            english = documents[ENGLISH]
            start, end = claim_range(english.text)
            claim = store.add_span(Span(ENGLISH, start, end, "claim", "CLAIM", english.text[start:end]))
            italian = documents[ITALIAN]
            start = italian.text.index("Dmitry Rogozin")
            end = italian.text.index("Research Station).") + len("Research Station).")
            other = store.add_span(Span(ITALIAN, start, end, "claim", "CLAIM", italian.text[start:end]))
            store.add_link(ClaimLink(claim.id, other.id, "same"))
    return path


def team(tmp_path: Path, *names: str) -> list[Path]:
    return [make_annotator_db(tmp_path / f"{name}.json", name) for name in names]
