"""Database files that parse but have the wrong shape are reported as `path[:line]: reason`
with the recovery route, in `reader info`, in the TUI and by `--recover` (which rebuilds
from what is valid and keeps the rest aside); never a traceback."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from reader.cli import main
from reader.core.document import Document
from reader.store.database import AnnotationStore
from reader.store.journal import CorruptDatabase, encode_line
from reader.store.model import Span

DOC = Document("d", "/d.txt", "Roscosmos and CNSA. " * 20)


def build(path, spans: int = 3, *, compact: bool = False) -> list[str]:
    ids = []
    with AnnotationStore.open(path) as store:
        store.ensure_document(DOC)
        for k in range(spans):
            ids.append(store.add_span(Span("d", k * 20, k * 20 + 9, "entity", "ORG", "Roscosmos")).id)
        if compact:
            store.compact()
    return ids


def _edit_snapshot(path, change) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def _journal_line(path, entry: dict) -> None:
    journal = path.with_name(path.name + ".journal")
    journal.write_bytes(journal.read_bytes() + encode_line(entry))


def _first_span(data) -> str:
    return next(iter(data["tables"]["spans"]))


# name -> (damage(path, ids), where the report points: "snapshot" or "journal:<line>")
DAMAGE = {
    "writes is a string": (lambda p: _journal_line(p, {"seq": 5, "kind": "change", "writes": "abc"}), "journal:5"),
    "a span write that is 5": (lambda p: _journal_line(p, {"seq": 5, "writes": [["spans", "s-x", None, 5]]}), "journal:5"),
    "seq is a string in the journal": (lambda p: _journal_line(p, {"seq": "x", "writes": []}), "journal:5"),
    "tables is a list": (lambda p: _edit_snapshot(p, lambda d: d.update(tables=[])), "snapshot"),
    "seq is a string": (lambda p: _edit_snapshot(p, lambda d: d.update(seq="x")), "snapshot"),
    "a span record that is 5": (lambda p: _edit_snapshot(p, lambda d: d["tables"]["spans"].update({_first_span(d): 5})), "snapshot"),
    "a span record missing fields": (
        lambda p: _edit_snapshot(p, lambda d: d["tables"]["spans"][_first_span(d)].pop("start")), "snapshot"),
    "history.undo is 5": (lambda p: _edit_snapshot(p, lambda d: d.update(history={"undo": 5})), "snapshot"),
}


@pytest.mark.parametrize("name", list(DAMAGE))
def test_a_wrongly_shaped_database_is_reported_and_recovered_without_a_traceback(tmp_path, capsys, name):
    damage, where = DAMAGE[name]
    path = tmp_path / "annotations.db"
    ids = build(path, compact=where == "snapshot")
    damage(path)
    expected = f"{path}:" if where == "snapshot" else f"{path}.journal:{where.split(':')[1]}:"
    with pytest.raises(CorruptDatabase) as caught:
        AnnotationStore.open(path)
    assert expected in str(caught.value) and "--recover" in str(caught.value)
    assert main(["info", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert expected in err and "--recover" in err
    assert main(["info", "--db", str(path), "--recover"]) == 0
    out = capsys.readouterr().out
    assert "rebuilt from" in out
    assert list(tmp_path.glob("annotations.db*.damaged-*"))  # the damaged files are kept aside
    with AnnotationStore.open(path) as store:
        kept = {s.id for s in store.spans()}
    # Every valid change is back; only a damaged record itself may be missing.
    lost = set(ids) - kept
    assert len(lost) <= (1 if "span record" in name else 0), lost


def test_a_version_1_file_beside_a_journal_is_reported(tmp_path, capsys):
    path = tmp_path / "annotations.db"
    build(path)
    path.write_bytes(orjson.dumps({"spans": {"1": {"id": "s-1", "doc_id": "d", "start": 0, "end": 9,
                                                   "kind": "entity", "label": "ORG", "text": "Roscosmos"}}}))
    with pytest.raises(CorruptDatabase, match="version-1 database"):
        AnnotationStore.open(path)
    assert main(["info", "--db", str(path)]) == 1
    assert f"{path}: a version-1 database" in capsys.readouterr().err
    assert main(["info", "--db", str(path), "--recover"]) == 0
    with AnnotationStore.open(path) as store:
        assert len(store.spans()) == 3  # the journal held the whole database


def test_the_tui_reports_a_wrongly_shaped_database_with_its_path(tmp_path):
    from tui_support import app_for, write_docs

    path = tmp_path / "annotations.db"
    build(path, compact=True)
    _edit_snapshot(path, lambda d: d.update(tables=[]))
    paths = write_docs(tmp_path, a="Roscosmos and CNSA.\n")

    async def scenario() -> list[str]:
        app = app_for(paths, [0], db_path=path, annotator="tester")
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(50):
                await pilot.pause(0.05)
                if any("tables" in str(n.message) for n in app._notifications):  # noqa: SLF001
                    break
            return [str(n.message) for n in app._notifications]  # noqa: SLF001 - what is shown

    messages = asyncio.run(scenario())
    assert any(str(path) in m and "tables is a JSON list" in m and "--recover" in m for m in messages), messages
