"""Shape compilation for the fast path: `ontology/shapes.ttl` (an rdflib Graph) as Python data.

Each shape node becomes a `Shape`: its own constraints (`Part` without a path), one `Part` per
property shape, its targets and its SHACL-SPARQL constraints (`SparqlConstraint`). Nested
shapes (sh:node, sh:or, sh:not, qualified value shapes …) compile on demand, once each.
Unsupported features raise InternalError naming the shape, never skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from werkagenda.errors import InternalError
from werkagenda.rdf.terms import to_ox
from werkagenda.validate.results import SH

XSD = "http://www.w3.org/2001/XMLSchema#"
_KINDS = {
    "IRI": (ox.NamedNode,),
    "BlankNode": (ox.BlankNode,),
    "Literal": (ox.Literal,),
    "BlankNodeOrIRI": (ox.BlankNode, ox.NamedNode),
    "IRIOrLiteral": (ox.NamedNode, ox.Literal),
    "BlankNodeOrLiteral": (ox.BlankNode, ox.Literal),
}
VALUE_CHECKS = {
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
_PATHS = ("inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath")
Path = ox.NamedNode | tuple


@dataclass
class Part:
    """The constraints of one shape node: a property shape, or a node shape's own (no path)."""

    node: Node
    path: Path | None
    path_node: Node | None
    severity: URIRef
    messages: list[Literal]
    checks: list[tuple[str, str, object]]  # (parameter, component name, argument)


@dataclass
class SparqlConstraint:
    node: Node
    text: str
    messages: list[Literal]


@dataclass
class Shape:
    own: Part
    props: list[Part] = field(default_factory=list)
    targets: list[tuple[str, object]] = field(default_factory=list)
    sparql: list[SparqlConstraint] = field(default_factory=list)


def compile_shapes(shapes: Graph) -> list[Shape]:
    """The shapes with targets, compiled; nested shapes (sh:node, sh:or …) compile on demand."""
    cache: dict[Node, Shape] = {}
    kinds = ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode", "target")
    roots = {s for k in kinds for s in shapes.subjects(SH[k], None)}
    return [
        _compile(shapes, s, cache)
        for s in sorted(roots, key=str)
        if (s, SH.deactivated, Literal(True)) not in shapes
    ]


def _compile(g: Graph, node: Node, cache: dict[Node, Shape]) -> Shape:
    if node in cache:
        return cache[node]
    shape = cache[node] = Shape(_part(g, node, None, cache))
    if isinstance(node, URIRef) and (node, RDF.type, SH.PropertyShape) in g:
        raise InternalError(f"fast validation: property shape {node} used as a node shape")
    for kind in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode"):
        shape.targets += [(kind, to_ox(o)) for o in g.objects(node, SH[kind])]
    for t in g.objects(node, SH.target):
        if (t, RDF.type, SH.SPARQLTarget) not in g:
            raise InternalError(f"fast validation supports SPARQL targets only (shape {node})")
        shape.targets.append(("sparql", _prefixed(g, t) + str(g.value(t, SH.select))))
    for prop in g.objects(node, SH.property):
        if (prop, SH.deactivated, Literal(True)) not in g:
            shape.props.append(_part(g, prop, g.value(prop, SH.path), cache))
    shape.sparql = [
        SparqlConstraint(
            c, _prefixed(g, c) + str(g.value(c, SH.select)), list(g.objects(c, SH.message))
        )
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


def _part(g: Graph, node: Node, path: Node | None, cache: dict[Node, Shape]) -> Part:
    checks: list[tuple[str, str, object]] = []
    for p, o in sorted(g.predicate_objects(node), key=str):
        name = str(p)[len(str(SH)) :] if str(p).startswith(str(SH)) else None
        if name is None or name in _IGNORED:
            continue
        if name not in VALUE_CHECKS | _SET_CHECKS:
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
            arg = [to_ox(x) for x in (Collection(g, o) if name == "in" else [o])]
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
    return Part(node, compiled, path, severity, list(g.objects(node, SH.message)), checks)
