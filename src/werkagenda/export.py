"""Export the compiled store in a standard RDF syntax, to bytes or atomically to a file."""

from __future__ import annotations

import pyoxigraph as ox

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
