"""ClaimReview: claims as fact-check records in schema.org JSON-LD (export only).

One JSON-LD document, `{"@context": "https://schema.org", "@graph": [ClaimReview, …]}`,
a ClaimReview per claim span:

- `claimReviewed`: the claim restated in one sentence (its `restatement`), else its text;
- `itemReviewed`: the `Claim`, with `author` (the speaker: the entity the speaker span is
  linked to, else the speaker span's text; a Person for PERSON, else an Organization),
  `datePublished` (`claim_date`), `appearance` (the claim's own document, and the
  documents of the claims linked to it as `same`; each a CreativeWork with its url or
  path, its id as `identifier`, and the claim's text and offsets), `firstAppearance`
  (`appearance_doc` and `appearance_offset` when set);
- `reviewRating`: the verdict as `alternateName`, with a `ratingValue` on the schema's
  scale (best first: the best is `bestRating`, the worst graded one 1; a verdict after
  the graded ones, like "unverifiable", has no value), absent when no verdict was given;
- `author` (the annotator) and `datePublished` (when the claim was last updated).

docs/claimreview.schema.json is the JSON Schema of the fields used (tests validate with it).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.formats.checks import checked_text
from reader.formats.json_text import dumps
from reader.formats.output import Dump, Track, no_progress
from reader.store.model import VERDICTS, AnnotationSet, DocumentRecord, Span

DIRECTORY = False
#: Verdicts that rate nothing: no ratingValue (the default scale ends with one).
UNRATED = frozenset({"unverifiable"})


def dump(annotations: AnnotationSet, track: Track = no_progress, *, verdicts: tuple[str, ...] = VERDICTS) -> Dump:
    documents = {d.id: d for d in annotations.documents}
    spans = {s.id: s for s in annotations.spans}
    entities = {e.id: e for e in annotations.entities}
    same: dict[str, set[str]] = {}
    for link in annotations.links:
        if link.type == "same":
            same.setdefault(link.source, set()).add(link.target)
            same.setdefault(link.target, set()).add(link.source)
    graded = [v for v in verdicts if v not in UNRATED]
    warnings: list[str] = []
    graph = []
    for span in track([s for s in annotations.spans if s.kind == "claim"]):
        document = documents.get(span.doc_id)
        if document is None:
            continue
        checked_text(document, span)
        claim = span.claim
        item: dict[str, Any] = {"@type": "Claim", "appearance": [_appearance(document, span)]}
        for other_id in sorted(same.get(span.id, ())):
            other = spans.get(other_id)
            if other is not None and other.doc_id in documents:
                item["appearance"].append(_appearance(documents[other.doc_id], other))
        speaker = spans.get(claim.speaker or "")
        if speaker is not None:
            entity = entities.get(speaker.entity_id or "")
            item["author"] = {"@type": "Person" if speaker.label == "PERSON" else "Organization",
                              "name": entity.name if entity else speaker.text}
        if claim.claim_date:
            item["datePublished"] = claim.claim_date
        if claim.appearance_doc:
            first: dict[str, Any] = {"@type": "CreativeWork", "identifier": claim.appearance_doc}
            if claim.appearance_offset is not None:
                first["position"] = claim.appearance_offset
            item["firstAppearance"] = first
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "identifier": span.id,
            "claimReviewed": claim.restatement or " ".join(span.text.split()),
            "itemReviewed": item,
            "datePublished": span.updated[:10],
        }
        if span.annotator:
            review["author"] = {"@type": "Person", "name": span.annotator}
        if claim.verdict is not None:
            rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict}
            if claim.verdict in graded:
                rating.update(ratingValue=len(graded) - graded.index(claim.verdict), bestRating=len(graded), worstRating=1)
            elif claim.verdict not in verdicts:
                warnings.append(f"claim {span.id}: verdict {claim.verdict!r} is not on the rating scale ({', '.join(verdicts)}); exported without a value")
            review["reviewRating"] = rating
        graph.append(review)
    return Dump({"": dumps({"@context": "https://schema.org", "@graph": graph}) + "\n"}, warnings)


def _appearance(document: DocumentRecord, span: Span) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": document.id, "text": span.text,
                            "position": span.start}
    url = document.meta.get("url") if isinstance(document.meta, dict) else None
    if isinstance(url, str) and url:
        work["url"] = url
    elif document.path:
        work["url"] = Path(document.path).as_uri() if Path(document.path).is_absolute() else document.path
    if document.title:
        work["headline"] = document.title
    return work


def load(path: Path, labels: Collection[str] | None = None, warnings: list[str] | None = None) -> AnnotationSet:
    raise ReaderError(f"{path}: ClaimReview is an export format; import it is not supported")
