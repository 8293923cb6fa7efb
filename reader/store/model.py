"""The annotation data model: what an annotator makes, independent of how it is stored.

Offsets are Python code-point offsets into a document's canonical text
(reader.core.decoding), `end` exclusive: `document.text[span.start:span.end] == span.text`.
Everything here is plain data with `to_dict`/`from_dict` for the database and exports.
"""

from __future__ import annotations

import uuid
from dataclasses import Field, asdict, dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any, ClassVar, Literal, Self, TypeGuard

SpanKind = Literal["entity", "claim"]
Stance = Literal["asserted", "reported", "denied", "hedged"]
LinkType = Literal["same", "supports", "contradicts"]
SpanStatus = Literal["ok", "review"]

SPAN_KINDS: tuple[str, ...] = ("entity", "claim")
STANCES: tuple[str, ...] = ("asserted", "reported", "denied", "hedged")
LINK_TYPES: tuple[str, ...] = ("same", "supports", "contradicts")
CLAIM_LABEL = "CLAIM"


def is_stance(value: object) -> TypeGuard[Stance]:
    """Whether `value` is one of STANCES."""
    return value in STANCES


def is_link_type(value: object) -> TypeGuard[LinkType]:
    """Whether `value` is one of LINK_TYPES (imports check what a file says)."""
    return value in LINK_TYPES


def new_id(prefix: str) -> str:
    """A random id that says what it names: "s-…" span, "e-…" entity, "l-…" link."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class _Record:
    """to_dict/from_dict for the dataclasses below; unknown keys are ignored on read."""

    # Every subclass is a dataclass: this tells the type checker so (asdict, fields).
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


#: The default rating scale of a claim's verdict (a label schema may give its own, see
#: reader.store.labels); the last one rates nothing (ClaimReview gives it no value).
VERDICTS: tuple[str, ...] = ("true", "mostly true", "mixed", "mostly false", "false", "unverifiable")


@dataclass
class ClaimAttributes(_Record):
    speaker: str | None = None        # id of an entity span in the same document
    stance: Stance | None = None
    checkworthy: bool | None = None
    note: str = ""
    # What fact-checkers exchange (ClaimReview, FEVER); older records simply lack them.
    restatement: str = ""             # the claim restated in one sentence
    verdict: str | None = None        # one of the schema's rating scale (VERDICTS by default)
    claim_date: str | None = None     # when the claim was made: ISO 8601 date (YYYY-MM-DD)
    appearance_doc: str | None = None     # where it first appeared: a document id…
    appearance_offset: int | None = None  # …and the offset of the claim in it


def fact_check_problem(claim: ClaimAttributes) -> str | None:
    """Why a claim's fact-check fields (restatement, verdict, date, first appearance) are
    unacceptable, or None. The verdict's scale is the label schema's, so any text goes."""
    if not isinstance(claim.restatement, str):
        return "restatement must be a string"
    if claim.verdict is not None and (not isinstance(claim.verdict, str) or not claim.verdict.strip()):
        return f"verdict must be a non-empty string, got {claim.verdict!r}"
    if claim.claim_date is not None:
        try:
            date.fromisoformat(claim.claim_date)
        except (TypeError, ValueError):
            return f"claim_date must be a date as YYYY-MM-DD, got {claim.claim_date!r}"
    if claim.appearance_doc is not None and not isinstance(claim.appearance_doc, str):
        return "appearance_doc must be a document id"
    offset = claim.appearance_offset
    if offset is not None and (isinstance(offset, bool) or not isinstance(offset, int) or offset < 0):
        return f"appearance_offset must be an offset (an integer >= 0), got {offset!r}"
    return None


@dataclass
class Span(_Record):
    doc_id: str
    start: int
    end: int
    kind: SpanKind
    label: str                        # an entity type from the label schema, or CLAIM
    text: str                         # the covered text, checked against the document
    annotator: str = ""
    id: str = field(default_factory=lambda: new_id("s"))
    created: str = field(default_factory=now)
    updated: str = field(default_factory=now)
    entity_id: str | None = None      # entity spans: the corpus entity this mention refers to
    attrs: dict[str, Any] = field(default_factory=dict)  # claim spans: ClaimAttributes.to_dict()
    status: SpanStatus = "ok"         # "review": re-anchoring after a source change was ambiguous
    review_reason: str = ""           # why the span needs review (empty when status is "ok")

    @property
    def claim(self) -> ClaimAttributes:
        return ClaimAttributes.from_dict(self.attrs)


@dataclass
class Entity(_Record):
    """A corpus-level entity; mentions in any document and script link to it."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    id: str = field(default_factory=lambda: new_id("e"))
    created: str = field(default_factory=now)


@dataclass
class ClaimLink(_Record):
    """A typed link between two claim spans, usually in different documents."""

    source: str                       # claim span id
    target: str                       # claim span id
    type: LinkType
    annotator: str = ""
    id: str = field(default_factory=lambda: new_id("l"))
    created: str = field(default_factory=now)


@dataclass
class DocumentRecord(_Record):
    """What the store keeps of an annotated document: enough to export and re-anchor
    without the source file (the text as it was when annotated, and its hash)."""

    id: str
    sha256: str
    text: str
    path: str = ""
    lang: str = "und"
    direction: str = "ltr"
    title: str = ""
    done: bool = False
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class AnnotationSet:
    """Everything an export carries and an import brings back."""

    documents: list[DocumentRecord] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    links: list[ClaimLink] = field(default_factory=list)
