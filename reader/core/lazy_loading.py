"""Documents listed now, read when first needed: for opening large corpora at once.

`LazyCorpus(paths)` lists the files under `paths` (the same files, order and ids as
`reader.core.loading.load_documents`) without reading them; `corpus[i]` reads and
decodes file i on first access. JSONL files and feeds hold many documents each, so they
are read when the corpus is built; a web archive's HTML records are listed then (their
offsets) and each is read and extracted on first access. A file that cannot be read becomes a `Problem` in
`problems` and an empty document whose title says why (so its row stays visible).

A LazyCorpus is a `reader.core.corpus.Corpus` (`ids`, `path_of(id)`, `load(id)`: what
code that does not draw a list should use) and, for the library list, a sequence of
documents by position.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Iterable, overload

from reader.core.bundled import seeds_dir
from reader.core.corpus import Corpus, as_corpus
from reader.core.document import Document
from reader.core.loading import LoadNote, Source, UniqueIds, list_sources, read_source
from reader.core.problems import Problem


class LazyCorpus(Sequence[Document], Corpus):
    """A read-on-demand sequence of the documents under `paths` (seeds when empty)."""

    def __init__(self, paths: Iterable[str | Path] | None = None) -> None:
        paths = list(paths or []) or [seeds_dir()]
        # Per entry: a Source not read yet, or the Document made from it.
        self._entries: list[Source | Document] = []
        self.problems: list[Problem] = []
        #: What the user should know about files that loaded (reader.core.loading.LoadNote).
        self.notes: list[LoadNote] = []
        self._index: dict[str, int] | None = None
        self._lock = threading.Lock()
        self._ids: tuple[str, ...] | None = None
        sources = list(list_sources(paths, self.problems))
        if not any(source.holds_many for source in sources) and len({source.id for source in sources}) == len(sources):
            # The usual corpus, text files with distinct ids: the sources are the
            # entries as they are (no per-file work on top of the listing).
            self._entries = list(sources)
            return
        ids = UniqueIds()
        for source in sources:
            if not source.holds_many:
                doc_id = ids.claim(source.id)
                self._entries.append(source if doc_id == source.id else Source(source.path, doc_id))
                continue
            for item in _listed(source):
                if isinstance(item, Source):  # an archive's record, read when needed
                    self._entries.append(item._replace(id=ids.claim(item.id)))
                elif isinstance(item, LoadNote):
                    self.notes.append(item)
                elif isinstance(item, Problem):
                    self.problems.append(item)
                else:
                    item.id = ids.claim(item.id)
                    self._entries.append(item)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> list[Document]: ...

    def __getitem__(self, index: int | slice) -> Document | list[Document]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        entry = self._entries[index]
        if isinstance(entry, Document):
            return entry
        document = self._read(entry)
        # A reading-ahead thread (the library's) may have read it meanwhile: one
        # Document per entry, whoever finished first.
        with self._lock:
            entry = self._entries[index]
            if isinstance(entry, Document):
                return entry
            self._entries[index] = document
        return document

    def is_read(self, index: int) -> bool:
        return isinstance(self._entries[index], Document)

    def id_of(self, index: int) -> str:
        """The id of document `index`, without reading it."""
        return self._entries[index].id

    def index_of(self, doc_id: str) -> int | None:
        """The index of the document with id `doc_id`, without reading any file."""
        if self._index is None:
            self._index = {entry.id: i for i, entry in enumerate(self._entries)}
        return self._index.get(doc_id)

    # -- the Corpus protocol ----------------------------------------------------------------
    @property
    def ids(self) -> tuple[str, ...]:
        """Every document's id in corpus order, without reading any file."""
        if self._ids is None:
            self._ids = tuple(entry.id for entry in self._entries)
        return self._ids

    def path_of(self, doc_id: str) -> str:
        """The file document `doc_id` comes from, without reading it (KeyError if unknown)."""
        return self._entries[self._known(doc_id)].path

    def load(self, doc_id: str) -> Document:
        """Document `doc_id`, read now if it was not yet (KeyError if unknown)."""
        return self[self._known(doc_id)]

    def _known(self, doc_id: str) -> int:
        index = self.index_of(doc_id)
        if index is None:
            raise KeyError(doc_id)
        return index

    def _read(self, source: Source) -> Document:
        document, reason = None, "cannot be read"
        for item in read_source(source):
            if isinstance(item, Document):
                document = document or item
            elif isinstance(item, LoadNote):
                self.notes.append(item)
            else:
                self.problems.append(item)
                reason = item.reason
        if document is not None:
            return document
        return Document(source.id, source.path, "", {"title": f"(unreadable: {reason})", "source": source.path})


def _listed(source: Source) -> Iterator[Document | Source | Problem]:
    """A file of many documents: a web archive's records listed (each read alone when
    needed: an archive can hold thousands of pages), JSONL and feeds read now."""
    from reader.core.sources import WARC_SUFFIXES, news_suffix

    if news_suffix(source.path) in WARC_SUFFIXES:
        from reader.core.sources.warc import list_warc

        return list_warc(source.path, source.id)
    return read_source(source)


def unread(documents: Sequence[Document], indices: Iterable[int]) -> list[int]:
    """Those of `indices` whose document is not read yet (none for a list of documents):
    what a screen may read ahead, off its UI thread, before they are shown."""
    if not isinstance(documents, LazyCorpus):
        return []
    return [i for i in indices if 0 <= i < len(documents) and not documents.is_read(i)]


def document_ids(documents: Sequence[Document]) -> list[str]:
    """The ids of `documents` (a list or a LazyCorpus) without reading any file."""
    return list(as_corpus(documents).ids)


def find_document(documents: Sequence[Document], doc_id: str) -> Document | None:
    """The document with id `doc_id` in `documents` (a list or a LazyCorpus); a
    LazyCorpus reads only that one file."""
    if isinstance(documents, Corpus):
        try:
            return documents.load(doc_id)
        except KeyError:
            return None
    return next((document for document in documents if document.id == doc_id), None)


class DocumentsById(Mapping[str, Document]):
    """`documents` (a list or a LazyCorpus) by id; a LazyCorpus document is read only
    when it is asked for, so dialogs and jumps never read a whole corpus."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._documents = documents

    def __getitem__(self, doc_id: str) -> Document:
        document = find_document(self._documents, doc_id)
        if document is None:
            raise KeyError(doc_id)
        return document

    def __iter__(self) -> Iterator[str]:
        return iter(document_ids(self._documents))

    def __len__(self) -> int:
        return len(self._documents)
