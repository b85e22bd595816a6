"""Counts per class and per theme, read from the compiled store (queries/internal/stats/)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.query.execute import select
from werkagenda.query.files import read_query

THEME_COLUMNS = ("goals", "inspanningen", "listings", "initiatives", "organisations")
ACTOR_COLUMNS = ("organisations_and_groups", "officials", "actors")


@dataclass(frozen=True)
class AgendaStats:
    """The counts of one agenda graph."""

    agenda: str
    classes: list[tuple[str, int]]  # (class IRI, resources), most frequent first
    themes: list[tuple[str, dict[str, int]]]  # (theme code or IRI, counts by THEME_COLUMNS)
    actors: dict[str, int] = field(default_factory=dict)  # counts by ACTOR_COLUMNS (actors.rq)


def stats(store: ox.Store) -> list[AgendaStats]:
    """Counts for every agenda graph in the store.

    >>> stats(ox.Store())
    []
    """
    found = []
    for row in _run(store, "agenda-graphs"):
        agenda = row["agenda"]
        classes = [
            (r["class"].value, int(r["count"].value)) for r in _run(store, "class-counts", agenda)
        ]
        themes = [
            (
                (r["code"] or r["theme"]).value,
                {c: int(r[c].value) for c in THEME_COLUMNS},
            )
            for r in _run(store, "theme-counts", agenda)
        ]
        found.append(AgendaStats(agenda.value, classes, themes, actor_counts(store, agenda)))
    return found


def actor_counts(store: ox.Store, agenda: ox.NamedNode) -> dict[str, int]:
    """Organisations and groups, officials, all actors of one agenda graph (actor-counts.rq).

    >>> actor_counts(ox.Store(), ox.NamedNode("http://example.org/agenda"))["actors"]
    0
    """
    (row,) = _run(store, "actor-counts", agenda)
    return {c: int(row[c].value) for c in ACTOR_COLUMNS}


def _run(store: ox.Store, name: str, graph: ox.NamedNode | None = None) -> ox.QuerySolutions:
    """Run a query of queries/internal/stats; with `graph`, that agenda graph is the default."""
    query = read_query(f"internal/stats/{name}")
    return select(store, query, default_graph=graph)
