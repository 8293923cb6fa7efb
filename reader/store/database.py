"""The annotation store: documents, spans, entities and claim links in TinyDB, every change
durable before a call returns, undoable, and journaled with its annotator.

    store = AnnotationStore.open(path, annotator="rana")
    record, review = store.ensure_document(doc)
    span = store.add_span(Span(doc.id, 0, 9, "entity", "ORG", doc.text[0:9]))
    store.undo()

One process writes a database at a time; another one opening it gets a read-only store whose
`lock_message` says who holds it. See docs/storage.md for the design.
"""

from __future__ import annotations

import getpass
from collections import Counter, defaultdict
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from tinydb.table import Document as TinyDocument
from tinydb.table import Table

from reader.core.document import Document
from reader.errors import ReaderError
from reader.store.anchoring import reanchor
from reader.store.journal import DatabaseFiles
from reader.store.lock import WriterLock
from reader.store.model import (
    LINK_TYPES,
    AnnotationSet,
    ClaimLink,
    DocumentRecord,
    Entity,
    Span,
    now,
)
from reader.store.storage import AnnotationDB, JournalStorage, ReadOnlyDatabase
from reader.store.validation import attrs_problem, record_problem, span_problem

DOCUMENTS, SPANS, ENTITIES, LINKS = "documents", "spans", "entities", "links"
#: The user's verdicts on relations found by reader.align, keyed by `Relation.key`.
RELATIONS = "relations"
RELATION_KINDS = ("duplicate", "translation", "same-event")
RELATION_DECISIONS = ("confirmed", "rejected")
#: Curation's own records (reader.annotate.curation): candidates, decisions, entity map.
CURATION = "curation"
#: Suggestions the user rejected (reader.annotate.suggestions), keyed by
#: "<doc id>|<start>|<end>|<label>", so that they are not proposed again.
REJECTED_SUGGESTIONS = "rejected_suggestions"
#: Where the reader left each document: {"cursor": offset, "pane": position or None},
#: keyed by document id (not annotations: never undone, never exported).
VIEWS = "views"
_SPAN_FIELDS = set(Span.__dataclass_fields__) - {"id", "doc_id", "created"}
_ENTITY_FIELDS = {"type", "name", "aliases"}


