"""Paragraph alignment: the seed articles and pairs written here in Persian, Hebrew, English."""

from __future__ import annotations

import pytest

from reader.align.anchors import anchor_positions, anchors, normalize_digits
from reader.align.boilerplate import Boilerplate, classify
from reader.align.paragraphs import align_paragraphs
from reader.core.document import Document
from reader.core.loading import load_documents

from conftest import SEEDS


def seed(prefix: str) -> Document:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return load_documents([path]).documents[0]


def doc(doc_id: str, lang: str, paragraphs: list[str]) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "\n\n".join(paragraphs), {"lang": lang})


# --- anchors and boilerplate -------------------------------------------------------------

def test_digits_of_every_script_become_the_same_number():
    assert normalize_digits("٢٠٢١ ۱۴۰۰ 2011") == "2021 1400 2011"
    found = [anchor for anchor, _ in anchor_positions("سال ۱٬۴۰۰ و ٣٫٥ و 1,400")]
    assert found == ["#1400", "#35", "#1400"]


def test_latin_words_inside_arabic_are_names_but_only_capitalised_ones_in_english():
    assert anchors("وقالت روسكوزموس Roscosmos في بيان عن ILRS") == {"roscosmos", "ilrs"}
    found = anchors("Roscosmos said the station is planned for 2030.")
    assert found == {"roscosmos", "#2030"}


def test_an_elided_article_does_not_hide_the_name_after_it():
    assert anchors("la costruzione dell'ILRS con l'ESA") == {"ilrs", "esa"}


def test_quoted_strings_are_anchors():
    assert "“gateway project”" in anchors('NASA\'s "Gateway Project" station')


def test_navigation_lines_and_repeated_headlines_are_boilerplate():
    kinds = classify([
        "Headline of the day",
        "Headline of the day",
        "A body paragraph that ends like a sentence.",
        "Previous Post Next Post",
        "همچنین بخوانید: قیمت بلیت مترو",
    ])
    assert kinds == [Boilerplate.TITLE, Boilerplate.TITLE, Boilerplate.BODY,
                     Boilerplate.NAVIGATION, Boilerplate.NAVIGATION]


# --- the seeds ---------------------------------------------------------------------------

def test_seed_translation_aligns_paragraph_by_paragraph_leaving_titles_and_navigation_out():
    arabic, english = seed("000"), seed("004")
    # Read from the files: 000 has 18 paragraphs and no headline. 004 (its English
    # translation) starts with the headline printed twice (paragraphs 0 and 1), then
    # translates 000's paragraphs one for one (000 ¶0 "وقعت روسيا والصين…ILRS" = 004 ¶2
    # "…signed an agreement…(ILRS)"; 000 ¶17 "وقال المركز الصيني…" = 004 ¶19 "The Chinese
    # Space Research Center said…"), and ends with "Previous Post Next Post" (¶20).
    assert len(arabic.paragraphs) == 18 and len(english.paragraphs) == 21
    expected = [(i, i + 2) for i in range(18)]
    alignment = align_paragraphs(arabic, english)
    assert alignment.pairs == expected
    assert alignment.unaligned_a == []
    assert alignment.unaligned_b == [0, 1, 20]
    assert alignment.partner("a", 5) == [7]
    assert alignment.partner("b", 20) == []


def test_seed_alignment_is_the_same_read_from_either_side():
    forward = align_paragraphs(seed("000"), seed("004")).pairs
    backward = align_paragraphs(seed("004"), seed("000")).pairs
    assert backward == sorted((j, i) for i, j in forward)


def test_rewrapped_seed_maps_every_paragraph_into_one_body_paragraph():
    # 001 is 000 with its line breaks removed: ¶0 is the headline (absent from 000), ¶1 the
    # whole article. So all 18 paragraphs of 000 go into one many-to-one bead with ¶1.
    original, rewrapped = seed("000"), seed("001")
    assert len(rewrapped.paragraphs) == 2
    alignment = align_paragraphs(original, rewrapped)
    assert alignment.pairs == [(i, 1) for i in range(18)]
    assert [(bead.a, bead.b) for bead in alignment.beads] == [(tuple(range(18)), (1,))]
    assert alignment.unaligned_b == [0]
    assert alignment.partner("b", 1) == list(range(18))
    assert alignment.partner("a", 3) == [1]


# --- pairs written for these tests -------------------------------------------------------

