"""The one bridge between rdflib and pyoxigraph terms, triples and graphs.

A literal keeps its lexical form as written (rdflib does not normalise it) and a plain
literal stays plain on the rdflib side (`"x"`, not `"x"^^xsd:string`); on the pyoxigraph
side every plain literal is an xsd:string, as RDF 1.1 says. rdflib is imported on first
use, so pyoxigraph-only code (the build) can use `value` without loading it.

>>> import rdflib
>>> t = to_ox(to_rdflib(ox.Literal("05", datatype=ox.NamedNode(str(rdflib.XSD.integer)))))
>>> t.value, t.datatype.value
('05', 'http://www.w3.org/2001/XMLSchema#integer')
>>> to_rdflib(ox.Literal("x")) == rdflib.Literal("x")
True
>>> to_rdflib(to_ox(rdflib.Literal("hoi", lang="nl")))
rdflib.term.Literal('hoi', lang='nl')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Identifier, Node

__all__ = [
    "OxTerm",
    "to_graph",
    "to_ox",
    "to_ox_triple",
    "to_rdflib",
    "to_rdflib_triple",
    "value",
]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def value(term: OxTerm | ox.Triple) -> str:
    """The IRI, blank-node label or lexical form of a term (a quoted triple: its N-Triples).

    >>> value(ox.NamedNode("http://e/x")), value(ox.Literal("3"))
    ('http://e/x', '3')
    """
    return str(term) if isinstance(term, ox.Triple) else term.value


def to_rdflib(term: OxTerm | ox.Triple) -> Identifier:
    """A pyoxigraph term as an rdflib one (URIRef, BNode or Literal); RDF-star triples fail."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Triple):
        raise TypeError(f"a quoted triple has no rdflib term: {term}")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language, normalize=False)
    if term.datatype.value == _XSD_STRING:
        return rdflib.Literal(term.value, normalize=False)
    datatype = rdflib.URIRef(term.datatype.value)
    return rdflib.Literal(term.value, datatype=datatype, normalize=False)


def to_ox(term: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph one; anything but an IRI, blank node or literal fails."""
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _XSD_STRING)))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib_triple(quad: ox.Quad | ox.Triple) -> tuple[Identifier, Identifier, Identifier]:
    """The (subject, predicate, object) of a quad or triple as rdflib terms."""
    return to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def to_ox_triple(triple: tuple[Node, Node, Node]) -> ox.Triple:
    """An rdflib (s, p, o) as a pyoxigraph Triple."""
    s, p, o = (to_ox(t) for t in triple)
    if isinstance(s, ox.Literal) or not isinstance(p, ox.NamedNode):
        raise TypeError(f"not an RDF triple: {triple!r}")
    return ox.Triple(s, p, o)


def to_graph(
    quads: Iterable[ox.Quad | ox.Triple], graph: rdflib.Graph | None = None
) -> rdflib.Graph:
    """Add quads (graph names dropped) to `graph` (a new one if None) via N-Triples.

    Serialising with pyoxigraph and parsing with rdflib's N-Triples parser is several times
    faster than building rdflib terms one by one in Python.

    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    >>> len(to_graph([q]))
    1
    """
    import rdflib

    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    target = graph if graph is not None else rdflib.Graph(bind_namespaces="none")
    target.parse(data=data, format="nt")
    return target
