"""What is wrong with an input, said so the user can find and fix it: `path[:line]: reason`.

One type for every layer: loading documents (reader.core.loading) and importing
annotation files (reader.formats) both report a `Problem`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad file or record: where it is (file, and line when the format has lines) and why."""

    file: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"
