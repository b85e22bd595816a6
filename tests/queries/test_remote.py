"""Remote stores, against a real `oxigraph serve` process and tiny misbehaving HTTP servers.

Run with `pytest -m server`. The Oxigraph server gets the compiled agenda by `werkagenda
push`; then every named query must answer remotely exactly what it answers embedded.
"""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.conftest import stop
from werkagenda.cli import main
from werkagenda.config import DEFAULT_AGENDA_IRI
from werkagenda.query.execute import run_named as run_embedded
from werkagenda.query.registry import discover
from werkagenda.remote.client import Endpoint
from werkagenda.remote.client import run_named as run_remote

pytestmark = pytest.mark.server

BIN = Path(sys.executable).parent
PARAMS = {"organisation": "Dr. Drenthe", "code": "ZT-12", "text": "Drèentse", "reject": "iza"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Oxigraph server on a free port; yields its query endpoint URL."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [
            str(BIN / "oxigraph"),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oxigraph did not start: {process.stderr.read()!r}"
                    ) from None
                time.sleep(0.2)
        yield url
    finally:
        stop(process, timeout=10)


@pytest.fixture(scope="module")
def pushed(oxigraph: str, real_store_dir: Path) -> str:
    result = CliRunner().invoke(
        main, ["push", "--endpoint", oxigraph, "--store", str(real_store_dir)]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.endswith("(verified)") for line in lines)
    assert lines[0].startswith(f"pushed <{DEFAULT_AGENDA_IRI}>: ")
    return oxigraph


class _Canned(http.server.BaseHTTPRequestHandler):
    status, body, headers = 200, b"", {}

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(self.status)
        for key, value in self.headers_out.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = do_PUT = _answer  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def canned() -> Iterator[callable]:
    servers = []

    def start(status: int, body: bytes, headers: dict[str, str]) -> str:
        handler = type("H", (_Canned,), {"status": status, "body": body, "headers_out": headers})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name", sorted(discover()))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_named_query_answers_remotely_as_embedded(
    name: str, lang: str, pushed: str, real_store: ox.Store
) -> None:
    query = discover()[name]
    values = {"lang": lang, **{k: v for k, v in PARAMS.items() if query.param(k)}}
    embedded = run_embedded(real_store, query, values)
    remote = run_remote(Endpoint(pushed), query, values)
    assert remote.columns == embedded.columns
    assert remote.rows == embedded.rows
    assert embedded.rows


def test_injection_remotely(pushed: str) -> None:
    query = discover()["search"]
    for evil in ['x" } # ', '"} UNION { GRAPH ?g { ?s ?p ?o } } #', "a'b\"c\\"]:
        assert run_remote(Endpoint(pushed), query, {"text": evil}).rows == []


def test_cli_query_remote_equals_embedded(pushed: str, real_store_dir: Path) -> None:
    args = ["query", "initiator-counts", "--format", "csv", "--lang", "en"]
    remote = CliRunner().invoke(main, [*args, "--endpoint", pushed])
    local = CliRunner().invoke(main, [*args, "--store", str(real_store_dir)])
    assert remote.exit_code == local.exit_code == 0
    assert remote.stdout == local.stdout


def test_sparql_remote(pushed: str) -> None:
    text = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
        "?i a <https://w3id.org/iza-werkagenda/def#Inspanning> } }"
    )
    result = CliRunner().invoke(main, ["sparql", text, "--endpoint", pushed, "--format", "csv"])
    assert (result.exit_code, result.stdout) == (0, "n\n52\n")
    bad = CliRunner().invoke(main, ["sparql", "SELECT * WHERE { ?s ?p }", "--endpoint", pushed])
    assert bad.exit_code == 2 and bad.stderr.startswith(
        f"werkagenda: {pushed}: the endpoint rejected"
    )


