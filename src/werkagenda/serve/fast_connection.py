"""uvicorn's httptools (llhttp) protocol with the guarantees of `serve.connection`, and h2c ignored.

The request deadline is armed when a connection opens and when a request begins
(`on_message_begin`: llhttp's first byte of a message), and disarmed when the request is in
whole (`on_message_complete`). An incomplete head is measured between reads: once the reads of
an unfinished head exceed `max_head_bytes` it is refused with 431, so llhttp never gathers more
than that plus one read. Only reads after the one in which a head began count: a read of a
long pipelined burst (up to 256 KiB under uvloop) holds many whole requests, and counting it
all towards the head begun at its end refused pipelined clients with 431.

An `Upgrade` offer the server does not take (`h2c`, which Java's HttpClient and so Jena send
with every request) must leave plain HTTP/1.1 intact (RFC 9110 §7.8). llhttp instead treats
the bytes after the head as the upgraded stream: httptools tells it the request has no body,
completes it empty, and raises `HttpParserUpgrade` at the body's first byte; uvicorn drops
those bytes, so the body is lost and the next read is parsed as a new request (400). Here the
request stays open, and a fresh parser reads the body (and everything after it) behind a
muted head that only frames it: `Content-Length` or `Transfer-Encoding: chunked` as sent.

uvicorn writes a response's head and its body separately, two `send` calls and often two
packets for every page; a profile under load put half of a pre-rendered page's time in
them. Each request's cycle here writes through `OneWrite`, which holds the head until the
first body bytes and sends both together.

An answer known before the request (`front.Front`: a pre-rendered page or a response-cache
hit) is sent from `on_headers_complete` itself, before uvicorn builds an ASGI scope, request
cycle and task for it: those and the middleware chain were most of a pre-rendered page's time
(the A/B in `front`'s docstring). It is the answer the ASGI front gives (`app.Guard` asks the
same `Front`), with uvicorn's default headers and `connection: close` as its cycle would add.
Everything else, and any request this path cannot answer alone, goes to uvicorn unchanged: a
request with a body, `Expect` or `Upgrade`, one behind a response still being sent (pipelined
requests keep their order), one arriving while the client is not reading (the transport's
buffer is over its high-water mark: uvicorn's cycle waits for it to drain), or one the head
limits refuse (`Front.refusal`). h11 has no such path; every answer there is the ASGI front's.

A GET of a named query that the front does not know is run from here too (`Front.run`): uvicorn
builds its request cycle as usual, but instead of an asyncio task running the ASGI app for it
(`_start_asgi_task`), the run is put in the inline lane's line (`serve.inline`) and its answer
written from the loop when a thread has finished it: the response the route would have given
(`http.finished`, kept in the response cache as the route keeps it), with the cycle marked
complete, so uvicorn's own pipelining, keep-alive, disconnect and shutdown handling apply
unchanged. Anything but a 200 (a refusal, an error, a format not acceptable) is left to the
routes with the same cycle, and so is a run no thread has started within the lane's wait (on to
the workers: `LANE_BUSY`); a refusal is then computed twice, cheaply. Alternating uncached A/B
(`benchmarks/results/20261207-named-protocol-ab.txt`, 3 rounds): `organisation-portfolio` 0.84 /
0.90 -> 0.90 / 0.91 of Oxigraph at 8 / 32 clients, `inspanning-goals` 0.51 / 0.54 -> 0.58 / 0.61.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

import httptools
from uvicorn.protocols.http.httptools_impl import (
    STATUS_LINE,
    HttpToolsProtocol,
    RequestResponseCycle,
)

from werkagenda.serve.connection import ASKED, LANE_BUSY, RequestDeadline, head_too_large
from werkagenda.serve.http import finished

if TYPE_CHECKING:
    from werkagenda.serve.cache import Cached
    from werkagenda.serve.front import Front

log = logging.getLogger("werkagenda.serve")
_KNOWN_PATHS = (b"/id/", b"/api/queries/")
_BODY_FIELDS = (b"content-length", b"transfer-encoding")


class DeadlineHttpToolsProtocol(RequestDeadline, HttpToolsProtocol):
    """HttpToolsProtocol with the request deadline, the 431 head limit, h2c ignored and known
    answers sent without an ASGI cycle."""

    front: Front | None = None  # set by `connection.protocol`
    # the access log's `record(method, path, query, status, started)`, when there is one
    access: Callable[[str, str, bytes, int, float], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._answered: bool | None = None  # this request was answered here: keep-alive?
        self._unknown: tuple[str, bytes] | None = None  # path, query the front did not know
        self._run: tuple | None = None  # the named run planned for the cycle being started
        self._running: Future | None = None  # that run, in the inline lane's line or on a thread
        self._in_head = False  # between a request's first byte and the end of its head
        self._head_bytes = 0
        self._begun = 0  # requests begun on this connection
        self._framing: bytes | None = None  # the head that frames a body llhttp skipped
        self._muted = False  # parsing that framing head: not a request of the client's

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never sends a byte is dropped too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._running is not None:  # the client went away: a run still in line is dropped
            self._running.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        begun = self._begun
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade as upgrade:
            if self._should_upgrade():  # a WebSocket: uvicorn's own path
                self.handle_websocket_upgrade()
            else:
                self._decline_upgrade(data[upgrade.args[0] :])
            return
        except httptools.HttpParserError:
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
            return
        # the whole read belongs to the head when that head began before it; a head begun
        # inside this read holds at most this read, and is counted from the next one
        if self._in_head and self._begun == begun:
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes:
                self._refuse_head()

    def on_message_begin(self) -> None:
        if self._muted:
            return
        self._in_head, self._head_bytes = True, 0
        self._begun += 1
        if self._deadline is None:
            self._arm()  # the first byte of the next request on a kept-alive connection
        # a request pipelined behind one answered here began before the next read: the idle
        # timer armed by that answer must not close the connection under it
        self._unset_keepalive_if_required()
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        if not self._muted:
            super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        if not self._muted:
            super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._muted:
            self._muted = False  # the body that follows is the client's request body
            return
        self._in_head = False
        if self.front is not None and self.url.startswith(_KNOWN_PATHS) and self._answer_known():
            return
        unknown, self._unknown = self._unknown, None
        if unknown is not None and self.url.startswith(b"/api/queries/"):
            self._run = self._plan_run(*unknown)  # taken up by `_start_asgi_task`, just below
        super().on_headers_complete()
        self._run = None
        if self.parser.should_upgrade() and not self._should_upgrade():
            self._framing = _framing(self.headers)
        if self.cycle.scope["method"] != "HEAD":  # a HEAD answer has no body to wait for
            self.cycle.transport = OneWrite(self.transport)  # type: ignore[assignment]

    def on_message_complete(self) -> None:
        if self._answered is not None:  # sent by `_answer_known`: no cycle to complete
            keep_alive, self._answered = self._answered, None
            self._disarm()
            if not keep_alive:
                self.transport.close()
            self.on_response_complete()
            return
        if self._framing is not None:
            return  # llhttp ends an upgrade request without its body; the body is still due
        self._disarm()
        super().on_message_complete()

    def _answer_known(self) -> bool:
        """Send the known answer to this request now; False leaves the request to uvicorn."""
        raw_method, front = self.parser.get_method(), self.front
        if front is None or not self._alone(raw_method):
            return False
        started, method = time.perf_counter(), raw_method.decode()
        found = self._known(method)
        if found is None:
            return False
        path, query, answer = found
        keep_alive = self.parser.get_http_version() != "1.0" and self.parser.should_keep_alive()
        close = () if keep_alive else ((b"connection", b"close"),)
        head = self._head(answer.status, [*answer.headers, *close])
        self.transport.write(head if method == "HEAD" else head + answer.body)
        front.answered += 1
        if self.access is not None:
            self.access(method, path, query, answer.status, started)
        self._answered = keep_alive
        return True

    def _plan_run(self, path: str, query: bytes) -> tuple | None:
        """The named run of this GET the protocol may start itself (`Front.run`), or None;
        `path` and `query` as `_known` parsed them (the front knew no answer)."""
        assert self.front is not None
        if self.parser.get_method() != b"GET":
            return None
        plan = self.front.run(path, query, self.headers)
        return None if plan is None else (*plan, path, query, time.perf_counter())

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        run, self._run = self._run, None
        if run is None or app is not self.app:  # `app` differs: uvicorn's 503 for its limit
            super()._start_asgi_task(cycle, app)
            return
        lane = self.front.lane if self.front is not None else None
        assert lane is not None  # a run is planned only with a lane
        key, job, keep, path, query, started = run
        queued = lane.submit(job["name"], job["values"], job["accept"], job["format_key"])
        loop, self._running = self.loop, queued
        timer = loop.call_later(lane.wait, self._lane_waited, queued, cycle, app)

        def done(future: Future) -> None:  # on the lane's thread
            with contextlib.suppress(RuntimeError):  # the loop closed: nobody to answer
                loop.call_soon_threadsafe(self._ran, future, timer, cycle, app, run)

        queued.add_done_callback(done)

    def _lane_waited(self, queued: Future, cycle: RequestResponseCycle, app: Any) -> None:
        """The lane's wait is over: a run still in line goes to the routes, and on to the
        workers (`LANE_BUSY`); a run on its thread is waited for."""
        if queued.cancel():
            self._running = None
            cycle.scope[LANE_BUSY] = True  # type: ignore[literal-required]
            if not cycle.disconnected:
                super()._start_asgi_task(cycle, app)

    def _ran(
        self,
        future: Future,
        timer: asyncio.TimerHandle,
        cycle: RequestResponseCycle,
        app: Any,
        run: tuple,
    ) -> None:
        """Send the run's answer as the route would have, or leave the request to the routes:
        an error, a refusal or anything but a 200 is answered there (run again), as it is
        under h11."""
        if future.cancelled():
            return  # taken back by `_lane_waited`, or the client went away
        timer.cancel()
        self._running = None
        entry = self._finished(future, run)
        if cycle.disconnected or self.transport.is_closing():
            cycle.response_complete = True
        elif entry is None:
            super()._start_asgi_task(cycle, app)
        else:
            self._send_run(entry, cycle, run)

    def _finished(self, future: Future, run: tuple) -> Cached | None:
        """The run's 200 as the route sends it (`http.finished`), else None."""
        if future.exception() is not None:
            return None
        reply, took = future.result()
        lane = self.front.lane if self.front is not None else None
        if lane is not None:  # None: the server is stopping
            lane.ran(run[1]["name"], took)
        if reply.status != 200:
            return None
        try:
            entry = finished(reply, vary=True, cors=True)
        except Exception:  # a fault of ours: the routes answer 500 for it
            log.exception("answering the named run %r failed", run[3])
            return None
        return entry if _framed(200, entry.headers) else None

    def _send_run(self, entry: Cached, cycle: RequestResponseCycle, run: tuple) -> None:
        key, _, keep, path, query, started = run
        front = self.front
        assert front is not None
        if keep:
            front.cache.put(key, entry)
        close = () if cycle.keep_alive else ((b"connection", b"close"),)
        self.transport.write(self._head(200, [*entry.headers, *close]) + entry.body)
        cycle.response_complete = True
        front.ran += 1
        if self.access is not None:
            self.access("GET", path, query, 200, started)
        if not cycle.keep_alive:
            self.transport.close()
        self.on_response_complete()

    def _head(self, status: int, headers: list[tuple[bytes, bytes]]) -> bytes:
        """A response head as uvicorn writes it: the status line, its default headers (date,
        server), then `headers`."""
        out = [STATUS_LINE[status]]
        for name, value in (*self.server_state.default_headers, *headers):
            out += [name, b": ", value, b"\r\n"]
        out.append(b"\r\n")
        return b"".join(out)

    def _alone(self, method: bytes) -> bool:
        """Whether this request can be answered here, without uvicorn's cycle (the cases in
        the module docstring)."""
        return not (
            self.front is None
            or method not in (b"GET", b"HEAD")
            or self.pipeline
            or (self.cycle is not None and not self.cycle.response_complete)
            or self.flow.write_paused
            or self.transport.is_closing()
            or self.root_path
            or self.expect_100_continue
            or self.parser.should_upgrade()
            or any(name in _BODY_FIELDS for name, _ in self.headers)  # uvicorn reads a body
        )

    def _known(self, method: str) -> tuple[str, bytes, Cached] | None:
        """Path, query string and the front's answer to this request, when it has one."""
        assert self.front is not None
        try:
            url = httptools.parse_url(self.url)
            path = url.path.decode("ascii")
            if "%" in path:
                path = urllib.parse.unquote(path)  # as uvicorn does for the ASGI scope
            query = url.query or b""
            if self.front.refusal(len(url.path) + len(query), self.headers) is not None:
                return None  # the ASGI front refuses it, with its message
            answer = self.front.answer(method, path, query, self.headers)
        except (httptools.HttpParserInvalidURLError, UnicodeDecodeError):
            return None  # uvicorn answers a broken target its own way
        except Exception:  # a fault of ours: the ASGI path answers 500 for it
            log.exception("answering %r from the front failed", self.url[:200])
            return None
        if answer is None:
            self.scope[ASKED] = True  # type: ignore[literal-required]  # not asked again
            self._unknown = path, query  # for `_plan_run`: parsed once
            return None
        if not _framed(answer.status, answer.headers):
            return None
        return path, query, answer

    def _decline_upgrade(self, rest: bytes) -> None:
        """Go on as HTTP/1.1 after an upgrade offer not taken; `rest` is what llhttp left."""
        if self._framing is not None:
            framing, self._framing = self._framing, None
            self.parser = httptools.HttpRequestParser(self)
            self.parser.set_dangerous_leniencies(lenient_data_after_close=True)  # as uvicorn
            self._muted = True
            self.parser.feed_data(framing)
        if rest:
            self.data_received(rest)

    def _refuse_head(self) -> None:
        text = head_too_large(self.max_head_bytes)
        fields = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", b"%d" % len(text)),
            (b"connection", b"close"),
        ]
        self.logger.warning("Request head over %d bytes refused (431).", self.max_head_bytes)
        self.transport.write(self._head(431, fields) + text)
        self.transport.close()


