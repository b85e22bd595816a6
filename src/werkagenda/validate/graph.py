"""The rdflib graphs pySHACL reads: a query-caching Graph, filled from pyoxigraph quads."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.config import prefixes
from werkagenda.errors import InputError, ParseError
from werkagenda.rdf.curies import file_prefixes
from werkagenda.rdf.terms import to_graph

if TYPE_CHECKING:  # rdflib's SPARQL engine loads in ~0.1 s; only the pySHACL path needs it
    from rdflib.plugins.sparql.sparql import Query

# Prefixes every report may use; files add their own (agenda-scoped ones such as insp:).
BASE_PREFIXES = prefixes("rdf", "rdfs", "owl", "xsd", "sh", "shsh", "skos", "dct", "wa")


class PreparedQueryGraph(Graph):
    """An rdflib Graph that parses each distinct SPARQL text once.

    pySHACL runs a SPARQL-based constraint once per focus node and hands rdflib the query
    text every time; rdflib's pyparsing-based parser then dominates validation time.
    Prepared queries take the per-node `$this` through initBindings, so reuse is safe.
    """

    def __init__(self) -> None:
        super().__init__(bind_namespaces="none")
        self._prepared: dict[str, Query] = {}

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,  # noqa: N803 (rdflib's names)
        initBindings: Mapping[str, Any] | None = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        if isinstance(query_object, str) and not initNs:
            prepared = self._prepared.get(query_object)
            if prepared is None:
                from rdflib.plugins.sparql import prepareQuery

                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


def to_rdflib(quads: Iterable[ox.Quad]) -> PreparedQueryGraph:
    """Copy quads (graph names dropped) into one graph that pySHACL can query quickly.

    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    >>> len(to_rdflib([q]))
    1
    """
    graph = PreparedQueryGraph()
    to_graph(quads, graph)
    return graph


def load_turtle(path: Path) -> Graph:
    """Parse one Turtle file into an rdflib Graph; syntax errors name file, line and column."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as e:
        raise ParseError(str(path), e.lineno, e.offset, e.msg) from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    graph = to_rdflib(ox.Quad(t.subject, t.predicate, t.object) for t in quads)
    for prefix, iri in file_prefixes(path).items():
        graph.bind(prefix, iri, override=True)
    return graph
