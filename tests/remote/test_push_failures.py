"""Issue 17, hole 10: a push whose verification is cut or garbled is one line and exit 3,
never a traceback; interrupted pushes leave staging graphs that the next push removes.

The upload and the move go to a real `oxigraph serve` (the fixture of tests/queries/
test_remote.py); the verification query goes to a tiny hostile server on loopback."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.queries.test_remote import oxigraph  # noqa: F401  (the real server fixture)
from werkagenda.cli import main
from werkagenda.config import Agenda

pytestmark = pytest.mark.server

COUNT_JSON = (
    b'{"head":{"vars":["triples"]},"results":{"bindings":[{"triples":'
    b'{"type":"literal","value":"lots"}}]}}'
)
ANSWERS = {  # how the hostile endpoint answers the verification count query
    "garbage-count": b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
    + f"Content-Length: {len(COUNT_JSON)}\r\nConnection: close\r\n\r\n".encode()
    + COUNT_JSON,
    "garbage-body": b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
    b"Content-Length: 12\r\nConnection: close\r\n\r\n\x00\xff{{garbage!",
    "short-body": b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
    b'Content-Length: 4000\r\nConnection: close\r\n\r\n{"head":{"vars":["triples"]},"res',
    "cut": b"",
    "cut-in-headers": b"HTTP/1.1 200 OK\r\nContent-Ty",
}


def hostile(answer: bytes) -> socketserver.ThreadingTCPServer:
    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = self.request.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, body = data.partition(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                ),
                0,
            )
            while len(body) < length:
                body += self.request.recv(65536)
            self.request.sendall(answer)
            self.request.shutdown(socket.SHUT_RDWR)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture()
def endpoint_answering() -> Iterator[callable]:
    servers: list[socketserver.ThreadingTCPServer] = []

    def start(answer: bytes) -> str:
        servers.append(server := hostile(answer))
        return f"http://127.0.0.1:{server.server_address[1]}/sparql"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def push_args(endpoint: str, base: str, store: Path, agenda: Agenda) -> list[str]:
    return [
        "push",
        "--endpoint",
        endpoint,
        "--gsp",
        base + "/store",
        "--update-endpoint",
        base + "/update",
        "--agenda",
        agenda.iri,
        "--no-vocabulary",
        "--timeout",
        "5",
        "--store",
        str(store),
    ]


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_a_cut_or_garbled_verification_is_one_line_exit_3(
    kind: str,
    oxigraph: str,  # noqa: F811
    endpoint_answering,
    compiled_dist: Path,
    mini_agenda: Agenda,
) -> None:
    url = endpoint_answering(ANSWERS[kind])
    base = oxigraph.removesuffix("/query")
    result = CliRunner().invoke(main, push_args(url, base, compiled_dist / "store", mini_agenda))
    assert result.exit_code == 3, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.startswith(f"werkagenda: {url}: ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def graphs(query_url: str) -> set[str]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(
        query_url + "?" + urllib.parse.urlencode({"query": query}),
        headers={"Accept": "text/csv"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        return set(answer.read().decode().split()[1:])


def put_graph(base: str, graph: str) -> None:
    request = urllib.request.Request(
        base + "/store?" + urllib.parse.urlencode({"graph": graph}),
        data=b"<urn:x:s> <urn:x:p> <urn:x:o> .\n",
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    urllib.request.urlopen(request, timeout=10).close()


def test_the_next_push_removes_stale_staging_graphs(
    oxigraph: str,  # noqa: F811
    compiled_dist: Path,
    mini_agenda: Agenda,
) -> None:
    base = oxigraph.removesuffix("/query")
    hour = 3600
    killed_old = f"urn:werkagenda:staging:{int(time.time()) - 2 * hour}-{'a' * 32}"
    killed_legacy = "urn:werkagenda:staging:" + "b" * 32  # the scheme before the time was added
    in_flight = f"urn:werkagenda:staging:{int(time.time())}-{'c' * 32}"  # a push running now
    unrelated = "urn:werkagenda:staging-notes"
    for graph in (killed_old, killed_legacy, in_flight, unrelated):
        put_graph(base, graph)
    assert {killed_old, killed_legacy, in_flight, unrelated} <= graphs(oxigraph)
    result = CliRunner().invoke(
        main, push_args(oxigraph, base, compiled_dist / "store", mini_agenda)
    )
    assert result.exit_code == 0, result.output
    left = graphs(oxigraph)
    assert killed_old not in left and killed_legacy not in left
    assert {in_flight, unrelated, mini_agenda.iri} <= left
    assert not {g for g in left if g.startswith("urn:werkagenda:staging:")} - {in_flight}
