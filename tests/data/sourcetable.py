"""An independent reading of the werkagenda's inspanning tables, straight from the source text.

The tests compare the curated RDF against this reading, so a cell the curators dropped shows up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Line ranges (1-based, inclusive) of each theme's inspanning tables in the source text.
TABLE_RANGES = {
    "VOW": (177, 201),
    "AM": (306, 313),
    "MG": (438, 454),
    "GL": (548, 562),
    "ZT": (649, 654),
    "KI": (695, 701),
}
COLUMNS = (
    "inspanning",
    "initiatiefnemer",
    "betrokkenPartijen",
    "middelen",
    "planning",
    "randvoorwaarden",
    "schaal",
)
NUMBER = re.compile(r"^(?:<p>)?\s*(\d+(?:\.\d+)?)\.?\s")


@dataclass
class Row:
    theme: str
    number: str
    lines: list[int] = field(default_factory=list)
    cells: dict[str, list[str]] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return f"{self.theme}-{self.number}"


def read_tables(lines: list[str]) -> list[Row]:
    """Rows of all inspanning tables; continuation rows (empty first cell) join the row above."""
    rows: list[Row] = []
    for theme, (start, end) in TABLE_RANGES.items():
        current: Row | None = None
        for n in range(start, end + 1):
            text = lines[n - 1]
            if "\t" not in text or text.startswith("Inspanning\t"):
                continue
            cells = text.split("\t")
            first = cells[0].strip()
            if first:
                m = NUMBER.match(first)
                assert m, f"line {n}: table row without a number: {first[:40]!r}"
                current = Row(theme, m.group(1))
                rows.append(current)
            assert current is not None, f"line {n}: continuation row before any inspanning"
            current.lines.append(n)
            for name, cell in zip(COLUMNS, cells, strict=False):
                if cell.strip():
                    current.cells.setdefault(name, []).append(cell.strip())
    return rows


def normalise(text: str) -> str:
    """Lower case, no HTML tags or footnote marks, whitespace folded (for containment checks)."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\^\{[^}]*\}|[¹²³]", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()
