"""Export the compiled store in a standard RDF syntax, to bytes or atomically to a file.

JSON-LD is written compact, with the project's `@context` (`ontology/context.jsonld`, the
prefix map as JSON-LD terms; also served at `/def/context.jsonld`) and with the named graphs
kept. pyoxigraph writes JSON-LD expanded only (it ignores prefixes there), so rdflib's
serializer does the compaction: the maintained one in our stack (~0.8 s for the real agenda).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from werkagenda.config import ONTOLOGY_DIR

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"

# name -> (syntax, keeps named graphs). Triple syntaxes get the union of all graphs.
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
    "nq": (ox.RdfFormat.N_QUADS, True),
}


def export(
    store: ox.Store, fmt: str, *, prefixes: dict[str, str] | None = None, pretty: bool = False
) -> bytes:
    """The whole store in `fmt` (see FORMATS); triple formats merge the graphs.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"),
    ...               ox.NamedNode("http://e/g")))
    >>> export(s, "nt")
    b'<http://e/s> <http://e/p> "o" .\\n'
    """
    syntax, keeps_graphs = FORMATS[fmt]
    quads = store.quads_for_pattern(None, None, None, None)
    if syntax is ox.RdfFormat.JSON_LD:
        return jsonld(quads, pretty=pretty)
    if keeps_graphs:
        data = ox.serialize(quads, format=syntax)
    else:
        triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
        usable = prefixes if syntax in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(triples, format=syntax, prefixes=usable)
    return data or b""


def context() -> dict[str, str]:
    """The JSON-LD terms of the project's context file."""
    return dict(json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"])


def jsonld(quads: Iterable[ox.Quad], *, pretty: bool = False) -> bytes:
    """Compact JSON-LD with the project's context, one `@graph` per named graph.

    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/iza-werkagenda/id/drenthe/2024/inspanning/X"),
    ...             ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("T"),
    ...             ox.NamedNode("https://w3id.org/iza-werkagenda/id/drenthe/2024"))
    >>> doc = json.loads(jsonld([q]))
    >>> doc["@id"], doc["@graph"]
    ('https://w3id.org/iza-werkagenda/id/drenthe/2024', [{'@id': 'insp:X', 'dct:title': 'T'}])
    """
    from rdflib import Dataset, URIRef

    from werkagenda.rdf.terms import to_rdflib

    dataset = Dataset()
    for q in quads:
        graph = q.graph_name
        target = (
            dataset.graph(URIRef(graph.value))
            if isinstance(graph, ox.NamedNode)
            else dataset.default_graph
        )
        target.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    text = dataset.serialize(format="json-ld", context=context(), indent=2 if pretty else None)
    return text.encode("utf-8")
