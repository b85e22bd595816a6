"""An xlsx file → the raw cell texts of each known sheet, by column key (structure checked).

Sheets and columns are found by their Dutch or English titles, so a workbook re-saved by
another program (extra sheets, styles, reordered columns) still reads; a missing or renamed
sheet or column is an input error naming it (exit 2).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

from werkagenda.sheets.errors import WorkbookError
from werkagenda.sheets.mapping import META, OTHER, OTHER_COLUMNS, PREFIXES, SHEETS, Column

RawRow = tuple[int, dict[str, str]]  # (row number in the sheet, text by column key)


@dataclass
class RawSheet:
    title: str  # as named in the workbook
    headers: dict[str, str]  # column key → header text in the workbook
    rows: list[RawRow] = field(default_factory=list)


@dataclass
class RawWorkbook:
    name: str
    meta: dict[str, str]
    prefixes: list[tuple[str, str, list[str]]]
    sheets: dict[str, RawSheet]  # by sheet key; 'overig' included


def read_workbook(path: Path) -> RawWorkbook:
    """Read with python-calamine (fast, and a second reader besides openpyxl's writer)."""
    wb = _open(path)
    titles = list(wb.sheet_names)
    meta = dict(_pairs(_values(wb, _find(titles, META, path))))
    prefixes = _prefixes(_values(wb, _find(titles, PREFIXES, path)))
    sheets = {}
    for key, nl, en, columns in [
        *((s.key, s.nl, s.en, s.all_columns) for s in SHEETS),
        (*OTHER, OTHER_COLUMNS),
    ]:
        title = _find(titles, (key, nl, en), path)
        sheets[key] = _sheet(_values(wb, title), title, columns)
    return RawWorkbook(path.name, meta, prefixes, sheets)


def read_meta(path: Path) -> dict[str, str]:
    """Only the 'Werkmap' sheet (agenda key, language): what a batch needs before the work."""
    wb = _open(path)
    return dict(_pairs(_values(wb, _find(list(wb.sheet_names), META, path))))


def _open(path: Path) -> Any:
    if not path.is_file():
        raise WorkbookError(f"{path}: no such file")
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, PasswordError, XmlError, ZipError, OSError, ValueError) as e:
        raise WorkbookError(f"{path}: not a workbook ({type(e).__name__}: {e})") from None


def _values(wb: Any, title: str) -> list[list[object]]:
    try:
        return list(wb.get_sheet_by_name(title).to_python(skip_empty_area=False))
    except (CalamineError, XmlError, ZipError, ValueError) as e:
        raise WorkbookError(f"sheet '{title}' cannot be read ({type(e).__name__}: {e})") from None


def _find(titles: list[str], names: tuple[str, str, str], path: Path) -> str:
    for title in titles:
        if title.strip().casefold() in (names[1].casefold(), names[2].casefold()):
            return title
    known = {n.casefold() for s in SHEETS for n in (s.nl, s.en)}
    known |= {n.casefold() for t in (META, OTHER, PREFIXES) for n in t[1:]}
    unknown = [t for t in titles if t.strip().casefold() not in known]
    near = difflib.get_close_matches(names[1], unknown, n=1, cutoff=0.5)
    hint = f"; was it renamed to '{near[0]}'?" if near else ""
    raise WorkbookError(f"{path.name}: sheet '{names[1]}' is missing{hint}")


def _pairs(rows: list[list[object]]) -> list[tuple[str, str]]:
    return [(text(r[0]), text(r[1])) for r in rows if len(r) >= 2]


def _prefixes(rows: list[list[object]]) -> list[tuple[str, str, list[str]]]:
    out = []
    for r in rows[1:]:
        cells = [text(v) for v in (*r, None, None, None)[:3]]
        if cells[0] and cells[1]:
            out.append((cells[0], cells[1], [f.strip() for f in cells[2].split(",") if f.strip()]))
    return out


def _sheet(values: list[list[object]], title: str, columns: tuple[Column, ...]) -> RawSheet:
    rows = iter(values)
    header = [text(v).strip() for v in next(rows, [])]
    position: dict[str, int] = {}
    for col in columns:
        for i, h in enumerate(header):
            if h.casefold() in (col.nl.casefold(), col.en.casefold()):
                position[col.key] = i
                break
        else:
            if col.kind != "check":
                raise WorkbookError(f"sheet '{title}', row 1: column '{col.nl}' is missing")
    raw = RawSheet(title, {k: header[i] for k, i in position.items()})
    for number, line in enumerate(rows, start=2):
        cells = {k: text(line[i]) if i < len(line) else "" for k, i in position.items()}
        if any(cells.values()):
            raw.rows.append((number, cells))
    return raw


def text(value: object) -> str:
    """A cell's value as the text it shows (numbers and dates typed by a person included)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
