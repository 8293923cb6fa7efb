"""Language identification (ISO 639-1) with lingua, whose models ship inside its wheel.

The detector is built once, on first use, for the languages of the field's users; lingua
loads each language model lazily, so a process that never asks pays nothing.
"""

from __future__ import annotations

from functools import lru_cache

UNDETERMINED = "und"

# The languages we tell apart. Few enough that short news paragraphs are not confused
# with rarely seen languages; lingua separates ar/fa/ur (one script) by letters and n-grams.
LANGUAGES = (
    "ARABIC", "PERSIAN", "URDU", "HEBREW", "ENGLISH", "ITALIAN", "FRENCH",
    "SPANISH", "GERMAN", "PORTUGUESE", "RUSSIAN", "TURKISH", "CHINESE",
)


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`, or "und" when there is nothing to judge by."""
    if not any(ch.isalpha() for ch in text):
        return UNDETERMINED
    found = _detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else UNDETERMINED
