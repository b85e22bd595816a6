"""`werkagenda push` into a real Virtuoso 7, started here on loopback with a throw-away config.

Skipped when Virtuoso is not installed (Debian: apt-get install virtuoso-opensource). The
config keeps Virtuoso's stock answer cap (ResultSetMaxRows 10000), below the real agenda's
15,468 triples, so reading the graph back for the hash also takes the capped path.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.conftest import stop
from werkagenda.cli import main
from werkagenda.config import DEFAULT_AGENDA_IRI, VOCABULARY_GRAPH
from werkagenda.remote.client import Endpoint, run_text

SERVER = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(
        SERVER is None or ISQL is None,
        reason="Virtuoso not installed (virtuoso-t and isql-vt not found on PATH)",
    ),
]

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""
# Anonymous SPARQL Update and Graph Store writes: a throw-away server on loopback only.
GRANT = "grant SPARQL_UPDATE to \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);"
VOCABULARY_ONLY = ("--agenda", VOCABULARY_GRAPH, "--no-vocabulary")
STAGING = (
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
    'FILTER(STRSTARTS(STR(?g), "urn:werkagenda:staging:")) }'
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Virtuoso with anonymous update rights; yields its base URL (no trailing /)."""
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql=sql, http=http))
    process = subprocess.Popen(
        [SERVER, "+foreground", "+configfile", str(ini)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 45
        while True:
            try:
                if httpx.get(base + "/sparql?query=ASK%7B%7D", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log = folder / "virtuoso.log"
                tail = log.read_text(errors="replace")[-400:] if log.exists() else ""
                raise RuntimeError(f"virtuoso did not start: {tail}")
            time.sleep(0.2)
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{sql}", "dba", "dba", f"exec={GRANT}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0 and "Error" not in done.stdout, done.stdout + done.stderr
        yield base
    finally:
        stop(process, timeout=30)


def push_args(base: str, store: Path, *extra: str) -> list[str]:
    return [
        "push",
        "--endpoint",
        base + "/sparql",
        "--gsp",
        base + "/sparql-graph-crud",
        "--update-endpoint",
        base + "/sparql",
        "--store",
        str(store),
        *extra,
    ]


def remote_count(base: str, graph: str) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(run_text(Endpoint(base + "/sparql"), text).rows[0][0].value)


def local_count(store: ox.Store, graph: str) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def test_push_real_agenda_verified(
    virtuoso: str, real_store_dir: Path, real_store: ox.Store
) -> None:
    result = CliRunner().invoke(main, push_args(virtuoso, real_store_dir))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line.endswith("(verified)") for line in lines)
    assert lines[0].startswith(f"pushed <{DEFAULT_AGENDA_IRI}>: ")
    for graph in (DEFAULT_AGENDA_IRI, VOCABULARY_GRAPH):
        assert remote_count(virtuoso, graph) == local_count(real_store, graph)
    assert run_text(Endpoint(virtuoso + "/sparql"), STAGING).rows == []
    inspanningen = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
        "?i a <https://w3id.org/iza-werkagenda/def#Inspanning> } }"
    )
    assert run_text(Endpoint(virtuoso + "/sparql"), inspanningen).rows[0][0].value == "52"


def test_push_replaces_what_the_target_held(
    virtuoso: str, real_store_dir: Path, real_store: ox.Store
) -> None:
    target = "http://example.org/werkagenda/replaced"
    first = [*VOCABULARY_ONLY, "--graph", target]
    result = CliRunner().invoke(main, push_args(virtuoso, real_store_dir, *first))
    assert result.exit_code == 0, result.output
    assert remote_count(virtuoso, target) == local_count(real_store, VOCABULARY_GRAPH)
    result = CliRunner().invoke(
        main, push_args(virtuoso, real_store_dir, "--graph", target, "--no-vocabulary")
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"pushed <{target}>: ") and "(verified)" in result.stdout
    assert remote_count(virtuoso, target) == local_count(real_store, DEFAULT_AGENDA_IRI)


def test_ignored_move_fails_verification(virtuoso: str, real_store_dir: Path) -> None:
    """Virtuoso's Graph Store endpoint answers a SPARQL Update with 200 and does nothing."""
    target = "http://example.org/werkagenda/ignored"
    args = push_args(virtuoso, real_store_dir, *VOCABULARY_ONLY, "--graph", target)
    args[args.index("--update-endpoint") + 1] = virtuoso + "/sparql-graph-crud"
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and f"verification of <{target}> failed" in result.stderr
    assert remote_count(virtuoso, target) == 0
    assert run_text(Endpoint(virtuoso + "/sparql"), STAGING).rows == []


def test_failed_move_exit_3(virtuoso: str, real_store_dir: Path) -> None:
    target = "http://example.org/werkagenda/failed"
    args = push_args(virtuoso, real_store_dir, *VOCABULARY_ONLY, "--graph", target)
    args[args.index("--update-endpoint") + 1] = virtuoso + "/no-such-endpoint"
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "push again" in result.stderr
    assert remote_count(virtuoso, target) == 0
    assert run_text(Endpoint(virtuoso + "/sparql"), STAGING).rows == []
