"""Hostile headers: a huge head or thousands of fields get 431 (under each `serve --http`),
distinct large headers do not grow the server's memory, caches are keyed on the negotiated
format, and a forged Host is never echoed (VoID, DCAT and the service description name the
configured public URL).
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import httpx
import pytest

from tests.serve.wire import address
from werkagenda.serve.routes import named_plan

pytestmark = pytest.mark.server
MIB = 1024 * 1024
JSON = "application/sparql-results+json"


def _raw(url: str, head: bytes, *, body_chunks: int = 0) -> bytes:
    """Send `head` (in a thread, so a server that answers early is heard) and read the reply."""
    sock = socket.create_connection(address(url), timeout=20)

    def send() -> None:
        try:
            view = memoryview(head)
            while view:
                view = view[sock.send(view[: 1 << 20]) :]
        except OSError:
            pass  # the server answered and closed before taking it all

    sender = threading.Thread(target=send)
    sender.start()
    got = b""
    try:
        while chunk := sock.recv(65536):
            got += chunk
    except OSError:
        pass
    sender.join(timeout=20)
    sock.close()
    return got


def _pids(url: str) -> list[int]:
    """The serving process (found by its --port argument) and its query workers."""
    port = str(address(url)[1])
    main = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            args = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in args and b"--port" in args and port.encode() in args:
            main.append(int(entry))
    assert len(main) == 1, main
    children = Path(f"/proc/{main[0]}/task/{main[0]}/children").read_text().split()
    return main + [int(c) for c in children]


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def _get(path: str, host: str, headers: dict[str, str]) -> bytes:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def test_a_huge_header_is_431(each_protocol: str) -> None:
    server = each_protocol
    for size in (100_000, 40 * MIB):
        reply = _raw(server, _get("/sparql?query=ASK%7B%7D", "x", {"Accept": "a" * size}))
        assert reply.startswith(b"HTTP/1.1 431 "), (size, reply[:200])
        assert b"Request header fields too large" in reply
    assert httpx.get(server + "sparql", params={"query": "ASK {}"}).status_code == 200


def test_thousands_of_header_fields_is_431(each_protocol: str) -> None:
    headers = [(f"x-field-{i}", "v") for i in range(3000)]  # about 40 KB: under the size limit
    with httpx.Client(base_url=each_protocol, timeout=30) as client:
        r = client.get("/sparql", params={"query": "ASK {}"}, headers=headers)
        assert r.status_code == 431 and "header fields" in r.text
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_distinct_5mb_headers_do_not_grow_the_server(server: str) -> None:
    pids = _pids(server)
    warm = _raw(server, _get("/id/drenthe/2024/opgave/VOW", "x", {"Accept": "b" * 5 * MIB}))
    before = _rss(pids)
    replies = [
        _raw(server, _get("/id/drenthe/2024/opgave/VOW", "x", {"Accept": f"{i}" * 5 * MIB}))
        for i in range(60)
    ]
    grown = _rss(pids) - before
    assert all(r.startswith(b"HTTP/1.1 431 ") for r in [warm, *replies])
    assert grown < 20 * MIB, grown / MIB


def test_distinct_accept_headers_share_one_cache_entry(server: str) -> None:
    """300 Accept headers of 60 KB that all negotiate JSON: one cached answer, no growth."""
    pids = _pids(server)
    path = "/api/queries/aandachtspunten/run"
    with httpx.Client(base_url=server, timeout=30) as c:
        first = c.get(path, headers={"Accept": JSON})
        assert first.status_code == 200
        before = _rss(pids)
        for i in range(300):
            accept = f"{JSON}, text/x-{i}-" + "z" * 60_000
            r = c.get(path, headers={"Accept": accept})
            assert r.status_code == 200 and r.content == first.content
    grown = _rss(pids) - before
    assert grown < 8 * MIB, grown / MIB


def test_named_query_cache_key_is_the_negotiated_format() -> None:
    key = named_plan("aandachtspunten", {}, JSON)[0]
    assert named_plan("aandachtspunten", {}, JSON + ";q=0.9, */*;q=0.1")[0] == key
    assert named_plan("aandachtspunten", {"format": "json"}, "text/csv")[0] == key
    assert named_plan("aandachtspunten", {}, "text/csv")[0] != key


@pytest.mark.parametrize(
    "path,accept",
    [
        ("/void", "text/turtle"),
        ("/catalog", "text/turtle"),
        ("/sparql", "text/turtle"),
        ("/void", "text/html"),
    ],
)
def test_a_forged_host_is_not_echoed(server: str, path: str, accept: str) -> None:
    forged = "evil.example:666"
    with httpx.Client(timeout=30) as c:
        r = c.get(server.rstrip("/") + path, headers={"Host": forged, "Accept": accept})
    assert r.status_code == 200, r.text[:300]
    assert "evil.example" not in r.text
    assert server + "sparql" in r.text  # the address it listens on (no --public-url given)


def test_the_public_url_comes_from_the_configuration(dist: Path) -> None:
    from tests.serve.conftest import running_server

    public = "https://data.example.org/werkagenda/"
    with running_server(dist, "--public-url", public, log_name="public.log") as url:
        r = httpx.get(url + "void", headers={"Host": "evil.example", "Accept": "text/turtle"})
    assert r.status_code == 200
    assert public + "sparql" in r.text and "evil.example" not in r.text
