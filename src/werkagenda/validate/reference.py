"""pySHACL, the reference engine (`werkagenda validate --reference`), and meta-SHACL."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.validate import datatypes
from werkagenda.validate.engine import Validator
from werkagenda.validate.graph import BASE_PREFIXES, load_turtle, to_rdflib
from werkagenda.validate.report import Report
from werkagenda.validate.results import read_results
from werkagenda.validate.shapes import display

datatypes.register()


class ShaclValidator(Validator):
    """pySHACL over one shapes graph (no inference, no SHACL-AF: both engines read the same)."""

    name = "pyshacl"

    def _check(self, quads: Sequence[ox.Quad], subject: str) -> tuple[Graph, Graph, Graph]:
        from pyshacl import validate  # lazy: pySHACL is slow to import

        data = to_rdflib(quads)
        _, results_graph, _ = validate(
            data,
            shacl_graph=self.shapes_graph,
            inference="none",
            inplace=True,
        )  # sh:conforms false on any result, as SHACL says; Report.conforms counts violations
        return results_graph, data, results_graph


def check_shapes(path: Path | None = None) -> Report:
    """Meta-validate a shapes file against SHACL-for-SHACL (pySHACL's meta_shacl check).

    >>> check_shapes().conforms
    True
    """
    from pyshacl.entrypoints import meta_validate

    from werkagenda.config import SHAPES_FILE
    from werkagenda.validate.shapes import load_shapes

    shapes_path = path or SHAPES_FILE
    load_shapes(shapes_path)  # syntax (exit 2) and features (exit 3) first
    shapes = load_turtle(shapes_path)
    _, results_graph, _ = meta_validate(shapes, inference="rdfs")
    shacl_shacl = getattr(meta_validate, "graph_cache", None)  # loaded by the call above
    names = {**BASE_PREFIXES, **dict(_bound(shapes))}
    meta = shacl_shacl if isinstance(shacl_shacl, Graph) else shapes
    results = read_results(results_graph, shapes, meta, names)
    return Report(results, results_graph, display(shapes_path))


def _bound(graph: Graph) -> list[tuple[str, str]]:
    return [(p, str(iri)) for p, iri in graph.namespaces() if p]
