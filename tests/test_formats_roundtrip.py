"""Round trips: import → export → import keeps every span a format can carry, on texts
mixing Arabic with harakat, Hebrew, Latin, emoji and mathematical letters."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import orjson
import pytest

from reader.formats import format_module
from reader.formats.output import write_dump
from reader.store.model import Span
from test_formats_common import LABELS, link_keys, sample_set, span_key, span_keys, speaker_keys

SCHEMA = json.loads((Path(__file__).parent.parent / "docs" / "formats.schema.json").read_text(encoding="utf-8"))


def export_to(tmp_path: Path, name: str, annotations, **options) -> Path:
    module = format_module(name)
    dump = module.dump(annotations, **options)
    target = tmp_path / (f"{name}-export" if module.DIRECTORY else f"{name}-export.out")
    write_dump(dump, target, module.DIRECTORY)
    return target


def round_trip(tmp_path: Path, name: str, sample, **options):
    """(first import, second import) after exporting `sample`, importing, exporting again."""
    module = format_module(name)
    first = module.load(export_to(tmp_path / "a", name, sample, **options), LABELS)
    second = module.load(export_to(tmp_path / "b", name, first, **options), LABELS)
    return first, second


@pytest.fixture(autouse=True)
def _dirs(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()


def test_jsonl_round_trip_keeps_everything(tmp_path):
    sample = sample_set()
    first, second = round_trip(tmp_path, "jsonl", sample)
    for imported in (first, second):
        assert sorted(imported.spans, key=lambda s: s.id) == sorted(sample.spans, key=lambda s: s.id)
        assert sorted(e.to_dict().items() for e in imported.entities) == sorted(e.to_dict().items() for e in sample.entities)
        assert sorted(l.to_dict().items() for l in imported.links) == sorted(l.to_dict().items() for l in sample.links)
        assert [d.to_dict() for d in imported.documents] == [d.to_dict() for d in sample.documents]


def test_every_jsonl_export_line_validates_against_the_schema(tmp_path):
    target = export_to(tmp_path, "jsonl", sample_set())
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 + 3 + 3
    for line in lines:
        jsonschema.validate(orjson.loads(line), SCHEMA)
    records = [orjson.loads(line)["record"] for line in lines]
    assert records == ["document"] * 3 + ["entity"] * 3 + ["link"] * 3


def test_schema_rejects_a_span_without_offsets():
    bad = {"record": "document", "id": "x", "text": "t", "meta": {"source": "", "lang": "en", "direction": "ltr", "sha256": "0" * 64},
           "spans": [{"id": "s", "kind": "entity", "label": "ORG", "text": "t"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_prodigy_round_trip_keeps_spans_entity_ids_and_attributes(tmp_path):
    sample = sample_set()
    first, second = round_trip(tmp_path, "prodigy", sample)
    assert span_keys(first) == span_keys(second) == span_keys(sample)
    assert speaker_keys(second) == speaker_keys(sample)


def test_prodigy_token_indices_point_at_the_span_edges(tmp_path):
    target = export_to(tmp_path, "prodigy", sample_set())
    for line in target.read_text(encoding="utf-8").splitlines():
        task = orjson.loads(line)
        tokens = task["tokens"]
        assert "".join(t["text"] + " " * t["ws"] for t in tokens) == task["text"]
        for span in task["spans"]:
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
        assert isinstance(task["_input_hash"], int) and -2**31 <= task["_task_hash"] < 2**31
        assert task["answer"] == "accept"


@pytest.mark.parametrize("relations", [False, True])
def test_doccano_round_trip_keeps_offsets_and_labels(tmp_path, relations):
    sample = sample_set()
    first, second = round_trip(tmp_path, "doccano", sample, relations=relations)
    options = {"with_attrs": False, "with_entity": False}
    assert span_keys(first, **options) == span_keys(second, **options) == span_keys(sample, **options)
    if relations:
        same_doc = [k for k in link_keys(sample) if k[1][0] == k[2][0]]
        assert link_keys(first) == link_keys(second) == same_doc


def test_doccano_offsets_are_utf16_units(tmp_path):
    sample = sample_set()
    target = export_to(tmp_path, "doccano", sample)
    record = orjson.loads(target.read_text(encoding="utf-8").splitlines()[0])
    text = record["text"]
    utf16 = text.encode("utf-16-le")
    for start, end, label in record["label"]:
        covered = utf16[2 * start:2 * end].decode("utf-16-le")
        assert any(s.text == covered and s.label == label for s in sample.spans)
    # the sample puts astral characters before spans, so code points would differ
    assert any(text[start:end] not in {s.text for s in sample.spans} for start, end, _ in record["label"])


def test_doccano_warns_about_links_it_cannot_carry(tmp_path):
    dump = format_module("doccano").dump(sample_set(), relations=True)
    assert any("2 cross-document" in w for w in dump.warnings)
    assert any("3 claim link" in w for w in format_module("doccano").dump(sample_set()).warnings)


def test_labelstudio_round_trip_keeps_spans_and_same_document_links(tmp_path):
    sample = sample_set()
    first, second = round_trip(tmp_path, "labelstudio", sample)
    options = {"with_attrs": False, "with_entity": False}
    assert span_keys(first, **options) == span_keys(second, **options) == span_keys(sample, **options)
    assert link_keys(first) == link_keys(second) == [k for k in link_keys(sample) if k[1][0] == k[2][0]]


def test_labelstudio_offsets_are_code_points(tmp_path):
    tasks = orjson.loads(export_to(tmp_path, "labelstudio", sample_set()).read_text(encoding="utf-8"))
    for task in tasks:
        for item in task["annotations"][0]["result"]:
            if item["type"] == "labels":
                value = item["value"]
                assert task["data"]["text"][value["start"]:value["end"]] == value["text"]


def test_brat_round_trip_keeps_spans_entities_attributes_and_links(tmp_path):
    sample = sample_set()
    first, second = round_trip(tmp_path, "brat", sample)
    assert span_keys(first) == span_keys(second) == span_keys(sample)
    assert speaker_keys(second) == speaker_keys(sample)
    assert link_keys(first) == link_keys(second) == link_keys(sample)
    assert sorted((e.id, e.type, e.name) for e in second.entities) == sorted((e.id, e.type, e.name) for e in sample.entities)
    assert sorted(d.text for d in second.documents) == sorted(d.text for d in sample.documents)
    assert sorted(d.id for d in second.documents) == sorted(d.id for d in sample.documents)


def test_brat_writes_standoff_lines_and_cross_document_links_beside(tmp_path):
    sample = sample_set()
    target = export_to(tmp_path, "brat", sample)
    ann = (target / "news%2Far-1.ann").read_text(encoding="utf-8")
    text = (target / "news%2Far-1.txt").read_text(encoding="utf-8")
    for line in ann.splitlines():
        if line.startswith("T"):
            tag, middle, covered = line.split("\t")
            _, start, end = middle.split(" ")
            assert text[int(start):int(end)] == covered
    assert "\tStance T" in ann and "\tsupports Arg1:T" in ann and "\tSpeaker Arg1:T" in ann
    cross = [orjson.loads(line) for line in (target / "cross-document-links.jsonl").read_text().splitlines()]
    assert sorted(c["type"] for c in cross) == ["contradicts", "same"]
    assert "[attributes]" in (target / "annotation.conf").read_text()


def test_brat_span_across_a_newline_is_written_as_fragments(tmp_path):
    sample = sample_set()
    doc = sample.documents[2]
    start = doc.text.index("spokesman")
    doc.text = doc.text[:start] + "spokes\nman" + doc.text[start + 9:]
    sample.spans = [Span(doc_id=doc.id, start=start, end=start + 10, kind="entity", label="PERSON", text="spokes\nman")]
    sample.links, sample.entities = [], []
    target = export_to(tmp_path, "brat", sample)
    ann = (target / "en-3.ann").read_text(encoding="utf-8")
    assert f"T1\tPERSON {start} {start + 6};{start + 7} {start + 10}\tspokes man" in ann
    back = format_module("brat").load(target, LABELS)
    assert [(s.start, s.end, s.text) for s in back.spans] == [(start, start + 10, "spokes\nman")]


def test_conll_round_trip_keeps_non_overlapping_spans_and_warns_about_the_rest(tmp_path):
    sample = sample_set()
    dump = format_module("conll").dump(sample)
    kept, dropped = [], []
    for doc in sample.documents:
        k, d = format_module("conll").non_overlapping([s for s in sample.spans if s.doc_id == doc.id])
        kept, dropped = kept + k, dropped + d
    assert dropped and any(f"{len(dropped)} overlapping span(s)" in w for w in dump.warnings)
    first, second = round_trip(tmp_path, "conll", sample)
    options = {"with_attrs": False, "with_entity": False}
    expected = sorted(span_key(s, **options) for s in kept)
    assert span_keys(first, **options) == span_keys(second, **options) == expected
    assert sorted(d.text for d in first.documents) == sorted(d.text for d in sample.documents)


def test_conll_entities_only_keeps_every_entity_span(tmp_path):
    from reader.formats.selection import select

    entities = select(sample_set(), kinds=["entity"])
    assert format_module("conll").dump(entities).warnings == []
    first, _ = round_trip(tmp_path, "conll", entities)
    options = {"with_attrs": False, "with_entity": False}
    assert span_keys(first, **options) == span_keys(entities, **options)


def test_conll_reads_plain_two_column_files_without_comments(tmp_path):
    path = tmp_path / "plain.conll"
    path.write_text("-DOCSTART- O\n\nRussia\tB-GPE\nand\tO\nChina\tB-GPE\nsigned\tO\n\nNASA\tB-ORG\nagreed\tO\n", encoding="utf-8")
    result = format_module("conll").load(path, LABELS)
    assert result.documents[0].text == "Russia and China signed\nNASA agreed"
    assert [(s.text, s.label) for s in result.spans] == [("Russia", "GPE"), ("China", "GPE"), ("NASA", "ORG")]


def test_conll_brings_back_whitespace_only_lines_and_blank_lines_exactly(tmp_path):
    import hashlib

    from reader.store.model import AnnotationSet, DocumentRecord

    text = "\n  Russia signed\n \t \n\n\nNASA agreed  \n"
    doc = DocumentRecord(id="d", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
    start = text.index("NASA")
    sample = AnnotationSet(documents=[doc], spans=[Span(doc_id="d", start=start, end=start + 4, kind="entity", label="ORG", text="NASA")])
    first, _ = round_trip(tmp_path, "conll", sample)
    assert first.documents[0].text == text
    assert [(s.start, s.text) for s in first.spans] == [(start, "NASA")]
