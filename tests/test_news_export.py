"""An annotated web page exports its extracted text, true offsets and its metadata."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from news_pages import arabic_page
from reader.annotate.session import AnnotationSession
from reader.cli import main
from reader.core.loading import load_documents
from reader.store.database import AnnotationStore
from reader.store.labels import load_schema

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "formats.schema.json").read_text(encoding="utf-8"))


def test_annotating_a_page_and_exporting_it_keeps_text_offsets_and_metadata(tmp_path):
    page = arabic_page("cp1256")
    path = tmp_path / "lunar.html"
    path.write_bytes(page.bytes())
    [document] = load_documents([path]).documents
    # Extraction is deterministic: the same page gives the same text (the store re-anchors
    # spans by the text's hash when a document is opened again).
    assert load_documents([path]).documents[0].sha256 == document.sha256
    db = tmp_path / "a.db"
    store = AnnotationStore.open(db, annotator="unit")
    try:
        session = AnnotationSession(load_schema(), "unit")
        session.attach(store)
        entity_start = document.text.index("روسكوزموس")
        entity = session.tag(document, entity_start, entity_start + len("روسكوزموس"), "ORG")
        claim_paragraph = document.paragraphs[-1]
        claim = session.tag(document, claim_paragraph.start, claim_paragraph.end, "CLAIM")
    finally:
        store.close()

    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", str(db), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    [record] = [r for r in records if r["record"] == "document"]
    jsonschema.validate(record, SCHEMA)
    assert record["text"] == document.text  # the extracted text, not the page's markup
    assert "<" not in record["text"] and record["text"].split("\n\n")[0] == page.paragraphs[0]
    spans = {s["id"]: s for s in record["spans"]}
    for span in (entity, claim):
        exported = spans[span.id]
        assert record["text"][exported["start"]:exported["end"]] == exported["text"] == span.text
    assert spans[claim.id]["text"] == page.paragraphs[-1]
    extra = record["meta"]["extra"]
    assert {key: extra[key] for key in page.meta} == page.meta
    assert extra["source"] == str(path) and record["title"] == page.meta["title"]
    assert (record["meta"]["lang"], record["meta"]["direction"]) == ("ar", "rtl")
