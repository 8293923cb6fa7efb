"""The Corpus protocol (reader.core.corpus): a LazyCorpus and a list of loaded documents
answer `ids`, `path_of(id)` and `load(id)` alike, and the lazy one reads only what is loaded."""

from __future__ import annotations

import pytest

from reader.commands.open import first_panes
from reader.core.corpus import Corpus, DocumentList, as_corpus
from reader.core.lazy_loading import LazyCorpus
from reader.core.loading import load_documents


def _tree(tmp_path):
    for name in ("one/a.txt", "one/b.txt", "two/c.txt", "two/d.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Text of {name}.\n", encoding="utf-8")
    (tmp_path / "two" / "e.jsonl").write_text('{"text": "Line one", "id": "j1"}\n', encoding="utf-8")


def test_lazy_and_loaded_documents_are_the_same_corpus(tmp_path):
    _tree(tmp_path)
    lazy = LazyCorpus([tmp_path])
    loaded = as_corpus(load_documents([tmp_path]).documents)
    assert isinstance(lazy, Corpus) and isinstance(loaded, DocumentList) and isinstance(loaded, Corpus)
    assert list(lazy.ids) == list(loaded.ids) == ["one/a", "one/b", "two/c", "two/d", "j1"]
    for doc_id in lazy.ids:
        assert lazy.path_of(doc_id) == loaded.path_of(doc_id)
        assert lazy.load(doc_id).text == loaded.load(doc_id).text
    assert as_corpus(lazy) is lazy
    for corpus in (lazy, loaded):
        with pytest.raises(KeyError):
            corpus.load("nowhere")
        with pytest.raises(KeyError):
            corpus.path_of("nowhere")


def test_ids_and_paths_read_no_file_and_load_reads_one(tmp_path):
    _tree(tmp_path)
    lazy = LazyCorpus([tmp_path])
    read = lambda: [i for i in range(len(lazy)) if lazy.is_read(i)]  # noqa: E731
    before = read()  # the JSONL document is read when the corpus is listed
    assert [lazy.path_of(doc_id)[len(str(tmp_path)):] for doc_id in lazy.ids] == [
        "/one/a.txt", "/one/b.txt", "/two/c.txt", "/two/d.md", "/two/e.jsonl",
    ]
    assert read() == before
    assert lazy.load("two/c").text == "Text of two/c.txt.\n"
    assert read() == sorted([*before, lazy.ids.index("two/c")])


def test_first_panes_is_the_same_for_a_lazy_corpus_and_a_list(tmp_path):
    _tree(tmp_path)
    paths = [str(tmp_path / "two"), str(tmp_path / "one")]
    lazy = LazyCorpus([tmp_path])
    assert first_panes(lazy, paths) == first_panes(load_documents([tmp_path]).documents, paths) == [2, 0]
    assert not lazy.is_read(2)  # two/c's pane is found by its path, not by reading it
