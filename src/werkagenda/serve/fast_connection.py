"""uvicorn's httptools (llhttp) protocol with the guarantees of `serve.connection`, and h2c ignored.

The request deadline is armed when a connection opens and when a request begins
(`on_message_begin`: llhttp's first byte of a message), and disarmed when the request is in
whole (`on_message_complete`). An incomplete head is measured between reads: once the reads of
an unfinished head exceed `max_head_bytes` it is refused with 431, so llhttp never gathers more
than that plus one read.

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
"""

from __future__ import annotations

import asyncio
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from werkagenda.serve.connection import RequestDeadline, head_too_large


class DeadlineHttpToolsProtocol(RequestDeadline, HttpToolsProtocol):
    """HttpToolsProtocol with the request deadline, the 431 head limit and h2c ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = False  # between a request's first byte and the end of its head
        self._head_bytes = 0
        self._completed = 0  # requests received whole on this connection
        self._framing: bytes | None = None  # the head that frames a body llhttp skipped
        self._muted = False  # parsing that framing head: not a request of the client's

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never sends a byte is dropped too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        in_head, completed = self._in_head, self._completed
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
        # the whole read belongs to the head when no earlier request ended inside it
        if self._in_head and (in_head or self._completed == completed):
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes:
                self._refuse_head()

    def on_message_begin(self) -> None:
        if self._muted:
            return
        self._in_head, self._head_bytes = True, 0
        if self._deadline is None:
            self._arm()  # the first byte of the next request on a kept-alive connection
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
        super().on_headers_complete()
        if self.parser.should_upgrade() and not self._should_upgrade():
            self._framing = _framing(self.headers)
        if self.cycle.scope["method"] != "HEAD":  # a HEAD answer has no body to wait for
            self.cycle.transport = OneWrite(self.transport)  # type: ignore[assignment]

    def on_message_complete(self) -> None:
        if self._framing is not None:
            return  # llhttp ends an upgrade request without its body; the body is still due
        self._completed += 1
        self._disarm()
        super().on_message_complete()

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
        head = [STATUS_LINE[431]]
        head += [k + b": " + v + b"\r\n" for k, v in self.server_state.default_headers]
        head += [
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: %d\r\n" % len(text),
            b"connection: close\r\n\r\n",
        ]
        self.logger.warning("Request head over %d bytes refused (431).", self.max_head_bytes)
        self.transport.write(b"".join(head) + text)
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
