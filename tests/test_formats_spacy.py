"""spaCy (test-only): the Prodigy export builds spaCy Docs whose entities are our spans,
and a DocBin of them serializes and loads back. No model download: blank pipelines only."""

from __future__ import annotations

import orjson
import pytest

from reader.formats import format_module
from reader.formats.selection import select
from test_formats_common import sample_set

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc, DocBin  # noqa: E402


def exported_tasks(annotations):
    return [orjson.loads(line) for line in format_module("prodigy").dump(annotations).single.splitlines()]


def doc_from_task(nlp, task) -> Doc:
    words = [t["text"] for t in task["tokens"]]
    spaces = [t["ws"] for t in task["tokens"]]
    return Doc(nlp.vocab, words=words, spaces=spaces)


@pytest.mark.parametrize("lang", ["xx", "ar", "en"])
def test_every_exported_entity_span_becomes_a_doc_entity(lang):
    nlp = spacy.blank(lang)
    entities = select(sample_set(), kinds=["entity"])
    for task in exported_tasks(entities):
        doc = doc_from_task(nlp, task)
        assert doc.text == task["text"]
        ents = []
        for span in task["spans"]:
            ent = doc.char_span(span["start"], span["end"], label=span["label"])
            assert ent is not None, f"{span['text']!r} does not fall on token boundaries"
            assert ent.text == span["text"] and (ent.start, ent.end - 1) == (span["token_start"], span["token_end"])
            ents.append(ent)
        doc.ents = ents
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(s["start"], s["end"], s["label"]) for s in task["spans"]]


def test_overlapping_claims_and_mentions_fit_a_span_group():
    nlp = spacy.blank("xx")
    for task in exported_tasks(sample_set()):
        doc = doc_from_task(nlp, task)
        group = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
        assert None not in group
        doc.spans["sc"] = group
        assert len(doc.spans["sc"]) == len(task["spans"])


def test_a_docbin_built_from_the_export_loads_back():
    nlp = spacy.blank("xx")
    tasks = exported_tasks(select(sample_set(), kinds=["entity"]))
    docbin = DocBin(store_user_data=False)
    for task in tasks:
        doc = doc_from_task(nlp, task)
        doc.ents = [doc.char_span(s["start"], s["end"], label=s["label"]) for s in task["spans"]]
        docbin.add(doc)
    loaded = list(DocBin().from_bytes(docbin.to_bytes()).get_docs(spacy.blank("xx").vocab))
    assert [d.text for d in loaded] == [t["text"] for t in tasks]
    assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in loaded] == \
        [[(s["start"], s["end"], s["label"]) for s in t["spans"]] for t in tasks]
