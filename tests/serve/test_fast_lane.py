"""The lanes for cheap work (#17 hole 7, #18): ASK and named queries do not queue behind long
queries; named queries answered in the server process (`serve.inline`) and in the cheap
lane answer byte for byte as the main worker pool does, refusals included."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.serve.conftest import running_server
from werkagenda.query.lookups import known
from werkagenda.query.registry import discover

# a cross product of every typed resource with every other: about a second of work alone
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?t . ?b a ?u }"
JSON = {"Accept": "application/sparql-results+json"}


def test_ask_stays_fast_while_three_clients_loop_an_expensive_query(server: str) -> None:
    durations: list[float] = []
    stop = threading.Event()

    def loop() -> None:
        with httpx.Client(base_url=server, timeout=60) as c:
            while not stop.is_set():
                started = time.monotonic()
                r = c.get("/sparql", params={"query": EXPENSIVE}, headers=JSON)
                assert r.status_code in (200, 503), r.text  # 503: it hit the 3 s timeout
                durations.append(time.monotonic() - started)

    threads = [threading.Thread(target=loop) for _ in range(3)]
    for t in threads:
        t.start()
    asks: list[float] = []
    try:
        time.sleep(0.5)  # the expensive queries hold both main workers
        with httpx.Client(base_url=server, timeout=60) as c:
            deadline = time.monotonic() + 8
            while time.monotonic() < deadline:
                started = time.monotonic()
                r = c.get("/sparql", params={"query": "ASK {}"}, headers=JSON)
                asks.append(time.monotonic() - started)
                assert r.status_code == 200 and r.json()["boolean"] is True
                time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert len(durations) >= 3 and len(asks) >= 10
    slowest_ask, quickest_expensive = max(asks), min(durations)
    assert quickest_expensive > 0.3, durations  # the load was real
    # every ASK came back before a single expensive query could finish
    assert slowest_ask < quickest_expensive, (asks, durations)


@pytest.fixture(scope="module")
def worker_path(dist: Path) -> Iterator[str]:
    """The same store with no lane and no cache: every answer from the main worker pool."""
    no_lanes = ("--fast-workers", "0", "--inline-threads", "0", "--cache-entries", "0")
    with running_server(dist, *no_lanes, log_name="nolane.log") as url:
        yield url


def _cases(store: ox.Store) -> Iterator[tuple[str, dict[str, str]]]:
    """Every named query with each value of each of its parameters (the others at default)."""
    for name, query in sorted(discover().items()):
        yield name, {}
        for p in query.params:
            if p.lookup:
                values = known(store, p.lookup)
            elif p.choices:
                values = list(p.choices)
            elif p.name == "lang":
                values = ["nl", "en"]
            else:
                continue
            for v in sorted(set(values)):
                yield name, {p.name: v}
        if query.param("code") is not None:  # refused: the nearest codes named
            yield name, {"code": "VOW-99"}
        yield name, {"agenda": "drenthe/1999"}  # refused: no such agenda


def test_named_queries_answer_in_the_lane_as_in_the_main_pool(
    dist: Path, server: str, worker_path: str
) -> None:
    store = ox.Store.read_only(str(dist / "store"))
    cases = list(_cases(store))
    assert len({name for name, _ in cases}) == len(discover())
    assert sum(1 for _, params in cases if params) > len(discover())  # parameters were varied
    with (
        httpx.Client(base_url=server, timeout=60) as ours,
        httpx.Client(base_url=worker_path, timeout=60) as plain,
    ):
        for name, params in cases:
            url = f"/api/queries/{name}/run"
            a, b = (
                ours.get(url, params=params, headers=JSON),
                plain.get(url, params=params, headers=JSON),
            )
            assert a.status_code == b.status_code, (name, params, a.text)
            assert a.content == b.content, (name, params)
        for text in ("ASK {}", "ASK { ?s a ?t }", "ASK { <urn:x:none> ?p ?o }"):
            a = ours.get("/sparql", params={"query": text}, headers=JSON)
            b = plain.get("/sparql", params={"query": text}, headers=JSON)
            assert a.status_code == b.status_code == 200 and a.content == b.content


def test_a_named_query_slower_than_the_limit_moves_to_the_workers(dist: Path) -> None:
    import asyncio

    from werkagenda.serve.inline import InlineLane
    from werkagenda.serve.workers import JobRefused

    context = {"max_rows": 100, "max_bytes": 1 << 20}
    job = {"values": {"code": "ZT-12"}, "accept": JSON["Accept"], "format_key": None}

    async def run() -> None:
        lane = InlineLane(dist / "store", context, threads=1, limit=0.0, wait=10.0)
        try:
            assert lane.takes("named_run", {"name": "inspanning-goals", **job})
            assert not lane.takes("sparql", {"name": "inspanning-goals"})  # raw SPARQL: never
            reply = await lane.call("named_run", name="inspanning-goals", **job)
            assert reply.status == 200 and b'"ZT-12"' in reply.body
            # it took longer than 0 s: from now on the workers answer it
            assert not lane.takes("named_run", {"name": "inspanning-goals", **job})
            assert lane.takes("named_run", {"name": "inspanningen", **job})
            with pytest.raises(JobRefused) as refused:  # as a worker refuses it
                await lane.call(
                    "named_run", **{**job, "name": "inspanningen", "values": {"agenda": "x/1999"}}
                )
            assert (
                refused.value.status == 400 and "unknown agenda 'x/1999'" in refused.value.message
            )
        finally:
            lane.close()

    asyncio.run(run())


def test_a_named_query_waits_in_line_for_a_thread_and_leaves_the_line_after_the_wait(
    dist: Path,
) -> None:
    import asyncio

    from werkagenda.serve.inline import InlineLane, LaneBusy

    context = {"max_rows": 100, "max_bytes": 1 << 20}
    job = {"name": "inspanning-goals", "values": {"code": "ZT-12"}, "accept": JSON["Accept"]}
    job["format_key"] = None

    async def run() -> None:
        lane = InlineLane(dist / "store", context, threads=1, limit=10.0, wait=0.4)
        gate = threading.Event()
        try:
            # the only thread is busy: the run is still offered to the lane, and waits in line
            lane._threads.submit(gate.wait, 30)
            assert lane.takes("named_run", job)
            started = time.monotonic()
            with pytest.raises(LaneBusy):  # no thread took it within 0.4 s: back to the caller
                await lane.call("named_run", **job)
            assert 0.3 < time.monotonic() - started < 5
            # freed while the run waits: the lane answers it, after the run ahead of it
            loop = asyncio.get_running_loop()
            loop.call_later(0.1, gate.set)
            lane.wait = 10.0
            reply = await lane.call("named_run", **job)
            assert reply.status == 200 and b'"ZT-12"' in reply.body
            assert lane.takes("named_run", job)  # its wait in line did not mark it slow
        finally:
            gate.set()
            lane.close()

    asyncio.run(run())
