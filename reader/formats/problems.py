"""What goes wrong in an import or an export, said so the user can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass

from reader.errors import ReaderError

#: at most this many problems are spelled out in one error message
SHOWN_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad record: where it is (file, and line when the format has lines) and why."""

    file: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


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


class ProblemList(list):
    """Problems gathered while reading one file; `raise_if_any` ends the import."""

    def add(self, file: str, reason: str, line: int | None = None) -> None:
        self.append(Problem(file, reason, line))

    def raise_if_any(self) -> None:
        if self:
            raise ImportRejected(list(self))