def test_failed_push_leaves_the_target_intact(pushed: str, real_store_dir: Path, canned) -> None:
    html = canned(500, b"<html>broken</html>", {"Content-Type": "text/html"})
    result = CliRunner().invoke(
        main, ["push", "--endpoint", pushed, "--gsp", html, "--store", str(real_store_dir)]
    )
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and html in result.stderr
    count = CliRunner().invoke(
        main, ["query", "theme-overview", "--endpoint", pushed, "--format", "csv"]
    )
    assert count.stdout.count("\n") == 7  # header + six themes: the target is untouched


def test_unreachable_endpoint_exit_3_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    out = subprocess.run(
        [str(BIN / "werkagenda"), "query", "inspanningen", "--endpoint", url],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 3
    assert out.stderr == f"werkagenda: {url}: cannot reach endpoint: connection refused\n"
    assert "Traceback" not in out.stderr and out.stdout == ""


def test_html_answer_exit_3(canned) -> None:
    url = canned(200, b"<html><body>Welcome</body></html>", {"Content-Type": "text/html"})
    result = CliRunner().invoke(main, ["query", "inspanningen", "--endpoint", url])
    assert result.exit_code == 3
    assert result.stderr == f"werkagenda: {url}: answered text/html, not SPARQL results\n"


def test_malformed_results_exit_3(canned) -> None:
    body = b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "uri"'
    url = canned(200, body, {"Content-Type": "application/sparql-results+json"})
    result = CliRunner().invoke(main, ["sparql", "SELECT ?n {}", "--endpoint", url])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"werkagenda: {url}: answered malformed SPARQL results: ")
    assert result.stderr.count("\n") == 1


def test_xml_results_are_read(canned) -> None:
    body = (
        b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        b'<head><variable name="n"/><variable name="t"/></head><results><result>'
        b'<binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">52'
        b'</literal></binding><binding name="t"><literal xml:lang="nl">Zorg</literal></binding>'
        b"</result></results></sparql>"
    )
    url = canned(200, body, {"Content-Type": "application/sparql-results+xml"})
    result = CliRunner().invoke(
        main, ["sparql", "SELECT ?n ?t {}", "--endpoint", url, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": 52, "t": "Zorg"}]


@pytest.mark.parametrize(
    ("status", "cause"),
    [
        (401, "authentication failed (HTTP 401); check --user/--password"),
        (403, "access forbidden (HTTP 403)"),
    ],
)
def test_auth_failure_exit_3(canned, status: int, cause: str) -> None:
    url = canned(
        status, b"denied", {"Content-Type": "text/plain", "WWW-Authenticate": 'Basic realm="x"'}
    )
    result = CliRunner().invoke(
        main, ["query", "inspanningen", "--endpoint", url, "--user", "u", "--password", "wrong"]
    )
    assert result.exit_code == 3
    assert result.stderr == f"werkagenda: {url}: {cause}\n"


def test_push_auth_failure_exit_3(canned, real_store_dir: Path) -> None:
    url = canned(401, b"denied", {"Content-Type": "text/plain"})
    result = CliRunner().invoke(
        main, ["push", "--endpoint", url, "--gsp", url, "--store", str(real_store_dir)]
    )
    assert result.exit_code == 3
    assert result.stderr.startswith(f"werkagenda: {url}: authentication failed (HTTP 401)")


def test_push_to_another_graph_and_query_it(pushed: str, real_store_dir: Path) -> None:
    copy = "http://example.org/werkagenda/copy"
    result = CliRunner().invoke(
        main,
        [
            "push",
            "--endpoint",
            pushed,
            "--graph",
            copy,
            "--no-vocabulary",
            "--store",
            str(real_store_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"pushed <{copy}>: ") and result.stdout.count("\n") == 1
    rows = CliRunner().invoke(
        main, ["query", "inspanningen", "--endpoint", pushed, "--agenda", copy, "--format", "csv"]
    )
    assert rows.exit_code == 0 and rows.stdout.count("\n") == 53
