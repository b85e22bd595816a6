"""HTTP glue shared by the routes: calling workers, error answers, limits, caching."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Hashable
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from werkagenda.serve import negotiation as neg
from werkagenda.serve.cache import Cached, ResponseCache
from werkagenda.serve.connection import LANE_BUSY
from werkagenda.serve.execute import Reply
from werkagenda.serve.inline import LaneBusy
from werkagenda.serve.workers import JobRefused, MemoryExceeded, QueryTimeout, WorkerUnavailable
from werkagenda.views.render import render

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": (
        "X-Result-Truncated, X-Result-Limit, X-Result-Byte-Limit, Content-Type"
    ),
}
INTERNAL_JOB_TIMEOUT = 60.0


class HTTPError(Exception):
    """An answer other than 200 that a route decided on."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


async def call(
    request: Request, job: str, *, user_query: bool = False, lane: str | None = None, **kwargs: Any
) -> Any:
    """Run a worker job; map timeouts, refusals and dead workers to HTTPError.

    `lane` tries the job first in the small pool for cheap work (`Settings.fast_workers`), so
    it does not queue behind long queries in the main pool: "cheap" waits for that pool
    (ASK), "idle" uses it only when one of its workers is free now (named queries, pages).
    A job still running there after `Settings.cheap_limit` seconds is stopped and run in the
    main pool with the time that is left, so the lane never holds anything long and the
    timeout guarantee holds for the whole. A named query is answered in this process by the
    inline lane (`serve.inline`: bounded cost, no pipe round trip) when one of its threads
    takes it within the lane's wait.
    """
    state, settings = request.app.state, request.app.state.settings
    timeout = settings.timeout if user_query else max(settings.timeout, INTERNAL_JOB_TIMEOUT)
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        inline = getattr(state, "inline", None)
        # LANE_BUSY: the httptools protocol had the run in the lane's line for its whole wait
        if inline is not None and inline.takes(job, kwargs) and LANE_BUSY not in request.scope:
            with contextlib.suppress(LaneBusy):  # no thread free soon enough: the pools
                return await inline.call(job, **kwargs)
        fast = getattr(state, "fast", None)
        if fast is not None and lane is not None and (lane == "cheap" or fast.has_idle()):
            try:
                return await fast.call(job, timeout=min(settings.cheap_limit, timeout), **kwargs)
            except (QueryTimeout, WorkerUnavailable):
                pass  # not cheap after all (or the lane is down): the main pool
        left = max(timeout - (loop.time() - started), 0.001)
        return await state.pool.call(job, timeout=left, **kwargs)
    except QueryTimeout:
        raise HTTPError(
            503,
            f"Query timeout: the query ran longer than {timeout:g} s and was stopped. "
            "Simplify the query or add a LIMIT.",
            {"Retry-After": "1"},
        ) from None
    except MemoryExceeded as e:
        raise HTTPError(
            503, f"Query stopped: {e}. Simplify the query or add a LIMIT.", {"Retry-After": "1"}
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


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
DEFAULT_CSP = (
    b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    b"form-action 'self'"
)


def secure(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The header list with the security headers and CSP added where the response has none."""
    out = list(headers)
    names = {k.lower() for k, _ in out}
    out += [h for h in SECURITY_HEADERS if h[0] not in names]
    if b"content-security-policy" not in names:
        out.append((b"content-security-policy", DEFAULT_CSP))
    return out


class Prebuilt(Response):
    """A finished response from the cache, sent as it was first produced."""

    def __init__(self, entry: Cached) -> None:  # no Response.__init__: nothing to render
        self.entry, self.status_code, self.background = entry, entry.status, None
        self.body, self.raw_headers = entry.body, entry.headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.entry.send(send)


async def cached_response(
    request: Request,
    key: Hashable,
    job: str,
    *,
    vary: bool = True,
    cors: bool = False,
    user_query: bool = False,
    keep: bool = True,
    **kwargs: Any,
) -> Response:
    """A worker job's Reply as a response, kept in the response cache when it is a 200.

    The store cannot change while serving, so the same key is the same answer; concurrent
    misses of one key share one job. Errors (HTTPError) reach every waiter and are never kept.
    """
    cache: ResponseCache = request.app.state.responses
    hit = cache.get(key)
    if hit is not None:
        return Prebuilt(hit)

    async def compute() -> Cached:
        reply = await call(request, job, user_query=user_query, **kwargs)
        entry = finished(reply, vary=vary, cors=cors)
        if keep and reply.status == 200:
            cache.put(key, entry)
        return entry

    return Prebuilt(await cache.single_flight(key, compute))


def finished(reply: Reply, *, vary: bool = True, cors: bool = False) -> Cached:
    """A job's Reply as the response sent and kept: its headers, the security headers."""
    response = respond(reply, vary=vary, cors=cors)
    return Cached(response.status_code, secure(response.raw_headers), reply.body)


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
        "views": "/views",
        "search": "/search",
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
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise HTTPError(413, f"Request body too large: more than {limit} bytes.")
            chunks.append(chunk)
    except ClientDisconnect:  # gone, or dropped by the request deadline (serve.connection)
        raise HTTPError(408, "Request timeout: the request body did not arrive in time.") from None
    return b"".join(chunks)


def public_root(request: Request) -> str:
    """Where clients reach this server, ending in "/": the configured public URL (`serve
    --public-url`), else the address it listens on; never the request's Host header, which
    any client can forge (it would be echoed in VoID and DCAT, and split their caches)."""
    settings = request.app.state.settings
    if settings.public_url:
        return settings.public_url.rstrip("/") + "/"
    server = request.scope.get("server") or ("127.0.0.1", 80)
    host = f"[{server[0]}]" if ":" in str(server[0]) else server[0]
    return f"http://{host}:{server[1]}/"


def site_urls(request: Request) -> dict[str, str]:
    """Where this server lives (for metadata documents): see `public_root`."""
    root = public_root(request)
    return {
        "site_url": root,
        "sparql_url": root + "sparql",
        "base_iri": request.app.state.settings.base_iri,
    }
