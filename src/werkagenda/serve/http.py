"""HTTP glue shared by the routes: calling workers, error answers, limits, caching."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from werkagenda.serve import negotiation as neg
from werkagenda.serve.execute import Reply
from werkagenda.serve.render import render
from werkagenda.serve.workers import JobRefused, QueryTimeout, WorkerUnavailable

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "X-Result-Truncated, X-Result-Limit, Content-Type",
}
INTERNAL_JOB_TIMEOUT = 60.0


class HTTPError(Exception):
    """An answer other than 200 that a route decided on."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


async def call(request: Request, job: str, *, user_query: bool = False, **kwargs: Any) -> Any:
    """Run a worker job; map timeouts, refusals and dead workers to HTTPError."""
    settings = request.app.state.settings
    timeout = settings.timeout if user_query else max(settings.timeout, INTERNAL_JOB_TIMEOUT)
    try:
        return await request.app.state.pool.call(job, timeout=timeout, **kwargs)
    except QueryTimeout as e:
        raise HTTPError(
            503, f"Query timeout: {e}. Simplify the query or add a LIMIT.", {"Retry-After": "1"}
        ) from None
    except WorkerUnavailable as e:
        raise HTTPError(
            503, f"Service unavailable: {e}; please retry.", {"Retry-After": "1"}
        ) from None
    except JobRefused as e:
        raise HTTPError(e.status, e.message) from None


async def cached(request: Request, key: tuple, job: str, **kwargs: Any) -> Any:
    """Job results that cannot change while the server runs (the store is read-only)."""
    cache: dict = request.app.state.cache
    if key not in cache:
        cache[key] = await call(request, job, **kwargs)
    return cache[key]


PAGE_CACHE_SIZE = 1024
PAGE_CACHE_MAX_BYTES = 256 * 1024


async def cached_page(request: Request, key: tuple, job: str, **kwargs: Any) -> Reply:
    """Dereferenced pages, kept in a bounded LRU (the store cannot change while serving)."""
    lru: OrderedDict = request.app.state.pages
    if key in lru:
        lru.move_to_end(key)
        return lru[key]
    reply = await call(request, job, **kwargs)
    if reply.status == 200 and len(reply.body) <= PAGE_CACHE_MAX_BYTES:
        lru[key] = reply
        if len(lru) > PAGE_CACHE_SIZE:
            lru.popitem(last=False)
    return reply


def respond(reply: Reply, *, vary: bool = True, cors: bool = False) -> Response:
    headers = dict(reply.headers)
    if vary:
        headers["Vary"] = "Accept"
    if cors:
        headers.update(CORS)
    return Response(
        reply.body, status_code=reply.status, headers=headers, media_type=reply.content_type
    )


def error_response(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    *,
    cors: bool = False,
) -> Response:
    """Plain text for programs, a small page for browsers; never a traceback or a path."""
    extra = dict(headers or {})
    if cors:
        extra.update(CORS)
    wants = neg.choose(
        request.headers.get("accept"), (neg.Format("text", "text/plain", ".txt"), neg.HTML)
    )
    if wants is neg.HTML and not request.url.path.startswith(("/sparql", "/api/")):
        lang = lang_of(request)
        body = render("error.html", status=status, message=message, lang=lang, nav=nav_for(lang))
        return Response(body, status, extra, media_type=neg.HTML.content_type)
    return Response(message + "\n", status, extra, media_type="text/plain; charset=utf-8")


def nav_for(lang: str) -> dict[str, str]:
    return {
        "css": "/static/style.css",
        "home": "/",
        "query": "/query",
        "ontology": "/def",
        "catalog": "/catalog",
        "other_lang": "",
    }


def lang_of(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "nl"


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) once it grows past `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPError(413, f"Request body too large: more than {limit} bytes.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPError(413, f"Request body too large: more than {limit} bytes.")
        chunks.append(chunk)
    return b"".join(chunks)


def site_urls(request: Request) -> dict[str, str]:
    """Where this server lives, as seen by the client (for metadata documents)."""
    root = str(request.base_url)
    return {
        "site_url": root,
        "sparql_url": root + "sparql",
        "base_iri": request.app.state.settings.base_iri,
    }
