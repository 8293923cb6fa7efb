"""A corpus: documents known by id (in order) before any of them is read.

`Corpus` is what the commands and the TUI need of a set of documents: the ids, where
each comes from, and the document itself when it is wanted. `LazyCorpus`
(reader.core.lazy_loading) reads a file only in `load`; `DocumentList` is the same
protocol over documents already in memory (what `load_documents` returns), so code
written against `Corpus` takes either.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from reader.core.document import Document


@runtime_checkable
class Corpus(Protocol):
    """Documents by id; `ids` and `path_of` never read a document."""

    @property
    def ids(self) -> Sequence[str]:
        """Every document's id, in corpus order (unique)."""
        ...

    def path_of(self, doc_id: str) -> str:
        """The file document `doc_id` comes from (KeyError if there is no such document)."""
        ...

    def load(self, doc_id: str) -> Document:
        """Document `doc_id`, read if it was not yet (KeyError if there is no such document)."""
        ...


class DocumentList:
    """The `Corpus` of documents already in memory (a list, in its order)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._documents = documents
        self._by_id: dict[str, Document] | None = None

    @property
    def ids(self) -> list[str]:
        return [document.id for document in self._documents]

    def path_of(self, doc_id: str) -> str:
        return self.load(doc_id).path

    def load(self, doc_id: str) -> Document:
        if self._by_id is None:
            self._by_id = {}
            for document in self._documents:
                self._by_id.setdefault(document.id, document)  # the first of a repeated id
        return self._by_id[doc_id]


def as_corpus(documents: Sequence[Document] | Corpus) -> Corpus:
    """`documents` as a Corpus: itself if it is one (a LazyCorpus), else a DocumentList."""
    if isinstance(documents, Corpus):
        return documents
    return DocumentList(documents)
