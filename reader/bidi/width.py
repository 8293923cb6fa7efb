"""Cell widths, measured exactly as Rich (and so Textual) will measure the output.

The TUI draws our lines through Rich, so any disagreement would shift every cell
after it. We therefore ask Rich itself, per *cluster* (a base character followed by
its zero-width marks, e.g. a letter and its harakat, or an emoji and VS16), never per
code point of the source: harakat, other combining marks = 0, presentation forms and
placeholders = 1, wide CJK = 2. Hidden characters (ZWJ/ZWNJ, bidi controls) are never
in the output, so they never reach Rich's measurement.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len


@lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    """Cells taken by one code point on its own (0 for combining marks)."""
    return cell_len(ch)


@lru_cache(maxsize=65536)
def cluster_width(glyphs: str) -> int:
    """Cells taken by a cluster's glyphs (base then marks), as Rich measures them."""
    return cell_len(glyphs)
