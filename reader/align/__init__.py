"""Alignment: relations between documents and paragraph alignment of two documents.

Pure core (never imports Textual). The public API:
- `find_relations(documents) -> list[Relation]` (duplicate / translation / same-event);
- `align_paragraphs(a, b, *, links=()) -> Alignment` (`.pairs`, `.beads`, `.partner()`).
"""

from reader.align.paragraphs import Alignment, Bead, align_paragraphs
from reader.align.relations import Relation, find_relations, relate

__all__ = ["Alignment", "Bead", "Relation", "align_paragraphs", "find_relations", "relate"]
