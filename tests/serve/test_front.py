"""Answers known before the request (`serve.front`), sent by the httptools protocol itself.

Under httptools a pre-rendered page is written from the parser's callback, without an ASGI
cycle (`serve.fast_connection`); under h11 the same `Front` answers through the ASGI front.
The two must be the same bytes, the ASGI app must not see the requests answered early, and a
client that sends without reading must not make the server buffer the answers without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from tests.serve.conftest import running_server
from tests.serve.wire import connect, read_response
from werkagenda.config import DEFAULT_AGENDA_IRI, DEFAULT_BASE
from werkagenda.query.registry import discover
from werkagenda.serve import negotiation as neg
from werkagenda.serve.app import create_app
from werkagenda.serve.connection import protocol
from werkagenda.serve.settings import Settings

pytestmark = pytest.mark.server
PAGES = [
    DEFAULT_AGENDA_IRI,
    DEFAULT_AGENDA_IRI + "/inspanning/VOW-9",
    DEFAULT_AGENDA_IRI + "/doel/ZT-S2-C",
    DEFAULT_BASE + "id/drenthe/actor/icare",
]


@pytest.fixture(scope="module")
def h11_server(dist: Path) -> Iterator[str]:
    with running_server(dist, "--http", "h11", log_name="server-front-h11.log") as url:
        yield url


def exchange(url: str, request: bytes) -> tuple[list[str], bytes]:
    """Send one request that ends the connection; the response's head lines (the status line
    first, `date` left out: it is the second the answer went out) and its body."""
    with connect(url) as sock:
        sock.sendall(request)
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = ((name.lower(), value) for name, _, value in (x.partition(":") for x in lines[1:]))
    return [lines[0]] + sorted(f"{n}:{v}" for n, v in fields if n != "date"), body


def requests_for(iri: str, etag: str) -> list[bytes]:
    path = "/" + iri.removeprefix(DEFAULT_BASE)
    asks = [
        ("GET", path, "Accept: text/html"),
        ("GET", path + "?lang=en", "Accept: text/html\r\nAccept-Encoding: gzip, br"),
        ("HEAD", path, "Accept: text/turtle"),
        ("GET", path, "Accept: text/turtle\r\nAccept-Encoding: gzip;q=0"),
        ("GET", path, f"Accept: text/html\r\nIf-None-Match: {etag}"),
    ]
    asks += [("GET", path + f.suffix, "Accept-Encoding: gzip") for f in neg.RDF_FORMATS]
    out = [
        f"{m} {p} HTTP/1.1\r\nHost: x\r\n{h}\r\nConnection: close\r\n\r\n".encode()
        for m, p, h in asks
    ]
    out.append(f"GET {path} HTTP/1.0\r\nAccept: text/turtle\r\n\r\n".encode())  # no keep-alive
    return out


@pytest.mark.parametrize("iri", PAGES)
def test_the_protocols_answer_a_prebuilt_page_with_the_same_bytes(
    server: str, h11_server: str, iri: str
) -> None:
    """httptools (answered in the protocol) and h11 (answered by the ASGI front): every header
    and every byte of the body alike, 304 and HEAD and HTTP/1.0 included."""
    identity = {"Accept": "text/html", "Accept-Encoding": "identity"}  # as If-None-Match below
    first = httpx.get(server + iri.removeprefix(DEFAULT_BASE), headers=identity)
    assert first.status_code == 200
    for request in requests_for(iri, first.headers["etag"]):
        fast, asgi = exchange(server, request), exchange(h11_server, request)
        assert fast == asgi, request
        status = fast[0][0].split()[1]
        assert status == ("304" if b"If-None-Match" in request else "200"), request
    turtle = exchange(server, requests_for(iri, "")[3])
    assert "access-control-allow-origin: *" in turtle[0]  # CORS on RDF, as the ASGI layer
    assert f"<{iri}>".encode() in turtle[1] or iri.rsplit("/", 1)[1].encode() in turtle[1]


class Counting:
    """An ASGI app that counts the HTTP requests reaching it."""

    def __init__(self, app: Any) -> None:
        self.app, self.paths = app, []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


@contextlib.contextmanager
def serving(settings: Settings) -> Iterator[tuple[str, Counting, Any]]:
    """`serve`'s app under uvicorn in this process, with the protocol `serve` uses; yields its
    URL, the counter in front of the app, and the app's `Front`."""
    app = create_app(settings)
    counting, front = Counting(app), app.state.front
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    http = protocol("httptools", request_timeout=10, max_head_bytes=65536, front=front)
    config = uvicorn.Config(counting, http=http, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])))
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    try:
        deadline = time.monotonic() + 60
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started
        yield url, counting, front
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


