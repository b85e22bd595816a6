"""One edition read for comparison: its curated quads in a store, each facet's rows.

An edition is read from its folder (the curated Turtle and its source texts), not from
the compiled store, so `diff` needs no build and compares exactly what was curated.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda import config
from werkagenda.config import WA, Agenda
from werkagenda.editions.facets import FACETS, VALUES
from werkagenda.editions.model import SourceLine
from werkagenda.load import agenda_quads
from werkagenda.query.files import read_query

COLUMNS = ("owner", "item", "theme", *VALUES, "line", "doc")


@dataclass(frozen=True)
class Row:
    owner: str
    item: str
    theme: str
    values: dict[str, str]
    line: SourceLine | None


@dataclass
class Snapshot:
    """An edition: its agenda, region and edition year, and per facet its rows."""

    agenda: Agenda
    iri: str
    region: str
    edition: str
    issued: str
    rows: dict[str, list[Row]]


def query_text(name: str) -> str:
    return read_query(f"internal/editions/{name}")


def read(agenda: Agenda) -> Snapshot:
    """Parse the agenda folder and run every facet query over it."""
    store = ox.Store()
    store.bulk_extend(agenda_quads(agenda))
    return from_store(store, agenda, agenda.iri)


def from_store(store: ox.Store, agenda: Agenda, graph: str | None = None) -> Snapshot:
    """The snapshot of `agenda` in `store`: its named graph `graph`, or the union."""
    options = _graph_options(graph)
    meta = _edition(store, agenda, options)
    docs = _documents(store)
    rows = {facet.name: _rows(store, facet.query, docs, options, agenda.folder) for facet in FACETS}
    return Snapshot(agenda, agenda.iri, meta["region"], meta["edition"], meta["issued"], rows)


def _graph_options(graph: str | None) -> dict[str, object]:
    if graph is None:
        return {"use_default_graph_as_union": True}
    return {"default_graph": ox.NamedNode(graph)}


def _edition(store: ox.Store, agenda: Agenda, options: dict[str, object]) -> dict[str, str]:
    found = {"region": "", "edition": "", "issued": ""}
    solutions = store.query(query_text("editie"), **options)  # type: ignore[arg-type]
    assert isinstance(solutions, ox.QuerySolutions)
    for solution in solutions:
        for name in found:
            term = solution[name]
            if term is not None and not found[name]:
                found[name] = term.value
    region, _, edition = agenda.key.partition("/")
    found["region"] = found["region"] or region
    found["edition"] = found["edition"] or edition
    return found


def _documents(store: ox.Store) -> dict[str, str]:
    """Source document path -> document IRI (a line's IRI is `<document>/L<n>`)."""
    pred = ox.NamedNode(WA + "bestandspad")
    return {
        q.object.value: q.subject.value
        for q in store.quads_for_pattern(None, pred, None)
        if isinstance(q.object, ox.Literal) and isinstance(q.subject, ox.NamedNode)
    }


def _rows(
    store: ox.Store, name: str, docs: dict[str, str], options: dict[str, object], folder: Path
) -> list[Row]:
    solutions = store.query(query_text(name), **options)  # type: ignore[arg-type]
    assert isinstance(solutions, ox.QuerySolutions)
    present = [v.value for v in solutions.variables]
    out = []
    for solution in solutions:
        cells = dict.fromkeys(COLUMNS, "")
        for column in present:
            term = solution[column]
            if term is not None:
                cells[column] = term.value
        line = None
        if cells["line"] and cells["doc"]:
            doc = docs.get(cells["doc"], "")
            iri = f"{doc}/L{cells['line']}" if doc else ""
            line = SourceLine(_path(folder, cells["doc"]), int(cells["line"]), iri)
        values = {v: cells[v] for v in VALUES}
        out.append(Row(cells["owner"], cells["item"], cells["theme"], values, line))
    return out


@functools.cache
def _path(folder: Path, doc: str) -> str:
    """The source document as a path from the checkout (`data/drenthe-2024/sources/…`)."""
    path = (folder / doc).resolve() if folder != Path(".") else Path(doc)
    try:
        return path.relative_to(config.ROOT.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
