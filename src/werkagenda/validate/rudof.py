"""pyrudof (rudof's Rust SHACL engine), the build gate.

pyrudof's serialised report holds exact terms but relabels blank nodes; its result entries
keep the data's blank-node labels but print terms loosely. The report is therefore read from
the serialisation, with each blank focus node / value put back under its data label from the
matching entry (same order; checked). The few data triples a sentence needs (labels, where a
blank focus node hangs) go beside it, and `results.read_results` reads it as for pySHACL.

Feeding (benchmarks/engine_bench.py): the vocabulary graph is the same for every agenda, so a
session parses it once and keeps it loaded; each call stages only the rest on top
(`begin_staging` … `rollback_staging`, which restores the vocabulary in milliseconds) instead
of parsing the whole data again, and the quads go in as N-Quads (pyrudof reads every graph
into its one data graph, as pySHACL does here) without a copy as triples. Source lines no shape
can see are left out of what it reads (`werkagenda.validate.unseen`).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.config import VOCABULARY_GRAPH
from werkagenda.errors import InternalError
from werkagenda.rdf.terms import to_graph
from werkagenda.validate.engine import Validator
from werkagenda.validate.features import RDF_TYPE, SH
from werkagenda.validate.shapes import Shapes
from werkagenda.validate.unseen import LineRule, line_rule, unseen_lines

_NT, _NQ = ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS
_VOCABULARY = ox.NamedNode(VOCABULARY_GRAPH)
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


class RudofValidator(Validator):
    """pyrudof over one shapes graph; one session per process, its data replaced per call."""

    name = "pyrudof"

    def __init__(self, shapes: Shapes) -> None:
        super().__init__(shapes)
        self._session: Any = None
        self._pid = 0
        self._base: tuple[ox.Quad, ...] | None = None  # the vocabulary the session holds
        self._rule: LineRule | None = None  # which source lines pyrudof may go without

    def _rudof(self) -> Any:
        import pyrudof

        global _USED_BY
        if self._session is None or self._pid != os.getpid():  # a forked build worker
            _USED_BY = os.getpid()
            session = pyrudof.Rudof(pyrudof.RudofConfig())
            session.read_shacl(self.shapes.ntriples, format=pyrudof.ShaclFormat.NTriples)
            self._session, self._pid, self._base = session, os.getpid(), None
        return self._session

    def _check(self, quads: Sequence[ox.Quad], subject: str) -> tuple[Graph, Graph, Graph]:
        import pyrudof

        if not self.shapes.triples:  # nothing to check (pyrudof refuses an empty shapes graph)
            empty = _graph(_EMPTY_REPORT)
            return empty, empty, empty
        try:
            report, text = self._run(quads)
        except pyrudof.RudofError as e:
            raise InternalError(f"pyrudof could not validate {subject or 'the data'}: {e}") from e
        reported = _relabel(list(ox.parse(text, format=_NT)), list(report.violations))
        context = _context(quads, {t.object for t in reported if t.predicate == _FOCUS})
        alone = _graph(reported)
        full = _graph(context, Graph(bind_namespaces="none") + alone)
        return full, full, alone

    def _run(self, quads: Sequence[ox.Quad]) -> tuple[Any, str]:
        """Validate with the vocabulary graph held loaded and the other quads staged on it."""
        import pyrudof

        rudof = self._rudof()
        held = len(self._base or ())
        if held and tuple(quads[:held]) == self._base:  # the usual [*vocabulary, *agenda]
            base, rest = self._base, list(quads[held:])
        else:
            base = tuple(q for q in quads if q.graph_name == _VOCABULARY)
            rest = [q for q in quads if q.graph_name != _VOCABULARY] if base else list(quads)
        if base != self._base:
            self._base = None
            rudof.reset_data()
            if base:
                rudof.read_data(_nquads(base), format=_rdf_nq())
            self._base = base
            self._rule = line_rule(self.shapes.triples, base)
        if not base:  # nothing to keep: load the data as it is
            rudof.reset_data()
            rule = line_rule(self.shapes.triples, rest)
            if rest:
                data = unseen_lines(rest, rule) if rule is not None else rest
                rudof.read_data(_nquads(data), format=_rdf_nq())
            return rudof.validate_shacl(), _serialised(rudof)
        if self._rule is not None:
            rest = unseen_lines(rest, self._rule, base)
        rudof.begin_staging()
        try:
            if rest:
                rudof.read_data(_nquads(rest), format=_rdf_nq(), merge=True)
            return rudof.validate_shacl(), _serialised(rudof)
        finally:
            try:
                rudof.rollback_staging()
            except pyrudof.RudofError:  # the vocabulary could not be put back: reload it
                self._base = None
                raise

    def __getstate__(self) -> dict[str, Any]:  # to a build worker: the shapes, no session
        state = {**self.__dict__, "_session": None, "_pid": 0, "_shapes_graph": None}
        return {**state, "_base": None, "_rule": None}


def _rdf_nq() -> Any:
    import pyrudof

    return pyrudof.RDFFormat.NQuads


def _serialised(rudof: Any) -> str:  # noqa: ANN401
    import pyrudof

    return str(
        rudof.serialize_shacl_validation_results(pyrudof.ResultShaclValidationFormat.NTriples)
    )


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


def _context(triples: Sequence[ox.Quad], focus: Iterable[object]) -> list[ox.Triple]:
    """Labels of the focus nodes; for blank ones, where they hang (recursively) and sh:path."""
    focus = set(focus)
    if not any(isinstance(node, ox.BlankNode) for node in focus):  # the usual case: one pass
        return [_triple(t) for t in triples if t.predicate in _LABELS and t.subject in focus]
    by_subject: dict[object, list[ox.Quad]] = defaultdict(list)
    by_object: dict[object, list[ox.Quad]] = defaultdict(list)
    for t in triples:  # indexed: what a label, a path or a blank node's place needs
        if t.predicate in _LABELS or t.predicate == _PATH or isinstance(t.subject, ox.BlankNode):
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
                out.append(_triple(t))
                _path_closure(t.object, by_subject, out)
        if blank:
            out += [_triple(t) for t in by_object.get(node, ())]
            todo += [t.subject for t in by_object.get(node, ())]
    return out


def _path_closure(node: object, by_subject: dict[object, list[ox.Quad]], out: list) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ox.BlankNode):
            for t in by_subject.get(n, ()):
                out.append(_triple(t))
                stack.append(t.object)


def _triple(q: ox.Quad | ox.Triple) -> ox.Triple:
    return q if isinstance(q, ox.Triple) else ox.Triple(q.subject, q.predicate, q.object)


def _nquads(quads: Sequence[ox.Quad]) -> str:
    data = ox.serialize(quads, format=_NQ)
    assert data is not None  # no output file given
    return data.decode()


def _graph(triples: list[ox.Triple], graph: Graph | None = None) -> Graph:
    return to_graph(triples, graph if graph is not None else Graph(bind_namespaces="none"))
