"""`reader suggest` on the seeds and a real database: known entities, what is skipped,
--apply as one undoable change, and the user's own spaCy pipeline loaded from disk."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import SEEDS
from reader.annotate.suggestions import recognizers, suggest_document
from reader.core.document import Document
from reader.core.loading import load_documents
from reader.store.database import AnnotationStore
from reader.store.labels import SchemaError, load_schema
from reader.store.model import Entity, Span

SEED_000 = next(SEEDS.glob("000_*.txt"))


def run(reader_cmd, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*reader_cmd, "suggest", *args], capture_output=True, text=True, timeout=120)


def suggestions(completed: subprocess.CompletedProcess[str]) -> list[dict]:
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)["suggestions"]


def test_known_entities_are_found_in_every_script_behind_clitics_and_linked():
    text = "وقعت روسيا والصين اتفاقية. China agreed; الصين وافقت."
    document = Document("d", "/d.txt", text, meta={"lang": "ar"})
    china = Entity("GPE", "China", aliases=["الصين"])
    found = [s for s in suggest_document(document, recognizers(entities=[china])) if s.source == "entity"]
    assert [(s.text, s.label, s.entity_id) for s in found] == [
        ("الصين", "GPE", china.id), ("China", "GPE", china.id), ("الصين", "GPE", china.id),
    ]
    assert text[found[0].start - 1] == "و"   # the clitic stays out of the span


def test_spans_the_user_made_and_rejected_suggestions_are_not_proposed():
    text = "في عام 2011 وفي عام 2012 وفي عام 2013"
    document = Document("d", "/d.txt", text, meta={"lang": "ar"})
    made = Span("d", text.index("2011"), text.index("2011") + 4, "entity", "DATE", "2011")
    at = text.index("2013")
    found = suggest_document(document, recognizers(), existing=[made], rejected={("d", at, at + 4, "DATE")})
    assert [s.text for s in found] == ["2012"]


def test_json_lists_the_seed_suggestions_with_offsets_into_the_text(reader_cmd, tmp_path):
    found = suggestions(run(reader_cmd, str(SEED_000), "--db", str(tmp_path / "a.db"), "--json"))
    text = load_documents([SEED_000]).documents[0].text
    assert {"2011", "العام الماضي", "ديسمبر"} <= {s["text"] for s in found}
    for s in found:
        assert text[s["start"]:s["end"]] == s["text"]
        assert s["source"] == "date" and s["label"] == "DATE" and 0 < s["score"] <= 1
    assert not (tmp_path / "a.db").exists()   # without --apply nothing is written


def test_label_filter_and_unknown_label(reader_cmd, tmp_path):
    assert suggestions(run(reader_cmd, str(SEED_000), "--db", str(tmp_path / "a.db"), "--json", "--label", "QUANTITY")) == []
    bad = run(reader_cmd, str(SEED_000), "--db", str(tmp_path / "a.db"), "--label", "NOPE")
    assert bad.returncode != 0 and "NOPE" in bad.stderr and "Traceback" not in bad.stderr


def test_apply_adds_spans_as_one_undoable_change_and_skips_the_users_spans(reader_cmd, tmp_path):
    db = tmp_path / "a.db"
    document = load_documents([SEED_000]).documents[0]
    store = AnnotationStore.open(db, annotator="rana")
    store.ensure_document(document)
    at = document.text.index("2011")
    mine = store.add_span(Span(document.id, at, at + 4, "entity", "QUANTITY", "2011"))
    store.close()

    applied = suggestions(run(reader_cmd, str(SEED_000), "--db", str(db), "--apply", "--json"))
    assert applied and all(s["text"] != "2011" for s in applied)

    store = AnnotationStore.open(db)
    spans = store.spans(document.id)
    added = [s for s in spans if s.id != mine.id]
    assert sorted((s.start, s.end, s.label) for s in added) == sorted((s["start"], s["end"], s["label"]) for s in applied)
    assert all(s.attrs["suggested_by"] == "date" for s in added)
    assert store.undo() and [s.id for s in store.spans(document.id)] == [mine.id]
    store.close()


def test_rejected_suggestions_stay_rejected_after_reopening(reader_cmd, tmp_path):
    db = tmp_path / "a.db"
    first = suggestions(run(reader_cmd, str(SEED_000), "--db", str(db), "--json"))
    store = AnnotationStore.open(db, annotator="rana")
    store.ensure_document(load_documents([SEED_000]).documents[0])
    s = first[0]
    store.reject_suggestion(s["doc"], s["start"], s["end"], s["label"], s["text"], s["source"])
    store.close()
    again = suggestions(run(reader_cmd, str(SEED_000), "--db", str(db), "--json"))
    assert again == first[1:]


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory) -> Path:
    """A real spaCy pipeline saved to disk: an entity ruler on a blank Arabic pipeline."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "ORG", "pattern": "روسكوزموس"},
        {"label": "LOC", "pattern": "موسكو"},
        {"label": "FAC", "pattern": "القمر"},
    ])
    path = tmp_path_factory.mktemp("model") / "ar_ruler"
    nlp.to_disk(path)
    return path


