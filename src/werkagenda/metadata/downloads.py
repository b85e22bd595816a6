"""The downloadable files: RDF dumps of the whole store and CSV tables with CSVW metadata.

DCAT, VoID and the landing page describe them from here; the server produces them on request
and `publish` writes them; both call `produce`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.export import jsonld
from werkagenda.query.execute import select
from werkagenda.query.files import read_query

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Download:
    name: str
    media_type: str
    file_type: str  # EU file-type NAL code
    title_nl: str
    title_en: str
    rdf_format: ox.RdfFormat | None = None
    table: str | None = None  # queries/internal/publish/table-<table>.rq


DUMPS = (
    Download(
        "werkagenda.ttl",
        "text/turtle",
        "RDF_TURTLE",
        "Volledige dump (Turtle)",
        "Full dump (Turtle)",
        ox.RdfFormat.TURTLE,
    ),
    Download(
        "werkagenda.nt",
        "application/n-triples",
        "RDF_N_TRIPLES",
        "Volledige dump (N-Triples)",
        "Full dump (N-Triples)",
        ox.RdfFormat.N_TRIPLES,
    ),
    Download(
        "werkagenda.jsonld",
        "application/ld+json",
        "JSON_LD",
        "Volledige dump (JSON-LD)",
        "Full dump (JSON-LD)",
        ox.RdfFormat.JSON_LD,
    ),
    Download(
        "werkagenda.rdf",
        "application/rdf+xml",
        "RDF_XML",
        "Volledige dump (RDF/XML)",
        "Full dump (RDF/XML)",
        ox.RdfFormat.RDF_XML,
    ),
    Download(
        "werkagenda.nq",
        "application/n-quads",
        "RDF_N_QUADS",
        "Volledige dump met benoemde grafen (N-Quads)",
        "Full dump with named graphs (N-Quads)",
        ox.RdfFormat.N_QUADS,
    ),
)
TABLES = (
    Download(
        "inspanningen.csv",
        "text/csv",
        "CSV",
        "Inspanningen (CSV)",
        "Initiatives (CSV)",
        table="inspanningen",
    ),
    Download(
        "organisaties.csv",
        "text/csv",
        "CSV",
        "Organisaties en actoren (CSV)",
        "Organisations and actors (CSV)",
        table="organisaties",
    ),
    Download("doelen.csv", "text/csv", "CSV", "Doelen (CSV)", "Goals (CSV)", table="doelen"),
    Download(
        "financiering.csv",
        "text/csv",
        "CSV",
        "Financiering (CSV)",
        "Funding (CSV)",
        table="financiering",
    ),
)
CSVW_NAME = "csv-metadata.json"
ALL = {d.name: d for d in (*DUMPS, *TABLES)}


def neutralise(cell: str) -> str:
    """Prefix spreadsheet-formula starts with a quote, for files people open in Excel.

    >>> neutralise("=HYPERLINK(1)"), neutralise("plain")
    ("'=HYPERLINK(1)", 'plain')
    """
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def produce(store: ox.Store, name: str) -> bytes:
    """The bytes of download `name` (a KeyError for names not in ALL or CSVW_NAME)."""
    if name == CSVW_NAME:
        return csvw_metadata(store)
    item = ALL[name]
    if item.rdf_format is not None:
        return dump(store, item.rdf_format)
    columns, rows = table(store, item.table or "")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([neutralise(c) for c in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def dump(store: ox.Store, fmt: ox.RdfFormat) -> bytes:
    """All data; triple formats get the union of the graphs (each triple once)."""
    quads = sorted(store.quads_for_pattern(None, None, None, None), key=str)
    if fmt is ox.RdfFormat.N_QUADS:
        return ox.serialize(quads, format=fmt) or b""
    if fmt is ox.RdfFormat.JSON_LD:  # compact, with the project's context, graphs kept
        return jsonld(quads)
    triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
    prefixes = None if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD) else PREFIXES
    return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""


def table(store: ox.Store, key: str) -> tuple[list[str], list[list[str]]]:
    """Columns and rows (plain strings) of table `key`; list cells sorted for stable output."""
    result = select(
        store, read_query(f"internal/publish/table-{key}"), use_default_graph_as_union=True
    )
    columns = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = []
        for v in columns:
            term = solution[v]
            text = "" if term is None else term.value
            if "; " in text:
                text = "; ".join(sorted(set(text.split("; "))))
            row.append(text)
        rows.append(row)
    return columns, rows


def csvw_metadata(store: ox.Store) -> bytes:
    """CSVW metadata for every CSV table (a table group, columns in file order)."""
    tables = []
    for item in TABLES:
        columns, _ = table(store, item.table or "")
        tables.append(
            {
                "url": item.name,
                "dc:title": [
                    {"@value": item.title_nl, "@language": "nl"},
                    {"@value": item.title_en, "@language": "en"},
                ],
                "tableSchema": {
                    "columns": [{"name": c, "titles": c, "datatype": "string"} for c in columns],
                    "primaryKey": "iri",
                    "aboutUrl": "{+iri}",
                },
            }
        )
    doc = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "nl"}],
        "dc:license": {"@id": "http://creativecommons.org/licenses/by/4.0/deed.nl"},
        "rdfs:comment": "Cellen die met =, +, -, @ beginnen zijn voorafgegaan door een apostrof "
        "(bescherming tegen spreadsheetformules).",
        "tables": tables,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
