"""An `Upgrade: h2c` offer is ignored (RFC 9110 §7.8): the request, its body and the requests
after it on the connection are plain HTTP/1.1, under each `serve --http`.

Java's HttpClient, so Jena's rsparql --post, offers h2c with every POST; llhttp (httptools)
would take the body for the upgraded stream (`serve.fast_connection`). Real sockets send the
bytes split into reads the way clients do; the last test runs Java's own client.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.serve.wire import connect, read_response

pytestmark = pytest.mark.server
FIXTURES = Path(__file__).parent / "fixtures"
JSON = "application/sparql-results+json"
BODY = b"query=ASK%20%7B%7D"
OFFER = (
    b"Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
    b"HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
)
POST = (
    b"POST /sparql HTTP/1.1\r\nHost: x\r\nAccept: " + JSON.encode() + b"\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\n" + OFFER
)
POST_H2C = POST + b"Content-Length: %d\r\n\r\n" % len(BODY)
CHUNKED_H2C = POST + b"Transfer-Encoding: chunked\r\n\r\n"
CHUNKS = b"7\r\nquery=A\r\nb\r\nSK%20%7B%7D\r\n0\r\n\r\n"
GET = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: " + JSON.encode() + b"\r\n"
GET_H2C = GET + OFFER + b"\r\n"
NEXT = GET + b"\r\n"

# each: the reads the client sends (a pause between them), and how many requests they hold
EXCHANGES = {
    "head and body in one read, then a request": ([POST_H2C + BODY, NEXT], 2),
    "the body in a read of its own": ([POST_H2C, BODY, NEXT], 2),
    "body and the next request in one read": ([POST_H2C + BODY + NEXT], 2),
    "two offers with bodies in one read": ([POST_H2C + BODY + POST_H2C + BODY + NEXT], 3),
    "a chunked body split across reads": ([CHUNKED_H2C + CHUNKS[:5], CHUNKS[5:] + NEXT], 2),
    "a GET offering h2c, the next request behind it": ([GET_H2C + NEXT], 2),
}


@pytest.mark.parametrize("exchange", EXCHANGES)
def test_an_h2c_offer_keeps_the_body_and_the_connection(each_protocol: str, exchange: str) -> None:
    reads, requests = EXCHANGES[exchange]
    with connect(each_protocol) as sock:
        for data in reads:
            sock.sendall(data)
            time.sleep(0.2)  # a read of its own on the server
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()
        replies = [read_response(stream, pending) for _ in range(requests)]
    for status, _, body in replies:
        assert status == 200, (exchange, status, body[:300])
        assert httpx.Response(200, content=body).json()["boolean"] is True


def test_post_with_upgrade_h2c_keeps_its_body(each_protocol: str) -> None:
    """Java's HttpClient (Jena's rsparql --post) sends `Upgrade: h2c` with every POST."""
    r = httpx.post(
        each_protocol + "sparql",
        content=BODY,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": JSON,
            "Connection": "Upgrade, HTTP2-Settings",
            "Upgrade": "h2c",
            "HTTP2-Settings": "AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA",
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["boolean"] is True


def _java_runs_source_files() -> bool:
    java = shutil.which("java")
    if not java:
        return False
    modules = subprocess.run([java, "--list-modules"], capture_output=True, text=True).stdout
    return "jdk.compiler@" in modules  # `java File.java` compiles with it (a JDK, not a JRE)


def test_javas_http_client_posts_to_the_endpoint(each_protocol: str) -> None:
    """Java's own HttpClient, which offers h2c with each POST, gets its ASK answered thrice."""
    if not _java_runs_source_files():
        pytest.skip("needs a JDK on PATH (java File.java)")
    done = subprocess.run(
        ["java", str(FIXTURES / "H2cPost.java"), each_protocol + "sparql"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 3, done.stdout
    for line in lines:
        assert line.startswith("200 HTTP_1_1 ") and '"boolean":true' in line, line
