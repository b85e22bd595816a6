"""Source lines no shape can see, left out of pyrudof's data (build speed, issue 14).

Every line of a declared source document is a `wa:Bronregel` with four triples
(`load.source_line_quads`); most lines are never cited. pyrudof's time grows with its data
(reading it, a pass over it per validation) and with the focus nodes of `wa:Bronregel`
shapes, so the lines that cannot change the report are not given to it (about a fifth of an
agenda's triples; pySHACL, the reference, always gets every line).

A line is left out only when both hold:
  * the shapes (`line_rule`): nothing reaches a line but shapes that target `wa:Bronregel`
    (no target of its predicates or of a superclass, no sh:targetNode or sh:target, no inverse
    path over a line's predicates, no SPARQL that names them, inverts, negates or leaves a
    predicate or a class open), and those shapes ask only min/max counts (≤ 1 / ≥ 1),
    sh:datatype (xsd:string, xsd:positiveInteger) and, on `wa:bronDocument`, sh:class;
  * the data (`unseen_lines`): its only triples are one `rdf:type wa:Bronregel`, one
    `wa:bronDocument`, one `wa:regelnummer` and one `wa:regeltekst`, with the asked datatypes
    and well-formed values; its document is asserted (`rdf:type`) in every asked class; no
    triple has the line as its object.
Such a line conforms to every shape and is no value of any other focus node, so the report
is the same with or without it (tests/shacl/test_unseen_lines.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.config import WA
from werkagenda.validate.features import RDF_TYPE, SH

_TYPE = ox.NamedNode(RDF_TYPE)
_LINE = ox.NamedNode(WA + "Bronregel")
_DOCUMENT, _NUMBER, _TEXT = (
    ox.NamedNode(WA + n) for n in ("bronDocument", "regelnummer", "regeltekst")
)
_OUT = frozenset({_TYPE, _DOCUMENT, _NUMBER, _TEXT})  # a line's only edges
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_STRING, _POSITIVE = ox.NamedNode(_XSD + "string"), ox.NamedNode(_XSD + "positiveInteger")
_NOTES = {"message", "severity", "name", "description", "order", "group"}
_SHAPE_KEYS = {RDF_TYPE, *(SH + k for k in (*_NOTES, "targetClass", "property"))}
_PROPERTY_KEYS = {RDF_TYPE, *(SH + k for k in (*_NOTES, "path", "minCount", "maxCount"))}
_NAMES = re.compile(r"Bronregel|bronDocument|regelnummer|regeltekst|22-rdf-syntax-ns#type")
# A SPARQL text that could match a line: a variable predicate (`?s ?p ?o`, `; ?p ?o`), an
# open class (`a ?c`, `rdf:type ?c`), an inverse path (^) or a negated property set (!p).
_OPEN = re.compile(r"[?$]\w+\s+[?$]\w+\s+[^\s=!<>)]|;\s*[?$]\w+\s|\b(a|rdf:type)\s+[?$]|\^|!(?!=)")


@dataclass(frozen=True)
class LineRule:
    """What the shapes ask of a source line: datatypes per predicate, classes of its document."""

    datatypes: dict[ox.NamedNode, ox.NamedNode]
    classes: frozenset[ox.NamedNode]


def line_rule(shapes: Sequence[ox.Triple], vocabulary: Iterable[ox.Quad]) -> LineRule | None:
    """The rule under which lines may be left out, or None when these shapes may see them."""
    supers = _superclasses(vocabulary)
    shape_of: dict[object, list[ox.Triple]] = defaultdict(list)
    for t in shapes:
        shape_of[t.subject].append(t)
    if any(_reaches(t, supers) for t in shapes) or any(node in supers for node in shape_of):
        return None  # (a shape that is itself a class targets its instances)
    datatypes: dict[ox.NamedNode, ox.NamedNode] = {}
    classes: set[ox.NamedNode] = set()
    for shape in {t.subject for t in shapes if t.predicate.value == SH + "targetClass"}:
        own = shape_of[shape]
        if not any(t.object == _LINE for t in own):
            continue
        if any(t.predicate.value not in _SHAPE_KEYS for t in own):
            return None  # e.g. a property shape targeting lines itself: not asked for
        for prop in (t.object for t in own if t.predicate.value == SH + "property"):
            if not _property(shape_of[prop], datatypes, classes):
                return None
    return LineRule(datatypes, frozenset(classes))


def _reaches(t: ox.Triple, supers: set[object]) -> bool:
    """Whether this shapes triple could make a line a focus or a value node (other than
    through a wa:Bronregel class target)."""
    p, o = t.predicate.value, t.object
    if p in (SH + "targetNode", SH + "target"):
        return True
    if p in (SH + "targetSubjectsOf", SH + "targetObjectsOf"):
        return o in _OUT
    if p == SH + "targetClass":
        return o in supers and o != _LINE
    if p == SH + "inversePath":
        return not isinstance(o, ox.NamedNode) or o in _OUT
    if isinstance(o, ox.Literal) and p in (SH + "select", SH + "ask"):
        text = re.sub(r'"[^"\n]*"', '""', o.value)  # string literals are no patterns
        text = re.sub(r"(?is)select.*?\{", "{", text, count=1)  # nor is the projection
        return bool(_NAMES.search(text) or _OPEN.search(text))
    return False


def _property(
    triples: list[ox.Triple], datatypes: dict[ox.NamedNode, ox.NamedNode], classes: set
) -> bool:
    """Record what one property shape on a line asks; False when a line might fail it."""
    path = next((t.object for t in triples if t.predicate.value == SH + "path"), None)
    if not isinstance(path, ox.NamedNode) or path not in (_DOCUMENT, _NUMBER, _TEXT):
        return False
    for t in triples:
        key, o = t.predicate.value, t.object
        if key == SH + "minCount" and not (isinstance(o, ox.Literal) and o.value in ("0", "1")):
            return False
        if key == SH + "maxCount" and not (
            isinstance(o, ox.Literal) and o.value.isdigit() and int(o.value) >= 1
        ):
            return False
        if key == SH + "datatype":
            wanted = _POSITIVE if path == _NUMBER else _STRING
            if o != wanted or path == _DOCUMENT or datatypes.setdefault(path, wanted) != wanted:
                return False
        elif key == SH + "class":
            if path != _DOCUMENT or not isinstance(o, ox.NamedNode):
                return False
            classes.add(o)
        elif key not in _PROPERTY_KEYS:
            return False
    return True


def _superclasses(vocabulary: Iterable[ox.Quad]) -> set[object]:
    """wa:Bronregel and every class above it (rdfs:subClassOf*)."""
    up: dict[object, set[object]] = defaultdict(set)
    for q in vocabulary:
        if q.predicate == _SUBCLASS:
            up[q.subject].add(q.object)
    seen: set[object] = set()
    todo: list[object] = [_LINE]
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += up.get(node, ())
    return seen


def unseen_lines(
    rest: Sequence[ox.Quad], rule: LineRule, others: Sequence[ox.Quad] = ()
) -> list[ox.Quad]:
    """`rest` without the lines `rule` lets go (`others`: the rest of the data, e.g. the
    vocabulary, read for references and types)."""
    lines = {q.subject for q in rest if q.predicate == _TYPE and q.object == _LINE}
    if not lines:
        return list(rest)
    own: dict[object, list[ox.Quad]] = defaultdict(list)
    types: dict[object, set[object]] = defaultdict(set)
    cited: set[object] = set()
    for quads in (rest, others):
        for q in quads:
            if q.subject in lines:
                own[q.subject].append(q)
            if q.object in lines:
                cited.add(q.object)
            if q.predicate == _TYPE:
                types[q.subject].add(q.object)
    gone = {
        line for line, quads in own.items() if line not in cited and _generated(quads, rule, types)
    }
    return [q for q in rest if q.subject not in gone] if gone else list(rest)


def _generated(quads: list[ox.Quad], rule: LineRule, types: dict[object, set[object]]) -> bool:
    """Whether a line's triples are the loader's four, as `rule` asks them."""
    if len(quads) != 4:
        return False
    by = {q.predicate: q.object for q in quads}
    if set(by) != _OUT or by[_TYPE] != _LINE:
        return False
    document, number, text = by[_DOCUMENT], by[_NUMBER], by[_TEXT]
    if not isinstance(document, ox.NamedNode) or not rule.classes <= types.get(document, set()):
        return False
    for path, value in ((_NUMBER, number), (_TEXT, text)):
        wanted = rule.datatypes.get(path)
        if wanted is not None and not (isinstance(value, ox.Literal) and value.datatype == wanted):
            return False
    return _NUMBER not in rule.datatypes or bool(
        isinstance(number, ox.Literal) and re.fullmatch(r"[1-9][0-9]*", number.value)
    )
