"""Raw rows → triples per Turtle file (import). Problems are collected, never printed."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.sheets.codec import CellValueError, Context, Term, decode, reference
from werkagenda.sheets.errors import Problem
from werkagenda.sheets.layout import checksum
from werkagenda.sheets.mapping import OTHER_COLUMNS, Column, Sheet
from werkagenda.sheets.naming import local, mint
from werkagenda.sheets.reader import RawSheet

Subject = ox.NamedNode | ox.BlankNode


@dataclass
class ImportedRow:
    """A decoded row: its resource, file, triples, and whether a person changed it."""

    sheet: str  # sheet title in the workbook
    number: int
    subject: Subject
    file: str
    triples: list[ox.Triple]
    edited: bool
    new_actors: list[tuple[str, str]] = field(default_factory=list)  # (IRI, name)


@dataclass
class Ingest:
    ctx: Context
    key: str
    new_organisations: bool = False
    problems: list[Problem] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # IRIs of rows read so far
    files: dict[str, str] = field(default_factory=dict)  # IRI → file of its row

    def problem(self, raw: RawSheet, number: int, key: str, value: str, message: str) -> None:
        column = raw.headers.get(key, key)
        self.problems.append(Problem(raw.title, number, column, value, message))

    def rows(self, sheet: Sheet, raw: RawSheet) -> list[ImportedRow]:
        out = []
        for number, cells in raw.rows:
            row = self.row(sheet, raw, number, cells)
            if row is not None:
                out.append(row)
        return out

    def row(
        self, sheet: Sheet, raw: RawSheet, number: int, cells: dict[str, str]
    ) -> ImportedRow | None:
        values: dict[str, list[Term]] = {}
        new_actors: list[tuple[str, str]] = []
        for col in sheet.all_columns:
            if col.pred is None:
                continue
            values[col.key] = self.cell(raw, number, col, cells.get(col.key, ""), new_actors)
        subject = self.subject(sheet, raw, number, cells.get("id", "").strip(), values)
        if subject is None:
            return None
        triples = []
        for col in sheet.all_columns:
            pred = ox.NamedNode(self.ctx.curies.expand(col.pred) or "") if col.pred else None
            for value in values.get(col.key, []):
                if pred is None:
                    continue
                if col.inverse:
                    if not isinstance(value, ox.Literal):
                        triples.append(ox.Triple(value, pred, subject))
                else:
                    triples.append(ox.Triple(subject, pred, value))
        file = cells.get("file", "").strip() or self.default_file(sheet, values)
        texts = [cells.get(col.key, "") if col.kind != "check" else "" for col in sheet.all_columns]
        edited = checksum(texts) != cells.get("check", "").strip()
        if isinstance(subject, ox.NamedNode):
            self.files[subject.value] = file
        return ImportedRow(raw.title, number, subject, file, triples, edited, new_actors)

    def cell(
        self,
        raw: RawSheet,
        number: int,
        col: Column,
        text: str,
        new_actors: list[tuple[str, str]],
    ) -> list[Term]:
        lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        if not lines and col.required:
            self.problem(raw, number, col.key, "", "a value is required")
        out: list[Term] = []
        for line in lines:
            try:
                out.append(decode(line, col, self.ctx))
            except CellValueError as e:
                if col.kind == "actor" and self.new_organisations and "organisation" in str(e):
                    out.append(self.new_actor(line, new_actors))
                else:
                    self.problem(raw, number, col.key, line, str(e))
        return out

    def new_actor(self, name: str, new_actors: list[tuple[str, str]]) -> ox.NamedNode:
        iri = mint("actor", "organisaties", {"naam": ox.Literal(name)}, self.key, set()) or ""
        self.ctx.actors.add(iri, name)
        new_actors.append((iri, name))
        return ox.NamedNode(iri)

    def subject(
        self, sheet: Sheet, raw: RawSheet, number: int, text: str, values: dict[str, list[Term]]
    ) -> Subject | None:
        if sheet.blank:
            return self.ctx.blank(text) if text else ox.BlankNode()
        if text:
            try:
                return reference(text, self.ctx)
            except CellValueError as e:
                self.problem(raw, number, "id", text, str(e))
                return None
        first = {k: v[0] for k, v in values.items() if v}
        iri = mint(sheet.mint, sheet.key, first, self.key, self.taken)  # type: ignore[arg-type]
        if iri is None:
            self.problem(raw, number, "id", "", "a new row needs an ID here (no naming rule fits)")
            return None
        self.taken.add(iri)
        return ox.NamedNode(iri)

    def default_file(self, sheet: Sheet, values: dict[str, list[Term]]) -> str:
        if "{theme}" not in sheet.file:
            return sheet.file
        for key in ("opgave", "parent"):
            for value in values.get(key, []):
                if key == "parent" and value.value in self.files:
                    return self.files[str(value.value)]
                if key == "opgave":
                    return local(value).lower() + ".ttl"
        return "agenda.ttl"

    def other(self, raw: RawSheet) -> list[ImportedRow]:
        return [r for number, cells in raw.rows if (r := self.other_row(raw, number, cells))]

    def other_row(self, raw: RawSheet, number: int, cells: dict[str, str]) -> ImportedRow | None:
        ctx = self.ctx
        try:
            subject = reference(cells.get("id", "").strip(), ctx)
            pred = decode(cells.get("pred", "").strip(), OTHER_COLUMNS[1], ctx)
        except CellValueError as e:
            self.problem(raw, number, "id", cells.get("id", ""), str(e))
            return None
        obj = self.other_value(raw, number, cells)
        if obj is None:
            return None
        file = cells.get("file", "").strip() or "agenda.ttl"
        triple = ox.Triple(subject, pred, obj)  # type: ignore[arg-type]
        return ImportedRow(raw.title, number, subject, file, [triple], False)

    def other_value(self, raw: RawSheet, number: int, cells: dict[str, str]) -> Term | None:
        kind, value, tag = (cells.get(k, "") for k in ("vkind", "value", "lang"))
        kind, tag = kind.strip(), tag.strip()
        try:
            if kind == "iri":
                return reference(value.strip(), self.ctx)
            if kind == "blank":
                return self.ctx.blank(value.strip())
            if kind == "literal":
                if tag.startswith("@"):
                    return ox.Literal(value, language=tag[1:])
                datatype = self.ctx.curies.expand(tag) if tag else PREFIXES["xsd"] + "string"
                if datatype is None:
                    raise CellValueError(f"unknown datatype {tag!r}")
                return ox.Literal(value, datatype=ox.NamedNode(datatype))
        except (CellValueError, ValueError) as e:
            self.problem(raw, number, "value", value, str(e))
            return None
        self.problem(raw, number, "vkind", kind, "value kind must be iri, blank or literal")
        return None
