"""Facts about the live store that the metadata documents (VoID, DCAT, SD) are built from."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, ONTOLOGY_IRI
from werkagenda.query.execute import select
from werkagenda.query.files import read_query
from werkagenda.rdf.terms import value

DCT = "http://purl.org/dc/terms/"


@dataclass(frozen=True)
class Site:
    """Where a release lives: `site_url` holds pages and downloads, `sparql_url` the endpoint."""

    site_url: str = DEFAULT_BASE
    sparql_url: str = DEFAULT_BASE + "sparql"
    base_iri: str = DEFAULT_BASE

    def download(self, name: str) -> str:
        return f"{self.site_url}downloads/{name}"

    def page(self, path: str) -> str:
        return self.site_url + path

    @property
    def catalog_doc(self) -> str:
        """The persistent IRI of the catalogue document; its nodes are `#fragments` of it."""
        return DEFAULT_BASE + "catalog"


@dataclass(frozen=True)
class Stats:
    """Sizes per named graph, the agendas, and the ontology's dates."""

    graphs: dict[str, tuple[int, int, int]]  # graph -> (triples, subjects, properties)
    agendas: list[dict[str, str]]
    created: str = ""
    modified: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(t for t, _, _ in self.graphs.values())


def _rows(store: ox.Store, name: str) -> list[dict[str, str]]:
    result = select(store, read_query(f"internal/serve/{name}"), use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def collect(store: ox.Store) -> Stats:
    """Read the statistics the metadata needs from the store (no hand-written numbers)."""
    graphs = {
        r["graph"]: (int(r["triples"]), int(r["subjects"]), int(r["properties"]))
        for r in _rows(store, "graph-sizes")
    }
    ontology = ox.NamedNode(ONTOLOGY_IRI)

    def date(prop: str) -> str:
        found = [
            value(q.object)
            for q in store.quads_for_pattern(ontology, ox.NamedNode(DCT + prop), None)
        ]
        return min(found) if found else ""

    counts = {r["kind"]: int(r["n"]) for r in _rows(store, "resource-counts")}
    return Stats(
        graphs=graphs,
        agendas=_rows(store, "agenda-metadata"),
        created=date("created"),
        modified=date("modified"),
        counts=counts,
    )


def themes(store: ox.Store) -> list[dict[str, str]]:
    """The priority themes with labels, ambitions and inspanning counts."""
    return _rows(store, "theme-summary")
