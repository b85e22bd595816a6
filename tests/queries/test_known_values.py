"""`KnownValues`: what a named query checks or defaults on every run, read once per store.

A named query run without an agenda gets the newest edition of the default region; finding it
reads every graph name of the store. With `KnownValues` (the server's read-only store) that is
found once, and the answer is the one found each time without it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.config import DEFAULT_BASE
from werkagenda.query.execute import run_named
from werkagenda.query.lookups import KnownValues
from werkagenda.query.registry import parse_header

# the module (the package `werkagenda.editions` exports a function of the same name)
resolve = importlib.import_module("werkagenda.editions.resolve")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROBE = """# title@nl: Proef
# title@en: Probe
# param agenda (iri, default https://w3id.org/iza-werkagenda/id/drenthe/2024): the agenda.
# column agenda: the agenda bound.
# bind: values
SELECT ?agenda WHERE { }
"""


def store_with_editions(*years: int) -> ox.Store:
    store = ox.Store()
    for year in years:
        graph = ox.NamedNode(f"{DEFAULT_BASE}id/drenthe/{year}")
        agenda = ox.NamedNode(DEFAULT_BASE + "def#Werkagenda")
        store.add(ox.Quad(graph, RDF_TYPE, agenda, graph))
    return store


def test_the_latest_edition_is_found_once_per_store(monkeypatch: pytest.MonkeyPatch) -> None:
    query = parse_header("probe", Path("probe.rq"), PROBE)
    store = store_with_editions(2024, 2025)
    calls: list[str] = []
    real = resolve.latest_in_store

    def counted(s: ox.Store, region: str) -> str | None:
        calls.append(region)
        return real(s, region)

    monkeypatch.setattr(resolve, "latest_in_store", counted)
    newest = f"{DEFAULT_BASE}id/drenthe/2025"
    for _ in range(3):
        assert [r[0].value for r in run_named(store, query, {}).rows] == [newest]
    assert calls == ["drenthe"] * 3  # without KnownValues: every run reads the graph names
    known = KnownValues(store)
    for _ in range(3):
        assert [r[0].value for r in run_named(store, query, {}, known).rows] == [newest]
    assert calls == ["drenthe"] * 4  # with it: once
    other = store_with_editions(2024)  # another store has its own
    older = f"{DEFAULT_BASE}id/drenthe/2024"
    assert [r[0].value for r in run_named(other, query, {}, KnownValues(other)).rows] == [older]
