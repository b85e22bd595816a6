"""Fixtures for the scale tests: the real agenda's quads, shapes, a small synthetic data set."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import repo_shaped
from werkagenda.config import Agenda, discover_agendas
from werkagenda.load import agenda_quads, vocabulary_quads
from werkagenda.validate import load_shapes

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def real_agenda() -> Agenda:
    real = [a for a in discover_agendas() if not a.folder.name.startswith("synth-")]
    assert real, "no real agenda under data/"
    return real[0]


@pytest.fixture(scope="session")
def vocabulary() -> list[ox.Quad]:
    return vocabulary_quads()


@pytest.fixture(scope="session")
def real_quads(real_agenda: Agenda) -> list[ox.Quad]:
    return agenda_quads(real_agenda)


@pytest.fixture(scope="session")
def shapes():  # type: ignore[no-untyped-def]
    return load_shapes()


@pytest.fixture(scope="session")
def synth_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository-shaped folder (ontology, queries, data/) holding 2 synthetic agendas."""
    return repo_shaped(tmp_path_factory.mktemp("synth-root"), scale=2, seed=7)


def load_synthetic(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[Agenda, list[ox.Quad]]]:
    """Each synthetic agenda with its quads; source documents resolve under `root`."""
    import werkagenda.load

    monkeypatch.setattr(werkagenda.load, "ROOT", root)
    return [(a, agenda_quads(a)) for a in discover_agendas(root / "data")]
