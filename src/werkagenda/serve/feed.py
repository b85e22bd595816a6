"""The change feed routes: `/feed/` (the LDES root) and `/feed/<region>/<year>/<n>` pages.

The pages are computed once, in a thread, on the first request (from a read-only view of
the store) and kept; edition pages are immutable and carry an ETag, the root may change
when the store is rebuilt with a new edition.
"""

from __future__ import annotations

import asyncio

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from werkagenda.editions.feed import Page, pages
from werkagenda.serve.http import CORS

TURTLE = "text/turtle; charset=utf-8"
IMMUTABLE = "public, max-age=31536000, immutable"
ROOT_CACHE = "public, max-age=60"


def _compute(request: Request) -> dict[str, Page]:
    settings = request.app.state.settings
    store = ox.Store.read_only(str(settings.store))
    return {page.path: page for page in pages(store, settings.base_iri)}


async def _pages(request: Request) -> dict[str, Page]:
    state = request.app.state
    if getattr(state, "feed", None) is None:
        lock = getattr(state, "feed_lock", None)
        if lock is None:  # no await since the check: one lock per application
            state.feed_lock = lock = asyncio.Lock()
        async with lock:
            if getattr(state, "feed", None) is None:
                state.feed = await asyncio.to_thread(_compute, request)
    return state.feed  # type: ignore[no-any-return]


async def page(request: Request) -> Response:
    path = request.path_params.get("path", "").strip("/")
    found = (await _pages(request)).get("" if path == "index.ttl" else path)
    if found is None:
        return Response("Not found.\n", 404, media_type="text/plain; charset=utf-8")
    headers = {
        **CORS,
        "ETag": found.etag,
        "Cache-Control": IMMUTABLE if found.immutable else ROOT_CACHE,
        "Vary": "Accept",
    }
    if request.headers.get("if-none-match") == found.etag:
        return Response(status_code=304, headers=headers)
    return Response(found.body, media_type=TURTLE, headers=headers)


async def to_root(request: Request) -> Response:
    return RedirectResponse("/feed/", 301)


ROUTES = [
    Route("/feed", to_root),
    Route("/feed/", page),
    Route("/feed/{path:path}", page),
]
