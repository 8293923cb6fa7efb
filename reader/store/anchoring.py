"""Re-anchoring spans when a document's source text changed since it was annotated.

A span is found again by its covered text and the text around it: among the places where the
covered text occurs in the new text, the one whose surroundings best match the old ones wins.
When no place is found, or two places match equally well, the span keeps its old offsets and is
flagged for review; it is never moved on a guess and never dropped.
"""

from __future__ import annotations

from dataclasses import replace

from reader.store.model import Span, now

#: how many characters on each side of a span count as its context
CONTEXT = 48


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _context_score(old_text: str, start: int, end: int, new_text: str, at: int) -> int:
    """How many characters of context around [start, end) in the old text match around `at`."""
    length = end - start
    left_old = old_text[max(0, start - CONTEXT) : start][::-1]
    left_new = new_text[max(0, at - CONTEXT) : at][::-1]
    right_old = old_text[end : end + CONTEXT]
    right_new = new_text[at + length : at + length + CONTEXT]
    return _common_prefix(left_old, left_new) + _common_prefix(right_old, right_new)


def _occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def reanchor(span: Span, old_text: str, new_text: str) -> Span:
    """`span` (offsets into `old_text`) placed in `new_text`: moved to where its covered text is
    (status "ok"), or at its old offsets with status "review" and a reason. Returns a new Span
    (the same object if nothing changed)."""
    covered = span.text
    if not covered:
        return replace(span, status="review", review_reason="the span covers no text", updated=now())
    candidates = _occurrences(new_text, covered)
    if not candidates:
        return replace(span, status="review", updated=now(),
                       review_reason=f"“{covered}” is no longer in the document")
    scored = sorted(((_context_score(old_text, span.start, span.end, new_text, at), at) for at in candidates),
                    reverse=True)
    best_score, best_at = scored[0]
    if len(scored) > 1 and scored[1][0] == best_score:
        return replace(span, status="review", updated=now(),
                       review_reason=f"“{covered}” occurs {len(candidates)} times and its context "
                       "does not tell which one was annotated")
    if best_at == span.start and span.status == "ok":
        return span
    return replace(span, start=best_at, end=best_at + len(covered), status="ok", review_reason="", updated=now())
