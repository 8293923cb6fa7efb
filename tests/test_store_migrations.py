"""Schema versions: a v1 file (plain TinyDB JSON) is migrated on open, its original kept."""

from __future__ import annotations

import orjson
import pytest

from reader.errors import ReaderError
from reader.store import migrations
from reader.store.database import AnnotationStore

TEXT = "Roscosmos e CNSA firmano."


def write_v1(path):
    """What TinyDB's default JSONStorage wrote: tables keyed by integer ids, no status."""
    data = {
        "documents": {"1": {"id": "it-1", "sha256": "x", "text": TEXT}},
        "spans": {
            "1": {"id": "s-old1", "doc_id": "it-1", "start": 0, "end": 9, "kind": "entity",
                  "label": "ORG", "text": "Roscosmos"},
            "2": {"doc_id": "it-1", "start": 12, "end": 16, "kind": "entity", "label": "ORG", "text": "CNSA"},
        },
        "entities": {"1": {"id": "e-1", "type": "ORG", "name": "Roscosmos"}},
    }
    path.write_bytes(orjson.dumps(data))
    return path.read_bytes()


def test_v1_file_is_migrated_and_the_original_kept(tmp_path):
    path = tmp_path / "annotations.db"
    original = write_v1(path)
    with AnnotationStore.open(path) as store:
        assert store.migrated_from == 1
        spans = store.spans("it-1")
        assert [s.text for s in spans] == ["Roscosmos", "CNSA"]
        assert store.span("s-old1").status == "ok"
        assert spans[1].id.startswith("s-") and store.span(spans[1].id) is not None
        assert store.entity("e-1").name == "Roscosmos"
    assert (tmp_path / "annotations.db.v1.bak").read_bytes() == original
    snapshot = orjson.loads(path.read_bytes())
    assert snapshot["schema_version"] == migrations.SCHEMA_VERSION
    with AnnotationStore.open(path) as store:
        assert store.migrated_from is None and len(store.spans()) == 2


def test_migrations_chain_from_every_version():
    assert len(migrations.MIGRATIONS) == migrations.SCHEMA_VERSION - 1
    tables = migrations.migrate({"spans": {"7": {"id": "s-a", "doc_id": "d"}}}, 1)
    assert tables == {"spans": {"s-a": {"id": "s-a", "doc_id": "d", "status": "ok"}}}


def test_a_database_from_a_newer_reader_is_refused(tmp_path):
    path = tmp_path / "annotations.db"
    path.write_bytes(orjson.dumps({"format": "reader-annotations", "schema_version": 99, "seq": 0, "tables": {}}))
    with pytest.raises(ReaderError, match="newer reader"):
        AnnotationStore.open(path)
