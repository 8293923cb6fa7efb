"""The document model: canonical text, paragraphs, content hash, language and direction."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reader.core.direction import Direction, first_strong_direction, resolve_direction
from reader.core.language import detect_language


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-empty line of a document (UAX #9 treats each line as a paragraph).

    `start`/`end` are code-point offsets into the document's canonical text; the
    paragraph's own text is `document.text[start:end]` (the line without its newline).
    """

    index: int
    start: int
    end: int
    text: str
    direction_override: Direction | None = None

    @property
    def direction(self) -> Direction:
        return resolve_direction(self.text, self.direction_override)

    @property
    def lang(self) -> str:
        return detect_language(self.text)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Every line with a non-space character is a paragraph; blank lines only separate."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(len(paragraphs), offset, offset + len(line), line))
        offset += len(line) + 1
    return paragraphs


@dataclass(eq=False)
class Document:
    """One article. `text` is canonical (see reader.core.decoding); offsets index it.

    `meta` keeps what the source said about the document (a catalog entry, the other
    fields of a JSONL record): "title", "lang" and "direction" there win over detection.
    A web page's attributes are only hints (reader.core.sources.page): "lang_hint" answers
    when detection cannot, "dir_hint" gives the direction of paragraphs without a strong
    character.
    """

    id: str
    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"

    @cached_property
    def sha256(self) -> str:
        import hashlib  # `reader render` never asks for it

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        override = self.meta.get("direction")
        paragraphs = split_paragraphs(self.text)
        if override in ("ltr", "rtl"):
            paragraphs = [Paragraph(p.index, p.start, p.end, p.text, override) for p in paragraphs]
        elif (hint := self.meta.get("dir_hint")) in ("ltr", "rtl"):
            paragraphs = [p if first_strong_direction(p.text) else Paragraph(p.index, p.start, p.end, p.text, hint)
                          for p in paragraphs]
        return paragraphs

    @cached_property
    def lang(self) -> str:
        return self._language(detect_language)

    def learn_language(self, detect: Callable[[str], str]) -> str:
        """`lang`, found by ``detect`` (text -> ISO 639-1 code; e.g. language.
        detect_language_apart, in another process) when it is not known yet."""
        if "lang" not in self.__dict__:  # a cached_property keeps its value there
            self.__dict__["lang"] = self._language(detect)
        return self.lang

    def _language(self, detect: Callable[[str], str]) -> str:
        known = self.meta.get("lang")
        if isinstance(known, str) and known:
            return known
        detected = detect(self.text[:4000])
        hint = self.meta.get("lang_hint")
        return hint if detected == "und" and isinstance(hint, str) and hint.isalpha() else detected

    @cached_property
    def direction(self) -> Direction:
        override = self.meta.get("direction")
        if override not in ("ltr", "rtl"):
            override = None if first_strong_direction(self.text) else self.meta.get("dir_hint")
        return resolve_direction(self.text, override if override in ("ltr", "rtl") else None)

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        if isinstance(title, str) and title.strip():
            return title.strip()
        first = next((p.text.strip() for p in self.paragraphs), self.id)
        return first if len(first) <= 80 else first[:79] + "…"

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing code-point `offset` (its end counts), or None
        for an offset on a blank line."""
        paragraphs = self.paragraphs
        i = bisect_right(self._paragraph_starts, offset) - 1
        if i >= 0 and offset <= paragraphs[i].end:
            return paragraphs[i]
        return None
