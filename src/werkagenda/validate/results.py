"""Read pySHACL's sh:ValidationReport graph into typed results with readable sentences."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from werkagenda.rdf.curies import Curies
from werkagenda.validate.report import Result, Severity

SKOLEM = "urn:werkagenda:shape:"  # blank property shapes, named (validate/shapes.py)

SH = Namespace("http://www.w3.org/ns/shacl#")
LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)
Langs = tuple[str | None, ...]
LANGS: Langs = ("nl", "en", None)  # Dutch first (`Result.message`), then English
LANGS_EN: Langs = ("en", "nl", None)  # English first (`Result.message_en`, `--lang en`)
SEVERITIES = {
    SH.Violation: Severity.VIOLATION,
    SH.Warning: Severity.WARNING,
    SH.Info: Severity.INFO,
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_IRI = re.compile(r"^(https?|urn):[^\s<>\"]*$")
_BARE = {
    _XSD + t for t in ("integer", "decimal", "boolean", "positiveInteger", "nonNegativeInteger")
}

# Sentences for results whose shape carries no sh:message, by constraint component.
_SENTENCES = {
    "MinCountConstraintComponent": "{path} is missing (at least {minCount} required)",
    "MaxCountConstraintComponent": "{path} has too many values (at most {maxCount} allowed)",
    "ClassConstraintComponent": "{path} value {value} is not a {class}",
    "DatatypeConstraintComponent": "{path} value {value} is not of datatype {datatype}",
    "NodeKindConstraintComponent": "{path} value {value} is not a {nodeKind}",
    "PatternConstraintComponent": "{path} value {value} does not match the pattern {pattern}",
    "InConstraintComponent": "{path} value {value} is not one of the allowed values",
    "HasValueConstraintComponent": "{path} lacks the required value {hasValue}",
    "LanguageInConstraintComponent": "{path} value {value} has a language outside {languageIn}",
    "UniqueLangConstraintComponent": "{path} has more than one value in the same language",
    "MinInclusiveConstraintComponent": "{path} value {value} is below {minInclusive}",
    "MaxInclusiveConstraintComponent": "{path} value {value} is above {maxInclusive}",
    "MinLengthConstraintComponent": "{path} value {value} is shorter than {minLength} characters",
    "MaxLengthConstraintComponent": "{path} value {value} is longer than {maxLength} characters",
    "NodeConstraintComponent": "{path} value {value} does not conform to {node}",
    "OrConstraintComponent": "{path} value {value} matches none of the alternatives",
    "ClosedConstraintComponent": "{path} is not allowed here (closed shape), value {value}",
    "QualifiedMinCountConstraintComponent": "{path} has too few qualifying values",
    "QualifiedMaxCountConstraintComponent": "{path} has too many qualifying values",
}
_SENTENCES_NL = {
    "MinCountConstraintComponent": "{path} ontbreekt (ten minste {minCount} vereist)",
    "MaxCountConstraintComponent": "{path} heeft te veel waarden (hoogstens {maxCount} toegestaan)",
    "ClassConstraintComponent": "{path}: waarde {value} is geen {class}",
    "DatatypeConstraintComponent": "{path}: waarde {value} heeft niet het datatype {datatype}",
    "NodeKindConstraintComponent": "{path}: waarde {value} is geen {nodeKind}",
    "PatternConstraintComponent": "{path}: waarde {value} past niet bij het patroon {pattern}",
    "InConstraintComponent": "{path}: waarde {value} is geen van de toegestane waarden",
    "HasValueConstraintComponent": "{path} mist de vereiste waarde {hasValue}",
    "LanguageInConstraintComponent": "{path}: waarde {value} heeft een taal buiten {languageIn}",
    "UniqueLangConstraintComponent": "{path} heeft meer dan één waarde in dezelfde taal",
    "MinInclusiveConstraintComponent": "{path}: waarde {value} ligt onder {minInclusive}",
    "MaxInclusiveConstraintComponent": "{path}: waarde {value} ligt boven {maxInclusive}",
    "MinLengthConstraintComponent": "{path}: waarde {value} is korter dan {minLength} tekens",
    "MaxLengthConstraintComponent": "{path}: waarde {value} is langer dan {maxLength} tekens",
    "NodeConstraintComponent": "{path}: waarde {value} voldoet niet aan {node}",
    "OrConstraintComponent": "{path}: waarde {value} past bij geen van de alternatieven",
    "ClosedConstraintComponent": "{path} is hier niet toegestaan (gesloten vorm), waarde {value}",
    "QualifiedMinCountConstraintComponent": "{path} heeft te weinig kwalificerende waarden",
    "QualifiedMaxCountConstraintComponent": "{path} heeft te veel kwalificerende waarden",
}
_UI = {
    "resource": {"nl": "de resource", "en": "the resource"},
    "violated": {"nl": "regel geschonden", "en": "constraint violated"},
}


def read_results(
    report: Graph, data: Graph, shapes: Graph, prefixes: dict[str, str]
) -> list[Result]:
    """Every sh:result of the report, most severe first, then by focus node and path.

    Each result's sentence is read Dutch first (`Result.message`) and English first
    (`Result.message_en`): the shapes' `sh:message`s and the focus nodes' labels in that order.
    """
    short = _Shortener(prefixes)
    results = []
    nodes = set(report.objects(None, SH.result))
    for node in nodes:  # top-level results only; nested ones hang off sh:detail
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        shape = report.value(node, SH.sourceShape)
        # pySHACL copies blank shapes into the report; their labels may differ from the shapes
        # graph's (e.g. when one graph is both data and shapes), so read them where they are.
        src = shapes if shape is None or (shape, None, None) in shapes else report
        component = report.value(node, SH.sourceConstraintComponent)
        severity = SEVERITIES.get(_iri(report.value(node, SH.resultSeverity)), Severity.VIOLATION)
        path_text = _path(report, path, short) if path is not None else None
        found = _Found(report, data, src, node, focus, shape, component, path_text, value)
        nl, en = (found.message(short, langs) for langs in (LANGS, LANGS_EN))
        results.append(
            Result(
                severity=severity,
                focus=_n3(focus),
                focus_short=_focus_name(data, focus, short),
                focus_label=_label(data, focus, LANGS) if focus is not None else None,
                path=path_text,
                value=_term(value, short) if value is not None else None,
                shape=_shape_name(src, shape, short),
                component=_local(component),
                message=nl,
                message_en=en,
            )
        )
    results.sort(key=lambda r: (r.severity.rank, r.focus, r.path or "", r.message))
    return results


@dataclass(frozen=True)
class _Found:
    """One sh:result and where to read its sentence."""

    report: Graph
    data: Graph
    shapes: Graph  # the shapes graph, or the report where the engine copied a blank shape
    node: Node
    focus: Node | None
    shape: Node | None
    component: Node | None
    path: str | None
    value: Node | None

    def message(self, short: _Shortener, langs: Langs) -> str:
        """'<focus> (<label>): <sentence>', with the messages and labels in `langs` order."""
        label = _label(self.data, self.focus, langs) if self.focus is not None else None
        focus_text = _focus_name(self.data, self.focus, short)
        who = f"{focus_text} ({label})" if label else focus_text
        return f"{who}: {self._sentence(short, langs)}"

    def _sentence(self, short: _Shortener, langs: Langs) -> str:
        report, shape, value, path = self.report, self.shape, self.value, self.path
        messages = list(report.objects(self.node, SH.resultMessage))
        sparql = _local(self.component) == "SPARQLConstraintComponent"
        constraint = report.value(self.node, SH.sourceConstraint) if sparql else None
        text = _shape_message(self.shapes, shape, constraint, langs)
        if sparql and constraint is None:  # pyrudof names no sh:sourceConstraint
            text = _sparql_template(self.shapes, shape, messages, langs)
        if text is not None:
            if sparql:  # the engine's copy has the {?var} placeholders filled in
                text = _fill(text, messages, short)
        elif _local(self.component) == "NodeConstraintComponent" and shape is not None:
            nested = _shape_message(self.shapes, self.shapes.value(shape, SH.node), None, langs)
            term = _term(value, short)
            dutch = f"{path}: waarde {term} — {nested}"
            text = (
                (dutch if langs[0] == "nl" else f"{path} value {term}: {nested}")
                if nested
                else None
            )
        if text is None:
            built = _build(self.shapes, shape, self.component, path, value, short, langs)
            if built is not None:
                return built
            return _pick(messages, langs) or _UI["violated"][langs[0] or "en"]
        shown = value is not None and (_term(value, short) in text or str(value) in text)
        detail = " = ".join(x for x in (path, _term(value, short)) if x)
        return text + (f" [{detail}]" if detail and not shown else "")


class _Shortener:
    """rdflib node → prefixed name, `<iri>`, `[]` for blank nodes, or a quoted literal."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.names = Curies(prefixes)

    def __call__(self, node: Node | None) -> str:
        if node is None:
            return ""
        if isinstance(node, URIRef):
            return self.names.compact(str(node), bracket=True)
        if isinstance(node, BNode):
            return "[]"
        return _term(node, self)


