"""The shapes graph both engines read: parsed once, checked for supported features.

Blank property shapes (objects of `sh:property`) are given stable IRIs under `SKOLEM` so that
both engines name the same source shape for a result (pyrudof relabels blank nodes); reports
still show them as `<node shape> / <path>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.config import ROOT, SHAPES_FILE
from werkagenda.errors import InputError, ParseError
from werkagenda.rdf.curies import Curies
from werkagenda.rdf.terms import to_graph
from werkagenda.validate.features import SH, check_features
from werkagenda.validate.graph import BASE_PREFIXES
from werkagenda.validate.results import SKOLEM

_PROPERTY = ox.NamedNode(SH + "property")


@dataclass(frozen=True)
class Shapes:
    """A shapes graph ready for either engine: N-Triples text (pyrudof) and rdflib (pySHACL)."""

    path: Path | None
    triples: list[ox.Triple] = field(repr=False)
    prefixes: dict[str, str] = field(repr=False)

    @property
    def ntriples(self) -> str:
        data = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES)
        assert data is not None  # no output file given
        return data.decode()

    def graph(self) -> Graph:
        """A fresh rdflib graph of the shapes (pySHACL and the report reader use it)."""
        graph = to_graph(self.triples, Graph(bind_namespaces="none"))
        for prefix, iri in self.prefixes.items():
            graph.bind(prefix, iri, override=True)
        return graph


def load_shapes(path: Path | None = None) -> Shapes:
    """Parse a shapes file (default `ontology/shapes.ttl`).

    A syntax error is a ParseError naming file:line:col (exit 2); a feature the engines do
    not both implement is an UnsupportedShapeError naming shape and feature (exit 3).
    """
    from werkagenda.load import check_shape, check_size

    file = path or SHAPES_FILE
    where = display(file)
    try:
        check_size(file)  # the build inputs' bounds (size, literal length, blank-node depth)
        parser = ox.parse(
            path=str(file), format=ox.RdfFormat.TURTLE, base_iri=file.resolve().as_uri()
        )
        triples = list(parser)
        check_shape(file, triples)
    except SyntaxError as e:
        raise ParseError(where, e.lineno, e.offset, e.msg) from None
    except OSError as e:
        raise InputError(f"{where}: cannot read the shapes file: {e.strerror}") from None
    prefixes = {p: iri for p, iri in parser.prefixes.items() if p}
    names = Curies({**BASE_PREFIXES, **prefixes})
    check_features(triples, where=where, short=lambda iri: names.compact(iri, bracket=True))
    return Shapes(path, skolemize(triples), prefixes)


def skolemize(triples: list[ox.Triple]) -> list[ox.Triple]:
    """Blank property shapes → `urn:werkagenda:shape:N`, numbered in file order."""
    names: dict[ox.BlankNode, ox.NamedNode] = {}
    for t in triples:
        if t.predicate == _PROPERTY and isinstance(t.object, ox.BlankNode):
            names.setdefault(t.object, ox.NamedNode(f"{SKOLEM}{len(names) + 1}"))

    def term(node):  # type: ignore[no-untyped-def]
        return names.get(node, node) if isinstance(node, ox.BlankNode) else node

    return [ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples]


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
