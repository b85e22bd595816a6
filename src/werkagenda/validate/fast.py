"""Fast SHACL validation: our shapes compiled to Python checks on pyoxigraph data, per agenda.

pySHACL stays the reference (`validate_agenda`); this path gives the same results on our
shapes (focus node, path, value, component, severity, shape, message) but reads each agenda
graph once into Python dicts, evaluates the core constraints there and runs the SHACL-SPARQL
constraints on pyoxigraph with the vocabulary graph + that agenda graph as default graph.
Unsupported shape features raise InternalError instead of being skipped silently.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, VOCABULARY_GRAPH, Agenda
from werkagenda.errors import InternalError
from werkagenda.validate.datatypes import GYEAR, GYEARMONTH
from werkagenda.validate.graph import BASE_PREFIXES, file_prefixes
from werkagenda.validate.report import Report
from werkagenda.validate.results import LABELS, SH, read_results

__all__ = [
    "FastValidator",
    "compile_shapes",
    "validate_agenda_fast",
    "validate_agendas_fast",
    "validate_quads_fast",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_LEXICAL = {  # lexical forms the reference (pySHACL on rdflib) rejects as ill-typed
    XSD + "integer": r"[+-]?\d+",
    XSD + "int": r"[+-]?\d+",
    XSD + "positiveInteger": r"\+?0*[1-9]\d*",
    XSD + "nonNegativeInteger": r"\+?\d+",
    XSD + "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    XSD + "boolean": r"true|false|1|0",
    XSD + "date": r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?",
    XSD + "gYear": GYEAR.pattern,  # strict in the reference too: validate/datatypes.py
    XSD + "gYearMonth": GYEARMONTH.pattern,
}
_KINDS = {
    "IRI": (ox.NamedNode,),
    "BlankNode": (ox.BlankNode,),
    "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
    "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
}
_VALUE_CHECKS = {
    "class",
    "datatype",
    "nodeKind",
    "pattern",
    "languageIn",
    "in",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "minLength",
    "maxLength",
    "or",
    "xone",
    "and",
    "not",
    "node",
}
_SET_CHECKS = {
    "minCount",
    "maxCount",
    "uniqueLang",
    "qualifiedValueShape",
    "hasValue",
    "equals",
    "disjoint",
}
_IGNORED = {
    "path",
    "message",
    "severity",
    "name",
    "description",
    "targetClass",
    "targetSubjectsOf",
    "targetObjectsOf",
    "targetNode",
    "target",
    "property",
    "sparql",
    "flags",
    "order",
    "group",
    "declare",
    "prefixes",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "defaultValue",
    "deactivated",
}
_EMPTY: dict = {}
_NONE: list = []
_PATHS = ("inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath")
Path = ox.NamedNode | tuple


@dataclass
class _Part:
    """The constraints of one shape node: a property shape, or a node shape's own (no path)."""

    node: Node
    path: Path | None
    path_node: Node | None
    severity: URIRef
    messages: list[Literal]
    checks: list[tuple[str, str, object]]  # (parameter, component name, argument)


@dataclass
class _Sparql:
    node: Node
    text: str
    messages: list[Literal]


@dataclass
class _Shape:
    own: _Part
    props: list[_Part] = field(default_factory=list)
    targets: list[tuple[str, object]] = field(default_factory=list)
    sparql: list[_Sparql] = field(default_factory=list)


def compile_shapes(shapes: Graph) -> list[_Shape]:
    """The shapes with targets, compiled; nested shapes (sh:node, sh:or …) compile on demand."""
    cache: dict[Node, _Shape] = {}
    kinds = ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode", "target")
    roots = {s for k in kinds for s in shapes.subjects(SH[k], None)}
    return [
        _compile(shapes, s, cache)
        for s in sorted(roots, key=str)
        if (s, SH.deactivated, Literal(True)) not in shapes
    ]


