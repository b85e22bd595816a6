"""A store holding the real agendas plus the miniature `test/2024` agenda of tests/queries.

The miniature has an application (`AA-1-tp`) that the real agenda lacks, so the what-if
can be asked for a plan that exists in another agenda only.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.config import ROOT, Agenda, discover_agendas
from werkagenda.load import all_quads
from werkagenda.store import write_store

OTHER_AGENDA = Agenda(key="test/2024", folder=ROOT / "tests" / "queries" / "fixtures" / "test-2024")


@pytest.fixture(scope="session")
def whatif_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("whatif") / "store"
    return write_store(all_quads([*discover_agendas(), OTHER_AGENDA]), target, {"sources_mtime": 0})


@pytest.fixture(scope="session")
def whatif_store(whatif_store_dir: Path) -> ox.Store:
    return ox.Store.read_only(str(whatif_store_dir))
