"""Report assembly for the fast path: raw results written as pySHACL writes them.

The results become an `sh:ValidationReport` graph (focus node, value, path with its blank-node
structure, component, severity, source shape, messages with SPARQL variables substituted) and
are typed by `read_results`, the same code that reads pySHACL's report, so both paths give the
same `Report`.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal
from rdflib.term import Node

from werkagenda.rdf.terms import to_rdflib
from werkagenda.validate.fast_checks import Raw
from werkagenda.validate.fast_data import Data
from werkagenda.validate.fast_shapes import SparqlConstraint
from werkagenda.validate.graph import BASE_PREFIXES
from werkagenda.validate.report import Report
from werkagenda.validate.results import LABELS, SH, read_results


def write_report(
    raws: list[Raw], shapes: Graph, data: Data, prefixes: dict[str, str], subject: str
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
        report.add((r, SH.focusNode, to_rdflib(focus)))
        if value is not None:
            report.add((r, SH.value, to_rdflib(value)))
        if part.path_node is not None:
            report.add((r, SH.resultPath, part.path_node))
            _copy(shapes, part.path_node, report)
        report.add((r, SH.sourceConstraintComponent, SH[component + "ConstraintComponent"]))
        if extra is None:
            report.add((r, SH.sourceShape, part.node))
            for m in part.messages:
                report.add((r, SH.resultMessage, m))
        else:
            c: SparqlConstraint = extra["node"]
            shape_node = shapes.value(None, SH.sparql, c.node)
            report.add((r, SH.sourceShape, shape_node))
            report.add((r, SH.sourceConstraint, c.node))
            for m in [*c.messages, *(x for x in part.messages if x not in c.messages)]:
                text = str(m)
                for var, val in extra["vars"].items():
                    if val is not None:
                        text = re.sub(f"{{[?$]{var}}}", str(to_rdflib(val)), text)
                report.add((r, SH.resultMessage, Literal(text)))
        for p in LABELS:
            for label in data.values(focus, ox.NamedNode(str(p))):
                labels.add((to_rdflib(focus), p, to_rdflib(label)))
    names = {**BASE_PREFIXES, **{p: str(i) for p, i in shapes.namespaces() if p}, **prefixes}
    return Report(read_results(report, labels, shapes, names), report, subject)


def _copy(source: Graph, node: Node, target: Graph) -> None:
    """Copy a blank-node structure (a property path) so the report can be read on its own."""
    if isinstance(node, BNode):
        for p, o in source.predicate_objects(node):
            target.add((node, p, o))
            _copy(source, o, target)
