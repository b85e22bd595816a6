"""A canonical hash of a graph: equal for isomorphic graphs, whatever the store or order.

Without blank nodes: sha256 of the sorted canonical N-Triples lines (pyoxigraph).
With blank nodes: the same after rdflib's `to_canonical_graph`, which relabels blank
nodes canonically (RDF graph isomorphism), so `_:b0` in one store and `_:x9` in another
give the same hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox


def digest(triples: Iterable[ox.Triple]) -> str:
    """sha256 hex digest of the canonical sorted N-Triples of `triples`.

    >>> a = [ox.Triple(ox.BlankNode("x"), ox.NamedNode("http://p"), ox.Literal("1"))]
    >>> b = [ox.Triple(ox.BlankNode("y"), ox.NamedNode("http://p"), ox.Literal("1"))]
    >>> digest(a) == digest(b)
    True
    """
    triples = list(triples)
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    ):
        text = _canonical_bnodes(text)
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _canonical_bnodes(ntriples: str) -> str:
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    graph = Graph().parse(data=ntriples, format="nt")
    return to_canonical_graph(graph).serialize(format="nt")
