"""Stores for the picture tests: the real agenda, a hostile-label agenda and an empty one."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.config import DEFAULT_AGENDA_IRI, Agenda
from werkagenda.load import agenda_quads, all_quads, vocabulary_quads

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = Agenda(key="hostile/2024", folder=FIXTURES / "hostile-2024")
EMPTY = Agenda(key="empty/2024", folder=FIXTURES / "empty-2024")
REAL = DEFAULT_AGENDA_IRI
THEME = REAL + "/opgave/"


@pytest.fixture(scope="session")
def real_store() -> ox.Store:
    """The curated Drenthe 2024 agenda and the vocabulary, in memory (no validation step)."""
    store = ox.Store()
    store.bulk_extend(all_quads())
    return store


@pytest.fixture(scope="session")
def fixture_store() -> ox.Store:
    """The vocabulary plus the hostile and the empty agenda, each its own named graph."""
    store = ox.Store()
    store.bulk_extend(vocabulary_quads() + agenda_quads(HOSTILE) + agenda_quads(EMPTY))
    return store