PERSIAN = [
    # ¶0 = English ¶1 + ¶2 (the translator merged them)
    "مترو تهران روز شنبه ۲۱ اسفند ۱۴۰۰ خط ۱۰ را پس از هشت سال ساخت افتتاح کرد. "
    "این خط ۴۳ کیلومتر طول و ۳۵ ایستگاه دارد و کن را در غرب به پردیس در شرق وصل می‌کند.",
    # ¶1 + ¶2 = English ¶3 (split in two)
    "علیرضا زاکانی، شهردار تهران، گفت این خط روزانه ۴۰۰ هزار مسافر را جابه‌جا خواهد کرد.",
    "به گفته او، هزینه ساخت خط ۱۰ حدود ۲۵ هزار میلیارد تومان بوده است.",
    # ¶3 = English ¶4
    "قطارهای این خط ساخت شرکت CRRC چین هستند و با سرعت ۸۰ کیلومتر در ساعت حرکت می‌کنند.",
    # ¶4: a "read also" link the English page does not have
    "همچنین بخوانید: قیمت بلیت مترو از فروردین افزایش می‌یابد",
    # ¶5 = English ¶5
    "خط ۱۱ مترو نیز قرار است تا سال ۱۴۰۳ به بهره‌برداری برسد.",
]
ENGLISH = [
    "Tehran Metro opens Line 10",  # headline, not in the Persian text
    "The Tehran Metro opened Line 10 on Saturday, 12 March 2022, after eight years of construction.",
    "The line is 43 kilometres long with 35 stations, linking Kan in the west to Pardis in the east.",
    "Mayor Alireza Zakani said the line would carry 400,000 passengers a day, "
    "and that building Line 10 had cost about 25,000 billion tomans.",
    "The trains, built by China's CRRC, run at 80 kilometres per hour.",
    "Line 11 is due to open by 2024.",
    "Previous Post Next Post",
]


def test_persian_english_pair_with_merged_split_and_boilerplate_paragraphs():
    alignment = align_paragraphs(doc("fa", "fa", PERSIAN), doc("en", "en", ENGLISH))
    assert alignment.pairs == [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (5, 5)]
    assert alignment.unaligned_a == [4]
    assert alignment.unaligned_b == [0, 6]
    assert alignment.partner("a", 0) == [1, 2]  # one-to-many
    assert alignment.partner("b", 3) == [1, 2]  # many-to-one
    assert sorted(len(bead.a) + len(bead.b) for bead in alignment.beads) == [2, 2, 3, 3]


HEBREW = [
    "הכנסת אישרה ביום שני את תקציב 2024 ברוב של 62 חברי כנסת מול 55.",
    "שר האוצר בצלאל סמוטריץ' אמר כי התקציב יעמוד על 582 מיליארד שקל.",
    "קראו גם: מחירי הדלק יעלו בחודש הבא",
    "האופוזיציה בראשות יאיר לפיד הודיעה כי תעתור לבג\"ץ נגד חוק ההסדרים.",
]
ENGLISH_FOR_HEBREW = [
    "Knesset passes 2024 budget",
    "The Knesset approved the 2024 budget on Monday by a majority of 62 to 55.",
    "Finance Minister Bezalel Smotrich said the budget would total 582 billion shekels.",
    "The opposition led by Yair Lapid said it would petition the High Court against the Arrangements Law.",
]


def test_hebrew_english_pair_leaves_headline_and_read_also_link_unaligned():
    alignment = align_paragraphs(doc("he", "he", HEBREW), doc("en", "en", ENGLISH_FOR_HEBREW))
    assert alignment.pairs == [(0, 1), (1, 2), (3, 3)]
    assert alignment.unaligned_a == [2]
    assert alignment.unaligned_b == [0]


def test_user_links_decide_what_lengths_leave_open():
    # Persian ¶1-3 are three paragraphs of equal length without anchors, English ¶1-2 two
    # of the same length: one Persian paragraph has no counterpart and lengths cannot tell
    # which. The anchored paragraphs around them fix the length ratio; the links decide.
    persian = [
        "در سال ۱۹۹۰ نخستین ایستگاه این خط با حضور مقام‌های شهری افتتاح شد.",
        "این بندی است درباره هوای امروز شهر که هیچ عدد یا نامی ندارد و فقط برای سنجش طول نوشته شده است.",
        "این بندی است درباره بازار امروز شهر که هیچ عدد یا نامی ندارد و فقط برای سنجش طول نوشته شده است.",
        "این بندی است درباره ورزش امروز شهر که هیچ عدد یا نامی ندارد و فقط برای سنجش طول نوشته شده است.",
        "در سال ۲۰۰۵ خط دوم با ۲۲ ایستگاه به بهره‌برداری رسید.",
        "در سال ۲۰۱۰ شمار مسافران روزانه به ۱۲۰۰ هزار نفر رسید.",
    ]
    english = [
        "In 1990 the first station of the line opened with city officials present.",
        "This paragraph is about the city's market today; it has no number or name and only measures length.",
        "This paragraph is about the city's sport today; it has no number or name and only measures length.",
        "In 2005 the second line opened with 22 stations.",
        "In 2010 daily ridership reached 1200 thousand people.",
    ]
    a, b = doc("fa", "fa", persian), doc("en", "en", english)
    first = align_paragraphs(a, b, links=[(2, 1), (3, 2)])
    assert first.pairs == [(0, 0), (2, 1), (3, 2), (4, 3), (5, 4)]
    assert first.unaligned_a == [1]
    second = align_paragraphs(a, b, links=[(1, 1), (2, 2)])
    assert second.pairs == [(0, 0), (1, 1), (2, 2), (4, 3), (5, 4)]
    assert second.unaligned_a == [3]


def test_partner_rejects_an_unknown_side():
    alignment = align_paragraphs(doc("x", "en", ["One."]), doc("y", "en", ["One."]))
    with pytest.raises(ValueError):
        alignment.partner("c", 0)


def test_empty_document_aligns_to_nothing():
    alignment = align_paragraphs(doc("x", "en", []), doc("y", "en", ["A paragraph."]))
    assert alignment.pairs == [] and alignment.unaligned_b == [0]
