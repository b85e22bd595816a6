"""The access log: one line per request, the lines of one event-loop turn in one write."""

from __future__ import annotations

import asyncio
import io

from werkagenda.serve.accesslog import AccessLog


class _Stream(io.StringIO):
    writes = 0

    def write(self, s: str) -> int:
        self.writes += 1
        return super().write(s)


async def _app(scope: dict, receive: object, send: object) -> None:
    status = 404 if scope["path"] == "/missing" else 200
    await send({"type": "http.response.start", "status": status, "headers": []})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b"x"})  # type: ignore[operator]


def test_requests_of_one_turn_are_logged_in_order_in_one_write() -> None:
    stream = _Stream()
    log = AccessLog(_app, stream)
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def run() -> None:
        scopes = [
            {"type": "http", "method": "GET", "path": "/id/a", "query_string": b"lang=en"},
            {"type": "http", "method": "HEAD", "path": "/missing", "query_string": b""},
            {"type": "http", "method": "GET", "path": "/sparql", "query_string": b"query=ASK"},
        ]
        await asyncio.gather(*(log(s, None, send) for s in scopes))
        await asyncio.sleep(0)
        # a later turn's request gets its own write
        await log({"type": "http", "method": "GET", "path": "/", "query_string": b""}, None, send)
        await asyncio.sleep(0)

    asyncio.run(run())
    lines = stream.getvalue().splitlines()
    assert [line.rsplit(" ", 2)[0] for line in lines] == [
        "GET /id/a?lang=en 200",
        "HEAD /missing 404",
        "GET /sparql?query=ASK 200",
        "GET / 200",
    ]
    assert all(line.endswith(" ms") for line in lines)
    assert stream.writes == 2
    assert len(sent) == 8  # every message still reached the server