def _term(node: Node | None, short: _Shortener) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        text = str(node)
        text = text if len(text) <= 80 else text[:77] + "…"
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None and str(node.datatype) in _BARE:
            return text
        if node.datatype is not None and not str(node.datatype).endswith("#string"):
            return f'"{text}"^^{short(node.datatype)}'
        return f'"{text}"'
    return short(node)


def _iri(node: Node | None) -> URIRef:
    return node if isinstance(node, URIRef) else URIRef("")


def _n3(node: Node | None) -> str:
    return node.n3() if node is not None else ""


def _local(iri: Node | None) -> str:
    text = str(iri or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(data: Graph, node: Node, langs: Langs) -> str | None:
    for prop in LABELS:
        found = _pick(list(data.objects(node, prop)), langs)
        if found:
            return found
    return None


_SLOT = re.compile(r"\{[?$](\w+)\}")


def _fill(template: str, messages: list[Node], short: Callable[[Node], str]) -> str:
    """The template with each `{?var}` as the engine filled it in, IRIs shortened.

    Engines render the bound terms differently (`<iri>`, a bare IRI, with or without the
    message's language tag), so the values are read back from their message and shown alike.
    """
    parts = _SLOT.split(template)
    pattern = "".join(re.escape(p) if i % 2 == 0 else "(.*?)" for i, p in enumerate(parts))
    for message in messages:
        found = re.fullmatch(pattern, str(message), re.DOTALL)
        if found:
            values = iter(_shown(v, short) for v in found.groups())
            return "".join(p if i % 2 == 0 else next(values) for i, p in enumerate(parts))
    return template


def _sparql_template(
    shapes: Graph, shape: Node | None, messages: list[Node], langs: Langs
) -> str | None:
    """The sh:message (in `langs` order) of the shape's SPARQL constraint that produced one of
    `messages` (matched in any of the constraint's languages)."""
    constraints = list(shapes.objects(shape, SH.sparql))
    for c in constraints:
        for template in (str(m) for m in shapes.objects(c, SH.message)):
            parts = _SLOT.split(template)
            pattern = "".join(re.escape(p) if i % 2 == 0 else ".*?" for i, p in enumerate(parts))
            if any(re.fullmatch(pattern, str(m), re.DOTALL) for m in messages):
                return _shape_message(shapes, None, c, langs)
    templates = [m for c in constraints if (m := _shape_message(shapes, None, c, langs))]
    for template in templates:
        parts = _SLOT.split(template)
        pattern = "".join(re.escape(p) if i % 2 == 0 else ".*?" for i, p in enumerate(parts))
        if any(re.fullmatch(pattern, str(m), re.DOTALL) for m in messages):
            return template
    return templates[0] if len(templates) == 1 else None


def _shown(text: str, short: Callable[[Node], str]) -> str:
    bare = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    return short(URIRef(bare)) if _IRI.match(bare) else text


def _pick(literals: list[Node], langs: Langs = LANGS) -> str | None:
    """The literal in the first of `langs` (Dutch, English, none) that has one, else any."""
    for lang in langs:
        for lit in literals:
            if isinstance(lit, Literal) and lit.language == lang:
                return str(lit)
    return str(literals[0]) if literals else None


def _shape_message(
    shapes: Graph, shape: Node | None, constraint: Node | None, langs: Langs
) -> str | None:
    for node in (constraint, shape):
        if node is not None:
            found = _pick(list(shapes.objects(node, SH.message)), langs)
            if found:
                return found
    return None


def _build(
    shapes: Graph,
    shape: Node | None,
    component: Node | None,
    path: str | None,
    value: Node | None,
    short: _Shortener,
    langs: Langs,
) -> str | None:
    dutch = langs[0] == "nl"
    template = (_SENTENCES_NL if dutch else _SENTENCES).get(_local(component))
    if template is None:
        return None
    resource = _UI["resource"]["nl" if dutch else "en"]
    params: dict[str, str] = {"path": path or resource, "value": _term(value, short)}
    if shape is not None:
        for _, prop, obj in shapes.triples((shape, None, None)):
            if str(prop).startswith(str(SH)) and _local(prop) not in params:
                if isinstance(obj, BNode) and (obj, RDF.first, None) in shapes:
                    params[_local(prop)] = ", ".join(
                        _term(x, short) for x in Collection(shapes, obj)
                    )
                else:
                    params[_local(prop)] = _term(obj, short)
    try:
        return template.format(**params).replace("  ", " ")
    except KeyError:
        return None


def _focus_name(data: Graph, focus: Node | None, short: _Shortener) -> str:
    """A focus node's prefixed name; a blank node by where it hangs: `ex:S sh:property []`."""
    if focus is None:
        return "(no focus node)"
    if not isinstance(focus, BNode):
        return short(focus)
    for subject, prop in data.subject_predicates(focus):
        path = data.value(focus, SH.path)
        inner = f"[ sh:path {_path(data, path, short)} ]" if path is not None else "[]"
        return f"{_focus_name(data, subject, short)} {short(prop)} {inner}"
    return "[]"


def _shape_name(shapes: Graph, shape: Node | None, short: _Shortener) -> str:
    """A named shape's prefixed name; a blank property shape as `<node shape> / <path>`."""
    if shape is None:
        return ""
    if not isinstance(shape, BNode) and not str(shape).startswith(SKOLEM):
        return short(shape)
    parent = shapes.value(None, SH.property, shape)
    path = shapes.value(shape, SH.path)
    where = _path(shapes, path, short) if path is not None else "[]"
    return f"{_shape_name(shapes, parent, short)} / {where}" if parent is not None else where


def _path(graph: Graph, path: Node, short: _Shortener) -> str:
    """A SHACL property path as SPARQL path syntax (wa:a/wa:b, ^wa:c, (x|y), p*)."""
    if isinstance(path, URIRef):
        return short(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_path(graph, p, short) for p in Collection(graph, path))
    for prop, fmt in (
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, prop)
        if inner is not None:
            return fmt.format(_path(graph, inner, short))
    alt = graph.value(path, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(_path(graph, p, short) for p in Collection(graph, alt)) + ")"
    return "[]"
