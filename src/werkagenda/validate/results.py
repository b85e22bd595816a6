"""Read pySHACL's sh:ValidationReport graph into typed results with readable sentences."""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDFS, SKOS
from rdflib.term import Node

from werkagenda.rdf.curies import Curies
from werkagenda.validate.report import Result, Severity

SH = Namespace("http://www.w3.org/ns/shacl#")
LABELS = (RDFS.label, SKOS.prefLabel, DCTERMS.title)
LANGS = ("en", "nl", None)
SEVERITIES = {
    SH.Violation: Severity.VIOLATION,
    SH.Warning: Severity.WARNING,
    SH.Info: Severity.INFO,
}

_XSD = "http://www.w3.org/2001/XMLSchema#"
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


def read_results(
    report: Graph, data: Graph, shapes: Graph, prefixes: dict[str, str]
) -> list[Result]:
    """Every sh:result of the report, most severe first, then by focus node and path."""
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
        level = report.value(node, SH.resultSeverity)
        severity = (
            SEVERITIES.get(level, Severity.VIOLATION)
            if isinstance(level, URIRef)
            else Severity.VIOLATION
        )
        path_text = _path(report, path, short) if path is not None else None
        label = _label(data, focus) if focus is not None else None
        focus_text = _focus_name(data, focus, short)
        sparql = _local(component) == "SPARQLConstraintComponent"
        constraint = report.value(node, SH.sourceConstraint) if sparql else None
        text = _shape_message(src, shape, constraint)
        if text is not None:  # pySHACL's copy has the {?var} placeholders filled in
            text = _pick(list(report.objects(node, SH.resultMessage))) or text
        elif _local(component) == "NodeConstraintComponent" and shape is not None:
            nested = _shape_message(shapes, src.value(shape, SH.node), None)
            text = f"{path_text} value {_term(value, short)}: {nested}" if nested else None
        if text is not None:
            shown = value is not None and (_term(value, short) in text or str(value) in text)
            detail = " = ".join(x for x in (path_text, _term(value, short)) if x)
            sentence = text + (f" [{detail}]" if detail and not shown else "")
        else:
            built = _build(src, shape, component, path_text, value, short)
            fallback = _pick(list(report.objects(node, SH.resultMessage))) or "constraint violated"
            sentence = built if built is not None else fallback
        who = f"{focus_text} ({label})" if label else focus_text
        results.append(
            Result(
                severity=severity,
                focus=_n3(focus),
                focus_short=focus_text,
                focus_label=label,
                path=path_text,
                value=_term(value, short) if value is not None else None,
                shape=_shape_name(src, shape, short),
                component=_local(component),
                message=f"{who}: {sentence}",
            )
        )
    results.sort(key=lambda r: (r.severity.rank, r.focus, r.path or "", r.message))
    return results


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


def _n3(node: Node | None) -> str:
    return node.n3() if node is not None else ""


def _local(iri: Node | None) -> str:
    text = str(iri or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(data: Graph, node: Node) -> str | None:
    for prop in LABELS:
        found = _pick(list(data.objects(node, prop)))
        if found:
            return found
    return None


def _pick(literals: list[Node]) -> str | None:
    """The English literal, else the Dutch one, else one without a language, else any."""
    for lang in LANGS:
        for lit in literals:
            if isinstance(lit, Literal) and lit.language == lang:
                return str(lit)
    return str(literals[0]) if literals else None


def _shape_message(shapes: Graph, shape: Node | None, constraint: Node | None) -> str | None:
    for node in (constraint, shape):
        if node is not None:
            found = _pick(list(shapes.objects(node, SH.message)))
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
) -> str | None:
    template = _SENTENCES.get(_local(component))
    if template is None:
        return None
    params: dict[str, str] = {"path": path or "the resource", "value": _term(value, short)}
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
    if not isinstance(shape, BNode):
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
