"""`werkagenda serve --agenda A --agenda B` serves exactly those agendas, side by side."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import repo_shaped, stop
from tests.serve.conftest import free_port, werkagenda_command

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository-shaped folder: the real agenda plus two synthetic ones under data/."""
    return repo_shaped(tmp_path_factory.mktemp("national"), scale=2, seed=3, real=True)


def test_serve_builds_and_serves_the_chosen_agendas(national: Path) -> None:
    data = national / "data"
    env = {
        **os.environ,
        "WERKAGENDA_ROOT": str(national),
        "WERKAGENDA_DIST": str(national / "dist"),
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    command = [*werkagenda_command(), "serve", "--port", str(port), "--workers", "2"]
    command += ["--agenda", str(data / "drenthe-2024"), "--agenda", str(data / "synth-r001-2025")]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                httpx.get(url + "sparql", params={"query": "ASK {}"}, timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        query = (
            "PREFIX wa: <https://w3id.org/iza-werkagenda/def#> "
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a wa:Werkagenda } }"
        )
        answer = httpx.get(
            url + "sparql",
            params={"query": query},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        graphs = sorted(b["g"]["value"] for b in answer.json()["results"]["bindings"])
        base = "https://w3id.org/iza-werkagenda/id/"
        assert graphs == [base + "drenthe/2024", base + "synth-r001/2025"]
        page = httpx.get(url + "id/synth-r001/2025/inspanning/VOW-10", timeout=30)
        assert page.status_code == 200 and "VOW-10" in page.text
        other = httpx.get(url + "id/synth-r001/2024/inspanning/VOW-10", timeout=30)
        assert other.status_code == 404
    finally:
        stop(proc)
    # the store holds a chosen set, so a default command rebuilds it with every agenda
    query = subprocess.run(
        [*werkagenda_command(), "query", "inspanningen", "--format", "csv"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert query.returncode == 0, query.stderr
    from werkagenda.store import read_stamp

    stamp = read_stamp(national / "dist" / "store")
    assert stamp is not None and len(stamp["agendas"]) == 3


def test_agenda_and_store_together_are_refused(national: Path) -> None:
    done = subprocess.run(
        [
            *werkagenda_command(),
            "serve",
            "--agenda",
            str(national / "data" / "drenthe-2024"),
            "--store",
            str(national),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "do not give --store too" in done.stderr
