"""Render a Result: an 80-column table for people; csv, tsv, json, jsonld, ttl for machines.

Machine formats are clean (no colour, no padding) and keep the declared column order.
- csv: RFC 4180 with a header row; values are IRIs / lexical forms, unbound is empty.
- tsv: the same, tab-separated; tabs and newlines inside a value become spaces.
- json: an array of objects, keys in column order; list columns are arrays (sorted).
- ttl / jsonld: CONSTRUCT results as they are. A SELECT result is mapped onto the W3C
  result-set vocabulary (http://www.w3.org/2001/sw/DataAccess/tests/result-set#):
  one rs:ResultSet with rs:resultVariable per column and one rs:solution per row
  (rs:index n, rs:binding [ rs:variable "col" ; rs:value term ]), unbound cells omitted.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from decimal import Decimal

import pyoxigraph as ox

from werkagenda.errors import InputError
from werkagenda.query.results import Result, text_value
from werkagenda.rdf import curies

FORMATS = ("table", "csv", "tsv", "json", "jsonld", "ttl")
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def render(result: Result, fmt: str = "table", *, width: int = 80) -> str:
    """The result in format `fmt` (one of FORMATS), ending in a newline."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("ttl", "jsonld"):
        return serialise_graph(result, fmt)
    if result.kind == "graph":
        if fmt == "table":
            columns = ["subject", "predicate", "object"]
            rows = [
                [compact(t.subject), compact(t.predicate), compact(t.object)]
                for t in result.triples or []
            ]
            return table(columns, rows, width=width)
        raise InputError(f"a CONSTRUCT result is a graph: use --format ttl or jsonld, not {fmt}")
    if result.kind == "boolean":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2, default=_json) + "\n"
    if fmt in ("csv", "tsv"):
        return delimited(result, "\t" if fmt == "tsv" else ",")
    rows = [[compact(cell) for cell in row] for row in result.rows]
    return table(result.columns, rows, width=width)


def delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        cells = [text_value(cell) for cell in row]
        if delimiter == "\t":
            cells = [" ".join(c.split()) if ("\t" in c or "\n" in c) else c for c in cells]
        writer.writerow(cells)
    return buffer.getvalue()


def compact(term: object) -> str:
    """A term for display: prefixed IRI where a prefix fits, else its text."""
    if isinstance(term, ox.NamedNode):
        return curies.compact(term.value)
    return text_value(term)  # type: ignore[arg-type]


def table(columns: list[str], rows: list[list[str]], *, width: int = 80, max_lines: int = 4) -> str:
    """A plain-text table that fits `width`: long cells wrap, then end in '…'."""
    if not columns:
        return "(no columns)\n"
    gap = 2
    natural = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    widths = _fit(natural, [len(c) for c in columns], width - gap * (len(columns) - 1))
    lines: list[str] = []
    for row in [columns, *rows]:
        wrapped = [_wrap(cell, w, max_lines) for cell, w in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in wrapped)):
            lines.append(_line([c[k] if k < len(c) else "" for c in wrapped], widths, gap))
        if row is columns:
            lines.append(_line(["-" * w for w in widths], widths, gap))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _fit(natural: list[int], headers: list[int], available: int) -> list[int]:
    """Shrink the widest columns first: to 10 (or the header), then to 6; headers wrap too."""
    widths = list(natural)
    for floor in (
        [min(n, max(h, 10)) for n, h in zip(natural, headers, strict=True)],
        [min(n, 6) for n in natural],
    ):
        while sum(widths) > available:
            shrinkable = [k for k in range(len(widths)) if widths[k] > floor[k]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda k: widths[k])] -= 1
    return widths


def _wrap(cell: str, width: int, max_lines: int) -> list[str]:
    cell = " ".join(cell.split())
    if len(cell) <= width:
        return [cell]
    parts = textwrap.wrap(cell, width=width, break_long_words=True, break_on_hyphens=False)
    if len(parts) > max_lines:
        parts = parts[:max_lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return parts or [""]


def _line(cells: list[str], widths: list[int], gap: int) -> str:
    return (" " * gap).join(c.ljust(w) for c, w in zip(cells, widths, strict=True))


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON serialisable: {value!r}")


def serialise_graph(result: Result, fmt: str) -> str:
    triples = result.triples if result.triples is not None else result_set_triples(result)
    rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.JSON_LD
    prefixes = None
    if fmt == "ttl":
        iris = {t.value for tr in triples for t in tr if isinstance(t, ox.NamedNode)}
        prefixes = curies.Curies({**curies.converter().prefixes, "rs": RS}).used_by(iris)
    data = ox.serialize(triples, format=rdf_format, prefixes=prefixes)
    text = data.decode("utf-8") if data else ""
    return text if text.endswith("\n") else text + "\n"


def result_set_triples(result: Result) -> list[ox.Triple]:
    """A SELECT/ASK result as rs: triples (see the module docstring)."""
    rs = ox.BlankNode()
    out = [ox.Triple(rs, RDF_TYPE, ox.NamedNode(RS + "ResultSet"))]
    if result.boolean is not None:
        value = ox.Literal(
            "true" if result.boolean else "false",
            datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"),
        )
        return out + [ox.Triple(rs, ox.NamedNode(RS + "boolean"), value)]
    for name in result.columns:
        out.append(ox.Triple(rs, ox.NamedNode(RS + "resultVariable"), ox.Literal(name)))
    for index, row in enumerate(result.rows, start=1):
        solution = ox.BlankNode()
        out.append(ox.Triple(rs, ox.NamedNode(RS + "solution"), solution))
        out.append(
            ox.Triple(
                solution, ox.NamedNode(RS + "index"), ox.Literal(str(index), datatype=XSD_INTEGER)
            )
        )
        for name, cell in zip(result.columns, row, strict=True):
            if cell is None or isinstance(cell, ox.Triple):
                continue
            binding = ox.BlankNode()
            out.append(ox.Triple(solution, ox.NamedNode(RS + "binding"), binding))
            out.append(ox.Triple(binding, ox.NamedNode(RS + "variable"), ox.Literal(name)))
            out.append(ox.Triple(binding, ox.NamedNode(RS + "value"), cell))
    return out
