"""Dates: month names of several calendars, weekdays (years are numbers: numbers.py).

Gregorian months in each language (and the Levantine آذار, نيسان…), Hijri months, the
Persian solar months and the Hebrew months are kept apart: a month is compared only with
months of its own calendar (converting needs the year, and a translator may convert).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from reader.annotate.compare.lexicon import Lexicon, Match, Token

_HIJRI = ("Muharram", "Safar", "Rabi' al-Awwal", "Rabi' al-Thani", "Jumada al-Ula", "Jumada al-Akhira",
          "Rajab", "Sha'ban", "Ramadan", "Shawwal", "Dhu al-Qi'da", "Dhu al-Hijja")
_SOLAR = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar",
          "Dey", "Bahman", "Esfand")
_HEBREW = ("Tishrei", "Heshvan", "Kislev", "Tevet", "Shevat", "Adar", "Nisan", "Iyar", "Sivan", "Tammuz",
           "Av", "Elul")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    kind: str      # "month" | "weekday"
    calendar: str  # "gregorian" | "hijri" | "solar" | "hebrew" ("" for a weekday)
    value: int

    @property
    def name(self) -> str:
        """The English name, for notes."""
        if self.kind == "weekday":
            return calendar.day_name[self.value - 1]
        if self.calendar == "gregorian":
            return calendar.month_name[self.value]
        names = {"hijri": _HIJRI, "solar": _SOLAR, "hebrew": _HEBREW}[self.calendar]
        return f"{names[self.value - 1]} ({self.calendar})"


def date_mentions(tokens: list[Token], lexicon: Lexicon, matches: list[Match | None] | None = None) -> list[DateMention]:
    scanned = matches if matches is not None else lexicon.scan(tokens)
    found = []
    i = 0
    while i < len(tokens):
        match = scanned[i]
        if match is None:
            i += 1
            continue
        entry = match.entry
        if entry.category == "weekday":
            found.append(DateMention(tokens[i].start, tokens[match.last].end, "weekday", "", int(entry.value)))
        elif entry.calendar:
            found.append(DateMention(tokens[i].start, tokens[match.last].end, "month", entry.calendar, int(entry.value)))
        i = match.last + 1
    return found
