"""Slow clients are dropped (slowloris): a request must arrive whole within the request timeout.

Real sockets against the real server process with its default settings, under each HTTP
implementation (`serve --http`): connections that trickle their headers (or their body) a byte
at a time are closed within the default request timeout (10 s) plus slack, while a normal
client keeps being answered at once.
"""

from __future__ import annotations

import contextlib
import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.serve.conftest import tracebacks
from tests.serve.wire import address

pytestmark = pytest.mark.server
REQUEST_TIMEOUT = 10.0  # `werkagenda serve --request-timeout` default (README "Serving")
SLACK = 4.0
SLOW_CLIENTS = 40


def _open(url: str, first: bytes) -> socket.socket:
    sock = socket.create_connection(address(url), timeout=5)
    sock.sendall(first)
    sock.setblocking(False)
    return sock


def _closed_by_server(sock: socket.socket) -> bool:
    """True once the server has closed (or reset) the connection."""
    try:
        return sock.recv(65536) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def _trickle(socks: dict[socket.socket, float], byte: bytes) -> None:
    for sock in socks:
        with contextlib.suppress(OSError):
            sock.send(byte)


def _watch(socks: list[socket.socket], byte: bytes, bound: float, url: str) -> dict:
    """Trickle `byte` on every socket every 0.5 s; note when each is closed; probe the server."""
    opened = time.monotonic()
    open_ = dict.fromkeys(socks, opened)
    closed_after: list[float] = []
    probes: list[float] = []
    with httpx.Client(base_url=url, timeout=10) as normal:
        while open_ and time.monotonic() - opened < bound + 10:
            _trickle(open_, byte)
            for sock in [s for s in open_ if _closed_by_server(s)]:
                closed_after.append(time.monotonic() - opened)
                del open_[sock]
                sock.close()
            started = time.monotonic()
            r = normal.get("/sparql", params={"query": "ASK {}"})
            assert r.status_code == 200 and r.json()["boolean"] is True
            probes.append(time.monotonic() - started)
            time.sleep(0.5)
    for sock in open_:
        sock.close()
    return {"still_open": len(open_), "closed_after": closed_after, "probes": probes}


def test_slow_headers_are_dropped_and_others_served(each_protocol: str, dist: Path) -> None:
    server = each_protocol
    socks = [
        _open(server, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        for _ in range(SLOW_CLIENTS)
    ]
    seen = _watch(socks, b"a", REQUEST_TIMEOUT + SLACK, server)
    assert seen["still_open"] == 0, seen
    assert max(seen["closed_after"]) <= REQUEST_TIMEOUT + SLACK, seen
    assert max(seen["probes"]) < 2.0, seen["probes"]
    assert not tracebacks(dist)


def test_a_silent_connection_is_dropped(each_protocol: str) -> None:
    """A connection that never sends a byte is closed too (uvicorn arms no timer for it)."""
    server = each_protocol
    socks = [_open(server, b"") for _ in range(5)]
    seen = _watch(socks, b"", REQUEST_TIMEOUT + SLACK, server)
    assert seen["still_open"] == 0, seen


def test_slow_body_is_dropped(each_protocol: str, dist: Path) -> None:
    server = each_protocol
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 4000\r\n\r\nASK {"
    )
    socks = [_open(server, head) for _ in range(10)]
    seen = _watch(socks, b" ", REQUEST_TIMEOUT + SLACK, server)
    assert seen["still_open"] == 0, seen
    assert max(seen["closed_after"]) <= REQUEST_TIMEOUT + SLACK, seen
    assert not tracebacks(dist)
