"""Agenda triples → rows of the sheets (export). Pure data: no spreadsheet library here.

Each triple lands in exactly one place: the inverse column of its object's row (a child
naming its parent), a column of its subject's row, or a row of the sheet 'Overig'.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.sheets.codec import XSD_STRING, Context, encode
from werkagenda.sheets.mapping import OTHER_COLUMNS, SHEETS, Column, Sheet
from werkagenda.sheets.source import AgendaFiles, Statement
from werkagenda.sheets.vocab import RDF_TYPE

Subject = ox.NamedNode | ox.BlankNode


@dataclass
class Row:
    """One row: its sheet, its resource, its file and the cell texts by column key."""

    sheet: Sheet | None  # None: the sheet 'Overig'
    subject: Subject
    file: str
    cells: dict[str, list[str]] = field(default_factory=dict)
    shown: list[str] = field(default_factory=list)  # the cell texts, once sealed

    def seal(self, columns: tuple[Column, ...]) -> None:
        """Fix the cell texts and the checksum cell."""
        self.shown = self.texts(columns)
        total = checksum(self.shown)
        self.shown = [
            total if col.kind == "check" else t for col, t in zip(columns, self.shown, strict=True)
        ]

    def put(self, key: str, text: str) -> None:
        self.cells.setdefault(key, []).append(text)

    def texts(self, columns: tuple[Column, ...]) -> list[str]:
        return [cell_text(self.cells.get(col.key, []), col) for col in columns]


@dataclass(frozen=True)
class _Index:
    """Per sheet: the columns of each predicate IRI, forward and inverse."""

    forward: dict[str, dict[str, list[Column]]]
    inverse: dict[str, dict[str, list[Column]]]

    @classmethod
    def of(cls, ctx: Context) -> _Index:
        forward: dict[str, dict[str, list[Column]]] = {}
        inverse: dict[str, dict[str, list[Column]]] = {}
        for sheet in SHEETS:
            fw, inv = forward.setdefault(sheet.key, {}), inverse.setdefault(sheet.key, {})
            for col in sheet.all_columns:
                iri = ctx.curies.expand(col.pred) if col.pred else None
                if iri is not None:
                    (inv if col.inverse else fw).setdefault(iri, []).append(col)
        return cls(forward, inverse)


def cell_text(values: list[str], column: Column) -> str:
    if column.kind == "check" or not values:
        return ""
    if len(values) == 1:
        return values[0]
    return "\n".join(sorted(set(values), key=natural))


def checksum(texts: list[str]) -> str:
    """A short hash of a row's cells: import compares it to see which rows were edited."""
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:12]


def natural(text: str) -> list[object]:
    return [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", text)]


def sheet_of(types: set[str], ctx: Context) -> Sheet | None:
    for sheet in SHEETS:
        if any(ctx.curies.expand(t) in types for t in sheet.types):
            return sheet
    return None


def layout(agenda: AgendaFiles, ctx: Context) -> tuple[dict[str, list[Row]], list[Row]]:
    """(rows by sheet key, rows of 'Overig'), sorted, with ID and checksum cells filled."""
    rows = _rows(agenda, ctx)
    _label_blanks(rows, agenda, ctx)
    other: list[Row] = []
    index = _Index.of(ctx)
    for file, triples in agenda.triples.items():
        for t in triples:
            if not _place(t, file, rows, ctx, index):
                other.append(_other_row(t, file, ctx))
    by_sheet: dict[str, list[Row]] = {s.key: [] for s in SHEETS}
    for row in rows.values():
        assert row.sheet is not None
        text = ctx.labels.get(row.subject) if isinstance(row.subject, ox.BlankNode) else None
        row.cells["id"] = [text or ctx.curies.compact(row.subject.value)]
        by_sheet[row.sheet.key].append(row)
    for key, sheet_rows in by_sheet.items():
        sheet = next(s for s in SHEETS if s.key == key)
        sheet_rows.sort(key=lambda r: natural(r.cells["id"][0]))
        for row in sheet_rows:
            row.seal(sheet.all_columns)
    for row in other:
        row.seal(OTHER_COLUMNS)
    other.sort(key=lambda r: [natural(x) for x in r.shown])
    return by_sheet, other


def _rows(agenda: AgendaFiles, ctx: Context) -> dict[Subject, Row]:
    types: dict[Subject, set[str]] = defaultdict(set)
    files: dict[Subject, str] = {}
    for file, triples in agenda.triples.items():
        for t in triples:
            if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
                types[t.subject].add(t.object.value)
                files.setdefault(t.subject, file)
    rows = {}
    for subject, ts in types.items():
        sheet = sheet_of(ts, ctx)
        if sheet is not None:
            rows[subject] = Row(sheet, subject, files[subject], {"file": [files[subject]]})
    return rows


def _label_blanks(rows: dict[Subject, Row], agenda: AgendaFiles, ctx: Context) -> None:
    """Blank nodes get workbook-local labels `_:1`, `_:2`, … in a content-derived order."""
    content: dict[ox.BlankNode, list[str]] = defaultdict(list)
    for file, triples in agenda.triples.items():
        for t in triples:
            for term, role in ((t.subject, "s"), (t.object, "o")):
                if isinstance(term, ox.BlankNode):
                    other = t.object if role == "s" else t.subject
                    shown = "_" if isinstance(other, ox.BlankNode) else str(other)
                    content[term].append(f"{file} {role} {t.predicate.value} {shown}")
    ordered = sorted(content, key=lambda b: sorted(content[b]))
    for n, node in enumerate(ordered, start=1):
        ctx.labels[node] = f"_:{n}"


def _place(t: Statement, file: str, rows: dict[Subject, Row], ctx: Context, index: _Index) -> bool:
    pred = t.predicate.value
    target = rows.get(t.object) if not isinstance(t.object, ox.Literal) else None
    if target is not None and target.file == file and target.sheet is not None:
        for col in index.inverse[target.sheet.key].get(pred, ()):
            text = encode(t.subject, col, ctx)
            if text is not None:
                target.put(col.key, text)
                return True
    row = rows.get(t.subject)
    if row is None or row.file != file or row.sheet is None:
        return False
    for col in index.forward[row.sheet.key].get(pred, ()):
        text = encode(t.object, col, ctx)
        if text is not None:
            row.put(col.key, text)
            return True
    return False


def _other_row(t: Statement, file: str, ctx: Context) -> Row:
    row = Row(None, t.subject, file, {"file": [file]})
    s = t.subject
    row.put("id", ctx.labels[s] if isinstance(s, ox.BlankNode) else ctx.curies.compact(s.value))
    row.put("pred", ctx.curies.compact(t.predicate.value))
    o = t.object
    if isinstance(o, ox.NamedNode):
        row.cells.update(value=[ctx.curies.compact(o.value)], vkind=["iri"])
    elif isinstance(o, ox.BlankNode):
        row.cells.update(value=[ctx.labels[o]], vkind=["blank"])
    else:
        row.cells.update(value=[o.value], vkind=["literal"])
        if o.language:
            row.put("lang", "@" + o.language)
        elif o.datatype.value != XSD_STRING:
            row.put("lang", ctx.curies.compact(o.datatype.value))
    return row
