"""DATE: dates, months, weekdays, years in context, ranges and relative expressions in
ar, fa, ur, he, en and it, in Latin, Arabic-Indic and Persian digits (folded to one).

What counts (precision first, every false suggestion costs a keystroke):
- a month with a day and/or a year ("9 marzo 2021", "يوم الثلاثاء 14 مارس 2023",
  "ديسمبر 2020"), or alone when its name is not also an ordinary word ("في شهر ديسمبر"
  gives ديسمبر; "in May" gives nothing);
- a month or weekday made relative ("سبتمبر المقبل", "next September", "lo scorso agosto");
- numeric dates with a valid day and month (9.3.2021, 2021/03/09, 09-03-2021);
- a four-digit year after a cue word ("في عام 2011", "nel 2021", "בשנת 2021", "از سال ۱۴۰۰")
  or before an era marker ("2011م"): the span is the year;
- ranges of years ("2021-2025", "between 2021 and 2025", "من 2021 إلى 2025");
- relative expressions from the lexicon ("العام الماضي", "last year", "سال گذشته").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.annotate.suggestions import lexicon as lx
from reader.annotate.suggestions.base import Found, alternation, anchored_regions, compile_rule, folded, spans_in
from reader.core.search import fold

_SEP = r"[,\u060c]? +"   # a comma (Latin or Arabic) and spaces between the parts of a date
_MONTH = alternation(lx.all_of(lx.MONTHS))
_AMBIGUOUS = {" ".join(fold(m).split()) for m in lx.AMBIGUOUS_MONTHS}
_WEEKDAY = alternation(lx.all_of(lx.WEEKDAYS))
_DAY = r"[0-3]?\d(?:st|nd|rd|th|er|°|º)?"
_YEAR = r"(?:1[3-9]\d\d|20\d\d|21\d\d)"
_YEAR_MARK = alternation(lx.YEAR_MARKS)

_MONTH_DATE = compile_rule(
    rf"(?:(?P<weekday>(?:{alternation(lx.DAY_WORDS)} +)?{_WEEKDAY}){_SEP})?"
    rf"(?:(?P<before>{alternation(lx.BEFORE_MONTH)}) +)?"
    # Hebrew glues its "in" to the month after a day: "9 במרץ 2021".
    rf"(?:(?P<day>{_DAY})(?: +{alternation(lx.DAY_OF)})? +\u05d1?)?"
    rf"(?P<month>{_MONTH})"
    rf"(?:(?:{_SEP})?(?P<day2>{_DAY})(?=[, \u060c]))?"
    rf"(?:{_SEP}(?P<year>{_YEAR})(?![-\u2013]\d)(?: +{_YEAR_MARK})?)?"   # not a range's first year
    rf"(?: +(?P<after>{alternation(lx.AFTER_MONTH)}))?"
)
_WEEKDAY_ALONE = compile_rule(rf"(?P<dayword>{alternation(lx.DAY_WORDS)} +)?(?P<weekday>{_WEEKDAY})")
#: Weekdays that are also ordinary words once folded (الجمعة "the assembly", الأحد
#: "the one", ہفتہ "week", پیر "saint"): a date only after the word for "day".
_AMBIGUOUS_WEEKDAYS = {fold(w) for w in ("الجمعة", "الأحد", "السبت", "ہفتہ", "پیر", "جمعہ", "جمعه", "شنبه")}
_NUMERIC = compile_rule(
    r"(?P<a>\d{1,2})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})"
    r"|(?P<y2>\d{4})(?P<s2>[./-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2})"
)
_RANGE = compile_rule(
    rf"{_YEAR} *[-\u2013\u2014] *(?:{_YEAR}|\d\d)"
    rf"|{alternation(lx.RANGE_OPENERS)} +{_YEAR} +{alternation(lx.RANGE_JOINERS)} *-?{_YEAR}"
)
_YEAR_AFTER_CUE = re.compile(
    rf"(?:(?<!\w){alternation(lx.YEAR_CUES)} +|(?<!\w)[\u05d1\u05de][-\u05be]?)"
    rf"(?P<x>{_YEAR}(?: *{_YEAR_MARK}(?!\w))?)(?!\w)"
)
_YEAR_WITH_MARK = compile_rule(rf"{_YEAR} *{_YEAR_MARK}")
_RELATIVE = compile_rule(alternation(lx.all_of(lx.RELATIVE_DATES)))
#: Relative expressions that are dates in news but often are not ("today" in "today's
#: world"): offered with a lower score.
_WEAK_RELATIVE = {fold(w) for w in ("today", "oggi", "اليوم", "امروز", "آج", "היום")}
#: Words one of which every date rule's match holds besides digits: month and weekday
#: names (each of their words) and the last word of each relative expression.
_ANCHORS = frozenset(
    word
    for entry in (*lx.all_of(lx.MONTHS), *lx.all_of(lx.WEEKDAYS))
    for word in fold(entry).split()
) | frozenset(fold(entry).split()[-1].strip("'") for entry in lx.all_of(lx.RELATIVE_DATES))


class DateRecognizer:
    """DATE suggestions from the rules above (no model, every language at once: a
    sentence in one language quoting a date in another is still found)."""

    source = "date"
    labels = frozenset({"DATE"})

    def find(self, text: str, lang: str) -> Iterator[Found]:
        norm = folded(text)
        regions = anchored_regions(norm.folded, _ANCHORS, words=(48, 40), digits=(24, 24))
        for match, start, end in spans_in(norm, _MONTH_DATE, regions):
            parts = match.groupdict()
            month = " ".join(parts["month"].split())
            anchored = any(parts[k] for k in ("day", "day2", "year", "before", "after", "weekday"))
            if not anchored:
                if month in _AMBIGUOUS:
                    continue
                original = text[start:end]
                if original[:1].isalpha() and original.isascii() and original[:1].islower() and lang == "en":
                    continue  # "december" in English prose is not the month
            if parts["day"] and not _valid_day(parts["day"]) or parts["day2"] and not _valid_day(parts["day2"]):
                continue
            yield Found(start, end, "DATE", 0.9 if anchored else 0.75)
        for match, start, end in spans_in(norm, _WEEKDAY_ALONE, regions):
            if not match["dayword"] and " ".join(match["weekday"].split()) in _AMBIGUOUS_WEEKDAYS:
                continue
            yield Found(start, end, "DATE", 0.7)
        for match, start, end in spans_in(norm, _NUMERIC, regions):
            if _valid_numeric(match):
                yield Found(start, end, "DATE", 0.85)
        for _, start, end in spans_in(norm, _RANGE, regions):
            yield Found(start, end, "DATE", 0.8)
        for pattern in (_YEAR_AFTER_CUE, _YEAR_WITH_MARK):
            for _, start, end in spans_in(norm, pattern, regions):
                yield Found(start, end, "DATE", 0.8)
        for match, start, end in spans_in(norm, _RELATIVE, regions):
            weak = " ".join(match["x"].split()) in _WEAK_RELATIVE
            yield Found(start, end, "DATE", 0.5 if weak else 0.85)


def _valid_day(day: str) -> bool:
    digits = "".join(c for c in day if c.isdigit())
    return 1 <= int(digits) <= 31


def _valid_numeric(match: re.Match[str]) -> bool:
    """A day and a month in either order (9.3.2021 and 3/9/2021), or year-month-day."""
    if match["y2"]:
        return 1 <= int(match["m2"]) <= 12 and 1 <= int(match["d2"]) <= 31
    a, b = int(match["a"]), int(match["b"])
    return 1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)