def _default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class AnnotationStore:
    """The annotation database (see the module docstring). Every method that changes something
    returns once the change is on disk; `ReaderError` for invalid input or a read-only store."""

    def __init__(self, storage: JournalStorage, lock: WriterLock | None, annotator: str, lock_message: str | None):
        self._storage = storage
        self._lock = lock
        self._db = AnnotationDB(storage=lambda: storage)
        self.path: Path = storage.files.snapshot
        self.annotator = annotator
        self.lock_message = lock_message
        self._spans_by_doc: dict[str, set[str]] = defaultdict(set)
        self._links_by_span: dict[str, set[str]] = defaultdict(set)
        for key, record in storage.tables.get(SPANS, {}).items():
            self._index(SPANS, key, None, record)
        for key, record in storage.tables.get(LINKS, {}).items():
            self._index(LINKS, key, None, record)
        storage.listeners.append(self._on_write)

    # -- opening and closing ---------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, annotator: str = "", read_only: bool = False) -> "AnnotationStore":
        """Open (or create) the database at `path`. Takes the writer lock; if another process holds
        it, the store is read-only and `lock_message` says who has it. Raises ReaderError (with the
        path and a recovery route) if the files are damaged; they are never overwritten."""
        files = DatabaseFiles.at(path)
        annotator = annotator or _default_annotator()
        try:
            return cls._open(files, annotator, read_only)
        except OSError as error:
            raise ReaderError(f"{files.snapshot}: cannot open the database ({error.strerror or error})") from None

    @classmethod
    def _open(cls, files: DatabaseFiles, annotator: str, read_only: bool) -> "AnnotationStore":
        lock = None
        message = None
        if not read_only:
            lock = WriterLock(files)
            if not lock.acquire(annotator):
                message = (f"{files.snapshot} is in use by {lock.holder()}; "
                           "opened read-only, changes cannot be saved until it is closed")
                lock, read_only = None, True
        if read_only and not files.present():
            raise ReaderError(f"{files.snapshot}: no database there (and it cannot be created read-only)")
        try:
            storage = JournalStorage(files.snapshot, read_only=read_only, read_only_reason=message or "")
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(storage, lock, annotator, message)

    def close(self) -> None:
        """Compact if the journal is long, release the lock. Every change was already saved."""
        self._storage.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "AnnotationStore":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    @property
    def notices(self) -> list[str]:
        """What the user should be told about the files although the database opened (a
        change cut off by a crash or a full disk, left out): `path:line: what`."""
        return list(self._storage.notices)

    @property
    def read_only(self) -> bool:
        return self._storage.read_only

    @property
    def saved(self) -> bool:
        """True when every change is durable (always, between calls: a change is fsync'd before
        its method returns, or rolled back if it could not be)."""
        return self._storage._pending is None

    @property
    def schema_version(self) -> int:
        from reader.store.migrations import SCHEMA_VERSION

        return SCHEMA_VERSION

    @property
    def migrated_from(self) -> int | None:
        return self._storage.migrated_from

    def compact(self) -> None:
        """Write a new snapshot and start an empty journal (the previous pair stays as `.prev`)."""
        self._storage.compact()

    # -- indexes -----------------------------------------------------------------------------
    def _on_write(self, table: str, key: str, before: Any, after: Any) -> None:
        """Every record write (also undo, redo, rollback): indexes and TinyDB's query cache,
        which undo and rollback bypass."""
        self._db.table(table).clear_cache()
        self._index(table, key, before, after)

    def _index(self, table: str, key: str, before: Any, after: Any) -> None:
        """Keep the doc -> spans and span -> links indexes in step with a record write."""
        if table == SPANS:
            if before is not None:
                self._spans_by_doc[before["doc_id"]].discard(key)
            if after is not None:
                self._spans_by_doc[after["doc_id"]].add(key)
        elif table == LINKS:
            for record, add in ((before, False), (after, True)):
                if record is None:
                    continue
                for end in (record["source"], record["target"]):
                    (self._links_by_span[end].add if add else self._links_by_span[end].discard)(key)

    def _table(self, name: str) -> Table:
        return self._db.table(name)

    def _get(self, table: str, key: str) -> dict[str, Any] | None:
        record = self._storage.tables.get(table, {}).get(key)
        return None if record is None else dict(record)

    def _put(self, table: str, key: str, record: dict[str, Any]) -> None:
        # Our tables are keyed by the records' string ids (JournaledTable.document_id_class).
        self._table(table).upsert(TinyDocument(record, doc_id=key))  # type: ignore[arg-type]  # (see the line above)

    def _remove(self, table: str, key: str) -> None:
        self._table(table).remove(doc_ids=[key])  # type: ignore[list-item]  # string ids, as in _put

    def change(self, description: str, *, undoable: bool = True, barrier: bool = False) -> AbstractContextManager[None]:
        """A context manager grouping every write inside it into one change: one journal
        line, durable when the block ends, undone and redone as one. Each record may be
        written once per change (a second write of it could not be undone)."""
        if self.read_only:
            raise ReadOnlyDatabase(self.lock_message or f"{self.path} is open read-only")
        return self._storage.change(description, self.annotator, undoable=undoable, barrier=barrier)

    # -- documents ---------------------------------------------------------------------------
    def document(self, doc_id: str) -> DocumentRecord | None:
        record = self._get(DOCUMENTS, doc_id)
        return None if record is None else DocumentRecord.from_dict(record)

    def documents(self) -> list[DocumentRecord]:
        return [DocumentRecord.from_dict(r) for r in self._storage.tables.get(DOCUMENTS, {}).values()]

    def ensure_document(self, doc: Document) -> tuple[DocumentRecord, list[Span]]:
        """Register `doc` (a reader.core.document.Document) if new. If its text changed since it
        was annotated, re-anchor its spans (reader.store.anchoring) and store the new text.
        Returns the record and the document's spans that need review (flagged now or before).
        A read-only store returns what it has without registering."""
        record = self.document(doc.id)
        fresh = DocumentRecord(id=doc.id, sha256=doc.sha256, text=doc.text, path=str(doc.path),
                               lang=doc.lang, direction=str(doc.direction), title=doc.title,
                               done=record.done if record else False, meta=dict(doc.meta))
        if self.read_only:
            return record or fresh, [s for s in self.spans(doc.id) if s.status == "review"]
        if record is None:
            with self.change(f"register {doc.id}", undoable=False):
                self._put(DOCUMENTS, doc.id, fresh.to_dict())
            return fresh, []
        if record.sha256 != doc.sha256:
            spans = self.spans(doc.id)
            # Re-anchoring rewrites offsets that earlier undo entries would restore: a history barrier.
            with self.change(f"re-anchor {len(spans)} spans of {doc.id} after its source changed", barrier=True):
                for span in spans:
                    moved = reanchor(span, record.text, doc.text)
                    if moved is not span:
                        self._put(SPANS, span.id, moved.to_dict())
                self._put(DOCUMENTS, doc.id, fresh.to_dict())
            record = fresh
        elif record.path != fresh.path:
            with self.change(f"note new path of {doc.id}", undoable=False):
                record = replace(record, path=fresh.path)
                self._put(DOCUMENTS, doc.id, record.to_dict())
        return record, [s for s in self.spans(doc.id) if s.status == "review"]

    def set_done(self, doc_id: str, done: bool) -> None:
        record = self._require_document(doc_id)
        with self.change(f"mark {doc_id} {'done' if done else 'not done'}"):
            self._put(DOCUMENTS, doc_id, replace(record, done=bool(done)).to_dict())

    def _require_document(self, doc_id: str) -> DocumentRecord:
        record = self.document(doc_id)
        if record is None:
            raise ReaderError(f"document {doc_id!r} is not in the database {self.path} (open it first)")
        return record

    # -- spans -------------------------------------------------------------------------------
    def span(self, span_id: str) -> Span | None:
        record = self._get(SPANS, span_id)
        return None if record is None else Span.from_dict(_deep(record))

    def spans(self, doc_id: str | None = None, *, kind: str | None = None, label: str | None = None) -> list[Span]:
        """Spans (of one document, in text order, if `doc_id`), optionally of one kind/label."""
        table = self._storage.tables.get(SPANS, {})
        if doc_id is not None:
            records = [table[k] for k in self._spans_by_doc.get(doc_id, ())]
        else:
            records = list(table.values())
        found = [Span.from_dict(_deep(r)) for r in records
                 if (kind is None or r["kind"] == kind) and (label is None or r["label"] == label)]
        found.sort(key=lambda s: (s.doc_id, s.start, -s.end, s.id))
        return found

    def _validate_span(self, span: Span, text: str | None = None) -> None:
        """Raise ReaderError unless `span` fits its document and references what exists."""
        if text is None:
            text = self._require_document(span.doc_id).text
        where = f"span {span.id} in {span.doc_id}"
        problem = span_problem(text, span.start, span.end, span.label, span.kind, span.text, None) \
            or attrs_problem(span.attrs)
        if problem:
            raise ReaderError(f"{where}: {problem}")
        if span.entity_id is not None and self._get(ENTITIES, span.entity_id) is None:
            raise ReaderError(f"{where}: entity {span.entity_id} does not exist")
        claim = span.claim
        if claim.speaker is not None:
            speaker = self._get(SPANS, claim.speaker)
            if speaker is None or speaker["doc_id"] != span.doc_id or speaker["kind"] != "entity":
                raise ReaderError(f"{where}: speaker {claim.speaker} is not an entity span of {span.doc_id}")

    def add_span(self, span: Span) -> Span:
        """Store a new span (its annotator defaults to the store's). Returns the stored span."""
        if self._get(SPANS, span.id) is not None:
            raise ReaderError(f"span {span.id} already exists")
        span = replace(span, annotator=span.annotator or self.annotator)
        self._validate_span(span)
        with self.change(f"add {span.label} “{_short(span.text)}” in {span.doc_id}"):
            self._put(SPANS, span.id, span.to_dict())
        return span

    def update_span(self, span_id: str, **changes: Any) -> Span:
        """Change fields of a span. New offsets take their text from the document and clear a
        review flag (unless `status` is given). Returns the updated span."""
        span = self._require_span(span_id)
        unknown = set(changes) - _SPAN_FIELDS
        if unknown:
            raise ReaderError(f"span fields {', '.join(sorted(unknown))} cannot be changed")
        if "start" in changes or "end" in changes:
            text = self._require_document(span.doc_id).text
            start, end = changes.get("start", span.start), changes.get("end", span.end)
            changes.setdefault("text", text[start:end] if 0 <= start < end <= len(text) else span.text)
            changes.setdefault("status", "ok")
        if changes.get("status") == "ok":
            changes.setdefault("review_reason", "")
        updated = replace(span, **changes, updated=now())
        self._validate_span(updated)
        with self.change(f"edit {span.label} “{_short(span.text)}” ({', '.join(sorted(changes))})"):
            self._put(SPANS, span_id, updated.to_dict())
        return updated

    def delete_span(self, span_id: str) -> None:
        """Remove a span, the claim links touching it, and its use as a claim's speaker."""
        span = self._require_span(span_id)
        with self.change(f"delete {span.label} “{_short(span.text)}” in {span.doc_id}"):
            for link_id in list(self._links_by_span.get(span_id, ())):
                self._remove(LINKS, link_id)
            if span.kind == "entity":
                for other in self.spans(span.doc_id, kind="claim"):
                    if other.attrs.get("speaker") == span_id:
                        self._put(SPANS, other.id, {**other.to_dict(), "attrs": {**other.attrs, "speaker": None}})
            self._remove(SPANS, span_id)

    def _require_span(self, span_id: str) -> Span:
        span = self.span(span_id)
        if span is None:
            raise ReaderError(f"span {span_id} does not exist")
        return span

    # -- entities ----------------------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity | None:
        record = self._get(ENTITIES, entity_id)
        return None if record is None else Entity.from_dict(_deep(record))

    def entities(self) -> list[Entity]:
        return sorted((Entity.from_dict(_deep(r)) for r in self._storage.tables.get(ENTITIES, {}).values()),
                      key=lambda e: (e.type, e.name.casefold()))

    def add_entity(self, entity: Entity) -> Entity:
        if not entity.type or not entity.name:
            raise ReaderError("an entity needs a type and a name")
        if self._get(ENTITIES, entity.id) is not None:
            raise ReaderError(f"entity {entity.id} already exists")
        with self.change(f"add entity {entity.name} ({entity.type})"):
            self._put(ENTITIES, entity.id, entity.to_dict())
        return entity

    def update_entity(self, entity_id: str, **changes: Any) -> Entity:
        entity = self.entity(entity_id)
        if entity is None:
            raise ReaderError(f"entity {entity_id} does not exist")
        unknown = set(changes) - _ENTITY_FIELDS
        if unknown:
            raise ReaderError(f"entity fields {', '.join(sorted(unknown))} cannot be changed")
        updated = replace(entity, **changes)
        with self.change(f"edit entity {entity.name} ({', '.join(sorted(changes))})"):
            self._put(ENTITIES, entity_id, updated.to_dict())
        return updated

    def link_mention(self, span_id: str, entity_id: str, *, add_alias: bool = True) -> Span:
        """Make span `span_id` a mention of entity `entity_id`; unless `add_alias` is
        false, its text joins the aliases (Roscosmos, روسكوزموس and Roskosmos become names
        of one entity). Returns the span."""
        span = self._require_span(span_id)
        entity = self.entity(entity_id)
        if entity is None:
            raise ReaderError(f"entity {entity_id} does not exist")
        if span.kind != "entity":
            raise ReaderError(f"span {span_id} is a {span.kind}, only entity spans mention entities")
        linked = replace(span, entity_id=entity_id, updated=now())
        with self.change(f"link “{_short(span.text)}” to {entity.name}"):
            self._put(SPANS, span_id, linked.to_dict())
            if add_alias and span.text != entity.name and span.text not in entity.aliases:
                self._put(ENTITIES, entity_id, replace(entity, aliases=[*entity.aliases, span.text]).to_dict())
        return linked

    # -- claim links -------------------------------------------------------------------------
    def add_link(self, link: ClaimLink) -> ClaimLink:
        self._validate_link(link)
        link = replace(link, annotator=link.annotator or self.annotator)
        with self.change(f"link claims ({link.type})"):
            self._put(LINKS, link.id, link.to_dict())
        return link

    def _validate_link(self, link: ClaimLink, spans: dict[str, Any] | None = None) -> None:
        if link.type not in LINK_TYPES:
            raise ReaderError(f"link {link.id}: type {link.type!r} is not one of {', '.join(LINK_TYPES)}")
        if link.source == link.target:
            raise ReaderError(f"link {link.id}: a claim cannot be linked to itself")
        for end in (link.source, link.target):
            record = (spans or {}).get(end) or self._get(SPANS, end)
            if record is None or record["kind"] != "claim":
                raise ReaderError(f"link {link.id}: {end} is not a claim span")

    def links(self) -> list[ClaimLink]:
        return [ClaimLink.from_dict(_deep(r)) for r in self._storage.tables.get(LINKS, {}).values()]

    # -- relation decisions ------------------------------------------------------------------
    def set_relation_decision(self, key: str, a: str, b: str, kind: str, decision: str) -> None:
        """Record that the user `decision`s ("confirmed" or "rejected") the relation `key`
        (`reader.align.Relation.key`: "<smaller id>|<larger id>|<kind>") between documents
        `a` and `b`. One undoable change; the same decision again changes nothing."""
        if kind not in RELATION_KINDS:
            raise ReaderError(f"relation {key}: kind {kind!r} is not one of {', '.join(RELATION_KINDS)}")
        if decision not in RELATION_DECISIONS:
            raise ReaderError(f"relation {key}: decision {decision!r} is not one of {', '.join(RELATION_DECISIONS)}")
        first, second = sorted((a, b))
        if not a or not b or a == b or key != f"{first}|{second}|{kind}":
            raise ReaderError(f"relation key {key!r} does not name documents {a!r} and {b!r} as {kind!r} "
                              f"(expected {first}|{second}|{kind})")
        existing = self._get(RELATIONS, key)
        if existing is not None and existing.get("decision") == decision:
            return
        record = {"id": key, "a": first, "b": second, "kind": kind, "decision": decision,
                  "annotator": self.annotator, "updated": now()}
        verb = "confirm" if decision == "confirmed" else "reject"
        with self.change(f"{verb} {kind} {first} ⇄ {second}"):
            self._put(RELATIONS, key, record)

    def clear_relation_decision(self, key: str) -> None:
        """Forget the decision on relation `key` (undoable); nothing if there is none."""
        if self._get(RELATIONS, key) is None:
            return
        with self.change(f"forget the decision on {key}"):
            self._remove(RELATIONS, key)

    def relation_decisions(self) -> dict[str, str]:
        """Every decided relation: `Relation.key` -> "confirmed" or "rejected"."""
        return {key: record["decision"] for key, record in self._storage.tables.get(RELATIONS, {}).items()}

    # -- curation records ---------------------------------------------------------------------
    def curation_records(self, prefix: str = "") -> dict[str, dict[str, Any]]:
        """The records of the curation table whose key starts with `prefix`, by key (copies:
        change them freely). What they hold is reader.annotate.curation's business; exports
        never include them."""
        import orjson

        table = self._storage.tables.get(CURATION, {})
        return {key: orjson.loads(orjson.dumps(record)) for key, record in table.items() if key.startswith(prefix)}

    def curation_record(self, key: str) -> dict[str, Any] | None:
        """Curation record `key` (a copy), or None."""
        import orjson

        record = self._get(CURATION, key)
        return None if record is None else orjson.loads(orjson.dumps(record))

    def put_curation_record(self, key: str, record: dict[str, Any]) -> None:
        """Add or replace curation record `key` (undoable; joins an open `change()`)."""
        with self.change(f"curation {key}"):
            self._put(CURATION, key, {**record, "id": key})

    def remove_curation_record(self, key: str) -> None:
        if self._get(CURATION, key) is None:
            return
        with self.change(f"curation {key}"):
            self._remove(CURATION, key)
    # -- rejected suggestions ----------------------------------------------------------------
    def reject_suggestion(self, doc_id: str, start: int, end: int, label: str, text: str, source: str) -> None:
        """Remember that the user rejected the suggestion of `label` over `[start, end)` of
        document `doc_id` (made by `source`): it is not proposed again. One undoable change;
        rejecting it again changes nothing."""
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise ReaderError(f"suggestion in {doc_id}: [{start}, {end}) is not a range of the text")
        key = f"{doc_id}|{start}|{end}|{label}"
        if self._get(REJECTED_SUGGESTIONS, key) is not None:
            return
        record = {"id": key, "doc_id": doc_id, "start": start, "end": end, "label": label, "text": text,
                  "source": source, "annotator": self.annotator, "updated": now()}
        with self.change(f"reject the {label} suggestion {text!r}"):
            self._put(REJECTED_SUGGESTIONS, key, record)

    def rejected_suggestions(self, doc_id: str | None = None) -> set[tuple[str, int, int, str]]:
        """The rejected suggestions (of one document, or all) as `(doc id, start, end, label)`."""
        records = self._storage.tables.get(REJECTED_SUGGESTIONS, {}).values()
        return {(r["doc_id"], r["start"], r["end"], r["label"]) for r in records
                if doc_id is None or r["doc_id"] == doc_id}
    # -- where the reader left off ------------------------------------------------------------
    def reading_state(self) -> tuple[list[str], dict[str, int]]:
        """(the documents that were open in panes, left to right; each document's cursor
        offset) as the reader left them. A malformed record (the file is untrusted) is
        left out: a cursor or a pane that is not a non-negative integer."""
        def natural(value: Any) -> bool:
            return isinstance(value, int) and not isinstance(value, bool) and value >= 0

        placed: list[tuple[int, str]] = []
        cursors: dict[str, int] = {}
        for doc_id, record in self._storage.tables.get(VIEWS, {}).items():
            if not isinstance(record, dict):
                continue
            if natural(record.get("cursor")):
                cursors[str(doc_id)] = record["cursor"]
            if natural(record.get("pane")):
                placed.append((record["pane"], str(doc_id)))
        return [doc_id for _pane, doc_id in sorted(placed)], cursors

    def save_reading_state(self, panes: list[str], cursors: dict[str, int]) -> None:
        """Note the documents open in panes (in order) and cursor offsets (documents not
        named keep their cursor and are noted closed): one change, durable, not on the
        undo stack. Nothing is written if nothing changed or the store is read-only."""
        if self.read_only:
            return
        table = self._storage.tables.get(VIEWS, {})
        writes: dict[str, dict[str, Any]] = {}
        for doc_id in {*table, *panes, *cursors}:
            old = dict(table.get(doc_id) or {})
            cursor = cursors.get(doc_id, old.get("cursor", 0))
            record = {"cursor": cursor, "pane": panes.index(doc_id) if doc_id in panes else None}
            if old != record:
                writes[doc_id] = record
        if writes:
            with self.change("note where the reader is", undoable=False):
                for doc_id, record in writes.items():
                    self._put(VIEWS, doc_id, record)

    # -- everything at once ------------------------------------------------------------------
    def snapshot(self) -> AnnotationSet:
        """Everything in the database, for exports."""
        return AnnotationSet(self.documents(), self.spans(), self.entities(), self.links())

    def apply(self, data: AnnotationSet) -> None:
        """Import `data` (add or replace records by id): all of it, as one undoable change, or
        nothing (ReaderError naming the first problem)."""
        # Every record as the store would check it when reading it back: nothing imported
        # can make the database unreadable (shallow dicts: no deep copy of hostile nesting).
        for table, records in ((DOCUMENTS, data.documents), (ENTITIES, data.entities), (SPANS, data.spans),
                               (LINKS, data.links)):
            for record in records:
                problem = record_problem(table, record.id, dict(vars(record)))
                if problem:
                    raise ReaderError(f"{table[:-1]} {record.id}: {problem}")
        texts = {d.id: d.text for d in data.documents}
        for document in data.documents:
            existing = self.document(document.id)
            if existing is not None and existing.sha256 != document.sha256:
                raise ReaderError(f"document {document.id}: the imported text differs from the one in {self.path}")
        incoming_entities = {e.id for e in data.entities}
        incoming_spans = {s.id: s.to_dict() for s in data.spans}
        for span in data.spans:
            text = texts.get(span.doc_id)
            if text is None:
                text = self._require_document(span.doc_id).text
            # Check references against the database plus what is being imported.
            if span.entity_id is not None and span.entity_id not in incoming_entities and self._get(ENTITIES, span.entity_id) is None:
                raise ReaderError(f"span {span.id}: entity {span.entity_id} does not exist")
            self._validate_span(replace(span, entity_id=None, attrs={**span.attrs, "speaker": None}), text)
            speaker = span.claim.speaker
            if speaker is not None:
                named = incoming_spans.get(speaker) or self._get(SPANS, speaker)
                if named is None or named["doc_id"] != span.doc_id or named["kind"] != "entity":
                    raise ReaderError(f"span {span.id}: speaker {speaker} is not an entity span of {span.doc_id}")
        for link in data.links:
            self._validate_link(link, incoming_spans)
        with self.change(f"import {len(data.spans)} spans, {len(data.entities)} entities, "
                          f"{len(data.links)} links, {len(data.documents)} documents"):
            for document in data.documents:
                self._put(DOCUMENTS, document.id, document.to_dict())
            for entity in data.entities:
                self._put(ENTITIES, entity.id, entity.to_dict())
            for span in data.spans:
                self._put(SPANS, span.id, span.to_dict())
            for link in data.links:
                self._put(LINKS, link.id, link.to_dict())

    # -- history -----------------------------------------------------------------------------
    def undo(self) -> str | None:
        """Undo the latest change (in any document, also from before a restart); returns its
        description, or None if there is nothing to undo."""
        change = self._storage.undo(self.annotator)
        return None if change is None else change["description"]

    def redo(self) -> str | None:
        """Redo the latest undone change; returns its description, or None."""
        change = self._storage.redo(self.annotator)
        return None if change is None else change["description"]

    def history(self) -> list[dict[str, Any]]:
        """The undo stack, oldest first: seq, time, annotator, description of each change."""
        return [{k: c.get(k) for k in ("seq", "time", "annotator", "description")} for c in self._storage.undo_stack]

    # -- counts ------------------------------------------------------------------------------
    def counts(self) -> dict[str, Any]:
        """Documents (and how many done), spans by kind, label and status, entities, links by type."""
        tables = self._storage.tables
        spans = tables.get(SPANS, {}).values()
        documents = tables.get(DOCUMENTS, {}).values()
        links = tables.get(LINKS, {}).values()
        return {
            "documents": len(documents),
            "documents_done": sum(1 for d in documents if d.get("done")),
            "spans": len(spans),
            "spans_by_kind": dict(Counter(s["kind"] for s in spans)),
            "spans_by_label": dict(sorted(Counter(s["label"] for s in spans).items())),
            "spans_to_review": sum(1 for s in spans if s.get("status") == "review"),
            "entities": len(tables.get(ENTITIES, {})),
            "links": len(links),
            "links_by_type": dict(Counter(link["type"] for link in links)),
            "undo": len(self._storage.undo_stack),
            "redo": len(self._storage.redo_stack),
            "journal_lines": self._storage.journal_lines,
        }


def _deep(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of a stored record whose nested values the caller may change freely."""
    return {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v) for k, v in record.items()}


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

