"""Language identification tells apart one script's languages on news-length text."""

from __future__ import annotations

import pytest

from reader.core.language import detect_language

# Short paragraphs written for these tests, in the register of news reports.
PARAGRAPHS = {
    "ar": "أعلنت وكالة الفضاء الروسية أنها ستتعاون مع الصين في بناء محطة علمية على سطح القمر خلال السنوات المقبلة.",
    "fa": "سازمان فضایی روسیه اعلام کرد که با چین برای ساختن یک ایستگاه پژوهشی روی ماه همکاری می‌کند و این پروژه چند سال طول می‌کشد.",
    "ur": "روس کی خلائی ایجنسی نے اعلان کیا ہے کہ وہ چاند پر تحقیقی مرکز بنانے کے لیے چین کے ساتھ مل کر کام کرے گی۔",
    "he": "סוכנות החלל הרוסית הודיעה כי תשתף פעולה עם סין בהקמת תחנת מחקר על הירח בשנים הקרובות.",
    "en": "The Russian space agency said it would work with China to build a research station on the Moon in the coming years.",
    "it": "L'agenzia spaziale russa ha annunciato che collaborerà con la Cina alla costruzione di una stazione di ricerca sulla Luna.",
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_news_paragraph_language_is_detected(lang):
    assert detect_language(PARAGRAPHS[lang]) == lang


def test_text_without_letters_is_undetermined():
    assert detect_language("2021 — 123 (45%)") == "und"


def test_document_language_and_paragraph_language():
    from reader.core.document import Document

    doc = Document("d", "d.txt", PARAGRAPHS["fa"] + "\n" + PARAGRAPHS["en"])
    assert [p.lang for p in doc.paragraphs] == ["fa", "en"]
