"""Workbook problems: each names sheet, row, column and value (library code never prints)."""

from __future__ import annotations

from dataclasses import dataclass

from werkagenda.errors import InputError, NonConformantError

MAX_SHOWN = 30


@dataclass(frozen=True)
class Problem:
    """One bad cell: where it is and what is wrong with its value."""

    sheet: str
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 60 else self.value[:57] + "…"
        return (
            f"sheet '{self.sheet}', row {self.row}, column '{self.column}', "
            f"value '{value}': {self.message}"
        )


class WorkbookError(InputError):
    """The file is not a workbook of this shape: not xlsx, a sheet or column missing (exit 2)."""


class SheetDataError(NonConformantError):
    """Cells whose values the agenda cannot take (exit 1); nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [str(p) for p in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(f"… and {len(problems) - MAX_SHOWN} more")
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{len(problems)} {noun} in the workbook:\n  " + "\n  ".join(lines))
