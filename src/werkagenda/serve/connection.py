"""uvicorn's HTTP/1.1 protocols with a request deadline and an honest 431 (slow, huge clients).

uvicorn has no timeout on receiving a request: `timeout_keep_alive` only runs between requests
and every received byte cancels it, so a client that trickles a header a byte at a time holds
its connection (and a slot) forever (slowloris). Middleware cannot help: the ASGI app sees a
request only once its head is parsed. Both protocols here arm a deadline when a connection
opens and when the first byte of a following request arrives, and disarm it once the whole
request (head and body) is in; a connection still sending when it fires is closed.

A request head still incomplete beyond `max_head_bytes` is refused with 431 (uvicorn would say
400, or buffer it without bound); a head that arrives whole is measured by `front.Front.refusal`
(for `app.Guard` and for the httptools protocol's own answers), which also counts its fields.
`protocol("httptools" | "h11", …)` gives the class for `uvicorn.Config(http=...)`: httptools
(llhttp, `serve.fast_connection`) is the default, h11 (this module) the pure-Python alternative.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import h11
from uvicorn.protocols.http.flow_control import FlowControl
from uvicorn.protocols.http.h11_impl import STATUS_PHRASES, H11Protocol

# an ASGI scope key: the httptools protocol asked the app's `Front` for this request, within
# the head limits, and it knew no answer, so `app.Guard` does not measure and ask again
ASKED = "werkagenda.front_asked"
# one more: the protocol had this named run in the inline lane's line for the lane's whole
# wait, so the route sends it to the workers at once (`http.call`)
LANE_BUSY = "werkagenda.lane_busy"
_RECEIVING = (h11.IDLE, h11.SEND_BODY)  # the client's states while its request is incomplete


def head_too_large(limit: int) -> bytes:
    """The body of the 431 answer to a request head over `limit` bytes."""
    return (
        f"Request header fields too large: the request line and headers may take {limit} bytes.\n"
    ).encode()


class RequestDeadline:
    """The deadline both protocols share: `_arm` when a request is due, `_disarm` once it is in."""

    request_timeout: float = 10.0
    max_head_bytes: int = 64 * 1024
    _deadline: asyncio.TimerHandle | None = None
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    flow: FlowControl

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.request_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or not self._receiving():
            return
        if self.flow is not None and self.flow.read_paused:
            self._arm()  # we stopped reading (a pipelined request waits): not the client's delay
            return
        self.transport.close()  # a body the app awaits ends as a client disconnect

    def _receiving(self) -> bool:
        """Whether the client is still sending its request."""
        return True


class _Connection(h11.Connection):
    """An h11 connection that remembers the protocol error it raised last."""

    error: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as e:
            self.error = e
            raise


class DeadlineH11Protocol(RequestDeadline, H11Protocol):
    """H11Protocol closing connections whose request takes longer than `request_timeout`.

    h11 bounds the incomplete head itself (`max_incomplete_event_size`) and says 431 in its
    error; uvicorn answers every parse error with 400, so the refusal is re-sent as 431.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = _Connection(h11.SERVER, self.max_head_bytes)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first byte of the next request on a kept-alive connection
        super().data_received(data)
        if not self._receiving() or self.transport.is_closing():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._disarm()  # idle from here on: uvicorn's keep-alive timeout takes over
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        """The refusal of an unparseable request, with h11's status (431 for a huge head)."""
        error = getattr(self.conn, "error", None)
        status = getattr(error, "error_status_hint", 400) if error else 400
        if status != 431:
            super().send_400_response(msg)
            return
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        for event in (
            h11.Response(status_code=431, headers=headers, reason=STATUS_PHRASES[431]),
            h11.Data(data=head_too_large(self.max_head_bytes)),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()

    def _receiving(self) -> bool:
        return self.conn.their_state in _RECEIVING


def protocol(
    http: str,
    *,
    request_timeout: float,
    max_head_bytes: int,
    front: Any = None,
    access: Callable[[str, str, bytes, int, float], None] | None = None,
) -> type[asyncio.Protocol]:
    """The protocol class for `uvicorn.Config(http=...)` with these limits.

    httptools also answers from `front` (a `front.Front`) what is known before the request,
    logging through `access` (`AccessLog.record`); h11 leaves that to the ASGI front.

    >>> protocol("h11", request_timeout=5, max_head_bytes=65536).request_timeout
    5
    """
    from werkagenda.serve.fast_connection import DeadlineHttpToolsProtocol  # builds on this one

    base = {"httptools": DeadlineHttpToolsProtocol, "h11": DeadlineH11Protocol}[http]
    limits: dict[str, Any] = {"request_timeout": request_timeout, "max_head_bytes": max_head_bytes}
    if http == "httptools":
        limits |= {"front": front, "access": staticmethod(access) if access else None}
    return type(base.__name__, (base,), limits)
