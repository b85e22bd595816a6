"""One line per request on stderr: method, path, status, milliseconds (off with --quiet).

A plain ASGI wrapper rather than uvicorn's access log, which prints the client address and
protocol but not the time taken, and formats through the logging machinery on every request.
The lines of one turn of the event loop go out in one write, at the end of that turn: a write
and flush per request held 9 % of the server process's samples under the uncached page
workload (py-spy, `benchmarks/profile_serve.py`), where it answers thousands a second.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class AccessLog:
    """Wraps an ASGI app; writes `GET /id/… 200 3.1 ms` when each response starts."""

    def __init__(self, app: ASGIApp, stream: Any = None) -> None:
        self.app, self.stream = app, stream or sys.stderr
        self._lines: list[str] = []  # this turn's lines, written by `_flush` at its end

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.record(
                    scope.get("method", "-"),
                    scope.get("path", ""),
                    scope.get("query_string", b""),
                    message["status"],
                    started,
                )
            await send(message)

        await self.app(scope, receive, logged)

    def record(self, method: str, path: str, query: bytes, status: int, started: float) -> None:
        """The line of one request whose response starts now (`started`: `perf_counter` when
        it came); the httptools protocol logs the answers it sends itself through this too."""
        ms = (time.perf_counter() - started) * 1000
        shown = path + ("?" + query.decode("latin-1") if query else "")
        self._add(f"{method} {shown[:200]} {status} {ms:.1f} ms")

    def _add(self, line: str) -> None:
        if not self._lines:  # the turn's first line: write them all once the turn is done
            asyncio.get_running_loop().call_soon(self._flush)
        self._lines.append(line)

    def _flush(self) -> None:
        lines, self._lines = self._lines, []
        self.stream.write("\n".join(lines) + "\n")
        self.stream.flush()