def _compile(g: Graph, node: Node, cache: dict[Node, _Shape]) -> _Shape:
    if node in cache:
        return cache[node]
    shape = cache[node] = _Shape(_part(g, node, None, cache))
    if isinstance(node, URIRef) and (node, RDF.type, SH.PropertyShape) in g:
        raise InternalError(f"fast validation: property shape {node} used as a node shape")
    for kind in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"):
        shape.targets += [(kind, _to_ox(o)) for o in g.objects(node, SH[kind])]
    for t in g.objects(node, SH.target):
        if (t, RDF.type, SH.SPARQLTarget) not in g:
            raise InternalError(f"fast validation supports SPARQL targets only (shape {node})")
        shape.targets.append(("sparql", _prefixed(g, t) + str(g.value(t, SH.select))))
    for prop in g.objects(node, SH.property):
        if (prop, SH.deactivated, Literal(True)) not in g:
            shape.props.append(_part(g, prop, g.value(prop, SH.path), cache))
    shape.sparql = [
        _Sparql(c, _prefixed(g, c) + str(g.value(c, SH.select)), list(g.objects(c, SH.message)))
        for c in g.objects(node, SH.sparql)
    ]
    return shape


def _prefixed(g: Graph, node: Node) -> str:
    return "".join(
        f"PREFIX {g.value(d, SH.prefix)}: <{g.value(d, SH.namespace)}>\n"
        for o in g.objects(node, SH.prefixes)
        for d in g.objects(o, SH.declare)
    )


def _path(g: Graph, node: Node | None) -> Path:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if node is not None and (node, RDF.first, None) in g:
        return ("seq", [_path(g, x) for x in Collection(g, node)])
    for kind in _PATHS:
        inner = g.value(node, SH[kind]) if node is not None else None
        if inner is not None and kind == "alternativePath":
            return ("alt", [_path(g, x) for x in Collection(g, inner)])
        if inner is not None:
            return (kind, _path(g, inner))
    raise InternalError(f"fast validation: unsupported property path {node}")


def _part(g: Graph, node: Node, path: Node | None, cache: dict[Node, _Shape]) -> _Part:
    checks: list[tuple[str, str, object]] = []
    for p, o in sorted(g.predicate_objects(node), key=str):
        name = str(p)[len(str(SH)) :] if str(p).startswith(str(SH)) else None
        if name is None or name in _IGNORED:
            continue
        if name not in _VALUE_CHECKS | _SET_CHECKS:
            raise InternalError(
                f"fast validation does not support sh:{name} (shape {node}); "
                "use the reference validator"
            )
        if name in ("minCount", "maxCount", "uniqueLang", "minLength", "maxLength"):
            arg: object = o.toPython()
        elif name in ("class", "datatype"):
            arg = str(o)
        elif name in ("equals", "disjoint"):
            arg = ox.NamedNode(str(o))
        elif name == "nodeKind":
            arg = _KINDS[str(o)[len(str(SH)) :]]
        elif name == "pattern":
            arg = re.compile(str(o), re.I if "i" in str(g.value(node, SH.flags) or "") else 0)
        elif name == "languageIn":
            arg = {str(x).lower() for x in Collection(g, o)}
        elif name in ("in", "hasValue"):
            arg = [_to_ox(x) for x in (Collection(g, o) if name == "in" else [o])]
        elif name in ("or", "xone", "and"):
            arg = [_compile(g, x, cache) for x in Collection(g, o)]
        elif name in ("node", "not"):
            arg = _compile(g, o, cache)
        elif name == "qualifiedValueShape":
            lo, hi = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
            arg = (
                _compile(g, o, cache),
                lo.toPython() if lo else None,
                hi.toPython() if hi else None,
            )
        else:  # value ranges
            arg = Decimal(str(o))
        checks.append((name, name[0].upper() + name[1:], arg))
    severity = g.value(node, SH.severity) or SH.Violation
    compiled = _path(g, path) if path is not None else None
    return _Part(node, compiled, path, severity, list(g.objects(node, SH.message)), checks)


