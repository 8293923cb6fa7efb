"""Code-point offsets (ours, Python's) to and from UTF-16 code units (JavaScript's).

Characters outside the Basic Multilingual Plane (emoji, mathematical letters such as
U+1D400 𝐀) are one code point but two UTF-16 units; every other character is one of each.
"""

from __future__ import annotations

from bisect import bisect_right


class Utf16Offsets:
    """Converts offsets for one text; O(log n) per conversion after an O(n) scan."""

    def __init__(self, text: str):
        self.text = text
        #: code-point positions of the astral characters, ascending
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self.utf16_length = len(text) + len(self.astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code-point `offset` (0 <= offset <= len(text))."""
        return offset + bisect_right(self.astral, offset - 1)

    def to_code_points(self, unit: int) -> int | None:
        """The code-point offset of UTF-16 offset `unit`, or None when `unit` is out of
        range or falls between the two halves of a surrogate pair."""
        if not 0 <= unit <= self.utf16_length:
            return None
        # Count the astral characters whose UTF-16 position (astral[k] + k) is before `unit`.
        lo, hi = 0, len(self.astral)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.astral[mid] + mid < unit:
                lo = mid + 1
            else:
                hi = mid
        offset = unit - lo
        return offset if self.to_utf16(offset) == unit else None
