"""Export the compiled store in a standard RDF syntax, to bytes or atomically to a file."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, discover_agendas
from werkagenda.validate.graph import BASE_PREFIXES, file_prefixes

# name -> (syntax, keeps named graphs). Triple syntaxes get the union of all graphs.
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
}


def export(store: ox.Store, fmt: str, *, prefixes: dict[str, str] | None = None) -> bytes:
    """The whole store in `fmt` (see FORMATS); triple formats merge the graphs.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"),
    ...               ox.NamedNode("http://e/g")))
    >>> export(s, "nt")
    b'<http://e/s> <http://e/p> "o" .\\n'
    """
    syntax, keeps_graphs = FORMATS[fmt]
    quads = store.quads_for_pattern(None, None, None, None)
    if keeps_graphs:
        data = ox.serialize(quads, format=syntax)
    else:
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        usable = prefixes if syntax in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(triples, format=syntax, prefixes=usable)
    return data or b""


def write_atomic(data: bytes, target: Path) -> Path:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def known_prefixes() -> dict[str, str]:
    """Prefixes declared by the ontology and agenda files, for readable Turtle/RDF-XML."""
    files = [ONTOLOGY_DIR / n for n in ONTOLOGY_FILES]
    for agenda in discover_agendas():
        files += agenda.turtle_files[:1]
    return {**BASE_PREFIXES, **file_prefixes(*files)}
