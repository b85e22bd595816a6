"""The provenance note on rows a person edited or added: `prov:wasDerivedFrom` the row of
the workbook it was read from (an entity that is part of the workbook)."""

from __future__ import annotations

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, PREFIXES
from werkagenda.sheets.ingest import ImportedRow
from werkagenda.sheets.vocab import slug

PROV, RDFS, DCT = PREFIXES["prov"], PREFIXES["rdfs"], PREFIXES["dct"]
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


def workbook_iri(key: str, name: str) -> str:
    return f"{DEFAULT_BASE}id/{key}/werkmap/{slug(name.rsplit('.', 1)[0]) or 'werkmap'}"


def note(row: ImportedRow, key: str, workbook: str, sheet_key: str) -> list[ox.Triple]:
    """The triples saying `row` came from the workbook `workbook`, sheet and row number."""
    book = ox.NamedNode(workbook_iri(key, workbook))
    cell = ox.NamedNode(f"{book.value}/{sheet_key}/{row.number}")
    label = f"Werkmap {workbook}, blad {row.sheet}, rij {row.number}"
    label_en = f"Workbook {workbook}, sheet {row.sheet}, row {row.number}"
    entity = ox.NamedNode(PROV + "Entity")
    return [
        ox.Triple(row.subject, ox.NamedNode(PROV + "wasDerivedFrom"), cell),
        ox.Triple(cell, RDF_TYPE, entity),
        ox.Triple(cell, ox.NamedNode(RDFS + "label"), ox.Literal(label, language="nl")),
        ox.Triple(cell, ox.NamedNode(RDFS + "label"), ox.Literal(label_en, language="en")),
        ox.Triple(cell, ox.NamedNode(DCT + "isPartOf"), book),
        ox.Triple(book, RDF_TYPE, entity),
        ox.Triple(book, ox.NamedNode(DCT + "title"), ox.Literal(workbook)),
    ]
