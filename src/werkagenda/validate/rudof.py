"""pyrudof (rudof's Rust SHACL engine), the build gate.

pyrudof's serialised report holds exact terms but relabels blank nodes; its result entries
keep the data's blank-node labels but print terms loosely. The report is therefore read from
the serialisation, with each blank focus node / value put back under its data label from the
matching entry (same order; checked). The few data triples a sentence needs (labels, where a
blank focus node hangs) go beside it, and `results.read_results` reads it as for pySHACL.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.errors import InternalError
from werkagenda.rdf.terms import to_graph
from werkagenda.validate.features import RDF_TYPE, SH
from werkagenda.validate.graph import BASE_PREFIXES
from werkagenda.validate.report import Report
from werkagenda.validate.results import read_results
from werkagenda.validate.shapes import Shapes

_NT = ox.RdfFormat.N_TRIPLES
_RESULT, _FOCUS, _VALUE = (ox.NamedNode(SH + n) for n in ("result", "focusNode", "value"))
_COMPONENT = ox.NamedNode(SH + "sourceConstraintComponent")
_PATH = ox.NamedNode(SH + "path")
_EMPTY_REPORT = [
    ox.Triple(
        ox.BlankNode("report"), ox.NamedNode(RDF_TYPE), ox.NamedNode(SH + "ValidationReport")
    ),
    ox.Triple(ox.BlankNode("report"), ox.NamedNode(SH + "conforms"), ox.Literal(True)),
]
_LABELS = frozenset(
    ox.NamedNode(iri)
    for iri in (
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://purl.org/dc/terms/title",
    )
)


_USED_BY = 0  # the pid that has run pyrudof (see `used_here`)


def used_here() -> bool:
    """Whether this process has run pyrudof. Its Rust runtime does not survive a fork: a
    forked child of such a process hangs in its first validation (minimal case: validate in
    the parent, `os.fork()`, validate in the child), so the build forks only from a process
    that has not run it, and otherwise starts its workers from a fork server."""
    return os.getpid() == _USED_BY


class RudofValidator:
    """pyrudof over one shapes graph; one session per process, its data replaced per call."""

    name = "pyrudof"

    def __init__(self, shapes: Shapes) -> None:
        self.shapes = shapes
        self._session: Any = None
        self._pid = 0
        self._graph: Graph | None = None

    def _rudof(self) -> Any:
        import pyrudof

        global _USED_BY
        if self._session is None or self._pid != os.getpid():  # a forked build worker
            _USED_BY = os.getpid()
            session = pyrudof.Rudof(pyrudof.RudofConfig())
            session.read_shacl(self.shapes.ntriples, format=pyrudof.ShaclFormat.NTriples)
            self._session, self._pid = session, os.getpid()
        return self._session

    def validate(
        self,
        quads: Sequence[ox.Quad],
        *,
        subject: str = "",
        prefixes: dict[str, str] | None = None,
    ) -> Report:
        import pyrudof

        if not self.shapes.triples:  # nothing to check (pyrudof refuses an empty shapes graph)
            return Report([], _graph(_EMPTY_REPORT), subject)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        try:
            rudof = self._rudof()
            rudof.reset_data()
            if triples:
                rudof.read_data(_nt(triples), format=_rdf_nt())
            report = rudof.validate_shacl()
            text = rudof.serialize_shacl_validation_results(
                pyrudof.ResultShaclValidationFormat.NTriples
            )
        except pyrudof.RudofError as e:
            raise InternalError(f"pyrudof could not validate {subject or 'the data'}: {e}") from e
        reported = _relabel(list(ox.parse(text, format=_NT)), list(report.violations))
        context = _context(triples, {t.object for t in reported if t.predicate == _FOCUS})
        full, alone = _graph([*reported, *context]), _graph(reported)
        names = {**BASE_PREFIXES, **self.shapes.prefixes, **(prefixes or {})}
        return Report(read_results(full, full, self.shapes_graph, names), alone, subject)

    def __getstate__(self) -> dict[str, Any]:  # to a build worker: the shapes, no session
        return {**self.__dict__, "_session": None, "_pid": 0, "_graph": None}

    @property
    def shapes_graph(self) -> Graph:
        if self._graph is None:
            self._graph = self.shapes.graph()
        return self._graph


def _rdf_nt() -> Any:
    import pyrudof

    return pyrudof.RDFFormat.NTriples


def _relabel(triples: list[ox.Triple], entries: list[Any]) -> list[ox.Triple]:
    """Blank focus nodes and values back under the data's labels; the report's own blank
    nodes under `wareport…` labels (no clash with the data's)."""
    results = [t.object for t in triples if t.predicate == _RESULT]
    components: dict[object, str] = {
        t.subject: t.object.value
        for t in triples
        if t.predicate == _COMPONENT and isinstance(t.object, ox.NamedNode)
    }
    if len(results) != len(entries):
        raise InternalError(f"pyrudof: {len(results)} results but {len(entries)} entries")
    data: dict[tuple[object, object], ox.BlankNode] = {}
    for node, entry in zip(results, entries, strict=True):
        if components.get(node) != entry.constraint_component:
            raise InternalError("pyrudof: the report's results and its entries disagree")
        for prop, text in ((_FOCUS, entry.focus_node), (_VALUE, entry.value)):
            if isinstance(text, str) and text.startswith("_:"):
                data[node, prop] = ox.BlankNode(text[2:])

    def own(node: Any) -> Any:  # noqa: ANN401
        return ox.BlankNode("wareport" + node.value) if isinstance(node, ox.BlankNode) else node

    return [
        ox.Triple(own(t.subject), t.predicate, data.get((t.subject, t.predicate)) or own(t.object))
        for t in triples
    ]


def _context(triples: list[ox.Triple], focus: Iterable[object]) -> list[ox.Triple]:
    """Labels of the focus nodes; for blank ones, where they hang (recursively) and sh:path."""
    by_subject: dict[object, list[ox.Triple]] = defaultdict(list)
    by_object: dict[object, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject].append(t)
        if isinstance(t.object, ox.BlankNode):
            by_object[t.object].append(t)
    out: list[ox.Triple] = []
    todo, seen = list(focus), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        blank = isinstance(node, ox.BlankNode)
        for t in by_subject.get(node, ()):
            if t.predicate in _LABELS or (t.predicate == _PATH and blank):
                out.append(t)
                _path_closure(t.object, by_subject, out)
        if blank:
            out += by_object.get(node, ())
            todo += [t.subject for t in by_object.get(node, ())]
    return out


def _path_closure(node: object, by_subject: dict[object, list[ox.Triple]], out: list) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ox.BlankNode):
            for t in by_subject.get(n, ()):
                out.append(t)
                stack.append(t.object)


def _nt(triples: list[ox.Triple]) -> str:
    data = ox.serialize(triples, format=_NT)
    assert data is not None  # no output file given
    return data.decode()


def _graph(triples: list[ox.Triple]) -> Graph:
    return to_graph(triples, Graph(bind_namespaces="none"))