@pytest.fixture(scope="module")
def in_process(dist: Path) -> Iterator[tuple[str, Counting, Any]]:
    with serving(Settings(store=dist / "store", workers=1)) as served:
        yield served


def test_a_prebuilt_page_never_reaches_the_asgi_app(in_process: tuple) -> None:
    url, counting, front = in_process
    paths = ["/" + iri.removeprefix(DEFAULT_BASE) for iri in PAGES]
    before, seen = front.answered, len(counting.paths)
    with httpx.Client(base_url=url, timeout=30) as client:
        for path in paths:
            for accept in ("text/html", "text/turtle", "application/ld+json"):
                answer = client.get(path, headers={"Accept": accept})
                assert answer.status_code == 200 and accept in answer.headers["content-type"]
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        assert client.get("/id/drenthe/2024/inspanning/VOW-999").status_code == 404
    assert front.answered - before == 3 * len(paths)
    # only the query and the unknown IRI went through the ASGI app
    assert counting.paths[seen:] == ["/sparql", "/id/drenthe/2024/inspanning/VOW-999"]


def test_a_page_pipelined_behind_a_query_waits_for_it(in_process: tuple) -> None:
    """A page behind a response still being sent goes to uvicorn's pipeline, in order."""
    url, counting, _ = in_process
    page = "/id/" + DEFAULT_AGENDA_IRI.removeprefix(DEFAULT_BASE + "id/")
    ask = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n"
    get = f"GET {page} HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\n\r\n".encode()
    with connect(url) as sock:
        sock.sendall(get + ask + get + get)
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()
        answers = [read_response(stream, pending) for _ in range(4)]
    assert [a[0] for a in answers] == [200] * 4
    assert b'"boolean"' in answers[1][2]
    assert answers[0][2] == answers[2][2] == answers[3][2] and b"@prefix" in answers[0][2]
    assert "/sparql" in counting.paths


def _rss_mib(port: int) -> float:
    """The resident memory of the `werkagenda serve` process listening on `port`."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in args and str(port).encode() in args:
            for line in (cmdline.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    raise AssertionError(f"no server process on port {port}")


def test_a_client_that_does_not_read_does_not_fill_the_servers_memory(server: str) -> None:
    """4,000 pipelined page requests (about 56 MB of answers) sent without reading: the
    protocol stops answering them itself once the transport's buffer is full, and uvicorn
    stops reading; every answer still arrives, in order, once the client reads."""
    page = "/id/" + DEFAULT_AGENDA_IRI.removeprefix(DEFAULT_BASE + "id/")
    size = len(httpx.get(server + page[1:], headers={"Accept": "text/html"}).content)
    count = 4000
    assert size * count > 50 * 2**20
    port = int(server.rstrip("/").rsplit(":", 1)[1])
    rss = _rss_mib(port)
    request = f"GET {page} HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n".encode()
    with connect(server, timeout=60) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sender = threading.Thread(target=sock.sendall, args=(request * count,))
        sender.start()
        time.sleep(3)  # the server answers what it can; nothing is read
        grown = _rss_mib(port) - rss
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()
        bodies = {read_response(stream, pending)[2] for _ in range(count)}
        sender.join(30)
    # about 6 MiB here (the page's buffers, SQLite's cache); holding every answer, over 45
    assert grown < 25, f"the server grew by {grown:.0f} MiB holding unread answers"
    assert len(bodies) == 1 and len(next(iter(bodies))) == size


def test_a_long_pipelined_burst_is_not_taken_for_one_huge_head(server: str) -> None:
    """A burst of small pipelined requests arrives in reads of up to 256 KiB that begin and end
    inside request heads; only a head's own bytes count towards the head limit (431 past
    64 KiB), not the whole read in which the next head begins."""
    page = "/id/" + DEFAULT_AGENDA_IRI.removeprefix(DEFAULT_BASE + "id/")
    request = f"HEAD {page} HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\nX-N: 1\r\n\r\n".encode()
    count = 8000  # about 0.6 MB: reads begin and end inside heads
    statuses: list[int] = []
    with connect(server, timeout=60) as sock:
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()

        def read() -> None:
            for _ in range(count):
                statuses.append(read_response(stream, pending, head_only=True)[0])

        reader = threading.Thread(target=read)
        reader.start()
        sock.sendall(request * count)
        reader.join(60)
    assert len(statuses) == count and set(statuses) == {200}, (len(statuses), set(statuses))


def test_a_request_the_protocol_asked_about_is_not_asked_again(
    in_process: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An IRI the front does not know goes on to the routes; the ASGI front does not look it
    up a second time (the protocol marks the scope), but still asks for what it alone sees."""
    url, counting, front = in_process
    asked: list[str] = []
    lookup = front.answer

    def counted(method: str, path: str, query: bytes, headers: Any) -> Any:
        asked.append(path)
        return lookup(method, path, query, headers)

    monkeypatch.setattr(front, "answer", counted)
    unknown = "/id/drenthe/2024/inspanning/VOW-999"
    with httpx.Client(base_url=url, timeout=30) as client:
        assert client.get(unknown).status_code == 404
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
    assert asked == [unknown, "/sparql"]
    assert counting.paths[-2:] == [unknown, "/sparql"]


