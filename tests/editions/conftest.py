"""Two editions for the editions tests: the real agenda and its edited copy (next_edition)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import stop, wait_until_up
from tests.editions.next_edition import build_root
from tests.serve.conftest import free_port, running_server, werkagenda_command

HERE = Path(__file__).parent


def werkagenda(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real `werkagenda` command with the repository-shaped `root` as its root."""
    return subprocess.run(
        [*werkagenda_command(), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "WERKAGENDA_ROOT": str(root)},
        timeout=600,
    )


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository-shaped folder with data/drenthe-2024 (real) and drenthe-2025 (edited)."""
    return build_root(tmp_path_factory.mktemp("editions") / "root")


@pytest.fixture(scope="session")
def editions_dist(two_editions: Path) -> Path:
    """Both editions built (SHACL on; HermiT skipped: it is tested on the real agenda)."""
    dist = two_editions / "dist"
    done = werkagenda(two_editions, "build", "--dist", str(dist), "--no-reason-check")
    assert done.returncode == 0, done.stderr
    return dist


@pytest.fixture(scope="session")
def editions_server(editions_dist: Path, two_editions: Path) -> Iterator[str]:
    """A real `werkagenda serve` over the store of both editions."""
    old = os.environ.get("WERKAGENDA_ROOT")
    os.environ["WERKAGENDA_ROOT"] = str(two_editions)
    try:
        with running_server(editions_dist, log_name="editions-server.log") as url:
            _restore(old)
            yield url
    finally:
        _restore(old)


def _restore(old: str | None) -> None:
    if old is None:
        os.environ.pop("WERKAGENDA_ROOT", None)
    else:
        os.environ["WERKAGENDA_ROOT"] = old


@pytest.fixture(scope="session")
def editions_release(editions_dist: Path, two_editions: Path) -> Path:
    """`werkagenda publish` of both editions."""
    out = two_editions / "release"
    done = werkagenda(
        two_editions,
        "publish",
        str(out),
        "--store",
        str(editions_dist / "store"),
        "--site-url",
        "https://example.org/werkagenda/",
    )
    assert done.returncode == 0, done.stderr
    return out


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """`python -m http.server` over a folder; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(proc, url, seconds=10, what="http.server")
        yield url
    finally:
        stop(proc)
