"""kill -9 at random moments never loses an acknowledged span nor leaves a database that fails
to open; two processes never corrupt a database."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from reader.core.document import Document
from reader.errors import ReaderError
from reader.store.database import AnnotationStore
from reader.store.model import Span

TEXT = "Roscosmos " * 400

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reader.core.document import Document
    from reader.store.database import AnnotationStore
    from reader.store import storage
    from reader.store.model import Span
    storage.COMPACT_AFTER_LINES = int(sys.argv[2])  # compact often, so kills also land there
    store = AnnotationStore.open(Path(sys.argv[1]), annotator="child")
    store.ensure_document(Document("d", "/d.txt", "Roscosmos " * 400))
    print("ready", flush=True)
    k = 0
    while True:
        at = (k % 400) * 10
        span = store.add_span(Span("d", at, at + 9, "entity", "ORG", "Roscosmos"))
        print(span.id, flush=True)  # acknowledged: add_span returned
        k += 1
        if k % 25 == 0:
            store.compact()
""")


def test_kill_9_loses_no_acknowledged_span(tmp_path):
    path = tmp_path / "annotations.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    acknowledged: set[str] = set()
    rng = random.Random(4)
    for round_ in range(6):
        child = subprocess.Popen([sys.executable, str(script), str(path), "40"],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        acknowledged.update(line for line in out.split() if line.startswith("s-"))
        with AnnotationStore.open(path) as store:  # opens, and holds every acknowledged span
            stored = {s.id for s in store.spans("d")}
            assert acknowledged <= stored, f"round {round_}: lost {len(acknowledged - stored)} spans"
    assert len(acknowledged) > 50


def test_second_process_gets_read_only_access_and_a_message(tmp_path):
    path = tmp_path / "annotations.db"
    doc = Document("d", "/d.txt", TEXT)
    with AnnotationStore.open(path, annotator="rana") as first:
        first.ensure_document(doc)
        first.add_span(Span("d", 0, 9, "entity", "ORG", "Roscosmos"))
        probe = textwrap.dedent(f"""
            from pathlib import Path
            from reader.errors import ReaderError
            from reader.store.database import AnnotationStore
            from reader.store.model import Span
            store = AnnotationStore.open(Path({str(path)!r}), annotator="yosef")
            print(store.read_only)
            print(store.lock_message)
            print(len(store.spans("d")))
            try:
                store.add_span(Span("d", 10, 19, "entity", "ORG", "Roscosmos"))
                print("written")
            except ReaderError as error:
                print("refused:", error)
        """)
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
        read_only, message, count, attempt = out.splitlines()
        assert read_only == "True"
        assert str(path) in message and "pid " in message and "rana" in message
        assert count == "1"
        assert attempt.startswith("refused:") and "in use by pid" in attempt
        second = first.add_span(Span("d", 20, 29, "entity", "ORG", "Roscosmos"))  # the first keeps working
    with AnnotationStore.open(path) as store:
        assert not store.read_only
        assert len(store.spans("d")) == 2 and store.span(second.id) is not None


def test_read_only_store_refuses_every_write(tmp_path):
    path = tmp_path / "annotations.db"
    with AnnotationStore.open(path) as first:
        first.ensure_document(Document("d", "/d.txt", TEXT))
        with AnnotationStore.open(path, read_only=True) as viewer:
            assert viewer.read_only and len(viewer.documents()) == 1
            with pytest.raises(ReaderError, match="read-only"):
                viewer.set_done("d", True)
