"""A real `werkagenda serve` subprocess over a store built from the data plus a hostile fixture."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import stop
from werkagenda.build import build
from werkagenda.config import ROOT, discover_agendas
from werkagenda.serve.prebuilt import write_pages
from werkagenda.serve.settings import DEFAULT_HTTP, HTTP_PROTOCOLS

FIXTURES = Path(__file__).parent / "fixtures"
OUTPUT = ROOT / "test-output"
TIMEOUT = 3.0  # the server's query timeout in these tests
MAX_ROWS = 500
MAX_BODY = 64 * 1024
FIXTURE_AGENDA = "https://w3id.org/iza-werkagenda/id/testregio/2099"


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A compiled store in a temporary dist: every agenda under data/ plus the test agenda.

    The test agenda is hostile on purpose (a `<script>` label, odd IRIs), which SHACL rightly
    rejects; serving must still escape it, so this store is built without the SHACL gate.
    Its resource pages are pre-rendered, as `werkagenda build` does.
    """
    folder = tmp_path_factory.mktemp("dist")
    agendas = discover_agendas() + discover_agendas(FIXTURES)
    build(dist=folder, agendas=agendas, shacl=False, after_write=write_pages)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def werkagenda_command() -> list[str]:
    script = Path(sys.executable).with_name("werkagenda")
    found = str(script) if script.exists() else shutil.which("werkagenda")
    assert found, "the werkagenda console script is not installed (pip install -e .)"
    return [found]


@contextlib.contextmanager
def running_server(dist: Path, *extra: str, log_name: str = "server.log") -> Iterator[str]:
    """`werkagenda serve` on a free loopback port over dist/store; yields its base URL."""
    port = free_port()
    log_path = dist / log_name
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            *werkagenda_command(),
            "serve",
            "--store",
            str(dist / "store"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--timeout",
            str(TIMEOUT),
            "--max-rows",
            str(MAX_ROWS),
            "--max-body",
            str(MAX_BODY),
            "--workers",
            "2",
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log_path.read_text()}")
        try:
            if httpx.get(url + "sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        raise RuntimeError("server did not become ready within 90 s")
    try:
        assert url in (proc.stdout.readline() if proc.stdout else ""), "serve should print its URL"
        yield url
    finally:
        stop(proc)
        log.close()


@pytest.fixture(scope="session")
def server(dist: Path) -> Iterator[str]:
    """Start the server on a free loopback port; yield its base URL; stop it afterwards."""
    with running_server(dist) as url:
        yield url


@pytest.fixture(scope="session", params=HTTP_PROTOCOLS)
def each_protocol(request: pytest.FixtureRequest, dist: Path) -> Iterator[str]:
    """The server under each HTTP implementation of `serve --http` (the default's is `server`);
    its log is dist/server*.log."""
    if request.param == DEFAULT_HTTP:
        yield request.getfixturevalue("server")
        return
    log_name = f"server-{request.param}.log"
    with running_server(dist, "--http", request.param, log_name=log_name) as url:
        yield url


def tracebacks(dist: Path) -> list[str]:
    """The server logs in `dist` that hold a traceback."""
    return [p.name for p in dist.glob("server*.log") if "Traceback" in p.read_text()]


@pytest.fixture()
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as c:
        yield c


def triple_count(client: httpx.Client) -> int:
    r = client.get(
        "/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])
