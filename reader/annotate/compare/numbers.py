"""Numbers as a reader understands them, whatever the script and the way they are written.

Digits of any system (Latin, Arabic-Indic, Persian) with their group and decimal marks,
number words and scale words of the document's language (سبعة ملايين = seven million =
7 million = 7,000,000), percentages, the two ends of a range. A value is kept as the set
of its readings: "1.000" is a thousand in Italian and one in English, and two mentions
agree when any readings agree (a translation that moved a decimal mark is not a report).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.align.anchors import normalize_digits
from reader.annotate.compare.lexicon import Lexicon, Match, Token

#: A digit run followed at once by one of these is an ordinal (3rd, 3º), not a number.
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "º", "°", "ª"})
#: Years in the Gregorian, the Solar Hijri and the lunar Hijri calendars look like this.
YEARS = range(1000, 2201)


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    values: frozenset[float]
    percent: bool = False
    #: Said in words only (no digits): "two" may be an Arabic dual on the other side.
    words: bool = False
    year: bool = False


def digit_readings(raw: str) -> frozenset[float]:
    """Every plausible value of a digit run with marks (see the module docstring)."""
    text = normalize_digits(raw).replace("\u066c", "")  # ٬ is only ever a group mark
    if "\u066b" in text:  # ٫ is only ever a decimal mark
        whole, _, fraction = text.partition("\u066b")
        return frozenset({_round(float(whole.replace(",", "").replace(".", "") + "." + fraction.replace(",", "").replace(".", "")))})
    marks = [ch for ch in text if ch in ".,"]
    if not marks:
        return frozenset({float(text)})
    digits = text.replace(".", "").replace(",", "")
    readings: set[float] = set()
    groups = text.replace(",", ".").split(".")
    if len(set(marks)) == 2:
        # 1,234.5 or 1.234,5: the last mark is the decimal one.
        last = max(text.rfind("."), text.rfind(","))
        readings.add(float(text[:last].replace(".", "").replace(",", "") + "." + text[last + 1:]))
        return frozenset(_round(v) for v in readings)
    if all(len(g) == 3 for g in groups[1:]):
        readings.add(float(digits))
    if len(marks) == 1:
        readings.add(float(groups[0] + "." + groups[1]))
    if not readings:
        readings.add(float(digits))
    return frozenset(_round(v) for v in readings)


def _round(value: float) -> float:
    return round(value, 6)


def number_mentions(tokens: list[Token], lexicon: Lexicon, matches: list[Match | None] | None = None) -> list[NumberMention]:
    """The numbers said by `tokens`, in order (`matches`: `lexicon.scan(tokens)`, if known)."""
    found: list[NumberMention] = []
    scanned = matches if matches is not None else lexicon.scan(tokens)
    i = 0
    while i < len(tokens):
        mention, i = _run(tokens, i, lexicon, scanned)
        if mention is not None:
            found.append(mention)
    return found


def _run(tokens: list[Token], i: int, lexicon: Lexicon, scanned: list[Match | None]) -> tuple[NumberMention | None, int]:
    """A number starting at token `i` (digits or words, scales, a percent) and the index
    after it; (None, i + 1) if none starts there."""
    token = tokens[i]
    if token.kind == "number":
        if _ordinal_suffix(tokens, i):
            return None, i + 2
        current = digit_readings(token.text)
        words_only = False
        last = i
    else:
        match = scanned[i]
        if match is None or match.entry.category not in ("number", "scale"):
            return None, (match.last + 1) if match else i + 1
        current = frozenset({match.entry.value})
        words_only = True
        last = match.last
    total = frozenset({0.0})
    previous = max(current)
    j = last + 1
    while j < len(tokens):
        k = j
        joined = False
        if tokens[k].kind == "symbol" and tokens[k].text in "-–" and tokens[k].start == tokens[k - 1].end:
            k += 1  # twenty-five
            joined = True
        elif tokens[k].kind == "word" and tokens[k].folded in lexicon.connectors:
            k += 1
            joined = True
        if k >= len(tokens):
            break
        match = scanned[k]
        if match is None:
            break
        entry = match.entry
        if entry.category in ("scale", "scale_plural"):
            current = frozenset(_round(v * entry.value) for v in current)
            if entry.value >= 1000:
                total = frozenset(_round(t + c) for t in total for c in current)
                current = frozenset({0.0})
            previous = entry.value
        elif entry.category == "number" and words_only and _compounds(previous, entry.value, joined):
            current = frozenset(_round(v + entry.value) for v in current)
            previous = entry.value
        else:
            break
        last = match.last
        j = last + 1
    values = frozenset(_round(t + c) for t in total for c in current)
    percent = lexicon.percent_at(tokens, last + 1)
    end_index = percent if percent is not None else last
    start, end = tokens[i].start, tokens[end_index].end
    year = (
        not words_only and percent is None and "," not in tokens[i].text and "." not in tokens[i].text
        and len(normalize_digits(tokens[i].text)) == 4 and last == i
        and any(v in YEARS for v in values)
    )
    return NumberMention(start, end, values, percent is not None, words_only, year), end_index + 1


_TENS = (20, 30, 40, 50, 60, 70, 80, 90)


def _compounds(previous: float, value: float, joined: bool) -> bool:
    """Whether a number word after `previous` adds to it (twenty-five, ثلاثة عشر, two
    hundred and fifty; Arabic and Hebrew may say the units first: خمسة وعشرون) rather
    than starting another number ("two and three" are two numbers)."""
    if previous >= 100 and value < previous:
        return True
    if previous in _TENS and value < 10:
        return True
    if previous < 10 and value in _TENS:
        return True
    return previous < 10 and value == 10 and not joined


def _ordinal_suffix(tokens: list[Token], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return nxt is not None and nxt.start == tokens[i].end and nxt.folded in ORDINAL_SUFFIXES