class _Data:
    """Quads indexed subject -> predicate -> objects, layered over a shared `base` (vocabulary)."""

    def __init__(self, quads: Iterable[ox.Quad], base: _Data | None = None) -> None:
        spo: dict = {}
        for subject, predicate, obj, _ in quads:
            by_p = spo.get(subject)
            if by_p is None:
                by_p = spo[subject] = {}
            objs = by_p.get(predicate)
            if objs is None:
                by_p[predicate] = [obj]
            elif obj not in objs:
                objs.append(obj)
        self.by_type: dict[ox.NamedNode, list] = {}
        self.by_pred: dict[ox.NamedNode, list] = {}
        for s, by_p in spo.items():
            for p in by_p:
                self.by_pred.setdefault(p, []).append(s)
            for t in by_p.get(_TYPE, ()):
                self.by_type.setdefault(t, []).append(s)
        self.base = base
        if base is not None:  # a subject described in both graphs sees both descriptions
            for s in [s for s in spo if s in base.spo]:
                merged = {p: list(os) for p, os in base.spo[s].items()}
                for p, os in spo[s].items():
                    merged.setdefault(p, []).extend(o for o in os if o not in merged.get(p, ()))
                spo[s] = merged
        self.spo = spo
        self._supers: dict[ox.NamedNode, set[str]] = {}
        self._inverse: dict[ox.NamedNode, dict] = {}
        self._is_a: dict[tuple[object, str], bool] = {}
        self.conforms: dict[tuple[int, object], bool] = {}  # (id(shape), node) -> verdict

    def subjects_of(self, predicate: ox.NamedNode) -> list:
        """Subjects with `predicate` in this graph or the base (each once)."""
        mine = self.by_pred.get(predicate, _NONE)
        if self.base is None:
            return mine
        theirs = self.base.by_pred.get(predicate, _NONE)
        return list(dict.fromkeys([*mine, *theirs])) if theirs else mine

    def _typed(self) -> list[tuple[ox.NamedNode, list]]:
        """(class, members) pairs of this graph and the base."""
        base = list(self.base.by_type.items()) if self.base is not None else []
        return [*self.by_type.items(), *base]

    def _describe(self, s: object) -> dict:
        found = self.spo.get(s)
        if found is None:
            found = self.base.spo.get(s, _EMPTY) if self.base is not None else _EMPTY
        return found

    def values(self, s: object, path: Path) -> list:
        """Value nodes of `path` from `s` (distinct, in data order)."""
        if isinstance(path, ox.NamedNode):
            return self._describe(s).get(path, _NONE)
        kind, arg = path
        if kind == "seq":
            nodes = [s]
            for step in arg:
                nodes = list(dict.fromkeys(v for n in nodes for v in self.values(n, step)))
            return nodes
        if kind == "alt":
            return list(dict.fromkeys(v for p in arg for v in self.values(s, p)))
        if kind == "inversePath":
            if not isinstance(arg, ox.NamedNode):
                raise InternalError("fast validation: inverse of a complex path")
            if arg not in self._inverse:
                index: dict = {}
                for subj in self.subjects_of(arg):
                    for o in self._describe(subj)[arg]:
                        index.setdefault(o, []).append(subj)
                self._inverse[arg] = index
            return self._inverse[arg].get(s, [])
        found = {s: None} if kind != "oneOrMorePath" else {}
        todo = [s]
        while todo:
            for v in self.values(todo.pop(), arg):
                if v not in found:
                    found[v] = None
                    if kind != "zeroOrOnePath":
                        todo.append(v)
        return list(found)

    def supers(self, cls: ox.NamedNode) -> set[str]:
        """`cls` and all its superclasses (rdfs:subClassOf*), as IRI strings."""
        if cls not in self._supers:
            seen, todo = {cls.value}, [cls]
            while todo:
                for up in self.values(todo.pop(), _SUBCLASS):
                    if isinstance(up, ox.NamedNode) and up.value not in seen:
                        seen.add(up.value)
                        todo.append(up)
            self._supers[cls] = seen
        return self._supers[cls]

    def is_a(self, node: object, cls: str) -> bool:
        key = (node, cls)
        found = self._is_a.get(key)
        if found is None:
            found = self._is_a[key] = not isinstance(node, ox.Literal) and any(
                cls in self.supers(t)
                for t in self.values(node, _TYPE)
                if isinstance(t, ox.NamedNode)
            )
        return found

    def focus(self, shape: _Shape, store: ox.Store, graphs: list | None) -> list:
        found: dict[object, None] = {}
        for kind, arg in shape.targets:
            if kind == "targetClass":
                for t, members in self._typed():
                    if arg.value in self.supers(t):
                        found.update(dict.fromkeys(members))
            elif kind == "targetSubjectsOf":
                found.update(dict.fromkeys(self.subjects_of(arg)))
            elif kind == "targetObjectsOf":
                found.update(
                    dict.fromkeys(o for s in self.subjects_of(arg) for o in self._describe(s)[arg])
                )
            elif kind == "targetNode":
                found[arg] = None
            else:
                found.update(
                    dict.fromkeys(row["this"] for row in store.query(arg, default_graph=graphs))
                )
        return list(found)


