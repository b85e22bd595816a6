"""Regression (issue 17, hole 10): an empty `data/` once replaced the store by an empty one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from werkagenda.cli import main
from werkagenda.rdf import curies


@pytest.fixture
def no_agendas(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`discover_agendas` finds nothing; the prefix caches built meanwhile are dropped after,
    so later tests see the real agendas' prefixes again."""
    import werkagenda.config

    monkeypatch.setattr(werkagenda.config, "discover_agendas", lambda *a, **k: [])
    yield
    curies._agendas.cache_clear()
    curies.converter.cache_clear()


@pytest.mark.usefixtures("no_agendas")
def test_build_with_no_agenda_is_refused_and_keeps_the_store(
    tmp_path: Path, compiled_dist: Path
) -> None:
    dist = tmp_path / "dist"
    shutil.copytree(compiled_dist, dist)
    before = sorted(p.name for p in (dist / "store").iterdir())
    result = CliRunner().invoke(main, ["build", "--dist", str(dist), "--no-reason-check"])
    assert result.exit_code == 2, result.output
    assert "no agenda" in result.output and "--allow-empty" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert sorted(p.name for p in (dist / "store").iterdir()) == before


@pytest.mark.usefixtures("no_agendas")
def test_allow_empty_builds_the_ontology_alone(tmp_path: Path) -> None:
    args = ["build", "--dist", str(tmp_path), "--no-reason-check", "--allow-empty"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "store").is_dir()