# named runs: started by the httptools protocol on the inline lane, without an ASGI cycle
RESULTS_JSON = "Accept: application/sparql-results+json"


def run_requests() -> list[bytes]:
    """Every named query at its defaults (those with a required parameter are refused), and
    one in each result format, in English, in HTTP/1.0, refused for an unknown code."""
    asks = [(f"/api/queries/{name}/run", RESULTS_JSON) for name in sorted(discover())]
    goals = "/api/queries/inspanning-goals/run?code=ZT-12"
    asks += [
        (goals, RESULTS_JSON),
        (goals + "&format=csv", "Accept: */*"),
        (goals, "Accept: application/sparql-results+xml"),
        (goals, "Accept: text/tab-separated-values, */*;q=0.1"),
        (goals + "&lang=en", RESULTS_JSON),
        ("/api/queries/inspanning-goals/run?code=VOW-99", RESULTS_JSON),
        ("/api/queries/search/run?text=zorg", RESULTS_JSON),
        ("/api/queries/no-such-query/run", RESULTS_JSON),
    ]
    out = [
        f"GET {p} HTTP/1.1\r\nHost: x\r\n{h}\r\nConnection: close\r\n\r\n".encode() for p, h in asks
    ]
    out.append(f"GET {goals} HTTP/1.0\r\n{RESULTS_JSON}\r\n\r\n".encode())
    return out


def needing() -> list[str]:
    """The named queries with a required parameter: refused when it is not given."""
    return [n for n, q in discover().items() if any(p.required for p in q.params)]


@pytest.fixture(scope="module")
def uncached_server(dist: Path) -> Iterator[str]:
    """httptools with no response cache: every named run is started by the protocol."""
    with running_server(dist, "--cache-entries", "0", log_name="server-front-runs.log") as url:
        yield url


def test_the_protocols_answer_a_named_run_with_the_same_bytes(
    uncached_server: str, h11_server: str
) -> None:
    """A run sent by the httptools protocol and one answered by the routes under h11: every
    header and byte alike; refusals (left to the routes) too."""
    statuses = []
    for request in run_requests():
        fast, asgi = exchange(uncached_server, request), exchange(h11_server, request)
        assert fast == asgi, request
        statuses.append(fast[0][0].split()[1])
    # refused: the queries missing a required parameter and the unknown code (400), the
    # unknown query (404); every other run answered
    assert statuses.count("400") == len(needing()) + 1 and statuses.count("404") == 1
    assert statuses.count("200") == len(statuses) - len(needing()) - 2
    assert b"ZT-12" in exchange(uncached_server, run_requests()[len(discover())])[1]


