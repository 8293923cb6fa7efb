"""Claims as fact-check records: the new claim fields in the store, ClaimReview JSON-LD
(validated against docs/claimreview.schema.json) and FEVER JSONL (read back)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import jsonschema
import orjson
import pytest

from reader.commands.align import resolve
from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.labels import load_schema
from reader.store.model import VERDICTS, ClaimAttributes, ClaimLink, Entity, Span

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "claimreview.schema.json").read_text(encoding="utf-8"))
RANK_AR = "وتحتل ميزانية الفضاء الروسية المرتبة الثالثة عالميًا بعد الولايات المتحدة والصين."
RANK_EN = "Russia's space budget is ranked second in the world after the United States and China."


def span_of(doc, text: str, **fields) -> Span:
    at = doc.text.index(text)
    return Span(doc_id=doc.id, start=at, end=at + len(text), text=text, **fields)


@pytest.fixture
def claims_db(tmp_path):
    a, b = resolve("000"), resolve("004")
    path = tmp_path / "annotations.db"
    store = AnnotationStore.open(path, annotator="checker")
    for doc in (a, b):
        store.ensure_document(doc)
    roscosmos = store.add_entity(Entity(type="ORG", name="Roscosmos"))
    speaker = store.add_span(span_of(a, "روسكوزموس", kind="entity", label="ORG", entity_id=roscosmos.id))
    attrs = ClaimAttributes(speaker=speaker.id, restatement="Russia's space budget ranks third in the world.",
                            verdict="mostly true", claim_date="2021-03-09", appearance_doc=a.id,
                            appearance_offset=a.text.index(RANK_AR))
    third = store.add_span(span_of(a, RANK_AR, kind="claim", label="CLAIM", attrs=attrs.to_dict()))
    second = store.add_span(span_of(b, RANK_EN, kind="claim", label="CLAIM", attrs={"verdict": "unverifiable"}))
    store.add_link(ClaimLink(source=third.id, target=second.id, type="contradicts"))
    alone = store.add_span(span_of(b, "Russia quickly turned its attention to China's lunar ambitions.", kind="claim", label="CLAIM"))
    store.close()
    return path, a, b, third, second, alone


def export(reader_cmd, path, fmt) -> str:
    result = subprocess.run([*reader_cmd, "export", "--db", str(path), "-f", fmt], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_claimreview_json_ld_is_valid_and_carries_the_fields(reader_cmd, claims_db):
    path, a, b, third, second, alone = claims_db
    document = orjson.loads(export(reader_cmd, path, "claimreview"))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    reviews = {r["identifier"]: r for r in document["@graph"]}
    assert set(reviews) == {third.id, second.id, alone.id}
    review = reviews[third.id]
    assert review["claimReviewed"] == "Russia's space budget ranks third in the world."
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "Roscosmos"}
    assert item["datePublished"] == "2021-03-09"
    assert item["appearance"][0]["identifier"] == a.id and item["appearance"][0]["text"] == RANK_AR
    assert item["firstAppearance"] == {"@type": "CreativeWork", "identifier": a.id, "position": a.text.index(RANK_AR)}
    # "mostly true" on the default scale: 4 of 5 graded verdicts; "unverifiable" has no value.
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "mostly true", "ratingValue": 4,
                                      "bestRating": 5, "worstRating": 1}
    assert reviews[second.id]["reviewRating"] == {"@type": "Rating", "alternateName": "unverifiable"}
    assert reviews[second.id]["claimReviewed"] == RANK_EN
    assert "reviewRating" not in reviews[alone.id]
    assert review["author"] == {"@type": "Person", "name": "checker"}


def test_the_schema_rejects_what_the_export_must_not_write():
    bad = {"@context": "https://schema.org", "@graph": [{"@type": "ClaimReview", "identifier": "s-1",
           "claimReviewed": "x", "datePublished": "2021-03-09",
           "itemReviewed": {"@type": "Claim", "appearance": []}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_fever_jsonl_reads_back_with_labels_from_the_links(reader_cmd, claims_db):
    path, a, b, third, second, alone = claims_db
    lines = [orjson.loads(line) for line in export(reader_cmd, path, "fever").splitlines()]
    records = {r["id"]: r for r in lines}
    assert set(records) == {third.id, second.id, alone.id}
    assert records[third.id]["claim"] == "Russia's space budget ranks third in the world."
    assert records[third.id]["label"] == records[second.id]["label"] == "REFUTES"
    assert records[alone.id]["label"] == "NOT ENOUGH INFO" and records[alone.id]["evidence"] == []
    [[evidence]] = records[third.id]["evidence"]
    doc_id, start, end, text = evidence
    assert doc_id == b.id and b.text[start:end] == text == RANK_EN
    [[evidence]] = records[second.id]["evidence"]
    assert evidence[0] == a.id and a.text[evidence[1]:evidence[2]] == RANK_AR
    assert records[third.id]["verdict"] == "mostly true"


def test_new_claim_fields_are_checked_by_the_store(tmp_path):
    a = resolve("000")
    store = AnnotationStore.open(tmp_path / "db")
    try:
        store.ensure_document(a)
        for attrs, problem in [({"claim_date": "09/03/2021"}, "claim_date must be a date"),
                               ({"appearance_offset": -1}, "appearance_offset must be an offset"),
                               ({"verdict": ""}, "verdict must be a non-empty string")]:
            with pytest.raises(ReaderError, match=problem):
                store.add_span(span_of(a, RANK_AR, kind="claim", label="CLAIM", attrs=attrs))
        # Records written before the fields existed read with empty values.
        old = ClaimAttributes.from_dict({"stance": "asserted", "note": "n"})
        assert old.restatement == "" and old.verdict is None and old.appearance_offset is None
    finally:
        store.close()


def test_the_rating_scale_is_configurable(tmp_path):
    assert load_schema().verdicts == VERDICTS
    text = (ROOT / "reader" / "store" / "labels.toml").read_text(encoding="utf-8")
    text += '\n[[claim.attribute]]\nname = "verdict"\ntype = "choice"\nchoices = ["correct", "misleading", "wrong"]\n'
    custom = tmp_path / "labels.toml"
    custom.write_text(text, encoding="utf-8")
    assert load_schema(custom).verdicts == ("correct", "misleading", "wrong")
    from reader.formats import claimreview
    from reader.store.model import AnnotationSet, DocumentRecord

    doc = DocumentRecord(id="d", sha256="", text="It is so.")
    span = Span(doc_id="d", start=0, end=9, kind="claim", label="CLAIM", text="It is so.", attrs={"verdict": "misleading"})
    out = orjson.loads(claimreview.dump(AnnotationSet([doc], [span]), verdicts=("correct", "misleading", "wrong")).single)
    assert out["@graph"][0]["reviewRating"]["ratingValue"] == 2


def test_import_does_not_offer_the_export_only_formats(reader_cmd, tmp_path):
    result = subprocess.run([*reader_cmd, "import", "-f", "fever", str(tmp_path / "x.jsonl")], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2 and "invalid choice: 'fever'" in result.stderr
