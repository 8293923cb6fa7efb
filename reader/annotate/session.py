"""AnnotationSession: what the panes annotate through (no Textual here).

It holds the open `AnnotationStore` (None until the app has opened it, or when there is
no database), the label schema, the claim waiting for a link target, and a revision
counter that every change (also undo and redo) bumps: views key their strip caches by it.
Errors from the store (read-only database, invalid span) come out as ReaderError.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, replace
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Iterable

from reader.errors import ReaderError
from reader.annotate.selection import SelectionMode

if TYPE_CHECKING:
    from reader.annotate.suggestions import Suggestion
    from reader.core.document import Document
    from reader.store.database import AnnotationStore
    from reader.store.labels import LabelSchema
    from reader.store.model import ClaimAttributes, ClaimLink, Entity, LinkType, Span, SpanKind

# reader.store.model is imported where spans, entities and links are made: only with a
# store open, which imports it anyway (not before the first paint).


@dataclass(frozen=True)
class Change:
    """What undo or redo did: the store's description and the span it touched (if any)."""

    description: str
    span: Span | None


class _DocumentSpans:
    """One document's spans in text order, bisectable by start."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self.starts = [s.start for s in spans]
        self.longest = max((s.end - s.start for s in spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """The spans overlapping ``[start, end)`` (a span starts at most ``longest``
        before ``start`` if it reaches into the range)."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [s for s in self.spans[lo:hi] if s.end > start]

    def with_span(self, span: Span) -> _DocumentSpans:
        """These spans plus ``span``, in the store's order."""
        spans = list(self.spans)
        insort(spans, span, key=lambda s: (s.doc_id, s.start, -s.end, s.id))
        return _DocumentSpans(spans)


