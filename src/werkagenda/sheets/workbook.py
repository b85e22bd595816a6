"""Rows → an xlsx workbook a person recognises (openpyxl): Dutch or English headers, frozen
header row and ID column, widths, wrapped text, dropdowns fed by a hidden sheet of lists.

The ID of every exported row is locked: each table sheet is protected (no password: the
protection guards against slips, not people) with every cell unlocked except the header
row and the ID cells of the exported rows. Cells below the table, the ID column's included,
stay editable for new rows; sorting, filtering, formatting and inserting rows stay allowed.
A spreadsheet program refuses to delete a row that holds a locked cell: to delete a row,
unprotect the sheet first (Review → Unprotect sheet)."""

from __future__ import annotations

import io
import math
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from werkagenda.sheets.layout import Row
from werkagenda.sheets.mapping import (
    BOOLEANS,
    CODE_LISTS,
    LISTS,
    META,
    OTHER,
    OTHER_COLUMNS,
    PREFIXES,
    SHEETS,
    Column,
)
from werkagenda.sheets.vocab import Codes

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
ID_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
MAX_ROW_HEIGHT = 409.0  # the largest row height spreadsheet programs accept (points)
MAX_ROWS_VALIDATED = 5000  # dropdowns reach this far below the header (room for new rows)


@dataclass(frozen=True)
class Meta:
    """What the sheet 'Werkmap' records: which agenda, in which language, made by what."""

    agenda: str
    lang: str
    region: str
    edition: str


def render(
    by_sheet: dict[str, list[Row]],
    other: list[Row],
    codes: dict[str, Codes],
    prefix_rows: list[tuple[str, str, str]],
    meta: Meta,
) -> bytes:
    """The workbook as xlsx bytes."""
    wb = Workbook()
    for default in list(wb.worksheets):
        wb.remove(default)
    lang = meta.lang
    list_ranges = _lists(wb, codes, lang)
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.title(lang))
        _table(ws, sheet.all_columns, by_sheet.get(sheet.key, []), lang)
        _dropdowns(ws, sheet.all_columns, list_ranges, lang)
    ws = wb.create_sheet(OTHER[2] if lang == "en" else OTHER[1])
    _table(ws, OTHER_COLUMNS, other, lang)
    _prefix_sheet(wb, prefix_rows, lang)
    _meta_sheet(wb, meta)
    wb.move_sheet(list_ranges["_sheet"], offset=len(wb.sheetnames))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _table(ws: Worksheet, columns: tuple[Column, ...], rows: list[Row], lang: str) -> None:
    ws.append([col.header(lang) for col in columns])
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, WRAP
        ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.column_dimensions[get_column_letter(i)].protection = UNLOCKED  # new rows
        if col.kind == "check":
            ws.column_dimensions[get_column_letter(i)].hidden = True
    plain, marked = _styles(ws)
    for r, row in enumerate(rows, start=2):
        for i, text in enumerate(row.shown, start=1):
            if text == "":
                continue
            cell = ws.cell(row=r, column=i)
            cell.value = text
            cell.data_type = "s"  # never a formula or a number: '=…' and '2024' stay text
            _restyle(cell, marked if columns[i - 1].kind == "id" else plain)
        ws.row_dimensions[r].height = row_height(row.shown, columns)
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "B2"
    _protect(ws)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"


def _protect(ws: Worksheet) -> None:
    """Sheet protection on: only locked cells (header, exported IDs) refuse edits."""
    p = ws.protection
    p.sheet = True
    p.formatCells = p.formatColumns = p.formatRows = False  # False: allowed
    p.insertRows = p.sort = p.autoFilter = False


def row_height(texts: list[str], columns: tuple[Column, ...]) -> float:
    """Points for the tallest wrapped cell (spreadsheet programs do not all fit rows on open)."""
    lines = 1
    for text, col in zip(texts, columns, strict=True):
        if text and not columns_hidden(col):
            per_line = max(col.width * 0.95, 1)  # a little under one character per unit of width
            lines = max(
                lines, sum(math.ceil(max(len(part), 1) / per_line) for part in text.split("\n"))
            )
    return min(15.0 * lines + 2, MAX_ROW_HEIGHT)


def columns_hidden(col: Column) -> bool:
    return col.kind == "check"


def _styles(ws: Worksheet) -> tuple[StyleArray, StyleArray]:
    """Wrapped unlocked text, and locked wrapped text on grey for IDs; made once, copied."""
    probe: Any = Cell(ws, row=1, column=1)
    probe.alignment = WRAP
    probe.fill = ID_FILL
    marked = copy(probe._style)  # locked, as every cell is by default
    probe.fill = PatternFill()
    probe.protection = UNLOCKED
    return copy(probe._style), marked


def _restyle(cell: Any, style: StyleArray) -> None:
    """Give a cell a prepared style (openpyxl's own style array: no lookup per cell)."""
    cell._style = copy(style)


def _lists(wb: Workbook, codes: dict[str, Codes], lang: str) -> dict[str, Any]:
    ws = wb.create_sheet(LISTS[2] if lang == "en" else LISTS[1])
    ws.sheet_state = "hidden"
    ranges: dict[str, Any] = {"_sheet": ws}
    lists = [
        (k, CODE_LISTS[k].en if lang == "en" else CODE_LISTS[k].nl, sorted(codes[k].shown.values()))
        for k in CODE_LISTS
    ]
    lists.append(("_bool", "ja/nee" if lang == "nl" else "yes/no", list(BOOLEANS[lang])))
    for i, (key, title, values) in enumerate(lists, start=1):
        letter = get_column_letter(i)
        ws.cell(row=1, column=i, value=title).font = Font(bold=True)
        ws.column_dimensions[letter].width = 28
        for r, value in enumerate(values, start=2):
            ws.cell(row=r, column=i, value=value).data_type = "s"
        end = max(len(values) + 1, 2)
        ranges[key] = f"'{ws.title}'!${letter}$2:${letter}${end}"
    return ranges


def _dropdowns(
    ws: Worksheet, columns: tuple[Column, ...], ranges: dict[str, Any], lang: str
) -> None:
    for i, col in enumerate(columns, start=1):
        key = col.codes if col.kind == "code" else "_bool" if col.kind == "bool" else None
        if key is None:
            continue
        dv = DataValidation(type="list", formula1="=" + ranges[key], allow_blank=True)
        dv.errorStyle = "warning"  # a cell may hold several values, one per line
        dv.error = "Kies uit de lijst" if lang == "nl" else "Choose from the list"
        letter = get_column_letter(i)
        dv.add(f"{letter}2:{letter}{MAX_ROWS_VALIDATED}")
        ws.add_data_validation(dv)


def _prefix_sheet(wb: Workbook, rows: list[tuple[str, str, str]], lang: str) -> None:
    ws = wb.create_sheet(PREFIXES[2] if lang == "en" else PREFIXES[1])
    header = (
        ("Prefix", "Namespace", "Files") if lang == "en" else ("Prefix", "Naamruimte", "Bestanden")
    )
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    for i, width in enumerate((14, 70, 60), start=1):
        ws.cell(row=1, column=i).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def _meta_sheet(wb: Workbook, meta: Meta) -> None:
    ws = wb.create_sheet(META[2] if meta.lang == "en" else META[1])
    ws.sheet_state = "hidden"
    for key, value in (
        ("agenda", meta.agenda),
        ("lang", meta.lang),
        ("region", meta.region),
        ("edition", meta.edition),
        ("format", "werkagenda-sheets/1"),
    ):
        ws.append([key, value])
        ws.cell(row=ws.max_row, column=2).data_type = "s"
