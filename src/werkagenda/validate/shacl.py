"""Run pySHACL on the vocabulary graph plus one agenda graph, and meta-SHACL on the shapes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, ROOT, SHAPES_FILE, Agenda
from werkagenda.errors import InputError
from werkagenda.validate import datatypes
from werkagenda.validate.graph import BASE_PREFIXES, file_prefixes, load_turtle, to_rdflib
from werkagenda.validate.report import Report, ShapeViolationError
from werkagenda.validate.results import read_results

datatypes.register()


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (default `ontology/shapes.ttl`)."""
    shapes = path or SHAPES_FILE
    if not shapes.exists():
        raise InputError(f"{_display(shapes)}: shapes file not found")
    return load_turtle(shapes)


def validate_graph(
    data: Graph,
    *,
    shapes: Graph,
    prefixes: dict[str, str] | None = None,
    subject: str = "",
) -> Report:
    """Validate an rdflib graph against a shapes graph (no inference) and type the results.

    The data graph should hold the vocabulary too: pySHACL reads rdfs:subClassOf from it
    for sh:targetClass and sh:class.
    """
    from pyshacl import validate  # lazy: pySHACL is slow to import

    _, results_graph, _ = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        inplace=True,
        advanced=True,
        allow_warnings=True,
        allow_infos=True,
    )
    names = {**BASE_PREFIXES, **dict(_bound(shapes)), **(prefixes or {})}
    return Report(read_results(results_graph, data, shapes, names), results_graph, subject)


def validate_quads(
    quads: Iterable[ox.Quad],
    *,
    shapes: Graph,
    prefixes: dict[str, str] | None = None,
    subject: str = "",
) -> Report:
    """Validate pyoxigraph quads (their graph names ignored) against the shapes."""
    return validate_graph(to_rdflib(quads), shapes=shapes, prefixes=prefixes, subject=subject)


def validate_agenda(
    agenda: Agenda,
    *,
    vocabulary: list[ox.Quad],
    agenda_quads: list[ox.Quad],
    shapes: Graph,
    ontology_dir: Path | None = None,
) -> Report:
    """Validate one agenda's quads together with the vocabulary quads."""
    folder = ontology_dir or ONTOLOGY_DIR
    prefixes = file_prefixes(*(folder / n for n in ONTOLOGY_FILES), *agenda.turtle_files)
    return validate_quads(
        [*vocabulary, *agenda_quads], shapes=shapes, prefixes=prefixes, subject=agenda.key
    )


def raise_on_violations(reports: list[Report]) -> None:
    """Refuse data with at least one sh:Violation (warnings and infos pass)."""
    if any(not r.conforms for r in reports):
        raise ShapeViolationError(reports)


def check_shapes(path: Path | None = None) -> Report:
    """Meta-validate the shapes file against SHACL-for-SHACL (pySHACL's meta_shacl check).

    >>> check_shapes().conforms
    True
    """
    from pyshacl.entrypoints import meta_validate

    shapes_path = path or SHAPES_FILE
    shapes = load_shapes(shapes_path)
    _, results_graph, _ = meta_validate(shapes, inference="rdfs")
    shacl_shacl = getattr(meta_validate, "graph_cache", None)  # loaded by the call above
    names = {**BASE_PREFIXES, **dict(_bound(shapes))}
    meta = shacl_shacl if isinstance(shacl_shacl, Graph) else shapes
    results = read_results(results_graph, shapes, meta, names)
    return Report(results, results_graph, _display(shapes_path))


def _bound(graph: Graph) -> Iterable[tuple[str, str]]:
    for prefix, iri in graph.namespaces():
        if prefix:
            yield prefix, str(iri)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
