"""What goes wrong in an import or an export, said so the user can find and fix it."""

from __future__ import annotations

from reader.core.problems import Problem
from reader.errors import ReaderError

#: at most this many problems are spelled out in one error message
SHOWN_PROBLEMS = 20

__all__ = ["SHOWN_PROBLEMS", "ExportError", "ImportRejected", "Problem", "ProblemList"]


class ImportRejected(ReaderError):
    """A file had bad records; nothing from it is imported."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:SHOWN_PROBLEMS])
        more = f"; and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
        files = sorted({p.file for p in problems})
        super().__init__(f"nothing imported from {', '.join(files)}: {shown}{more}")


class ExportError(ReaderError):
    """The annotations cannot be written faithfully (a span no longer matches its text)."""


class ProblemList(list[Problem]):
    """Problems gathered while reading one file; `raise_if_any` ends the import."""

    def add(self, file: str, reason: str, line: int | None = None) -> None:
        self.append(Problem(file, reason, line))

    def raise_if_any(self) -> None:
        if self:
            raise ImportRejected(list(self))
