"""A query worker that grew (the catalogue page imports rdflib into it) is replaced by a fresh
one after answering; a worker answering queries keeps its process (`serve/worker.py`)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx

from tests.serve.conftest import running_server
from tests.serve.wire import address

ONE_WORKER = ("--workers", "1", "--fast-workers", "0", "--cache-entries", "0")


def _workers(url: str) -> dict[int, int]:
    """The query workers of the server at `url` (grandchildren of the serving process, forked
    by its fork server), each with its private resident memory (RssAnon) in MiB."""
    port = str(address(url)[1]).encode()
    parent, status = {}, {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            args = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            status[int(entry)] = Path(f"/proc/{entry}/status").read_text().splitlines()
        except OSError:  # it exited meanwhile
            continue
        ppid = [line.split()[1] for line in status[int(entry)] if line.startswith("PPid:")]
        parent[int(entry)] = int(ppid[0])
        if b"serve" in args and b"--port" in args and port in args:
            main = int(entry)
    found = {}
    for pid, ppid in parent.items():
        anon = [line.split()[1] for line in status[pid] if line.startswith("RssAnon:")]
        if parent.get(ppid) == main and anon:  # a zombie has no memory left to count
            found[pid] = int(anon[0]) // 1024
    return found


def _one_worker(url: str) -> tuple[int, int]:
    """The single worker's pid and MiB, waiting up to 20 s for it to be (re)started."""
    deadline = time.monotonic() + 20
    while not (found := _workers(url)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(found) == 1, found
    return next(iter(found.items()))


def _catalogue(client: httpx.Client) -> None:
    r = client.get("/catalog", headers={"Accept": "text/html"})
    assert r.status_code == 200, r.text[:300]
    assert "text/html" in r.headers["content-type"] and "Werkagenda" in r.text


def test_a_grown_worker_is_replaced_after_answering(dist: Path) -> None:
    with (
        running_server(dist, *ONE_WORKER, log_name="growth.log") as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        first, _ = _one_worker(url)
        query = {"query": "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"}
        for _ in range(30):  # queries leave a worker the size it was
            assert client.get("/sparql", params=query).status_code == 200
        assert _one_worker(url)[0] == first
        _catalogue(client)
        second, _ = _one_worker(url)
        assert second != first and not Path(f"/proc/{first}").exists()
        _catalogue(client)  # the replacement answers, and is replaced in its turn
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]
    assert "Traceback" not in (dist / "growth.log").read_text()


def test_without_an_allowance_the_catalogue_leaves_its_worker_larger(dist: Path) -> None:
    """The premise of the test above: the catalogue page grows a worker past the default
    allowance, 8 MiB, and with `--worker-growth 0` the worker keeps that memory."""
    extra = (*ONE_WORKER, "--worker-growth", "0")
    with (
        running_server(dist, *extra, log_name="no-growth.log") as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        pid, before = _one_worker(url)
        _catalogue(client)
        same, after = _one_worker(url)
        assert same == pid and after - before > 8, (before, after)
