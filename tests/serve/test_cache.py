"""The response cache and the worker pipe: cached answers are the first answers, byte for byte."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from werkagenda.serve.cache import Cached, ResponseCache
from werkagenda.serve.workers import WorkerPool

AGENDA = "https://w3id.org/iza-werkagenda/id/drenthe/2024"


def _same(first: httpx.Response, again: httpx.Response) -> None:
    assert again.status_code == first.status_code
    drop = {"date"}
    assert [h for h in again.headers.multi_items() if h[0] not in drop] == [
        h for h in first.headers.multi_items() if h[0] not in drop
    ]
    assert again.content == first.content


@pytest.mark.server
@pytest.mark.parametrize(
    "path,accept",
    [
        ("/id/drenthe/2024/opgave/VOW", "text/html"),
        ("/id/drenthe/2024/opgave/VOW?lang=en", None),
        ("/id/drenthe/2024/opgave/VOW", "text/turtle"),
        ("/id/drenthe/2024/opgave/VOW.jsonld", None),
        ("/id/drenthe/2024/opgave/NO-SUCH-THING", "text/html"),
        ("/id/drenthe/2024/opgave/VOW", "image/png"),
        (f"/api/queries/aandachtspunten/run?agenda={AGENDA}", "application/sparql-results+json"),
        ("/api/queries/aandachtspunten/run?format=csv", None),
        ("/api/queries/aandachtspunten/run?bogus=1", None),
    ],
)
def test_repeated_requests_get_the_first_answer(
    client: httpx.Client, path: str, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept else {}
    first = client.get(path, headers=headers)
    for _ in range(2):
        _same(first, client.get(path, headers=headers))
    head = client.head(path, headers=headers)
    assert head.status_code == first.status_code and head.content == b""
    assert head.headers["content-length"] == first.headers["content-length"]
    if first.status_code == 200:
        # pre-rendered pages also vary by Accept-Encoding (gzip or not)
        assert "Accept" in [v.strip() for v in first.headers["vary"].split(",")]
        assert first.headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" in first.headers


@pytest.mark.server
def test_a_server_without_cache_gives_the_same_answers(client: httpx.Client, dist: Path) -> None:
    from tests.serve.conftest import running_server

    paths = [
        "/id/drenthe/2024/opgave/VOW",
        "/id/drenthe/2024/opgave/VOW.ttl",
        "/api/queries/aandachtspunten/run?format=csv",
    ]
    with (
        running_server(dist, "--cache-entries", "0", log_name="nocache.log") as url,
        httpx.Client(base_url=url, timeout=30) as plain,
    ):
        for path in paths:
            _same(client.get(path), plain.get(path))
            _same(plain.get(path), plain.get(path))


@pytest.mark.server
def test_concurrent_misses_share_one_answer(server: str) -> None:
    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=server, timeout=60) as c:
            path = "/id/drenthe/2024/inspanning/ZT-12?lang=en&page=0"
            return await asyncio.gather(
                *(c.get(path, headers={"Accept": "text/html"}) for _ in range(12))
            )

    answers = asyncio.run(burst())
    assert {r.status_code for r in answers} == {200}
    for r in answers[1:]:
        _same(answers[0], r)


def test_lru_bounds_and_order() -> None:
    cache = ResponseCache(max_entries=3, max_bytes=80, max_entry_bytes=60)
    for key in "abc":
        cache.put(key, Cached(200, [], b"x" * 30))
    assert list(cache.keys()) == ["b", "c"]  # 90 bytes > 80: the oldest, "a", went
    assert cache.get("b") is not None and list(cache.keys()) == ["c", "b"]
    cache.put("huge", Cached(200, [], b"x" * 61))
    assert "huge" not in cache and cache.get("huge") is None


def test_single_flight_shares_results_errors_and_survives_a_cancelled_waiter() -> None:
    async def scenario() -> None:
        cache, runs = ResponseCache(), []
        gate = asyncio.Event()

        async def compute() -> str:
            runs.append(1)
            await gate.wait()
            return "answer"

        waiters = [asyncio.ensure_future(cache.single_flight("k", compute)) for _ in range(5)]
        await asyncio.sleep(0)
        waiters[0].cancel()  # a client that went away
        gate.set()
        results = await asyncio.gather(*waiters[1:])
        assert results == ["answer"] * 4 and runs == [1]

        async def fail() -> str:
            raise ValueError("no")

        outcomes = await asyncio.gather(
            *(cache.single_flight("e", fail) for _ in range(3)), return_exceptions=True
        )
        assert all(isinstance(o, ValueError) for o in outcomes)
        assert await cache.single_flight("k", compute) == "answer" and runs == [1, 1]
        off = ResponseCache(max_entries=0)
        await asyncio.gather(*(off.single_flight("k", compute) for _ in range(3)))
        assert runs == [1] * 5  # a cache of size 0 shares nothing

    asyncio.run(scenario())


def _big_store(folder: Path) -> Path:
    path = folder / "store"
    store = ox.Store(str(path))
    graph = ox.NamedNode("http://example.org/g")
    store.extend(
        ox.Quad(
            ox.NamedNode(f"http://example.org/s{i}"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("x" * 1000 + str(i)),
            graph,
        )
        for i in range(3000)
    )
    store.flush()
    del store
    return path


@pytest.mark.parametrize("loop", ["asyncio", "uvloop"])
def test_worker_answers_larger_than_a_pipe_buffer(tmp_path: Path, loop: str) -> None:
    """Multi-megabyte answers arrive whole, also when uvloop makes the pipe non-blocking."""
    store = _big_store(tmp_path)
    context = {"bases": ["http://example.org/"], "max_rows": 10_000, "allowed_hosts": []}

    async def scenario() -> None:
        pool = WorkerPool(store, context, 1)
        await pool.start()
        try:
            for _ in range(3):
                reply = await pool.call(
                    "sparql",
                    timeout=60,
                    text="SELECT ?s ?o WHERE { ?s ?p ?o }",
                    accept="application/sparql-results+json",
                )
                assert reply.status == 200 and len(reply.body) > 3_000_000
                assert len(json.loads(reply.body)["results"]["bindings"]) == 3000
            assert await pool.call("ping", timeout=30) == 3000
        finally:
            await pool.close()

    if loop == "uvloop":
        uvloop = pytest.importorskip("uvloop")
        uvloop.run(scenario())
    else:
        asyncio.run(scenario())


SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"  # 9 million pairs


def _pool_of_one(tmp_path: Path, hook: Callable[[Any, Callable[[Any], None]], None]) -> WorkerPool:
    """One worker over `_big_store`; a worker coming back runs `hook(worker, give_back)`."""
    context = {"bases": ["http://example.org/"], "max_rows": 10_000, "allowed_hosts": []}
    pool = WorkerPool(_big_store(tmp_path), context, 1)
    give_back = pool._give_back
    pool._give_back = lambda worker: hook(worker, give_back)  # type: ignore[method-assign]
    return pool


async def _busy_and_one_waiting(
    pool: WorkerPool, first: Coroutine, waiting: Coroutine
) -> tuple[asyncio.Task, asyncio.Task]:
    """`first` holds the one worker (a slow query), then `waiting` stands in line for it."""
    busy = asyncio.create_task(first)
    await asyncio.sleep(0.01)
    queued = asyncio.create_task(waiting)
    await asyncio.sleep(0.01)
    assert not busy.done() and len(pool._line) == 1
    return busy, queued


def test_a_waiting_call_gets_the_worker_before_a_later_one(tmp_path: Path) -> None:
    """A call that arrives while another waits for a worker queues behind it: taking the
    worker freed in between would let newcomers overtake the queue (a higher p99 under load)."""
    done: list[str] = []
    later: list[asyncio.Future] = []
    armed = False

    def hand_off(worker: Any, give_back: Callable[[Any], None]) -> None:
        # a request already on the loop's ready queue when the worker comes back (as a
        # server under load has): it runs before the waiting call is woken
        if armed and not later:
            later.append(asyncio.ensure_future(call("later", "ping")))
        give_back(worker)

    async def call(name: str, job: str, **kwargs: object) -> None:
        await pool.call(job, timeout=60, **kwargs)
        done.append(name)

    async def scenario() -> None:
        nonlocal armed
        await pool.start()
        try:
            first = call("first", "sparql", text=SLOW, accept="text/csv")
            busy, queued = await _busy_and_one_waiting(pool, first, call("waiting", "ping"))
            armed = True
            await asyncio.gather(busy, queued)
            await asyncio.gather(*later)
        finally:
            await pool.close()

    pool = _pool_of_one(tmp_path, hand_off)
    asyncio.run(scenario())
    assert done == ["first", "waiting", "later"]


def test_a_worker_handed_to_a_call_cancelled_at_that_moment_is_not_lost(tmp_path: Path) -> None:
    """A client that goes away just as a worker is handed to its call (the worker is its, the
    call not yet resumed) gives the worker back: with one worker, losing it stops the pool."""
    waiting: list[asyncio.Task] = []

    def hand_off(worker: Any, give_back: Callable[[Any], None]) -> None:
        give_back(worker)
        if waiting and not waiting[0].done():
            waiting[0].cancel()  # the client disconnects before its call resumes

    async def scenario() -> None:
        await pool.start()
        try:
            first, queued = await _busy_and_one_waiting(
                pool,
                pool.call("sparql", timeout=60, text=SLOW, accept="text/csv"),
                pool.call("ping", timeout=60),
            )
            waiting.append(queued)
            await first
            with pytest.raises(asyncio.CancelledError):
                await queued
            assert not pool._line
            assert await pool.call("ping", timeout=5) == 3000
        finally:
            await pool.close()

    pool = _pool_of_one(tmp_path, hand_off)
    asyncio.run(scenario())
