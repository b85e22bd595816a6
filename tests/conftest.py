"""Top-level fixtures: the core test agendas and a compiled store built into a tmp dist."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.build import agenda_at, build
from werkagenda.config import ROOT, Agenda
from werkagenda.load import vocabulary_quads

CORE_FIXTURES = ROOT / "tests" / "core" / "fixtures"
MINI_SHAPES = CORE_FIXTURES / "shapes-mini.ttl"


def java_available() -> bool:
    return shutil.which("java") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `java` are skipped, with the reason, where no java is on PATH."""
    if java_available():
        return
    skip = pytest.mark.skip(reason="needs Java for HermiT (java not found on PATH)")
    for item in items:
        if "java" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def vocabulary() -> list[ox.Quad]:
    """The ontology and concept schemes, parsed once."""
    return vocabulary_quads()


@pytest.fixture(scope="session")
def mini_agenda() -> Agenda:
    """tests/core/fixtures/mini-2024: four inspanningen with known defined-class members."""
    return agenda_at(CORE_FIXTURES / "mini-2024")


@pytest.fixture(scope="session")
def compiled_dist(tmp_path_factory: pytest.TempPathFactory, mini_agenda: Agenda) -> Path:
    """A dist folder holding the store compiled from the mini agenda (no Java needed)."""
    dist = tmp_path_factory.mktemp("dist")
    build(dist=dist, agendas=[mini_agenda], shapes=MINI_SHAPES)
    return dist
