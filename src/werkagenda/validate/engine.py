"""One validation interface, two engines: pyrudof (the build gate) and pySHACL (the reference).

Both take the same `Shapes` and the same quads (graph names ignored; the data must hold the
vocabulary, as `rdfs:subClassOf` is read from it for `sh:class`) and return the same `Report`,
read by one reader (`results.read_results`) and shown by one renderer (`render`).
tests/shacl runs both over the W3C SHACL Core suite and the project's broken variants.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from werkagenda.config import Agenda
from werkagenda.validate.graph import BASE_PREFIXES
from werkagenda.validate.report import Report, ShapeViolationError
from werkagenda.validate.shapes import Shapes

if TYPE_CHECKING:
    from rdflib import Graph

ENGINES = ("pyrudof", "pyshacl")


class Validator:
    """Validate quads against the validator's shapes; `prefixes` shorten names in messages.

    Each engine implements `_check` (its own report graph, the graph its focus nodes' labels
    are read from, the graph the Report keeps); reading the results is shared.
    """

    name: str

    def __init__(self, shapes: Shapes) -> None:
        self.shapes = shapes
        self._shapes_graph: Graph | None = None

    @property
    def shapes_graph(self) -> Graph:
        """The shapes as an rdflib graph (made on first use)."""
        if self._shapes_graph is None:
            self._shapes_graph = self.shapes.graph()
        return self._shapes_graph

    def validate(
        self,
        quads: Sequence[ox.Quad],
        *,
        subject: str = "",
        prefixes: dict[str, str] | None = None,
    ) -> Report:
        from werkagenda.validate.results import read_results

        report, data, kept = self._check(quads, subject)
        names = {**BASE_PREFIXES, **self.shapes.prefixes, **(prefixes or {})}
        return Report(read_results(report, data, self.shapes_graph, names), kept, subject)

    def _check(self, quads: Sequence[ox.Quad], subject: str) -> tuple[Graph, Graph, Graph]:
        """(the sh:ValidationReport graph, the data to read labels from, the graph to keep)."""
        raise NotImplementedError


def validator(shapes: Shapes, engine: str = "pyrudof") -> Validator:
    """The build gate (`pyrudof`) or the reference (`pyshacl`) over `shapes`."""
    if engine == "pyrudof":
        from werkagenda.validate.rudof import RudofValidator

        return RudofValidator(shapes)
    if engine == "pyshacl":
        from werkagenda.validate.reference import ShaclValidator

        return ShaclValidator(shapes)
    raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")


def agenda_prefixes(agenda: Agenda) -> dict[str, str]:
    """The agenda-aware prefix map (`werkagenda.rdf.curies.prefix_map`) for readable reports."""
    from werkagenda.rdf.curies import prefix_map

    return prefix_map(agenda)


def raise_on_violations(reports: list[Report]) -> None:
    """Refuse data with at least one sh:Violation (warnings and infos pass)."""
    if any(not r.conforms for r in reports):
        raise ShapeViolationError(reports)