class OneWrite:
    """A transport that sends a response's head together with its first body bytes.

    The first write of a response cycle is its head (an interim `100 Continue` excepted, which
    the client waits for before it sends a body); it is held until the next write, or until
    the cycle closes the connection. Everything else is the transport's own.

    >>> class Wire:
    ...     def __init__(self): self.writes = []
    ...     def write(self, data): self.writes.append(data)
    ...     def close(self): self.writes.append("closed")
    >>> wire = Wire(); t = OneWrite(wire)
    >>> t.write(b"HTTP/1.1 100 Continue\\r\\n\\r\\n"); t.write(b"HTTP/1.1 200 OK\\r\\n\\r\\n")
    >>> t.write(b"body"); t.write(b"more"); wire.writes
    [b'HTTP/1.1 100 Continue\\r\\n\\r\\n', b'HTTP/1.1 200 OK\\r\\n\\r\\nbody', b'more']
    >>> wire = Wire(); t = OneWrite(wire); t.write(b"HTTP/1.1 500 X\\r\\n\\r\\n"); t.close()
    >>> wire.writes
    [b'HTTP/1.1 500 X\\r\\n\\r\\n', 'closed']
    """

    __slots__ = ("_transport", "_head", "_waiting")

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._head = b""
        self._waiting = True  # for the response's head

    def write(self, data: bytes) -> None:
        if self._waiting and not data.startswith(b"HTTP/1.1 100 "):
            self._waiting, self._head = False, data
            return
        if self._head:
            data, self._head = self._head + data, b""
        self._transport.write(data)

    def close(self) -> None:
        if self._head:
            self._transport.write(self._head)
            self._head = b""
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def _framed(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether a known answer is sent as it is: with its length (or no body, 304), and with no
    `connection` field of its own (uvicorn's cycle would act on one).

    >>> _framed(200, [(b"content-length", b"3")]), _framed(304, []), _framed(200, [])
    (True, True, False)
    """
    names = {name for name, _ in headers}
    return b"connection" not in names and (status in (204, 304) or b"content-length" in names)


def _framing(headers: list[tuple[bytes, bytes]]) -> bytes | None:
    """A request head framing the body these headers announce, or None when there is none.

    >>> _framing([(b"content-length", b"18")])
    b'POST / HTTP/1.1\\r\\ncontent-length: 18\\r\\n\\r\\n'
    >>> _framing([(b"content-length", b"0")]) is None
    True
    """
    for name, value in headers:
        if name == b"transfer-encoding" and value.lower().rsplit(b",", 1)[-1].strip() == b"chunked":
            return b"POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n"
    for name, value in headers:
        if name == b"content-length" and int(value) > 0:
            return b"POST / HTTP/1.1\r\ncontent-length: %d\r\n\r\n" % int(value)
    return None
