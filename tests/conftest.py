"""Top-level fixtures: the core test agendas and a compiled store built into a tmp dist."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from werkagenda.build import agenda_at, build
from werkagenda.config import ROOT, Agenda
from werkagenda.load import vocabulary_quads

CORE_FIXTURES = ROOT / "tests" / "core" / "fixtures"
MINI_SHAPES = CORE_FIXTURES / "shapes-mini.ttl"


def repo_shaped(root: Path, *, scale: int, seed: int, real: bool = False) -> Path:
    """A folder shaped like the repository: ontology/ and queries/ linked, data/ holding
    `scale` synthetic agendas (and the real one when `real`). Point WERKAGENDA_ROOT (or the
    loader's ROOT) at it: synthetic source paths resolve against it."""
    from werkagenda.synth import generate

    for name in ("ontology", "queries"):
        (root / name).symlink_to(ROOT / name)
    generate(root / "data", scale=scale, seed=seed)
    if real:
        (root / "data" / "drenthe-2024").symlink_to(ROOT / "data" / "drenthe-2024")
    return root


def stop(process: subprocess.Popen, timeout: float = 15) -> None:  # type: ignore[type-arg]
    """Terminate a child process, killing it when it does not stop in time."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_up(
    process: subprocess.Popen,  # type: ignore[type-arg]
    url: str,
    *,
    params: dict[str, str] | None = None,
    seconds: float = 30,
    what: str = "server",
) -> None:
    """Poll `url` until it answers 200; RuntimeError when `process` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, params=params, timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer {url} within {seconds:.0f} s")


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