def test_a_saved_spacy_pipeline_is_loaded_with_the_schemas_label_mapping(reader_cmd, tmp_path, saved_pipeline):
    schema = tmp_path / "labels.toml"
    default = Path(load_schema().source).read_text(encoding="utf-8")
    schema.write_text(default + '\n[model_labels]\nGPE = ["GPE", "LOC"]\n', encoding="utf-8")
    found = suggestions(run(reader_cmd, str(SEED_000), "--db", str(tmp_path / "a.db"), "--json",
                            "--model", str(saved_pipeline), "--schema", str(schema)))
    text = load_documents([SEED_000]).documents[0].text
    by_model = [s for s in found if s["source"].startswith("model:")]
    assert {(s["text"], s["label"]) for s in by_model} == {("روسكوزموس", "ORG"), ("موسكو", "GPE")}
    assert sum(1 for s in by_model if s["text"] == "روسكوزموس") == text.count("روسكوزموس")
    assert all(text[s["start"]:s["end"]] == s["text"] for s in by_model)   # FAC is in no mapping


def test_a_model_that_cannot_be_loaded_is_an_error_naming_it(reader_cmd, tmp_path):
    missing = tmp_path / "no_model"
    completed = run(reader_cmd, str(SEED_000), "--db", str(tmp_path / "a.db"), "--model", str(missing))
    assert completed.returncode != 0
    assert str(missing) in completed.stderr and "Traceback" not in completed.stderr


@pytest.mark.parametrize("table,problem", [
    ('NOPE = ["X"]', "not an entity type"),
    ('GPE = "LOC"', "non-empty list"),
    ('GPE = ["LOC"]\nORG = ["LOC"]', "already mapped"),
])
def test_bad_model_label_tables_are_reported(tmp_path, table, problem):
    schema = tmp_path / "labels.toml"
    schema.write_text(Path(load_schema().source).read_text(encoding="utf-8") + f"\n[model_labels]\n{table}\n",
                      encoding="utf-8")
    with pytest.raises(SchemaError, match=problem):
        load_schema(schema)


def test_a_wrongly_shaped_rejection_in_the_database_is_reported_not_a_traceback(reader_cmd, tmp_path):
    import orjson

    db = tmp_path / "a.db"
    store = AnnotationStore.open(db, annotator="rana")
    store.ensure_document(load_documents([SEED_000]).documents[0])
    store.reject_suggestion(load_documents([SEED_000]).documents[0].id, 0, 4, "DATE", "وقعت", "date")
    store.compact()
    store.close()
    snapshot = orjson.loads(db.read_bytes())
    (record,) = snapshot["tables"]["rejected_suggestions"].values()
    record["start"] = "zero"
    db.write_bytes(orjson.dumps(snapshot))
    completed = run(reader_cmd, str(SEED_000), "--db", str(db), "--json")
    assert completed.returncode != 0
    assert str(db) in completed.stderr and "start" in completed.stderr and "Traceback" not in completed.stderr
