"""Query results as one typed value: columns and rows of RDF terms, or triples, or a boolean."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
LIST_SEPARATOR = "; "

Cell = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None


@dataclass
class Result:
    """What a query returned. SELECT fills `columns`/`rows`; CONSTRUCT `triples`; ASK `boolean`."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    triples: list[ox.Triple] | None = None
    boolean: bool | None = None
    list_columns: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        if self.triples is not None:
            return "graph"
        return "boolean" if self.boolean is not None else "table"

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of plain Python values, keys in column order.

        IRIs and blank nodes become strings, numbers int/Decimal/float, booleans bool,
        other literals their lexical form, unbound None, list columns sorted lists of str.
        """
        if self.triples is not None:
            return [
                {
                    "subject": python_value(t.subject),
                    "predicate": python_value(t.predicate),
                    "object": python_value(t.object),
                }
                for t in self.triples
            ]
        if self.boolean is not None:
            return [{"boolean": self.boolean}]
        out = []
        for row in self.rows:
            record: dict[str, object] = {}
            for name, cell in zip(self.columns, row, strict=True):
                if name in self.list_columns:
                    record[name] = split_list(cell)
                else:
                    record[name] = python_value(cell)
            out.append(record)
        return out


def python_value(term: Cell) -> object:
    """One RDF term as a plain Python value (see `Result.records`)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Triple):
        return str(term)
    datatype = term.datatype.value
    try:
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype == XSD + "decimal":
            return Decimal(term.value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(term.value)
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
    except (ValueError, InvalidOperation):
        pass
    return term.value


def text_value(term: Cell) -> str:
    """One term as display text: IRI, lexical form, '' when unbound."""
    value = python_value(term)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def split_list(cell: Cell) -> list[str]:
    """A '; '-joined list cell as a sorted list of distinct items (empty cell: [])."""
    if cell is None or not text_value(cell):
        return []
    items = text_value(cell).split(LIST_SEPARATOR)
    return sorted({item.strip() for item in items if item.strip()})


def normalise_list(cell: Cell) -> Cell:
    """A list cell rewritten with its items sorted, so output never depends on the store."""
    if cell is None:
        return None
    return ox.Literal(LIST_SEPARATOR.join(split_list(cell)))
