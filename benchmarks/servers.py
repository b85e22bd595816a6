"""Servers on loopback: our server vs Oxigraph (serve_bench.py), and remote SPARQL stores.

`remote_stores` pushes a scale's compiled data into a real `oxigraph serve` and, where the
package is installed, into Virtuoso (started here with a throw-away config bound to
127.0.0.1, stopped afterwards), then runs the named queries there through SPARQLWrapper
(`werkagenda.remote.run_named`). Every server started here is terminated in `finally`.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
from workspace import BIN, HERE, Workspace, run_stage

from werkagenda.errors import WerkagendaError

VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DirsAllowed = ., {d}
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerThreads = 8
MaxClientConnections = 8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
# Anonymous SPARQL Update and Graph Store writes, for `werkagenda push` (throw-away, loopback).
VIRTUOSO_GRANT = (
    "grant SPARQL_UPDATE to \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_bench(ws: Workspace, *, clients: int, seconds: float) -> dict:
    """Our server vs `oxigraph serve-read-only` on the same store (benchmarks/serve_bench.py)."""
    if not (BIN / "werkagenda").exists():
        return {"skipped": "the werkagenda command is not installed in this venv"}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "serve.json"
        command = [
            str(BIN / "python"),
            str(HERE / "serve_bench.py"),
            "--store",
            str(ws.store),
            "--clients",
            str(clients),
            "--seconds",
            str(seconds),
            "--json",
            str(out),
        ]
        limit = 6 * seconds + 240
        try:
            done = subprocess.run(
                command, env=ws.env, capture_output=True, text=True, timeout=limit
            )
        except subprocess.TimeoutExpired:
            return {"skipped": f"serve_bench did not finish within {limit:.0f} s (timed out)"}
        if not out.exists():
            last = done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or ["?"]
            return {"skipped": f"serve_bench failed: {last[-1][:160]}"}
        return json.loads(out.read_text())


def _wait(url: str, proc: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {limit:.0f} s")


@contextlib.contextmanager
def _running(command: list[str], ready_url: str) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(ready_url, proc)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _named_queries(ws: Workspace, endpoint_url: str, runs: int) -> dict:
    """Each named query on a remote endpoint: median ms and rows, or why it failed."""
    outcome = run_stage(
        ws, "remote-queries", "--endpoint", endpoint_url, "--runs", str(runs), timeout=600
    )
    return outcome.data.get("queries", {}) if outcome.ok else {"error": outcome.why(600)}


def _dump(ws: Workspace, target: Path) -> int:
    store = ox.Store.read_only(str(ws.store))
    store.dump(output=str(target), format=ox.RdfFormat.N_QUADS)
    return len(store)


def oxigraph_remote(ws: Workspace, *, runs: int, push: bool = True) -> dict:
    """Load the scale's quads into `oxigraph serve` over HTTP and run the named queries there."""
    binary = BIN / "oxigraph" if (BIN / "oxigraph").exists() else shutil.which("oxigraph")
    if not binary:
        return {"skipped": "the oxigraph server binary is not installed (pip install oxigraph)"}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "data.nq"
        quads = _dump(ws, dump)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [
            str(binary),
            "serve",
            "--location",
            str(Path(tmp) / "db"),
            "--bind",
            f"127.0.0.1:{port}",
        ]
        try:
            with _running(command, base + "/query?query=ASK%7B%7D"):
                started = time.perf_counter()
                with dump.open("rb") as body:
                    r = httpx.post(
                        base + "/store",
                        content=body,
                        timeout=1800,
                        headers={"Content-Type": "application/n-quads"},
                    )
                r.raise_for_status()
                load = time.perf_counter() - started
                pushed = _push_one(ws, base + "/query") if push else None
                return {
                    "quads": quads,
                    "load_s": load,
                    "loader": "HTTP POST /store (N-Quads)",
                    "push": pushed,
                    "queries": _named_queries(ws, base + "/query", runs),
                }
        except (RuntimeError, httpx.HTTPError) as e:
            return {"skipped": f"oxigraph serve failed: {e}"}


def _push_one(ws: Workspace, url: str, gsp: str | None = None, update: str | None = None) -> dict:
    """`werkagenda push` of the real agenda graph (verified by count and hash), timed."""
    from werkagenda.config import DEFAULT_AGENDA_IRI
    from werkagenda.remote import Endpoint, push

    store = ox.Store.read_only(str(ws.store))
    started = time.perf_counter()
    try:
        reports = push(
            store,
            Endpoint(url, timeout=300),
            source_graph=DEFAULT_AGENDA_IRI,
            target_graph=DEFAULT_AGENDA_IRI + "/pushed",
            gsp_url=gsp,
            update_url=update,
        )
    except WerkagendaError as e:
        return {"error": str(e)[:200]}
    return {
        "seconds": time.perf_counter() - started,
        "triples": sum(r.triples for r in reports),
        "verified": all(r.ok for r in reports),
    }


def virtuoso_remote(ws: Workspace, *, runs: int, push: bool = True) -> dict:
    """Load the scale's quads into a throw-away Virtuoso and run the named queries there."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not server or not isql:
        return {
            "skipped": "virtuoso-opensource not installed (apt-get install virtuoso-opensource)"
        }
    with tempfile.TemporaryDirectory() as tmp:
        sql, http = free_port(), free_port()
        ini = Path(tmp) / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(d=tmp, sql=sql, http=http))
        quads = _dump(ws, Path(tmp) / "data.nq")
        command = [server, "+foreground", "+configfile", str(ini)]
        base = f"http://127.0.0.1:{http}"
        try:
            with _running(command, base + "/sparql?query=ASK%7B%7D"):
                load_sql = (
                    f"ld_dir('{tmp}', 'data.nq', 'urn:werkagenda:default'); "
                    "rdf_loader_run(); checkpoint;"
                )
                started = time.perf_counter()
                done = subprocess.run(
                    [isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={load_sql}"],
                    capture_output=True,
                    text=True,
                    timeout=1800,
                )
                if done.returncode != 0 or "Error" in done.stdout:
                    return {
                        "skipped": f"virtuoso load failed: {(done.stdout + done.stderr)[-200:]}"
                    }
                load = time.perf_counter() - started
                pushed = None
                if push:  # anonymous SPARQL Update + Graph Store access, loopback only
                    subprocess.run(
                        [isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={VIRTUOSO_GRANT}"],
                        capture_output=True,
                        timeout=120,
                    )
                    pushed = _push_one(
                        ws,
                        base + "/sparql",
                        gsp=base + "/sparql-graph-crud",
                        update=base + "/sparql",
                    )
                return {
                    "quads": quads,
                    "load_s": load,
                    "push": pushed,
                    "loader": "isql ld_dir + rdf_loader_run (N-Quads)",
                    "queries": _named_queries(ws, base + "/sparql", runs),
                }
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            return {"skipped": f"virtuoso failed: {e}"}
