"""What did the translation change? The facts of each aligned paragraph pair that do not
survive it: numbers, ordinals, dates, names (see docs/compare.md).

Each kind is read on both sides of a bead of the paragraph alignment (reader.align), the
mentions of one side matched with the other's by value; what is left is reported, paired
when both sides have one (third / second), alone otherwise. Precision comes first, so a
kind reports a one-sided mention only where that is a fact (a number or a name said on
one side only), not where translation reshapes it (an ordinal or "two" that an Arabic
dual says without a word).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any, Sequence, TypeVar

from reader.align.paragraphs import Alignment, Bead, align_paragraphs
from reader.annotate.compare.dates import DateMention, date_mentions
from reader.annotate.compare.gazetteer import Gazetteer, shipped
from reader.annotate.compare.lexicon import Token, lexicon, tokenize
from reader.annotate.compare.names import NameGap, SideNames, entity_gaps, pair_gaps, side_names, unmatched
from reader.annotate.compare.numbers import NumberMention, number_mentions
from reader.annotate.compare.ordinals import OrdinalMention, ordinal_mentions, ordinal_name
from reader.core.document import Document

#: The kinds of discrepancy, as `Discrepancy.kind` and the JSON's "kind" say them.
KINDS: tuple[str, ...] = ("number", "ordinal", "date", "name")


@dataclass(frozen=True, slots=True)
class Excerpt:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Discrepancy:
    kind: str
    paragraphs: tuple[int, int]   # (i in A, j in B) as in `reader align`
    a: Excerpt | None
    b: Excerpt | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        def side(e: Excerpt | None) -> dict[str, Any] | None:
            return None if e is None else {"start": e.start, "end": e.end, "text": e.text}
        return {"kind": self.kind, "paragraphs": list(self.paragraphs), "a": side(self.a), "b": side(self.b), "note": self.note}


@dataclass
class Comparison:
    a: Document
    b: Document
    alignment: Alignment
    discrepancies: list[Discrepancy] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": {"id": self.a.id, "path": self.a.path},
            "b": {"id": self.b.id, "path": self.b.path},
            "pairs": [list(p) for p in self.alignment.pairs],
            "discrepancies": [d.to_dict() for d in self.discrepancies],
        }


@dataclass
class _Side:
    """One side of a bead: its document, paragraphs and the mentions read in them."""

    doc: Document
    paragraphs: tuple[int, ...]
    tokens: list[Token]
    numbers: list[NumberMention]
    ordinals: list[OrdinalMention]
    dates: list[DateMention]

    def paragraph_of(self, offset: int) -> int:
        for index in self.paragraphs:
            p = self.doc.paragraphs[index]
            if p.start <= offset < p.end:
                return index
        return self.paragraphs[0]

    def excerpt(self, start: int, end: int) -> Excerpt:
        return Excerpt(start, end, self.doc.text[start:end])


def compare_documents(
    a: Document, b: Document, *, alignment: Alignment | None = None, gazetteer: Gazetteer | None = None,
) -> Comparison:
    """The discrepancies between `a` and `b` over their paragraph alignment (computed if
    not given); `gazetteer` defaults to the shipped one (add the user's entities with
    `Gazetteer.with_entities`)."""
    alignment = alignment or align_paragraphs(a, b)
    gazetteer = gazetteer or shipped()
    result = Comparison(a, b, alignment)
    for bead in alignment.beads:
        result.discrepancies.extend(compare_bead(a, b, bead, gazetteer))
    return result


def compare_bead(a: Document, b: Document, bead: Bead, gazetteer: Gazetteer) -> list[Discrepancy]:
    side_a, side_b = _read(a, bead.a), _read(b, bead.b)
    found: list[Discrepancy] = []
    found += _numbers(side_a, side_b)
    found += _ordinals(side_a, side_b)
    found += _dates(side_a, side_b)
    found += _names(side_a, side_b, gazetteer)
    found.sort(key=lambda d: (d.a.start if d.a else -1, d.b.start if d.b else -1))
    return found


def _read(doc: Document, indices: Sequence[int]) -> _Side:
    lex = lexicon(doc.lang)
    tokens: list[Token] = []
    numbers: list[NumberMention] = []
    ordinals: list[OrdinalMention] = []
    dates: list[DateMention] = []
    for index in indices:
        p = doc.paragraphs[index]
        paragraph_tokens = tokenize(p.text, p.start)
        tokens += paragraph_tokens
        matches = lex.scan(paragraph_tokens)
        numbers += number_mentions(paragraph_tokens, lex, matches)
        ordinals += ordinal_mentions(paragraph_tokens, lex, matches)
        dates += date_mentions(paragraph_tokens, lex, matches)
    return _Side(doc, tuple(indices), tokens, numbers, ordinals, dates)


def _report(kind: str, x: _Side, y: _Side, left: tuple[int, int] | None, right: tuple[int, int] | None, note: str) -> Discrepancy:
    i = x.paragraph_of(left[0]) if left else x.paragraphs[0]
    j = y.paragraph_of(right[0]) if right else y.paragraphs[0]
    return Discrepancy(kind, (i, j), x.excerpt(*left) if left else None, y.excerpt(*right) if right else None, note)


_A = TypeVar("_A")
_B = TypeVar("_B")


def _pair_off(a_items: list[_A], b_items: list[_B], same: Callable[[_A, _B], bool]) -> tuple[list[_A], list[_B]]:
    """Match items of A with items of B (`same(x, y)`); the unmatched of each side, in order."""
    left_b = list(b_items)
    left_a = []
    for x in a_items:
        for k, y in enumerate(left_b):
            if same(x, y):
                del left_b[k]
                break
        else:
            left_a.append(x)
    return left_a, left_b


# Numbers -----------------------------------------------------------------------------

def _same_number(x: NumberMention, y: NumberMention) -> bool:
    if x.values & y.values:
        return True
    if x.year and y.year:
        # A Solar or lunar Hijri year on one side, its Gregorian year on the other.
        for u in x.values:
            for v in y.values:
                lo, hi = sorted((u, v))
                if abs(hi - (lo + 621)) <= 1 or abs(hi - (lo * 0.970229 + 621.5643)) <= 1:
                    return True
    return False


def _numbers(a: _Side, b: _Side) -> list[Discrepancy]:
    left_a, left_b = _pair_off(a.numbers, b.numbers, _same_number)
    found = []
    years_a = [m for m in left_a if m.year]
    years_b = [m for m in left_b if m.year]
    plain_a = [m for m in left_a if not m.year]
    plain_b = [m for m in left_b if not m.year]
    for xs, ys, kind, what in ((years_a, years_b, "date", "year"), (plain_a, plain_b, "number", "number")):
        for k in range(max(len(xs), len(ys))):
            x = xs[k] if k < len(xs) else None
            y = ys[k] if k < len(ys) else None
            if x is not None and y is not None:
                note = f"{what} {_value(x)} in A, {_value(y)} in B"
            elif x is not None:
                if x.words and max(x.values) <= 2:
                    continue  # "two": the other side may say it with a dual
                note = f"{what} {_value(x)} in A, not in B"
            else:
                assert y is not None
                if y.words and max(y.values) <= 2:
                    continue
                note = f"{what} {_value(y)} in B, not in A"
            found.append(_report(kind, a, b, (x.start, x.end) if x else None, (y.start, y.end) if y else None, note))
    return found


def _value(m: NumberMention) -> str:
    """The value as a note shows it: 7,000,000; 12.5%; both readings of 1.000."""
    shown = []
    for v in sorted(m.values):
        text = f"{int(v):,}" if v == int(v) else f"{v:,.6f}".rstrip("0")
        if m.year:
            text = str(int(v))
        shown.append(text + ("%" if m.percent else ""))
    return " or ".join(shown)


# Ordinals ----------------------------------------------------------------------------

def _ordinals(a: _Side, b: _Side) -> list[Discrepancy]:
    left_a, left_b = _pair_off(a.ordinals, b.ordinals, lambda x, y: x.value == y.value)
    found = []
    # Only pairs: a translation often drops or adds "first" (أول, the earliest).
    for x, y in zip(left_a, left_b):
        note = f"ordinal {ordinal_name(x.value)} in A ({a.doc.text[x.start:x.end]}), {ordinal_name(y.value)} in B ({b.doc.text[y.start:y.end]})"
        found.append(_report("ordinal", a, b, (x.start, x.end), (y.start, y.end), " ".join(note.split())))
    return found


# Dates -------------------------------------------------------------------------------

def _dates(a: _Side, b: _Side) -> list[Discrepancy]:
    left_a, left_b = _pair_off(a.dates, b.dates, lambda x, y: (x.kind, x.calendar, x.value) == (y.kind, y.calendar, y.value))
    found = []
    for kind in ("month", "weekday"):
        xs = [m for m in left_a if m.kind == kind]
        ys = [m for m in left_b if m.kind == kind]
        calendars_a = {m.calendar for m in a.dates if m.kind == kind}
        calendars_b = {m.calendar for m in b.dates if m.kind == kind}
        paired: list[tuple[DateMention | None, DateMention | None]] = []
        rest_b = list(ys)
        for mention in xs:
            partner = next((m for m in rest_b if m.calendar == mention.calendar), None)
            if partner is not None:
                rest_b.remove(partner)
            paired.append((mention, partner))
        paired += [(None, unpaired) for unpaired in rest_b]
        for x, y in paired:
            if x and y:
                note = f"{kind} {x.name} in A, {y.name} in B"
            elif x:
                if calendars_b - {x.calendar}:
                    continue  # the other side may give it in another calendar
                note = f"{kind} {x.name} in A, not in B"
            else:
                assert y is not None
                if calendars_a - {y.calendar}:
                    continue
                note = f"{kind} {y.name} in B, not in A"
            found.append(_report("date", a, b, (x.start, x.end) if x else None, (y.start, y.end) if y else None, note))
    return found


# Names -------------------------------------------------------------------------------

def _names(a: _Side, b: _Side, gazetteer: Gazetteer) -> list[Discrepancy]:
    names_a = _side_names(a, gazetteer)
    names_b = _side_names(b, gazetteer)
    gaps_a = unmatched(names_a, names_b, gazetteer, lambda s, e: a.doc.text[s:e]) + _entity_gaps(a, names_b, gazetteer)
    gaps_b = unmatched(names_b, names_a, gazetteer, lambda s, e: b.doc.text[s:e]) + _entity_gaps(b, names_a, gazetteer)
    found = []
    for x, y in pair_gaps(gaps_a, gaps_b):
        if x and y:
            note = f"name {_name(x)} in A, {_name(y)} in B: spelled differently"
        elif x:
            note = f"name {_name(x)} in A, no counterpart in B"
        else:
            assert y is not None
            note = f"name {_name(y)} in B, no counterpart in A"
        found.append(_report("name", a, b, (x.start, x.end) if x else None, (y.start, y.end) if y else None, note))
    return found


def _entity_gaps(side: _Side, other: SideNames, gazetteer: Gazetteer) -> list[NameGap]:
    """The user's entities named on `side` in Arabic, Persian or Hebrew script and not on the other."""
    if not gazetteer.user:
        return []
    first = side.doc.paragraphs[side.paragraphs[0]]
    last = side.doc.paragraphs[side.paragraphs[-1]]
    return entity_gaps(side.doc.text[first.start:last.end], first.start, other, gazetteer)


def _name(gap: NameGap) -> str:
    return " ".join(gap.text.split())


def _side_names(side: _Side, gazetteer: Gazetteer) -> SideNames:
    # The bead's paragraphs joined: offsets stay those of the document.
    first = side.doc.paragraphs[side.paragraphs[0]]
    last = side.doc.paragraphs[side.paragraphs[-1]]
    return side_names(side.doc.text[first.start:last.end], first.start, side.doc.lang, gazetteer)

