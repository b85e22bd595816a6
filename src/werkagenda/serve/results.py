"""SPARQL 1.1 result serializations (JSON, XML, CSV, TSV) with an explicit truncation signal.

We serialize ourselves rather than with pyoxigraph so that a row-capped result can say it was
cut: `"truncated": true` plus a note in JSON, a comment in XML (and the HTTP header in all).
CSV and TSV stay faithful to the W3C formats: no formula neutralising here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from html import escape as _escape

import pyoxigraph as ox

from werkagenda.serve.negotiation import Format

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
Cell = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None
Row = Sequence[Cell]


def truncation_note(limit: int, cap: str = "rows") -> str:
    """What a cut result says: the row cap (`limit` rows) or the byte cap (`limit` bytes).

    >>> truncation_note(16, "bytes")
    'Result truncated to at most 16 bytes (server byte cap).'
    """
    if cap == "bytes":
        return f"Result truncated to at most {limit} bytes (server byte cap)."
    return f"Result truncated to the first {limit} rows (server row cap)."


def serialize_select(
    fmt: Format,
    variables: list[str],
    rows: Sequence[Row],
    *,
    truncated: bool = False,
    limit: int = 0,
    cap: str = "rows",
) -> bytes:
    """Serialize SELECT solutions in one of the four result formats (`cap`: which cap cut).

    >>> from werkagenda.serve.negotiation import RESULTS_CSV
    >>> serialize_select(RESULTS_CSV, ["x"], [[ox.Literal("a,b")]])
    b'x\\r\\n"a,b"\\r\\n'
    """
    if fmt.key == "json":
        doc: dict = {
            "head": {"vars": variables},
            "results": {"bindings": [_json_row(variables, r) for r in rows]},
        }
        if truncated:
            doc["truncated"] = True
            doc["note"] = truncation_note(limit, cap)
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt.key == "xml":
        note = truncation_note(limit, cap) if truncated else None
        return _xml_select(variables, rows, note).encode("utf-8")
    if fmt.key == "csv":
        return _delimited(variables, rows, _csv_cell, ",", header=variables)
    return _tsv(variables, rows)


def serialize_ask(fmt: Format, value: bool) -> bytes:
    """Serialize an ASK answer; CSV/TSV carry the bare word as many endpoints do."""
    if fmt.key == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.key == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    return (b"true" if value else b"false") + b"\n"


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    out: dict = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _json_row(variables: list[str], row: Row) -> dict:
    return {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Triple):
        parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    if term.language:
        lang = quoteattr(term.language)
        return f"<literal xml:lang={lang}>{escape(_xml_text(term.value))}</literal>"
    if term.datatype.value != XSD_STRING:
        dt = quoteattr(term.datatype.value)
        return f"<literal datatype={dt}>{escape(_xml_text(term.value))}</literal>"
    return f"<literal>{escape(_xml_text(term.value))}</literal>"


def escape(text: str) -> str:
    """XML character data: `&`, `<` and `>` escaped (as `xml.sax.saxutils.escape`, whose
    module imports urllib.request and with it ssl: 4–5 MiB in every query worker)."""
    return _escape(text, quote=False)


def quoteattr(text: str) -> str:
    """An attribute value in double quotes; here only variable names, language tags and
    IRIs, none of which can hold a quote or a line break."""
    return '"' + _escape(text, quote=True) + '"'


def _xml_text(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry at all."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _xml_select(variables: list[str], rows: Sequence[Row], note: str | None) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n")
    if note:
        out.append(f"<!-- {escape(note)} -->\n")
    out.append("<results>\n")
    for row in rows:
        out.append("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is not None:
                out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out)


def _csv_cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _delimited(
    variables: list[str],
    rows: Sequence[Row],
    cell: Callable[[Cell], str],
    delimiter: str,
    header: list[str],
) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(t) for t in row])
    return buf.getvalue().encode("utf-8")


def _tsv_cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t")  # N-Triples syntax; a raw tab would split the cell


def _tsv(variables: list[str], rows: Sequence[Row]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
