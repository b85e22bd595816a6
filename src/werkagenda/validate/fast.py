"""Fast SHACL validation: our shapes compiled to Python checks on pyoxigraph data, per agenda.

pySHACL stays the reference (`validate_agenda`); this path gives the same results on our
shapes (focus node, path, value, component, severity, shape, message) but reads each agenda
graph once into Python dicts, evaluates the core constraints there and runs the SHACL-SPARQL
constraints on pyoxigraph with the vocabulary graph + that agenda graph as default graph.
Unsupported shape features raise InternalError instead of being skipped silently.

This module is the public entry point; the work is split by what it does:
`fast_shapes` (shape compilation), `fast_data` (the indexed data view), `fast_checks`
(SHACL Core checks), `fast_sparql` (SHACL-SPARQL constraints), `fast_report` (the report).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, VOCABULARY_GRAPH, Agenda
from werkagenda.errors import InternalError
from werkagenda.validate.fast_checks import Raw, check
from werkagenda.validate.fast_data import Data
from werkagenda.validate.fast_report import write_report
from werkagenda.validate.fast_shapes import Shape, compile_shapes
from werkagenda.validate.fast_sparql import sparql_results
from werkagenda.validate.graph import file_prefixes
from werkagenda.validate.report import Report

__all__ = [
    "FastValidator",
    "compile_shapes",
    "validate_agenda_fast",
    "validate_agendas_fast",
    "validate_quads_fast",
]


def _validate(
    compiled: list[Shape],
    shapes: Graph,
    data: Data,
    store: ox.Store,
    graphs: list[ox.NamedNode] | None,
    prefixes: dict[str, str],
    subject: str,
) -> Report:
    raws: list[Raw] = []
    for shape in compiled:
        focus = data.focus(shape, store, graphs)
        for node in focus:
            raws += check(shape, node, data)
        if shape.sparql and focus:
            raws += sparql_results(shape, set(focus), store, graphs)
    return write_report(raws, shapes, data, prefixes, subject)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic GC while one agenda is indexed and checked: the index is acyclic, and gen-2
    collections over a large heap (all agendas' quads) cost a third of the time otherwise."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class FastValidator:
    """Compiled shapes and the indexed vocabulary, reused for every agenda.

    >>> from werkagenda.validate import load_shapes
    >>> from werkagenda.load import vocabulary_quads
    >>> FastValidator(load_shapes(), vocabulary_quads()).validate([]).conforms
    True
    """

    def __init__(self, shapes: Graph, vocabulary: list[ox.Quad]) -> None:
        self.shapes, self.compiled = shapes, compile_shapes(shapes)
        self.vocabulary = Data(vocabulary)
        self.vocab_graph = ox.NamedNode(VOCABULARY_GRAPH)
        self._vocabulary_quads = vocabulary

    def validate(
        self,
        agenda_quads: list[ox.Quad],
        *,
        subject: str = "",
        prefixes: dict[str, str] | None = None,
        store: ox.Store | None = None,
    ) -> Report:
        """Validate one agenda graph's quads together with the vocabulary.

        SHACL-SPARQL runs on `store` when given (it must hold the vocabulary graph and these
        quads in their graph, e.g. the compiled store), else on an internal scratch store.
        """
        with _gc_paused():
            return self._validate(agenda_quads, subject, prefixes, store)

    def _validate(
        self,
        agenda_quads: list[ox.Quad],
        subject: str,
        prefixes: dict[str, str] | None,
        store: ox.Store | None,
    ) -> Report:
        data = Data(agenda_quads, self.vocabulary)
        graphs = sorted({q.graph_name for q in agenda_quads}, key=str)
        if any(not isinstance(g, ox.NamedNode) for g in graphs):
            raise InternalError("fast validation: agenda quads must be in a named graph")
        if store is None:  # a fresh scratch store: a memory store never shrinks its strings
            store = ox.Store()
            store.bulk_extend([*self._vocabulary_quads, *agenda_quads])
        return _validate(
            self.compiled,
            self.shapes,
            data,
            store,
            [self.vocab_graph, *graphs],
            prefixes or {},
            subject,
        )


def validate_quads_fast(
    quads: list[ox.Quad],
    *,
    shapes: Graph,
    prefixes: dict[str, str] | None = None,
    subject: str = "",
) -> Report:
    """Validate quads (graph names ignored, as `validate_quads` does) on the fast path.

    Works on parsed quads, not on a compiled store: pyoxigraph stores derived integer
    types (xsd:positiveInteger, xsd:int) as xsd:integer, which sh:datatype would flag.
    """
    graph = ox.NamedNode("urn:werkagenda:validate")
    moved = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
    return FastValidator(shapes, []).validate(moved, subject=subject, prefixes=prefixes)


def validate_agenda_fast(
    agenda: Agenda,
    *,
    vocabulary: list[ox.Quad],
    agenda_quads: list[ox.Quad],
    shapes: Graph,
    validator: FastValidator | None = None,
) -> Report:
    """`validate_agenda` on the fast path: same arguments, same Report."""
    names = file_prefixes(*(ONTOLOGY_DIR / n for n in ONTOLOGY_FILES), *agenda.turtle_files)
    fast = validator or FastValidator(shapes, vocabulary)
    return fast.validate(agenda_quads, subject=agenda.key, prefixes=names)


def validate_agendas_fast(agendas: Iterable[Agenda], *, shapes: Graph) -> Iterator[Report]:
    """One report per agenda, parsing and validating one agenda at a time (bounded memory)."""
    from werkagenda.load import agenda_quads, vocabulary_quads

    vocabulary = vocabulary_quads()
    fast = FastValidator(shapes, vocabulary)
    for agenda in agendas:
        yield validate_agenda_fast(
            agenda,
            vocabulary=vocabulary,
            agenda_quads=agenda_quads(agenda),
            shapes=shapes,
            validator=fast,
        )
