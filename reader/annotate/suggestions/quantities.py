"""QUANTITY: numbers with a unit, a currency, a scale word or a percent sign, in ar, fa,
ur, he, en and it ("6.5 مليار درهم", "300 مليون متر مكعب", "۲۰۰ واحد", "2.3 מיליון שקלים",
"45%", "كـ 5 مليارات دولار", "سبعة ملايين نسمة", "three years").

A bare number is not a quantity (counts of things and ranks are left to the annotator:
"المرتبة الثالثة" is an ordinal, not an amount), nor is a number word without a unit or
a scale. Digits of every script, decimal and thousands separators (. , ٫ ٬) are read
alike. A proclitic before the number (بـ، كـ، و) stays out of the span.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.annotate.suggestions import lexicon as lx
from reader.annotate.suggestions.base import Found, alternation, anchored_regions, compile_rule, folded, spans_in
from reader.core.search import fold

_NUMBER = r"\d{1,3}(?:[,\u066c.]\d{3})+(?:[.\u066b,]\d+)?|\d+(?:[.\u066b,]\d+)?"
_WORDS = alternation(lx.all_of(lx.NUMBER_WORDS))
_SCALE = alternation(lx.all_of(lx.SCALES))
_UNIT = alternation(lx.all_of(lx.UNITS))
_SIGN = alternation(lx.CURRENCY_SIGNS)
_PERCENT = alternation(lx.PERCENT_SIGNS)
_TO = alternation(("-", "\u2013", "to", "and", "e", "a", "إلى", "الى", "و", "و-", "تا", "עד"))

_QUANTITY = compile_rule(
    rf"(?:(?P<sign>{_SIGN}) ?)?"
    rf"(?:(?P<number>{_NUMBER})|(?P<words>{_WORDS}))"
    rf"(?: *{_TO} *(?:{_NUMBER}))?"
    rf"(?P<scale>(?: +{_SCALE})+)?"
    rf"(?P<unit> *{_PERCENT}| ?{_SIGN}| +{_UNIT})?"
)
#: Besides digits, a quantity holds a scale word or a unit (a number word alone is not a
#: quantity) or a sign: each word of those.
_ANCHORS = frozenset(
    word for entry in (*lx.all_of(lx.SCALES), *lx.all_of(lx.UNITS), *lx.CURRENCY_SIGNS, *lx.PERCENT_SIGNS)
    for word in fold(entry).split()
)
# A sign before the number may be glued to a letter-less context ("$5", "€ 3"): the rule
# above needs a word edge before the span, which a sign gives by itself.


class QuantityRecognizer:
    """QUANTITY suggestions from the rules above."""

    source = "quantity"
    labels = frozenset({"QUANTITY"})

    def find(self, text: str, lang: str) -> Iterator[Found]:
        norm = folded(text)
        regions = anchored_regions(norm.folded, _ANCHORS, words=(40, 32), digits=(8, 48))
        for match, start, end in spans_in(norm, _QUANTITY, regions):
            measured = match["scale"] or match["unit"]
            if match["words"] and not measured:
                continue
            if not (measured or match["sign"]):
                continue
            yield Found(start, end, "QUANTITY", 0.85 if match["number"] else 0.7)