Raw = tuple[_Part, str, object, object, dict | None]  # part, component, focus, value, sparql vars


def _check(shape: _Shape, focus: object, data: _Data) -> list[Raw]:
    out = _run(shape.own, focus, [focus], data)
    for part in shape.props:
        out += _run(part, focus, data.values(focus, part.path), data)
    return out


def _conforms(shape: _Shape, node: object, data: _Data) -> bool:
    key = (id(shape), node)
    found = data.conforms.get(key)
    if found is None:
        found = data.conforms[key] = not _check(shape, node, data)
    return found


def _run(part: _Part, focus: object, values: list, data: _Data) -> list[Raw]:
    out: list[Raw] = []
    for name, component, arg in part.checks:
        if name in _VALUE_CHECKS:
            out += [
                (part, component, focus, v, None) for v in values if not _ok(name, arg, v, data)
            ]
        elif (
            name == "minCount"
            and len(values) < arg
            or name == "maxCount"
            and len(values) > arg
            or name == "hasValue"
            and arg[0] not in values
        ):
            out.append((part, component, focus, None, None))
        elif name == "uniqueLang" and arg:
            langs = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
            out += [
                (part, component, focus, None, None)
                for _ in {x for x in langs if langs.count(x) > 1}
            ]
        elif name == "qualifiedValueShape":
            sub, lo, hi = arg
            n = sum(1 for v in values if _conforms(sub, v, data))
            if lo is not None and n < lo:
                out.append((part, "QualifiedMinCount", focus, None, None))
            if hi is not None and n > hi:
                out.append((part, "QualifiedMaxCount", focus, None, None))
        elif name in ("equals", "disjoint"):
            other = data.values(focus, arg)
            bad = (
                [v for v in values if v not in other] + [v for v in other if v not in values]
                if name == "equals"
                else [v for v in values if v in other]
            )
            out += [(part, component, focus, v, None) for v in bad]
    return out


def _ok(name: str, arg: object, v: object, data: _Data) -> bool:
    if name in ("or", "xone", "and"):
        n = sum(1 for s in arg if _conforms(s, v, data))
        return n >= 1 if name == "or" else n == 1 if name == "xone" else n == len(arg)
    if name in ("node", "not"):
        return _conforms(arg, v, data) == (name == "node")
    if name == "class":
        return data.is_a(v, arg)
    if name == "nodeKind":
        return isinstance(v, arg)
    if name == "in":
        return v in arg
    if (
        isinstance(v, ox.BlankNode)
        or not isinstance(v, ox.Literal)
        and name != "pattern"
        and not name.endswith("Length")
    ):
        return False
    if name == "pattern":
        return bool(arg.search(v.value))
    if name in ("minLength", "maxLength"):
        return len(v.value) >= arg if name == "minLength" else len(v.value) <= arg
    if name == "languageIn":
        return bool(v.language) and (
            v.language.lower() in arg or v.language.split("-")[0].lower() in arg
        )
    if name == "datatype":
        if arg == str(RDF.langString) or v.language:
            return arg == str(RDF.langString) and bool(v.language)
        pattern = _LEXICAL.get(arg)
        return v.datatype.value == arg and (pattern is None or bool(re.fullmatch(pattern, v.value)))
    try:
        number = Decimal(v.value)
    except InvalidOperation:
        return False
    return {
        "minInclusive": number >= arg,
        "maxInclusive": number <= arg,
        "minExclusive": number > arg,
        "maxExclusive": number < arg,
    }[name]


