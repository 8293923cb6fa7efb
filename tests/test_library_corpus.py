"""LazyCorpus lists what load_documents loads, reads files only when asked; the
library bench still runs (at a tiny size)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reader.core.lazy_loading import LazyCorpus
from reader.core.loading import load_documents

REPO = Path(__file__).resolve().parent.parent


def test_lazy_corpus_has_the_same_documents_in_the_same_order_as_load_documents(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.txt").write_text("One.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Alpha markdown.\n", encoding="utf-8")  # same id: a~2
    (tmp_path / "c.jsonl").write_text('{"text": "Jay one"}\n{"text": "Jay two", "id": "j2"}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")
    eager = load_documents([tmp_path]).documents
    lazy = LazyCorpus([tmp_path])
    assert [d.id for d in eager] == [lazy.id_of(i) for i in range(len(lazy))]
    assert [(d.id, d.path, d.text) for d in eager] == [(d.id, d.path, d.text) for d in lazy]


def test_a_corpus_of_text_files_with_distinct_ids_lists_the_same_as_load_documents(tmp_path):
    # The common case takes a shortcut (no jsonl, no repeated id): same result.
    for name in ("z.txt", "b/y.md", "b/c/x.TXT", "a.txt", "b/a.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name}.\n", encoding="utf-8")
    eager = load_documents([tmp_path]).documents
    lazy = LazyCorpus([tmp_path])
    assert [lazy.id_of(i) for i in range(len(lazy))] == [d.id for d in eager] == ["a", "b/a", "b/c/x", "b/y", "z"]
    assert [(d.id, d.path, d.text) for d in eager] == [(d.id, d.path, d.text) for d in lazy]


def test_lazy_corpus_reads_a_file_only_when_it_is_accessed(tmp_path):
    for n in range(5):
        (tmp_path / f"d{n}.txt").write_text(f"Document {n}.\n", encoding="utf-8")
    corpus = LazyCorpus([tmp_path])
    (tmp_path / "d3.txt").write_text("Changed before reading.\n", encoding="utf-8")
    assert not corpus.is_read(3)
    assert corpus[3].text == "Changed before reading.\n"
    assert corpus.is_read(3) and not corpus.is_read(4)


def test_an_unreadable_file_becomes_a_problem_and_a_visible_row(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    corpus = LazyCorpus([tmp_path])
    document = corpus[0]
    assert document.text == "" and "unreadable" in document.title
    assert corpus.problems and "bad.txt" in str(corpus.problems[0])


def test_library_bench_runs_quick():
    result = subprocess.run([sys.executable, str(REPO / "bench" / "bench_library.py"), "--quick"],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["documents"] == 300 and figures["ratio"] > 0
