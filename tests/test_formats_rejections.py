"""Every importer rejects bad records with the file, the line (or task) and the reason,
and imports nothing from a file it rejects. Files are written by each test."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from reader.formats import format_module
from reader.formats.problems import ImportRejected
from test_formats_common import LABELS

TEXT = "🚀 وَقَّعَتْ روسيا مع NASA"
RUSSIA = TEXT.index("روسيا")
NASA = TEXT.index("NASA")

# (start, end, label, text) of a bad span, and the words the error must contain
BAD_SPANS = {
    "out of range": ((NASA, len(TEXT) + 3, "ORG", "NASA"), "out of range"),
    "end before start": ((NASA + 4, NASA, "ORG", "NASA"), "is not after start"),
    "text mismatch": ((RUSSIA, RUSSIA + 5, "GPE", "Russia"), "text mismatch"),
    "unknown label": ((NASA, NASA + 4, "SPACECRAFT", "NASA"), "unknown label 'SPACECRAFT'"),
}


def rejected(name: str, path: Path) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        format_module(name).load(path, LABELS)
    return caught.value


def jsonl_lines(bad) -> str:
    start, end, label, text = bad
    good = {"record": "document", "id": "good", "text": TEXT, "meta": {}, "spans": [
        {"id": "s-1", "start": RUSSIA, "end": RUSSIA + 5, "kind": "entity", "label": "GPE", "text": "روسيا"}]}
    worse = {"record": "document", "id": "bad", "text": TEXT, "meta": {}, "spans": [
        {"id": "s-2", "start": start, "end": end, "kind": "entity", "label": label, "text": text}]}
    return orjson.dumps(good).decode() + "\n" + orjson.dumps(worse).decode() + "\n"


@pytest.mark.parametrize("case", BAD_SPANS)
def test_jsonl_rejects_a_bad_span_naming_file_line_and_reason(tmp_path, case):
    bad, words = BAD_SPANS[case]
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl_lines(bad), encoding="utf-8")
    error = rejected("jsonl", path)
    assert len(error.problems) == 1
    assert f"{path}:2: document bad:" in str(error) and words in str(error)
    assert str(error).startswith(f"nothing imported from {path}")


def test_jsonl_rejects_bad_json_unknown_records_and_dangling_references(tmp_path):
    path = tmp_path / "in.jsonl"
    link = {"record": "link", "id": "l-1", "source": "s-1", "target": "s-404", "type": "same"}
    path.write_text("{not json\n" + orjson.dumps({"record": "comment"}).decode() + "\n" + orjson.dumps(link).decode() + "\n", encoding="utf-8")
    reasons = [(p.line, p.reason) for p in rejected("jsonl", path).problems]
    assert reasons[0][0] == 1 and "not valid JSON" in reasons[0][1]
    assert reasons[1][0] == 2 and "unknown record type 'comment'" in reasons[1][1]
    assert any(line == 3 and "source span 's-1' is not in the file" in reason for line, reason in reasons)


def test_jsonl_rejects_a_text_whose_hash_does_not_match(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(orjson.dumps({"record": "document", "id": "d", "text": TEXT, "meta": {"sha256": "0" * 64}, "spans": []}).decode() + "\n", encoding="utf-8")
    assert "meta.sha256 does not match" in str(rejected("jsonl", path))


@pytest.mark.parametrize("case", BAD_SPANS)
def test_prodigy_rejects_a_bad_span_naming_file_line_and_reason(tmp_path, case):
    (start, end, label, text), words = BAD_SPANS[case]
    path = tmp_path / "in.jsonl"
    good = {"text": TEXT, "meta": {"id": "good"}, "spans": [{"start": NASA, "end": NASA + 4, "label": "ORG"}], "answer": "accept"}
    bad = {"text": TEXT, "meta": {"id": "bad"}, "spans": [{"start": start, "end": end, "label": label, "text": text}], "answer": "accept"}
    path.write_text(orjson.dumps(good).decode() + "\n" + orjson.dumps(bad).decode() + "\n", encoding="utf-8")
    error = rejected("prodigy", path)
    assert len(error.problems) == 1 and f"{path}:2: document bad:" in str(error) and words in str(error)


def test_prodigy_rejects_token_indices_that_miss_the_span(tmp_path):
    path = tmp_path / "in.jsonl"
    tokens = [{"text": "NASA", "start": NASA, "end": NASA + 4, "id": 0, "ws": False}]
    task = {"text": TEXT, "tokens": tokens, "spans": [{"start": RUSSIA, "end": RUSSIA + 5, "label": "GPE", "token_start": 0, "token_end": 0}]}
    path.write_text(orjson.dumps(task).decode() + "\n", encoding="utf-8")
    assert "does not match tokens 0..0" in str(rejected("prodigy", path))


def test_prodigy_counts_rejected_tasks_in_a_warning(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(orjson.dumps({"text": TEXT, "answer": "reject"}).decode() + "\n", encoding="utf-8")
    warnings: list[str] = []
    result = format_module("prodigy").load(path, LABELS, warnings)
    assert result.documents == [] and "1 rejected or ignored task" in warnings[0]


def utf16(offset: int) -> int:
    return len(TEXT[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize("case", ["out of range", "end before start", "unknown label"])
def test_doccano_rejects_a_bad_label_naming_file_line_and_reason(tmp_path, case):
    (start, end, label, _), words = BAD_SPANS[case]
    path = tmp_path / "in.jsonl"
    good = {"doc_id": "good", "text": TEXT, "label": [[utf16(NASA), utf16(NASA + 4), "ORG"]]}
    bad = {"doc_id": "bad", "text": TEXT, "label": [[utf16(start), utf16(min(end, len(TEXT))) + max(0, end - len(TEXT)), label]]}
    path.write_text(orjson.dumps(good).decode() + "\n" + orjson.dumps(bad).decode() + "\n", encoding="utf-8")
    error = rejected("doccano", path)
    words = "out of range" if case == "out of range" else words
    assert len(error.problems) == 1 and f"{path}:2: document bad:" in str(error) and words in str(error)


def test_doccano_rejects_an_offset_inside_a_surrogate_pair(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(orjson.dumps({"doc_id": "d", "text": TEXT, "label": [[1, 4, "ORG"]]}).decode() + "\n", encoding="utf-8")
    assert "split a surrogate pair" in str(rejected("doccano", path))


def test_doccano_reads_code_unit_offsets_after_an_emoji(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(orjson.dumps({"text": TEXT, "label": [[utf16(NASA), utf16(NASA) + 4, "ORG"]]}).decode() + "\n", encoding="utf-8")
    result = format_module("doccano").load(path, LABELS)
    assert [(s.start, s.text) for s in result.spans] == [(NASA, "NASA")]
    assert result.documents[0].id == "in-1"


@pytest.mark.parametrize("case", BAD_SPANS)
def test_labelstudio_rejects_a_bad_region_naming_file_task_and_reason(tmp_path, case):
    (start, end, label, text), words = BAD_SPANS[case]
    path = tmp_path / "tasks.json"

    def task(doc_id, start, end, label, text):
        region = {"id": "r1", "type": "labels", "from_name": "label", "to_name": "text",
                  "value": {"start": start, "end": end, "text": text, "labels": [label]}}
        return {"data": {"text": TEXT, "doc_id": doc_id}, "annotations": [{"result": [region]}]}

    path.write_text(orjson.dumps([task("good", NASA, NASA + 4, "ORG", "NASA"), task("bad", start, end, label, text)]).decode(), encoding="utf-8")
    error = rejected("labelstudio", path)
    assert len(error.problems) == 1 and f"{path}: task 2 (bad): region 'r1':" in str(error) and words in str(error)


def test_labelstudio_rejects_a_file_that_is_not_a_task_list(tmp_path):
    path = tmp_path / "tasks.json"
    path.write_text('{"data": {}}', encoding="utf-8")
    assert "JSON list of tasks" in str(rejected("labelstudio", path))


@pytest.mark.parametrize("case", BAD_SPANS)
def test_brat_rejects_a_bad_annotation_naming_file_line_and_reason(tmp_path, case):
    (start, end, label, text), words = BAD_SPANS[case]
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "doc.ann"
    ann.write_text(f"T1\tORG {NASA} {NASA + 4}\tNASA\nT2\t{label} {start} {end}\t{text}\n", encoding="utf-8")
    error = rejected("brat", tmp_path)
    assert len(error.problems) == 1 and f"{ann}:2: " in str(error)
    assert (words if case != "end before start" else "is not after start") in str(error)


def test_brat_rejects_relations_to_missing_annotations_and_unknown_attributes(tmp_path):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    ann = tmp_path / "doc.ann"
    ann.write_text(f"T1\tORG {NASA} {NASA + 4}\tNASA\nR1\tsame Arg1:T1 Arg2:T9\nA1\tColour T1 red\n", encoding="utf-8")
    problems = rejected("brat", tmp_path).problems
    assert [(p.line, p.file) for p in problems] == [(2, str(ann)), (3, str(ann))]
    assert "does not exist" in problems[0].reason and "unknown attribute" in problems[1].reason


def test_brat_rejects_a_discontinuous_span_with_text_in_the_gap(tmp_path):
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "doc.ann").write_text(f"T1\tGPE {RUSSIA} {RUSSIA + 2};{RUSSIA + 3} {RUSSIA + 5}\tرو يا\n", encoding="utf-8")
    assert "text between fragments" in str(rejected("brat", tmp_path))


def test_conll_rejects_unknown_labels_bad_tags_and_tokens_not_in_the_text(tmp_path):
    path = tmp_path / "in.conll"
    path.write_text("# doc_id = a\n# start = 0\n# text = Russia and NASA\nRussia\tB-SPACECRAFT\nand\tO\nNASA\tX-ORG\n\n"
                    "# doc_id = b\n# start = 0\n# text = Russia\nChina\tB-GPE\n", encoding="utf-8")
    problems = rejected("conll", path).problems
    reasons = {p.line: p.reason for p in problems}
    assert "tag 'X-ORG'" in reasons[6]
    assert "token 'China' is not in the paragraph text" in reasons[11]
    path.write_text("# doc_id = a\n# start = 0\n# text = Russia and NASA\nRussia\tB-SPACECRAFT\nand\tO\nNASA\tB-ORG\n", encoding="utf-8")
    problems = rejected("conll", path).problems
    assert [(p.line, "unknown label 'SPACECRAFT'" in p.reason) for p in problems] == [(4, True)]


def test_every_importer_names_a_file_it_cannot_decode(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"text": "caf\u00e9"}\n'.encode("latin-1"))
    for name in ("jsonl", "prodigy", "doccano", "labelstudio", "conll"):
        assert "not UTF-8" in str(rejected(name, path))


def test_labelstudio_reads_every_annotator_of_a_task(tmp_path):
    path = tmp_path / "tasks.json"

    def annotation(who, start, end, label):
        region = {"id": "r1", "type": "labels", "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}}
        return {"completed_by": who, "result": [region]}

    task = {"data": {"text": TEXT}, "annotations": [annotation(1, NASA, NASA + 4, "ORG"), annotation(2, RUSSIA, RUSSIA + 5, "GPE"),
                                                    {"was_cancelled": True, "result": []}]}
    path.write_text(orjson.dumps([task]).decode(), encoding="utf-8")
    warnings: list[str] = []
    result = format_module("labelstudio").load(path, LABELS, warnings)
    assert sorted((s.annotator, s.text) for s in result.spans) == [("1", "NASA"), ("2", "روسيا")]
    assert "1 cancelled annotation" in warnings[0]