def _sparql(
    shape: _Shape, focus: set, store: ox.Store, graphs: list[ox.NamedNode] | None
) -> list[Raw]:
    """SHACL-SPARQL constraints, run once for all focus nodes (pySHACL runs one per node)."""
    out: list[Raw] = []
    for c in shape.sparql:
        seen: set = set()
        solutions = store.query(c.text, default_graph=graphs)
        variables = [v.value for v in solutions.variables]
        for row in solutions:
            bound = {name: row[name] for name in variables if row[name] is not None}
            this = bound.pop("this", None)
            if this not in focus:
                continue
            path, value = bound.pop("path", None), bound.pop("value", None)
            key = (this, path, value, tuple(sorted(bound.items(), key=lambda kv: kv[0])))
            if key in seen:
                continue
            seen.add(key)
            names = {
                **bound,
                "this": this,
                "path": path,
                "value": value if value is not None else this,
            }
            out.append(
                (
                    _Part(c.node, None, None, shape.own.severity, shape.own.messages, []),
                    "SPARQL",
                    this,
                    value if value is not None else this,
                    {"node": c, "vars": names},
                )
            )
    return out


def _rdf(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == XSD + "string" else URIRef(dt))


def _to_ox(term: Node) -> object:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD + "string")))


def _report(
    raws: list[Raw], shapes: Graph, data: _Data, prefixes: dict[str, str], subject: str
) -> Report:
    """Write the results as pySHACL would (sh:ValidationReport) and type them with read_results."""
    report, labels = Graph(), Graph()
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(not raws)))
    for part, component, focus, value, extra in raws:
        r = BNode()
        report.add((root, SH.result, r))
        report.add((r, RDF.type, SH.ValidationResult))
        report.add((r, SH.resultSeverity, part.severity))
        report.add((r, SH.focusNode, _rdf(focus)))
        if value is not None:
            report.add((r, SH.value, _rdf(value)))
        if part.path_node is not None:
            report.add((r, SH.resultPath, part.path_node))
            _copy(shapes, part.path_node, report)
        report.add((r, SH.sourceConstraintComponent, SH[component + "ConstraintComponent"]))
        if extra is None:
            report.add((r, SH.sourceShape, part.node))
            for m in part.messages:
                report.add((r, SH.resultMessage, m))
        else:
            c: _Sparql = extra["node"]
            shape_node = shapes.value(None, SH.sparql, c.node)
            report.add((r, SH.sourceShape, shape_node))
            report.add((r, SH.sourceConstraint, c.node))
            for m in [*c.messages, *(x for x in part.messages if x not in c.messages)]:
                text = str(m)
                for var, val in extra["vars"].items():
                    if val is not None:
                        text = re.sub(f"{{[?$]{var}}}", str(_rdf(val)), text)
                report.add((r, SH.resultMessage, Literal(text)))
        for p in LABELS:
            for label in data.values(focus, ox.NamedNode(str(p))):
                labels.add((_rdf(focus), p, _rdf(label)))
    names = {**BASE_PREFIXES, **{p: str(i) for p, i in shapes.namespaces() if p}, **prefixes}
    return Report(read_results(report, labels, shapes, names), report, subject)


def _copy(source: Graph, node: Node, target: Graph) -> None:
    """Copy a blank-node structure (a property path) so the report can be read on its own."""
    if isinstance(node, BNode):
        for p, o in source.predicate_objects(node):
            target.add((node, p, o))
            _copy(source, o, target)


def _validate(
    compiled: list[_Shape],
    shapes: Graph,
    data: _Data,
    store: ox.Store,
    graphs: list[ox.NamedNode] | None,
    prefixes: dict[str, str],
    subject: str,
) -> Report:
    raws: list[Raw] = []
    for shape in compiled:
        focus = data.focus(shape, store, graphs)
        for node in focus:
            raws += _check(shape, node, data)
        if shape.sparql and focus:
            raws += _sparql(shape, set(focus), store, graphs)
    return _report(raws, shapes, data, prefixes, subject)


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
        self.vocabulary = _Data(vocabulary)
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
        data = _Data(agenda_quads, self.vocabulary)
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
