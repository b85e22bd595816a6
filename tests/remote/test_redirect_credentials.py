"""Hole 3: `query --endpoint --user --password` must not follow a redirect to another origin
with the Authorization header. Two real HTTP servers on loopback: one redirects, one records."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from werkagenda.errors import RemoteError
from werkagenda.remote.client import Endpoint, run_text

SEEN: list[str | None] = []


class Recorder(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        SEEN.append(self.headers.get("Authorization"))
        body = b'{"head": {}, "boolean": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST  # a 302 turns the POST into a GET  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


def serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture()
def servers() -> Iterator[tuple[str, str]]:
    recorder = serve(Recorder)
    target = f"http://127.0.0.1:{recorder.server_address[1]}/sparql"

    class Redirector(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.send_response(302)
            self.send_header("Location", target if self.path == "/away" else "/away")
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST  # urllib turns a POST into a GET on 302  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    redirector = serve(Redirector)
    yield f"http://127.0.0.1:{redirector.server_address[1]}", target
    recorder.shutdown()
    redirector.shutdown()


def test_cross_origin_redirect_is_refused_without_sending_credentials(
    servers: tuple[str, str],
) -> None:
    SEEN.clear()
    origin, target = servers
    endpoint = Endpoint(url=origin + "/sparql", user="alice", password="s3cret", timeout=5)
    with pytest.raises(RemoteError, match="another origin"):
        run_text(endpoint, "ASK {}")
    assert SEEN == []  # the other port never saw the request, let alone Authorization


def test_direct_endpoint_still_gets_credentials(servers: tuple[str, str]) -> None:
    SEEN.clear()
    _, target = servers
    run_text(Endpoint(url=target, user="alice", password="s3cret", timeout=5), "ASK {}")
    assert len(SEEN) == 1 and (SEEN[0] or "").startswith("Basic ")
