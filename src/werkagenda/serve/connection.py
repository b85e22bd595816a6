"""uvicorn's h11 protocol with a request deadline and an honest 431 (slow and oversized clients).

uvicorn has no timeout on receiving a request: `timeout_keep_alive` only runs between requests
and every received byte cancels it, so a client that trickles a header a byte at a time holds
its connection (and a slot) forever (slowloris). Middleware cannot help: the ASGI app sees a
request only once its head is parsed. This subclass arms a deadline when a connection opens
and when the first byte of a following request arrives, and disarms it once the whole request
(head and body) is in; a connection still sending when it fires is closed.

h11 already bounds the request head (`max_incomplete_event_size`) and says 431 in its error;
uvicorn answers every parse error with 400, so the refusal is re-sent with h11's status hint.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import STATUS_PHRASES, H11Protocol

_RECEIVING = (h11.IDLE, h11.SEND_BODY)  # the client's states while its request is incomplete


class _Connection(h11.Connection):
    """An h11 connection that remembers the protocol error it raised last."""

    error: h11.RemoteProtocolError | None = None

    def next_event(self) -> Any:
        try:
            return super().next_event()
        except h11.RemoteProtocolError as e:
            self.error = e
            raise


class DeadlineH11Protocol(H11Protocol):
    """H11Protocol closing connections whose request takes longer than `request_timeout`."""

    request_timeout: float = 10.0
    max_head_bytes: int = 64 * 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conn = _Connection(h11.SERVER, self.max_head_bytes)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first byte of the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state not in _RECEIVING or self.transport.is_closing():
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
        text = (
            f"Request header fields too large: the request line and headers may take "
            f"{self.max_head_bytes} bytes.\n"
        )
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        for event in (
            h11.Response(status_code=431, headers=headers, reason=STATUS_PHRASES[431]),
            h11.Data(data=text.encode()),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.request_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if self.conn.their_state in _RECEIVING and not self.transport.is_closing():
            self.transport.close()  # a body the app awaits ends as a client disconnect


def protocol(*, request_timeout: float, max_head_bytes: int) -> type[DeadlineH11Protocol]:
    """The protocol class for `uvicorn.Config(http=...)` with these limits."""
    return type(
        "DeadlineH11Protocol",
        (DeadlineH11Protocol,),
        {"request_timeout": request_timeout, "max_head_bytes": max_head_bytes},
    )
