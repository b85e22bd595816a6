"""Checks across rows: one identifier per row, goal letters that exist in their theme."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.sheets.codec import Context
from werkagenda.sheets.errors import Problem
from werkagenda.sheets.ingest import ImportedRow
from werkagenda.sheets.reader import RawWorkbook

WA = PREFIXES["wa"]
RDF_TYPE = PREFIXES["rdf"] + "type"


def duplicates(rows: list[ImportedRow], raw: RawWorkbook, ctx: Context) -> list[Problem]:
    """Two rows (in any sheets but 'Overig') with the same identifier."""
    seen: dict[ox.NamedNode | ox.BlankNode, ImportedRow] = {}
    problems = []
    other = raw.sheets["overig"].title
    for row in rows:
        if row.sheet == other:
            continue
        first = seen.setdefault(row.subject, row)
        if first is row:
            continue
        shown = (
            ctx.curies.compact(row.subject.value)
            if isinstance(row.subject, ox.NamedNode)
            else "(blank node)"
        )
        header = _id_header(raw, row.sheet)
        problems.append(
            Problem(
                row.sheet,
                row.number,
                header,
                shown,
                f"duplicate identifier: also in sheet '{first.sheet}', row {first.number}",
            )
        )
    return problems


def _id_header(raw: RawWorkbook, title: str) -> str:
    for sheet in raw.sheets.values():
        if sheet.title == title:
            return sheet.headers.get("id", "ID")
    return "ID"


def goal_letters(rows: list[ImportedRow], raw: RawWorkbook, ctx: Context) -> list[Problem]:
    """Every goal reference's letter is the letter of an operational goal of its theme."""
    letters: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        facts = _facts(row)
        if WA + "OperationeelDoel" in facts.get(RDF_TYPE, []):
            for theme in facts.get(WA + "binnenOpgave", []):
                letters[theme] |= set(facts.get(WA + "letter", []))
    problems = []
    for row in rows:
        facts = _facts(row)
        if WA + "DoelVerwijzing" not in facts.get(RDF_TYPE, []):
            continue
        sheet = raw.sheets["doelverwijzingen"]
        for theme in facts.get(WA + "binnenOpgave", []):
            for letter in facts.get(WA + "letter", []):
                if letter not in letters[theme]:
                    known = ", ".join(sorted(letters[theme])) or "none"
                    problems.append(
                        Problem(
                            row.sheet,
                            row.number,
                            sheet.headers.get("letter", "Letter"),
                            letter,
                            f"theme {ctx.curies.compact(theme)} has no goal with this letter "
                            f"(its letters: {known})",
                        )
                    )
    return problems


def _facts(row: ImportedRow) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for t in row.triples:
        if t.subject == row.subject and not isinstance(t.object, ox.Triple):
            out[t.predicate.value].append(str(t.object.value))
    return out
