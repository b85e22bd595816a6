"""Fixtures for the data-integrity tests: the real Drenthe 2024 agenda as an rdflib graph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib

from werkagenda.config import DEFAULT_AGENDA_KEY, discover_agendas
from werkagenda.load import agenda_quads, vocabulary_quads


@pytest.fixture(scope="session")
def agenda():
    return next(a for a in discover_agendas() if a.key == DEFAULT_AGENDA_KEY)


@pytest.fixture(scope="session")
def graph(agenda) -> rdflib.Graph:
    """Vocabulary + the real agenda (with generated source lines), as one rdflib graph."""
    quads = vocabulary_quads() + agenda_quads(agenda)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    g = rdflib.Graph()
    g.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return g


@pytest.fixture(scope="session")
def source_lines(agenda) -> list[str]:
    text = (agenda.folder / "sources" / "werkagenda-gezonde-marke-2024.txt").read_text("utf-8")
    return text.split("\n")
