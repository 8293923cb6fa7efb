"""Anchors: the pieces of a paragraph that survive translation.

Numbers (in any decimal digit system: Arabic-Indic ٠-٩ and Persian ۰-۹ become 0-9),
Latin-script names and acronyms (ILRS, Roscosmos, Zhang Kejian), and quoted strings keep
their form when an article is translated into Arabic, Persian, Hebrew or Italian, so two
paragraphs that share them are likely to say the same thing. Between documents in the same
language every word is such evidence, so `words` gives those too.
"""

from __future__ import annotations

import re
import unicodedata

# An elided article or preposition before a name (Italian/French dell'ILRS, l'ESA, d'Italia).
_ELISION = re.compile(r"^[A-Za-z]{1,5}['’](?=[A-Z])")
# A run of decimal digits (any script: `\d` is Unicode-aware) with group or decimal marks
# inside (1,000 / 1.000 / ١٬٠٠٠ / ۳٫۵).
_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
#: The pattern of a number, for scanners that tokenise text along the same lines.
NUMBER_PATTERN = _NUMBER.pattern
# A Latin-script word: basic Latin and the Latin-1 / Extended-A/B letters, with inner
# hyphens and apostrophes (Luna-Resurs, Chang'e).
_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN_WORD = re.compile(rf"[{_LATIN_LETTER}][{_LATIN_LETTER}0-9]*(?:['’\-][{_LATIN_LETTER}0-9]+)*")
_QUOTED = re.compile(r"«([^»]{3,80})»|“([^”]{3,80})”|\"([^\"]{3,80})\"|„([^“”]{3,80})[“”]")
# A word (letters of any script, an inner apostrophe) or a number.
_TOKEN = re.compile(_NUMBER.pattern + r"|[^\W\d_]+(?:['’][^\W\d_]+)?")


class _DigitTable(dict[int, str]):
    """A `str.translate` table filled on demand: a decimal digit of any script -> ASCII.

    Filling it lazily avoids scanning all of Unicode at import; `LookupError` tells
    `translate` to keep the character.
    """

    def __missing__(self, code: int) -> str:
        value = unicodedata.decimal(chr(code), None)
        if value is None:
            raise LookupError(code)
        digit = self[code] = str(value)
        return digit


_DIGITS = _DigitTable()


def normalize_digits(text: str) -> str:
    """`text` with every decimal digit (Arabic-Indic, Persian, Devanagari…) as ASCII 0-9."""
    if text.isascii():
        return text
    return text.translate(_DIGITS)


def _number_key(raw: str) -> str:
    digits = "".join(ch for ch in normalize_digits(raw) if ch.isdigit())
    return "#" + (digits.lstrip("0") or "0")


def number_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every run of digits (any script) with its inner group or decimal marks."""
    return [m.span() for m in _NUMBER.finditer(text)]


def latin_word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every Latin-script word of 2+ letters, an elided article cut off
    (dell'ILRS gives ILRS)."""
    found = []
    for m in _LATIN_WORD.finditer(text):
        start = m.start()
        elided = _ELISION.match(m.group())
        if elided:
            start += elided.end()
        if m.end() - start >= 2:
            found.append((start, m.end()))
    return found


def anchor_positions(text: str) -> list[tuple[str, int]]:
    """Every anchor occurrence in `text` as (anchor, code-point offset), in text order.

    Anchors are numbers (as `#` and ASCII digits, group and decimal marks dropped), Latin
    names and acronyms (casefolded) and quoted strings (casefolded, in “”). In Latin-script
    text only capitalised words are names (lower-case words are ordinary vocabulary); inside
    Arabic, Persian or Hebrew text every Latin word is a name or a term kept in its form.
    """
    found = [(_number_key(m.group()), m.start()) for m in _NUMBER.finditer(text)]
    latin = latin_word_spans(text)
    if latin:
        letters = sum(1 for ch in text if ch.isalpha())
        mostly_latin = sum(end - start for start, end in latin) * 2 > letters
        for start, end in latin:
            word = text[start:end]
            if not mostly_latin or any(ch.isupper() for ch in word):
                found.append((word.casefold(), start))
    for m in _QUOTED.finditer(text):
        inner = next(group for group in m.groups() if group is not None)
        found.append(("“" + " ".join(normalize_digits(inner).casefold().split()) + "”", m.start()))
    found.sort(key=lambda item: item[1])
    return found


def anchors(text: str) -> frozenset[str]:
    """The distinct anchors of `text` (see `anchor_positions`)."""
    return frozenset(anchor for anchor, _ in anchor_positions(text))


def words(text: str) -> list[str]:
    """The words of `text` in order, casefolded, digits normalised to ASCII numbers."""
    tokens = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            tokens.append(_number_key(token))
        else:
            tokens.append(token.casefold())
    return tokens
