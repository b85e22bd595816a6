"""One line per request on stderr: method, path, status, milliseconds (off with --quiet).

A plain ASGI wrapper rather than uvicorn's access log, which prints the client address and
protocol but not the time taken, and formats through the logging machinery on every request.
"""

from __future__ import annotations

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

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - started) * 1000
                path = scope.get("path", "")
                query = scope.get("query_string", b"")
                shown = path + ("?" + query.decode("latin-1") if query else "")
                line = f"{scope.get('method', '-')} {shown[:200]} {message['status']} {ms:.1f} ms"
                print(line, file=self.stream, flush=True)
            await send(message)

        await self.app(scope, receive, logged)
