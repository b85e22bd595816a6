"""Stores for the query tests: a miniature fixture agenda, and the real agenda compiled fresh."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.config import DATA_DIR, Agenda
from werkagenda.load import agenda_quads, all_quads, vocabulary_quads
from werkagenda.store import write_store

FIXTURES = Path(__file__).parent / "fixtures"
TEST_AGENDA = Agenda(key="test/2024", folder=FIXTURES / "test-2024")
THEMES = ("vow", "am", "mg", "gl", "zt", "ki")


@pytest.fixture(scope="session")
def mini_store() -> ox.Store:
    """The vocabulary plus the miniature agenda (graph <…/id/test/2024>), in memory."""
    store = ox.Store()
    store.bulk_extend(vocabulary_quads() + agenda_quads(TEST_AGENDA))
    return store


@pytest.fixture(scope="session")
def mini_params() -> dict[str, str]:
    return {"agenda": TEST_AGENDA.iri}


@pytest.fixture(scope="session")
def real_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real curated data compiled into a fresh on-disk store (no validation step)."""
    missing = [t for t in THEMES if not (DATA_DIR / "drenthe-2024" / f"{t}.ttl").exists()]
    if missing:
        pytest.skip(f"theme files not curated yet: {', '.join(missing)}")
    target = tmp_path_factory.mktemp("real") / "store"
    return write_store(all_quads(), target, {"sources_mtime": 0})


@pytest.fixture(scope="session")
def real_store(real_store_dir: Path) -> ox.Store:
    return ox.Store.read_only(str(real_store_dir))
