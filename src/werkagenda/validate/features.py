"""Refuse shapes that use a SHACL feature the two engines do not both implement.

pyrudof (the build gate) ignores what it does not know — `sh:target [ a sh:SPARQLTarget ]`,
`sh:rule`, custom constraint components — and would let data pass that pySHACL refuses. Every
`sh:` predicate and `sh:` class in a shapes graph must therefore be one both engines implement
(SHACL Core, plus SPARQL-based constraints); anything else is an `UnsupportedShapeError`
naming the shape and the feature, never a silent pass. SPARQL in a shape may not name a
`SERVICE` (validation makes no outbound connection): refused before any engine sees it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import pyoxigraph as ox

from werkagenda.errors import InputError, InternalError

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

_CORE = """
targetClass targetNode targetSubjectsOf targetObjectsOf property path inversePath
alternativePath zeroOrMorePath oneOrMorePath zeroOrOnePath class datatype nodeKind minCount
maxCount minExclusive minInclusive maxExclusive maxInclusive minLength maxLength pattern flags
languageIn uniqueLang equals disjoint lessThan lessThanOrEquals not and or xone node
qualifiedValueShape qualifiedMinCount qualifiedMaxCount qualifiedValueShapesDisjoint closed
ignoredProperties hasValue in severity message deactivated name description order group
defaultValue shapesGraph sparql select prefixes declare prefix namespace
conforms result focusNode resultPath value sourceShape sourceConstraintComponent
resultSeverity resultMessage sourceConstraint detail
"""
_CLASSES = """
NodeShape PropertyShape Shape SPARQLConstraint PrefixDeclaration PropertyGroup
ValidationReport ValidationResult
"""
SUPPORTED_PREDICATES = frozenset(SH + name for name in _CORE.split())
_SHAPE_CLASSES = frozenset(SH + n for n in ("NodeShape", "PropertyShape", "Shape"))
_NOT_SHAPE = frozenset(SH + n for n in _CORE.split()[_CORE.split().index("declare") :])
SUPPORTED_CLASSES = frozenset(SH + name for name in _CLASSES.split())
_SPARQL_TEXT = frozenset(SH + n for n in ("select", "ask", "construct", "update"))
# SERVICE, also spelt with \u escapes: conservative on purpose, a word in a string is refused too
_SERVICE = re.compile(r"service|\\u", re.IGNORECASE)


class UnsupportedShapeError(InternalError):
    """A shape uses a SHACL feature the engines do not both implement (exit 3)."""

    def __init__(self, where: str, shape: str, feature: str) -> None:
        self.shape, self.feature = shape, feature
        super().__init__(
            f"{where}: shape {shape} uses {feature}, which the validation engines do not both "
            "implement (pyrudof, the build gate, would skip it); rewrite it in SHACL Core "
            "or as a SPARQL constraint (sh:sparql)"
        )


class ShapeServiceError(InputError):
    """A shape's SPARQL names SERVICE (or hides a keyword in \\u escapes): refused (exit 2)."""

    def __init__(self, where: str, shape: str) -> None:
        super().__init__(
            f"{where}: shape {shape} has SPARQL that may use SERVICE; shapes may not query other "
            "endpoints (validation makes no outbound connection) — remove the SERVICE clause"
        )


def check_features(
    triples: Iterable[ox.Triple], *, where: str, short: Callable[[str], str]
) -> None:
    """Raise UnsupportedShapeError for the first unsupported `sh:` predicate or class, and
    ShapeServiceError for SPARQL that may use SERVICE."""
    triples = list(triples)
    parents: dict[object, object] = {
        t.object: t.subject for t in triples if isinstance(t.object, ox.BlankNode)
    }
    shapes = {t.subject for t in triples if _marks_shape(t)}
    for t in triples:
        text = t.object.value if isinstance(t.object, ox.Literal) else ""
        if t.predicate.value in _SPARQL_TEXT and _SERVICE.search(text):
            raise ShapeServiceError(where, _name(_owner(t.subject, parents), short))
        feature = _unsupported(t)
        if feature is None:
            continue
        shape = _owner(t.subject, parents)
        if shape in shapes or t.subject in shapes:  # sh: terms on data nodes are just data
            raise UnsupportedShapeError(where, _name(shape, short), short(feature))


def _marks_shape(t: ox.Triple) -> bool:
    """A shape: typed as one, or the subject of a SHACL Core shape predicate."""
    pred = t.predicate.value
    if pred == RDF_TYPE:
        obj = t.object
        return isinstance(obj, ox.NamedNode) and obj.value in _SHAPE_CLASSES
    return pred in SUPPORTED_PREDICATES and pred not in _NOT_SHAPE


def _unsupported(t: ox.Triple) -> str | None:
    pred = t.predicate.value
    if pred.startswith(SH) and pred not in SUPPORTED_PREDICATES:
        return pred
    obj = t.object
    if (
        pred == RDF_TYPE
        and isinstance(obj, ox.NamedNode)
        and obj.value.startswith(SH)
        and obj.value not in SUPPORTED_CLASSES
    ):
        return obj.value
    return None


def _owner(node: object, parents: dict[object, object]) -> object:
    """The nearest named node above a blank node (the shape that holds the feature)."""
    seen = set()
    while isinstance(node, ox.BlankNode) and node in parents and node not in seen:
        seen.add(node)
        node = parents[node]
    return node


def _name(node: object, short: Callable[[str], str]) -> str:
    return short(node.value) if isinstance(node, ox.NamedNode) else "[] (a blank node)"
