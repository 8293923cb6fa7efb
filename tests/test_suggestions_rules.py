"""The date and quantity recognizers on sentences written for the test, per language and
digit system, and the seeds' dates and quantities."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from reader.annotate.suggestions import recognizers, suggest_document
from reader.annotate.suggestions.dates import DateRecognizer
from reader.annotate.suggestions.quantities import QuantityRecognizer
from reader.core.document import Document
from reader.core.loading import load_documents


def found(recognizer, text: str, lang: str) -> list[str]:
    """The texts a recognizer proposes, overlaps resolved as `suggest_document` does."""
    document = Document("t", "/t.txt", text, meta={"lang": lang})
    return [s.text for s in suggest_document(document, [recognizer])]


DATES = [
    ("ar", "وقعت الاتفاقية يوم الثلاثاء 14 مارس 2023 في موسكو.", ["يوم الثلاثاء 14 مارس 2023"]),
    ("ar", "أعلنت ذلك في شهر ديسمبر والعام الماضي.", ["ديسمبر", "العام الماضي"]),
    ("ar", "يبدأ المشروع في آذار ويستمر حتى سبتمبر المقبل.", ["آذار", "سبتمبر المقبل"]),
    ("ar", "صدر القانون في عام ٢٠١١ وعُدّل بين عامي 2021 و2025.", ["٢٠١١", "بين عامي 2021 و2025"]),
    ("ar", "وُلد في 15 رمضان 1442 هـ.", ["15 رمضان 1442 هـ"]),
    ("fa", "این طرح در سال ۱۴۰۰ و در ۱۲ فروردین اعلام شد و سال گذشته اجرا شد.", ["۱۴۰۰", "۱۲ فروردین", "سال گذشته"]),
    ("ur", "یہ معاہدہ 9 مارچ 2021 کو ہوا اور گزشتہ سال نافذ ہوا۔", ["9 مارچ 2021", "گزشتہ سال"]),
    ("he", "ההסכם נחתם ב-9 במרץ 2021 ובשנה שעברה הוא אושר.", ["9 במרץ 2021", "שנה שעברה"]),
    ("en", "It was signed on Tuesday, March 9, 2021 and ratified last year; in May nothing.", ["Tuesday, March 9, 2021", "last year"]),
    ("en", "The plan runs 2021-2025, between 2021 and 2030, and resumes next September.",
     ["2021-2025", "between 2021 and 2030", "next September"]),
    ("en", "Dates 9.3.2021 and 2021/03/09, not 45.67.2021.", ["9.3.2021", "2021/03/09"]),
    ("it", "Firmato il 9 marzo 2021, annunciato a inizio febbraio e lo scorso agosto.",
     ["9 marzo 2021", "inizio febbraio", "lo scorso agosto"]),
]


@pytest.mark.parametrize("lang,text,expected", DATES, ids=[f"{d[0]}-{i}" for i, d in enumerate(DATES)])
def test_dates_in_each_language(lang, text, expected):
    assert found(DateRecognizer(), text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("ar", "مارس الرياضة صفر مرات."),        # مارس "practised", صفر "zero"
    ("en", "They may march in May."),       # an ambiguous month alone
    ("fa", "مهر و دی آمدند."),                # مهر, دی alone
    ("ar", "وتحتل ميزانية الفضاء المرتبة الثالثة عالميًا."),
])
def test_ambiguous_words_are_not_dates(lang, text):
    assert found(DateRecognizer(), text, lang) == []


QUANTITIES = [
    ("ar", "بلغت الكلفة 6.5 مليار درهم لنقل 300 مليون متر مكعب.", ["6.5 مليار درهم", "300 مليون متر مكعب"]),
    ("ar", "خصصت الحكومة كـ 5 مليارات دولار لسبعة ملايين نسمة.", ["5 مليارات دولار", "سبعة ملايين نسمة"]),
    ("ar", "ارتفعت النسبة إلى ٤٥٪ أو 45% بعد ٣ سنوات.", ["٤٥٪", "45%", "٣ سنوات"]),
    ("fa", "این شرکت ۲۰۰ واحد و ۱۲٫۵ درصد سهم خرید.", ["۲۰۰ واحد", "۱۲٫۵ درصد"]),
    ("ur", "حکومت نے 50 کروڑ روپے دیے۔", ["50 کروڑ روپے"]),
    ("he", "העלות הגיעה ל-2.3 מיליון שקלים.", ["2.3 מיליון שקלים"]),
    ("en", "It cost $5 million over three years and 1,200 km.", ["$5 million", "three years", "1,200 km"]),
    ("it", "Un investimento di 2,5 miliardi di euro per 40 anni.", ["2,5 miliardi", "40 anni"]),
]


@pytest.mark.parametrize("lang,text,expected", QUANTITIES, ids=[f"{q[0]}-{i}" for i, q in enumerate(QUANTITIES)])
def test_quantities_in_each_language(lang, text, expected):
    assert found(QuantityRecognizer(), text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("ar", "وتحتل ميزانية الفضاء المرتبة الثالثة عالميًا بعد 3 دول."),   # a rank, a bare count
    ("en", "Nine countries signed; three said no; chapter 12."),
    ("fa", "نه، او سه بار گفت."),                                        # نه "no", سه without a unit
])
def test_bare_numbers_ranks_and_number_words_are_not_quantities(lang, text):
    assert found(QuantityRecognizer(), text, lang) == []


def test_spans_leave_clitics_out_and_never_cut_a_word():
    text = "والعام الماضي بـ5 مليارات دولار وفي ديسمبر"
    document = Document("t", "/t.txt", text, meta={"lang": "ar"})
    suggestions = suggest_document(document, recognizers())
    assert [s.text for s in suggestions] == ["العام الماضي", "5 مليارات دولار", "ديسمبر"]
    for s in suggestions:
        assert text[s.start:s.end] == s.text
        assert s.end == len(text) or not text[s.end].isalnum()


def test_marks_after_the_last_letter_belong_to_the_span():
    text = "منذ أكثر من 40 عامًا"
    document = Document("t", "/t.txt", text, meta={"lang": "ar"})
    assert [s.text for s in suggest_document(document, [QuantityRecognizer()])] == ["40 عامًا"]


def seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return load_documents([path]).documents[0]


def test_seed_000_dates_are_suggested_and_the_budget_rank_is_not_a_quantity():
    document = seed("000")
    suggestions = suggest_document(document, recognizers())
    texts = [(s.text, s.label) for s in suggestions]
    assert ("2011", "DATE") in texts
    assert texts.count(("العام الماضي", "DATE")) == 2
    assert texts.count(("ديسمبر", "DATE")) == 2
    rank = document.text.index("المرتبة الثالثة")
    assert not any(s.start <= rank + 8 < s.end for s in suggestions)
    assert all(document.text[s.start:s.end] == s.text for s in suggestions)


def test_seed_002_dates_and_quantities():
    texts = [s.text for s in suggest_document(seed("002"), recognizers())]
    for expected in ("أبريل 1961", "ديسمبر 2020", "40 عامًا", "الأسبوع الماضي", "1976"):
        assert expected in texts


def test_running_the_rules_only_around_their_anchors_finds_what_a_whole_text_run_finds(monkeypatch):
    """The regions (reader.annotate.suggestions.base.anchored_regions) are an optimisation
    only: on the seeds and every sentence above, the same suggestions as running every
    rule over the whole text."""
    from reader.annotate.suggestions import dates, quantities

    sentences = [text for _, text, _ in DATES + QUANTITIES]
    seeds = [d.text for d in load_documents(sorted(SEEDS.glob("*.txt"))).documents]
    text = "\n".join(sentences + seeds)
    document = Document("t", "/t.txt", text, meta={"lang": "ar"})
    rules = [DateRecognizer(), QuantityRecognizer()]
    anchored = suggest_document(document, rules)
    whole = lambda folded, anchors, **margins: [(0, len(folded))]  # noqa: E731
    monkeypatch.setattr(dates, "anchored_regions", whole)
    monkeypatch.setattr(quantities, "anchored_regions", whole)
    assert suggest_document(document, rules) == anchored
    assert len(anchored) > 40
