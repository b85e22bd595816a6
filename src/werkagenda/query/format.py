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
import re
import textwrap
from decimal import Decimal

import pyoxigraph as ox

from werkagenda.errors import InputError
from werkagenda.query.results import LIST_SEPARATOR, Result, text_value
from werkagenda.rdf import curies

FORMATS = ("table", "csv", "tsv", "json", "jsonld", "ttl")
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def render(
    result: Result, fmt: str = "table", *, width: int | None = 80, max_lines: int | None = 4
) -> str:
    """The result in format `fmt` (one of FORMATS), ending in a newline."""
    fmt = fmt.lower()
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
            return table(columns, rows, width=width, max_lines=max_lines)
        raise InputError(f"a CONSTRUCT result is a graph: use --format ttl or jsonld, not {fmt}")
    if result.kind == "boolean":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2, default=_json) + "\n"
    if fmt in ("csv", "tsv"):
        return delimited(result, "\t" if fmt == "tsv" else ",")
    lists = [name in result.list_columns for name in result.columns]
    rows = [
        [_shown(cell, is_list) for cell, is_list in zip(row, lists, strict=True)]
        for row in result.rows
    ]
    return table(result.columns, rows, width=width, max_lines=max_lines)


def _shown(cell: object, is_list: bool) -> str:
    """A table cell: IRIs as CURIEs, also IRIs that are items of a '; '-joined list cell."""
    if not is_list or isinstance(cell, ox.NamedNode):
        return compact(cell)
    items = text_value(cell).split(LIST_SEPARATOR)  # type: ignore[arg-type]
    return LIST_SEPARATOR.join(curies.compact(i) if i.startswith("http") else i for i in items)


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


def table(
    columns: list[str],
    rows: list[list[str]],
    *,
    width: int | None = 80,
    max_lines: int | None = 4,
) -> str:
    """A plain-text table; with a `width` long cells wrap between words, then end in '…'.

    A word (an identifier, IRI, code or query name) is never broken: a column is never
    narrower than its longest word. `width=None` keeps every cell on one line (for pipes);
    `max_lines=None` shows whole cells.

    >>> rows = [["iza-awaiting-transformation-plan", "Welke…"]]
    >>> print(table(["query", "title"], rows, width=20), end="")
    query                             title
    --------------------------------  ------
    iza-awaiting-transformation-plan  Welke…
    (1 row)
    """
    if not columns:
        return "(no columns)\n"
    gap = 2
    rows = [[" ".join(cell.split()) for cell in row] for row in rows]
    natural = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    widths = natural
    if width is not None:
        # column names may wrap after "_" (funding_ / status); cell identifiers never
        words = [max([0] + [_longest_word(r[i]) for r in rows]) for i in range(len(columns))]
        widths = _fit(natural, words, width - gap * (len(columns) - 1))
    lines: list[str] = []
    header = [
        c.replace("_", "_ ") if len(c) > w else c for c, w in zip(columns, widths, strict=True)
    ]
    for row in [header, *rows]:
        wrapped = [_wrap(cell, w, max_lines) for cell, w in zip(row, widths, strict=True)]
        for k in range(max(len(c) for c in wrapped)):
            lines.append(_line([c[k] if k < len(c) else "" for c in wrapped], widths, gap))
        if row is header:
            lines.append(_line(["-" * w for w in widths], widths, gap))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


# Codes (VOW-9), CURIEs and IRIs (a ':'), slugs and query names (lower-case words joined by
# '-'): never broken. Other words are prose and may be split when wider than their column.
_IDENTIFIER = re.compile(r"[:\d_/]|^[a-z]+(?:-[a-z]+)+[;,]?$")


def _longest_word(cell: str) -> int:
    """Width a cell needs unbroken: its longest identifier-like word (prose words may break)."""
    return max((len(w) for w in cell.split() if _IDENTIFIER.search(w)), default=0)


def _fit(natural: list[int], words: list[int], available: int) -> list[int]:
    """Shrink the widest columns first, never below a column's longest identifier."""
    widths = list(natural)
    floor = [min(n, max(w, 10)) for n, w in zip(natural, words, strict=True)]
    while sum(widths) > available:
        shrinkable = [k for k in range(len(widths)) if widths[k] > floor[k]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda k: widths[k])] -= 1
    return widths


def _wrap(cell: str, width: int, max_lines: int | None) -> list[str]:
    """Greedy wrap between words; a prose word wider than the column is split, an
    identifier never is (it overflows its column instead)."""
    if len(cell) <= width:
        return [cell]
    parts: list[str] = []
    for word in cell.split():
        pieces = (
            [word]
            if _IDENTIFIER.search(word) or len(word) <= width
            else textwrap.wrap(word, width, break_long_words=True)
        )
        for piece in pieces:
            if parts and len(parts[-1]) + 1 + len(piece) <= width:
                parts[-1] += " " + piece
            else:
                parts.append(piece)
    if max_lines is not None and len(parts) > max_lines:
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
