"""`werkagenda serve` as a newcomer meets it: --port 0, a taken port, one log line a request."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import stop
from tests.serve.conftest import werkagenda_command

pytestmark = pytest.mark.server


def start(dist: Path, *extra: str) -> subprocess.Popen[str]:
    command = [*werkagenda_command(), "serve", "--store", str(dist / "store"), "--workers", "1"]
    return subprocess.Popen(
        [*command, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_port_0_prints_the_bound_port_logs_requests_and_a_taken_port_is_one_line(
    dist: Path,
) -> None:
    proc = start(dist, "--port", "0")
    try:
        assert proc.stdout is not None and proc.stderr is not None
        ready = proc.stdout.readline()
        assert ready.startswith("werkagenda serve: http://127.0.0.1:"), ready
        url = ready.split()[2]
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        assert port > 0
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(url + "sparql", params={"query": "ASK {}"}, timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert answer.status_code == 200
        line = proc.stderr.readline().strip()
        assert line.startswith("GET /sparql?query=ASK") and " 200 " in line and line.endswith(" ms")
        taken = subprocess.run(
            [*werkagenda_command(), "serve", "--store", str(dist / "store"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert taken.returncode == 2
        assert taken.stderr.strip().splitlines() == [
            f"werkagenda: port {port} on 127.0.0.1 is already in use: choose another with "
            "--port (--port 0 picks a free one)"
        ]
    finally:
        stop(proc)


def test_quiet_serves_without_request_lines(dist: Path) -> None:
    proc = start(dist, "--port", "0", "--quiet")
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[2]
        for _ in range(150):
            try:
                httpx.get(url + "sparql", params={"query": "ASK {}"}, timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
    finally:
        stop(proc)
    assert proc.stderr is not None and "GET /" not in proc.stderr.read()


def test_named_query_errors_speak_http(client: httpx.Client) -> None:
    missing = client.get("/api/queries/inspanning-goals/run")
    assert missing.status_code == 400
    assert "missing parameter 'code'" in missing.text and "Add ?code=VALUE" in missing.text
    assert "--param" not in missing.text and "-p code" not in missing.text
    unknown = client.get("/api/queries/initiator-count/run")
    assert unknown.status_code == 404
    assert "did you mean 'initiator-counts'?" in unknown.text
    assert (
        "GET /api/queries lists them" in unknown.text and "werkagenda queries" not in unknown.text
    )
    code = client.get("/api/queries/inspanning-goals/run", params={"code": "VOW-99"})
    assert code.status_code == 400 and "nearest: VOW-9" in code.text
    listed = client.get("/api/queries").json()
    assert any(q["name"] == "inspanning-goals" for q in listed)


def test_named_query_api_as_readme_shows(client: httpx.Client) -> None:
    answer = client.get(
        "/api/queries/inspanning-goals/run",
        params={"code": "ZT-12"},
        headers={"Accept": "text/csv"},
    )
    assert answer.status_code == 200 and answer.headers["access-control-allow-origin"] == "*"
    rows = answer.text.splitlines()
    assert rows[0].split(",")[:2] == ["code", "goal"]
    assert {r.split(",")[1] for r in rows[1:]} == {  # L644 'A C D B D' (README's answer)
        "ZT-S1-A",
        "ZT-S1-C",
        "ZT-S2-D",
        "ZT-S3-B",
        "ZT-S3-D",
    }