class AnnotationSession:
    """Spans, entities and links of the open documents, through one AnnotationStore."""

    def __init__(self, schema: LabelSchema | None = None, annotator: str = "") -> None:
        self._schema = schema
        self.annotator = annotator
        self.store: AnnotationStore | None = None
        #: Opens (creates) the store on the first change when it was not there at start;
        #: it attaches the store it opens.
        self.opener: Callable[[], object] | None = None
        self.revision = 0
        self.pending_link: Span | None = None
        self.mode = SelectionMode()
        #: Spans linked to the one under the focused cursor (emphasised in every pane),
        #: and a counter that changes with them (part of the views' cache keys).
        self.linked: frozenset[str] = frozenset()
        self.emphasis = 0
        # Each document's spans in text order, with their starts and the longest span
        # (for bisecting what overlaps a paragraph). Dropped on every change, except
        # a tag, which is inserted in place: re-reading a big document per tag is slow.
        self._spans: dict[str, _DocumentSpans] = {}
        self._spans_revision = -1
        #: The machine's suggestions shown over each document (reader.annotate.suggestions),
        #: until accepted, rejected or hidden.
        self._suggestions: dict[str, list[Suggestion]] = {}

    @property
    def schema(self) -> LabelSchema:
        """The label schema; without one given, the bundled one, read on first use (spans
        are drawn and tagged only after the first paint: reading it is not on the way)."""
        if self._schema is None:
            from reader.store.labels import load_schema

            self._schema = load_schema()
        return self._schema

    # -- the store ---------------------------------------------------------------------------
    def attach(self, store: AnnotationStore) -> None:
        """Use ``store`` from now on (the app opens it after the first paint)."""
        self.store = store
        self.annotator = getattr(store, "annotator", "") or self.annotator
        self._changed()

    def require_store(self) -> AnnotationStore:
        """The store (opened now by ``opener`` if needed), or ReaderError saying why there is none."""
        if self.store is None and self.opener is not None:
            opener, self.opener = self.opener, None
            try:
                opener()  # the app attaches the store it opens
            except OSError as error:
                self.opener = opener
                raise ReaderError(f"the annotation database cannot be created: {error}") from None
            except BaseException:
                self.opener = opener
                raise
        if self.store is None:
            raise ReaderError("no annotation database is open (start reader with --db PATH)")
        return self.store

    def _changed(self) -> None:
        self.revision += 1

    def set_linked(self, linked: frozenset[str]) -> None:
        """Emphasise the spans ``linked`` (to the span under the focused cursor)."""
        self.linked = linked
        self.emphasis += 1

    # -- reading -----------------------------------------------------------------------------
    def _document_spans(self, doc_id: str) -> _DocumentSpans:
        if self._spans_revision != self.revision:
            self._spans.clear()
            self._spans_revision = self.revision
        found = self._spans.get(doc_id)
        if found is None:
            found = self._spans[doc_id] = _DocumentSpans(self.store.spans(doc_id) if self.store else [])
        return found

    def spans(self, doc_id: str) -> list[Span]:
        """The spans of ``doc_id`` in text order (cached until the next change)."""
        if self.store is None:
            return []
        return self._document_spans(doc_id).spans

    def spans_between(self, doc_id: str, start: int, end: int) -> list[Span]:
        """The spans of ``doc_id`` overlapping ``[start, end)``, in text order."""
        if self.store is None:
            return []
        return self._document_spans(doc_id).overlapping(start, end)

    def span_at(self, doc_id: str, offset: int) -> Span | None:
        """The innermost span covering ``offset`` (an entity inside a claim wins)."""
        covering = self.spans_between(doc_id, offset, offset + 1)
        return min(covering, key=lambda s: (s.end - s.start, s.kind != "entity"), default=None)

    def linked_ids(self, span: Span | None) -> set[str]:
        """Ids of the spans linked to ``span``: other mentions of its entity, the claims
        it is linked with. Empty for None or an unlinked span."""
        if span is None or self.store is None:
            return set()
        linked: set[str] = set()
        if span.entity_id:
            linked |= {s.id for s in self.store.spans() if s.entity_id == span.entity_id}
        for link in self.store.links():
            if span.id in (link.source, link.target):
                linked |= {link.source, link.target}
        linked.discard(span.id)
        return linked

    # -- changing ----------------------------------------------------------------------------
    def ensure_document(self, document: Document) -> list[Span]:
        """Register ``document`` in the store; returns its spans flagged for review."""
        store = self.require_store()
        _record, review = store.ensure_document(document)
        self._changed()
        return review

    def tag(self, document: Document, start: int, end: int, label: str) -> Span:
        """A new span over ``[start, end)``: a claim when ``label`` is CLAIM, else an entity."""
        from reader.store.model import CLAIM_LABEL, Span

        store = self.require_store()
        if start >= end:
            raise ReaderError("nothing to tag here: put the cursor on a word or select text")
        if store.document(document.id) is None:
            store.ensure_document(document)
        kind: SpanKind = "claim" if label == CLAIM_LABEL else "entity"
        for other in self.spans(document.id):
            if (other.start, other.end, other.label) == (start, end, label):
                raise ReaderError(f"“{other.text}” is already tagged {label}")
        known = self._document_spans(document.id)
        span = store.add_span(Span(document.id, start, end, kind, label, document.text[start:end],
                                   annotator=self.annotator))
        self._changed()
        # The cache stays valid with the new span inserted (see __init__).
        self._spans[document.id] = known.with_span(span)
        self._spans_revision = self.revision
        return span

    def relabel(self, span: Span, label: str) -> Span:
        """``span`` with the entity type ``label`` (claims keep their label)."""
        if span.kind != "entity":
            raise ReaderError("only entity spans have a type to change")
        updated = self.require_store().update_span(span.id, label=label)
        self._changed()
        return updated

    def delete(self, span: Span) -> None:
        """Remove ``span`` (and the claim links touching it)."""
        self.require_store().delete_span(span.id)
        if self.pending_link is not None and self.pending_link.id == span.id:
            self.pending_link = None
        self._changed()

    def set_claim(self, span: Span, attributes: ClaimAttributes) -> Span:
        """Store a claim's attributes."""
        updated = self.require_store().update_span(span.id, attrs=attributes.to_dict())
        self._changed()
        return updated

    def link_to_entity(self, span: Span, choice: Any, alias: str = "keep") -> Entity:
        """Link ``span`` to the entity an EntityFinder chose: an existing one
        (``choice.entity_id``) or a new one (``choice.type``, ``choice.name``), in one
        undoable change. ``alias`` says what becomes of the mention's text when it is not
        a name of the entity yet (see `AliasQuestion`): "keep" (it joins the aliases),
        "drop" (the span is linked, the aliases stay as they were) or "split" (each part
        in one script becomes its own alias; a new entity's name is split the same way).
        Returns the entity."""
        from reader.annotate.entity_finder import fold_name, script_parts
        from reader.store.model import Entity

        if alias not in ("keep", "drop", "split"):
            raise ValueError(f"alias must be keep, drop or split, not {alias!r}")
        store = self.require_store()
        entity_id = getattr(choice, "entity_id", None)
        mention = " ".join(span.text.split())
        if entity_id:
            entity = store.entity(entity_id)
            if entity is None:
                raise ReaderError(f"entity {entity_id} does not exist")
            with store.change(f"link “{mention[:30]}” to {entity.name}"):
                store.link_mention(span.id, entity.id, add_alias=alias == "keep")
                if alias == "split":
                    known = {fold_name(n) for n in (entity.name, *entity.aliases)}
                    parts = [p for p in script_parts(mention) if fold_name(p) not in known]
                    if parts:
                        store.update_entity(entity.id, aliases=[*entity.aliases, *parts])
        else:
            entity_type = getattr(choice, "type", None) or getattr(choice, "entity_type", None) or span.label
            name = " ".join((getattr(choice, "name", None) or span.text).split())
            names = script_parts(name) if alias == "split" else [name]
            if alias == "split":
                names += script_parts(mention)
            elif alias == "keep":
                names.append(mention)
            unique: dict[str, str] = {}
            for each in names:
                unique.setdefault(fold_name(each), each)
            first, *aliases = unique.values()
            with store.change(f"link “{mention[:30]}” to new entity {first}"):
                entity = store.add_entity(Entity(type=entity_type, name=first, aliases=aliases))
                store.link_mention(span.id, entity.id, add_alias=False)
        self._changed()
        return store.entity(entity.id) or entity

    def link_claims(self, source: Span, target: Span, link_type: LinkType) -> ClaimLink:
        """A claim link of ``link_type`` from ``source`` to ``target``."""
        from reader.store.model import ClaimLink

        link = self.require_store().add_link(ClaimLink(source.id, target.id, link_type, annotator=self.annotator))
        self.pending_link = None
        self._changed()
        return link

    def set_done(self, document: Document, done: bool) -> None:
        store = self.require_store()
        if store.document(document.id) is None:
            store.ensure_document(document)
        store.set_done(document.id, done)
        self._changed()

    def is_done(self, doc_id: str) -> bool:
        record = self.store.document(doc_id) if self.store is not None else None
        return bool(record is not None and record.done)

    def add_suggested(self, spans: Iterable[Span], entity_id: str | None) -> list[Span]:
        """Store the accepted suggestions as mentions of ``entity_id`` (if given; their
        texts join its aliases): in one undoable change where the store can group
        writes, else one by one. Returns the stored spans."""
        store = self.require_store()
        spans = [replace(span, entity_id=entity_id) for span in spans]
        # The store folds writes made inside its change block into one change (one
        # journal line, one undo). Each record is written once: the store cannot undo a
        # change that wrote the same record twice.
        with store.change(f"tag {len(spans)} like this"):
            added = self._add_mentions(store, spans, entity_id)
        self._changed()
        return added

    @staticmethod
    def _add_mentions(store: AnnotationStore, spans: list[Span], entity_id: str | None) -> list[Span]:
        added = [store.add_span(span) for span in spans]
        entity = store.entity(entity_id) if entity_id else None
        if entity is not None:
            known = {entity.name, *entity.aliases}
            new = [t for t in dict.fromkeys(s.text for s in added) if t not in known]
            if new:
                store.update_entity(entity.id, aliases=[*entity.aliases, *new])
        return added

    # -- suggestions -------------------------------------------------------------------------
    def suggest(self, document: Document, recognizers: Any = None) -> list[Suggestion]:
        """Show the suggestions for ``document``: the rules' and the known entities' (or
        ``recognizers``'), leaving out its spans and the suggestions rejected before."""
        from reader.annotate.suggestions import recognizers as default_recognizers
        from reader.annotate.suggestions import suggest_document

        store = self.store
        if recognizers is None:
            recognizers = default_recognizers(entities=store.entities() if store else [])
        rejected = store.rejected_suggestions(document.id) if store else ()
        found = suggest_document(document, recognizers, existing=self.spans(document.id), rejected=rejected)
        self._suggestions[document.id] = found
        self._changed()
        return found

    def suggestions(self, doc_id: str) -> list[Suggestion]:
        """The suggestions shown over ``doc_id`` (none until ``suggest``)."""
        return list(self._suggestions.get(doc_id, ()))

    def hide_suggestions(self, doc_id: str) -> None:
        if self._suggestions.pop(doc_id, None) is not None:
            self._changed()

    def accept_suggestions(self, document: Document, suggestions: Iterable[Suggestion],
                           label: str | None = None) -> list[Span]:
        """Make ``suggestions`` spans (with ``label`` if the user changed it): one undoable
        change. They are no longer shown as suggestions."""
        suggestions = list(suggestions)
        if not suggestions:
            return []
        store = self.require_store()
        if store.document(document.id) is None:
            store.ensure_document(document)
        what = suggestions[0].text if len(suggestions) == 1 else f"{len(suggestions)} suggestions"
        with store.change(f"accept {what}"):
            added = [store.add_span(s.to_span(label=label, annotator=self.annotator)) for s in suggestions]
        self._drop_suggestions(document.id, suggestions)
        return added

    def reject_suggestion(self, document: Document, suggestion: Suggestion) -> None:
        """Remember the rejection in the store (not suggested again, after a restart too)."""
        store = self.require_store()
        if store.document(document.id) is None:
            store.ensure_document(document)
        store.reject_suggestion(suggestion.doc_id, suggestion.start, suggestion.end, suggestion.label,
                                suggestion.text, suggestion.source)
        self._drop_suggestions(document.id, [suggestion])

    def _drop_suggestions(self, doc_id: str, gone: list[Suggestion]) -> None:
        keys = {s.key for s in gone}
        self._suggestions[doc_id] = [s for s in self._suggestions.get(doc_id, ()) if s.key not in keys]
        self._changed()

    # -- history -----------------------------------------------------------------------------
    def undo(self) -> Change | None:
        """Undo the latest change; None if there is nothing to undo."""
        if self.store is None and self.opener is not None:
            return None  # a database not created yet has no history
        return self._step(self.require_store().undo)

    def redo(self) -> Change | None:
        """Redo the latest undone change; None if there is nothing to redo."""
        if self.store is None and self.opener is not None:
            return None
        return self._step(self.require_store().redo)

    def _step(self, step: Callable[[], str | None]) -> Change | None:
        store = self.require_store()
        before = {s.id: s for s in store.spans()}
        description = step()
        if description is None:
            return None
        after = {s.id: s for s in store.spans()}
        self.pending_link = None
        self._changed()
        # The span to show: one that came back or changed, else one that went away.
        touched = [s for i, s in after.items() if before.get(i) != s]
        if not touched:
            touched = [s for i, s in before.items() if i not in after]
        return Change(description, touched[0] if touched else None)
