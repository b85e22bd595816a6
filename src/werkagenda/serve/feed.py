"""The change feed routes: `/feed/` (the LDES root) and `/feed/<region>/<year>/<n>` pages.

A raw ASGI app mounted at `/feed` (no request/response objects: pages are prebuilt bytes).
The pages are computed once, in a thread, on the first request (from a read-only view of
the store) and kept with their headers; edition pages are immutable and carry an ETag
(`If-None-Match` → 304), the root may change when the store is rebuilt with a new edition.
"""

from __future__ import annotations

import asyncio

import pyoxigraph as ox
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from werkagenda.editions.feed import Page, pages

TURTLE = b"text/turtle; charset=utf-8"
IMMUTABLE = b"public, max-age=31536000, immutable"
ROOT_CACHE = b"public, max-age=60"
CORS = [(b"access-control-allow-origin", b"*")]
Prepared = tuple[Page, list[tuple[bytes, bytes]]]


def _headers(page: Page) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", TURTLE),
        (b"etag", page.etag.encode("ascii")),
        (b"cache-control", IMMUTABLE if page.immutable else ROOT_CACHE),
        *CORS,
    ]


class FeedApp:
    """Serves the prebuilt feed pages of the application's store."""

    def __init__(self) -> None:
        self.prepared: dict[tuple[str, str], dict[str, Prepared]] = {}  # per store and base
        self.lock: asyncio.Lock | None = None

    async def _pages(self, scope: Scope) -> dict[str, Prepared]:
        settings = scope["app"].state.settings
        key = (str(settings.store), settings.base_iri)
        if key not in self.prepared:
            self.lock = self.lock or asyncio.Lock()
            async with self.lock:
                if key not in self.prepared:
                    self.prepared[key] = await asyncio.to_thread(_compute, *key)
        return self.prepared[key]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        rest = path[len("/feed") :] if path.startswith("/feed") else path
        if rest == "":  # /feed → /feed/
            await _send(send, 301, [(b"location", b"/feed/")], b"")
            return
        key = rest.strip("/")
        found = (await self._pages(scope)).get("" if key == "index.ttl" else key)
        if found is None:
            await _send(
                send, 404, [(b"content-type", b"text/plain; charset=utf-8")], b"Not found.\n"
            )
            return
        page, headers = found
        etag = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        if etag == headers[1][1]:
            await _send(send, 304, headers[1:], b"")
            return
        if scope["method"] == "HEAD":
            length = (b"content-length", str(len(page.body)).encode("ascii"))
            await _send(send, 200, [*headers, length], b"", length=False)
            return
        await _send(send, 200, headers, page.body)


def _compute(store: str, base_iri: str) -> dict[str, Prepared]:
    return {p.path: (p, _headers(p)) for p in pages(ox.Store.read_only(store), base_iri)}


async def _send(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes, length: bool = True
) -> None:
    """One response; `length` adds Content-Length of `body` (not on 304 or HEAD)."""
    sized = (
        [(b"content-length", str(len(body)).encode("ascii"))] if length and status != 304 else []
    )
    await send({"type": "http.response.start", "status": status, "headers": headers + sized})
    await send({"type": "http.response.body", "body": body})


ROUTES = [Mount("/feed", app=FeedApp())]