def test_a_named_run_is_answered_without_the_asgi_app_and_refusals_reach_it(dist: Path) -> None:
    with serving(Settings(store=dist / "store", workers=1, cache_entries=0)) as served:
        url, counting, front = served
        before = front.ran
        seen = len(counting.paths)
        statuses = [exchange(url, request)[0][0].split()[1] for request in run_requests()]
        assert front.ran - before == statuses.count("200") == len(statuses) - len(needing()) - 2
        # only the refusals reached the app: the runs missing a parameter, the unknown code
        # (a path also run with a code), the unknown query
        assert len(counting.paths) - seen == len(needing()) + 2
        refused = {f"/api/queries/{name}/run" for name in [*needing(), "no-such-query"]}
        assert set(counting.paths[seen:]) == refused


def test_pipelined_named_runs_are_answered_in_order(in_process: tuple) -> None:
    """Runs and a page pipelined on one connection: each answered in turn, as alone."""
    url, _, front = in_process
    goals = "/api/queries/inspanning-goals/run?code="
    page = "/id/" + DEFAULT_AGENDA_IRI.removeprefix(DEFAULT_BASE + "id/")
    asks = [
        (goals + "ZT-12", "text/csv"),
        (page, "text/turtle"),
        (goals + "VOW-9", "text/csv"),
        ("/api/queries/theme-overview/run", "text/csv"),
        (goals + "ZT-12", "text/csv"),
    ]
    wire = b"".join(f"GET {p} HTTP/1.1\r\nHost: x\r\nAccept: {a}\r\n\r\n".encode() for p, a in asks)
    ran = front.ran
    with connect(url) as sock:
        sock.sendall(wire)
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()
        answers = [read_response(stream, pending) for _ in asks]
    assert [a[0] for a in answers] == [200] * len(asks)
    assert front.ran > ran  # the first run was the protocol's; the rest queued behind it
    alone = [httpx.get(url + p[1:], headers={"Accept": a}).content for p, a in asks]
    assert [a[2] for a in answers] == alone
    assert alone[0].startswith(b"code,") and b"ZT-12" in alone[0] and b"VOW-9" in alone[2]


def test_a_named_run_is_kept_in_the_response_cache(in_process: tuple) -> None:
    url, counting, front = in_process
    path = "api/queries/inspanning-goals/run?code=ZT-12&lang=en&format=tsv"
    ran, answered, seen = front.ran, front.answered, len(counting.paths)
    first, again = httpx.get(url + path), httpx.get(url + path)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert (front.ran - ran, front.answered - answered) == (1, 1)  # a run, then a cache hit
    assert len(counting.paths) == seen


def test_a_client_gone_before_its_run_does_not_disturb_the_next(in_process: tuple) -> None:
    url, _, front = in_process
    run = b"GET /api/queries/organisation-portfolio/run?organisation=x HTTP/1.1\r\nHost: x\r\n\r\n"
    for _ in range(20):
        with connect(url) as sock:
            sock.sendall(run.replace(b"=x", b"=gone"))
    answer = httpx.get(url + "api/queries/inspanningen/run", headers={"Accept": "text/csv"})
    assert answer.status_code == 200 and b"VOW-9" in answer.content


def test_a_run_the_lane_has_no_thread_for_goes_to_the_workers(
    dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every thread of the lane busy: after the lane's wait the run goes to the routes, which
    send it to the workers at once instead of waiting in the lane's line a second time."""
    with serving(Settings(store=dist / "store", workers=1, cache_entries=0)) as served:
        url, counting, front = served
        lane, gate = front.lane, threading.Event()
        calls: list[str] = []
        monkeypatch.setattr(lane, "wait", 0.3)
        monkeypatch.setattr(lane, "call", lambda *a, **k: calls.append("lane"))
        blockers = [lane._threads.submit(gate.wait, 30) for _ in range(lane._threads._max_workers)]
        try:
            started, ran = time.monotonic(), front.ran
            answer = httpx.get(
                url + "api/queries/inspanning-goals/run",
                params={"code": "ZT-12"},
                headers={"Accept": "text/csv"},
                timeout=30,
            )
            took = time.monotonic() - started
        finally:
            gate.set()
        assert answer.status_code == 200 and b"ZT-12" in answer.content
        assert 0.25 < took < 10 and front.ran == ran and calls == []
        assert counting.paths[-1] == "/api/queries/inspanning-goals/run"
        assert all(b.result(10) for b in blockers)
