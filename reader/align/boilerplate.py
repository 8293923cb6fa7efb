"""Paragraphs that a translation need not carry: navigation links, titles, captions.

News pages copied from the web keep "Previous Post Next Post", "Read also" links and the
headline (sometimes twice). The aligner lets these go unaligned cheaply and never merges
them into a body paragraph; this module only says which paragraphs look like that.
"""

from __future__ import annotations

import re
from enum import Enum

# Navigation and sharing lines of news sites, in the languages of the field.
_NAVIGATION = re.compile(
    r"^\W*(?:previous post|next post|read (?:also|more)|see also|related|share|advertisement|"
    r"credit|leggi anche|articolo precedente|articolo successivo|"
    r"اقرأ أيض[اًا]?|اقرأ المزيد|المقال السابق|المقال التالي|شارك|"
    r"همچنین بخوانید|بیشتر بخوانید|بخوانید|مطلب قبلی|مطلب بعدی|"
    r"קרא(?:ו)? (?:עוד|גם)|הכתבה הקודמת|הכתבה הבאה|"
    r"یہ بھی پڑھیں|مزید پڑھیں)",
    re.IGNORECASE,
)
# Sentence-final punctuation in the scripts we read (Latin, Arabic, Urdu, Devanagari, CJK).
_SENTENCE_END = re.compile(r"[.!?؟۔।。…:»”\"')\]]\s*$")

#: A line without final punctuation and shorter than this reads as a headline or caption.
TITLE_MAX_CHARS = 120
#: A navigation line is short; a long paragraph starting "Related" is body text.
NAVIGATION_MAX_CHARS = 80


class Boilerplate(Enum):
    """How a paragraph looks: body text, a headline/caption, or a navigation line."""

    BODY = "body"
    TITLE = "title"
    NAVIGATION = "navigation"


def classify(texts: list[str]) -> list[Boilerplate]:
    """The kind of each paragraph of one document (texts in document order).

    A line repeated within the document (a headline printed twice) is a title.
    """
    seen: dict[str, int] = {}
    for text in texts:
        key = " ".join(text.split()).casefold()
        seen[key] = seen.get(key, 0) + 1
    kinds = []
    for text in texts:
        stripped = text.strip()
        key = " ".join(stripped.split()).casefold()
        if len(stripped) <= NAVIGATION_MAX_CHARS and _NAVIGATION.match(stripped):
            kinds.append(Boilerplate.NAVIGATION)
        elif seen[key] > 1 or (len(stripped) < TITLE_MAX_CHARS and not _SENTENCE_END.search(stripped)):
            kinds.append(Boilerplate.TITLE)
        else:
            kinds.append(Boilerplate.BODY)
    return kinds



def dimmed(texts: list[str]) -> list[bool]:
    """Which paragraphs of one document to show dimmed as left-overs of scraping: the
    navigation and sharing lines, and a short headline-like line repeating an earlier one
    (the doubled title). Headlines themselves and repeated body paragraphs are text.
    Nothing is removed: offsets into the text stay what they were. Long paragraphs cost
    only a length test (a pane asks this of a whole document when it opens)."""
    seen: set[str] = set()
    flags = []
    for text in texts:
        if len(text) > 2 * TITLE_MAX_CHARS:
            flags.append(False)
            continue
        stripped = text.strip()
        if len(stripped) <= NAVIGATION_MAX_CHARS and _NAVIGATION.match(stripped):
            flags.append(True)
            continue
        key = " ".join(stripped.split()).casefold()
        flags.append(key in seen and len(stripped) < TITLE_MAX_CHARS and not _SENTENCE_END.search(stripped))
        seen.add(key)
    return flags
