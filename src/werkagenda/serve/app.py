"""The Starlette application: routes, worker pool lifecycle, limits and security headers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from werkagenda.errors import InputError
from werkagenda.serve import explore_routes, feed, routes, sparql, whatif_route
from werkagenda.serve.cache import Cached, ResponseCache
from werkagenda.serve.conditional import Conditional, build_seed
from werkagenda.serve.http import HTTPError, error_response, secure
from werkagenda.serve.inline import InlineLane
from werkagenda.serve.prebuilt import PrebuiltPages
from werkagenda.serve.settings import Settings
from werkagenda.serve.workers import WorkerPool

log = logging.getLogger("werkagenda.serve")
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
NAMED_PREFIX, NAMED_SUFFIX = "/api/queries/", "/run"
EMPTY_PARAMS: dict[str, str] = {}


class Guard:
    """ASGI front: 431 for too many headers, 414 for long URLs, cached answers, security headers
    on everything else (the size of the request head is bounded by h11, `serve.connection`).

    A GET or HEAD of a resource page or a named query whose answer is in the response cache
    is sent from here: the key is computed by the same functions the routes use
    (`routes.deref_plan`, `routes.named_plan`), and the cached headers already carry the
    security headers, so the answer is byte for byte the one the route gave first.
    A resource page pre-rendered at build time (`serve.prebuilt`) is sent from here too.
    """

    def __init__(
        self,
        app: ASGIApp,
        settings: Settings,
        cache: ResponseCache,
        pages: PrebuiltPages | None = None,
    ) -> None:
        self.app, self.settings, self.cache, self.pages = app, settings, cache, pages
        self.bases = settings.bases

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b"")
        )
        if problem := self._head_problem(scope):
            await PlainTextResponse(problem, 431)(scope, receive, self._secure(send))
            return
        if length > self.settings.max_url:
            response = PlainTextResponse(
                f"URI too long: more than {self.settings.max_url} characters; "
                "POST the query instead.\n",
                414,
            )
            await response(scope, receive, self._secure(send))
            return
        if scope["method"] in ("GET", "HEAD") and (len(self.cache) or self.pages is not None):
            hit = self._cached(scope)
            if hit is not None:
                await hit.send(send)
                return
        await self.app(scope, receive, self._secure(send))

    def _head_problem(self, scope: Scope) -> str | None:
        """Why the request's head is refused (431), if it is: too many fields, or too many
        bytes (h11's own bound only holds while the head is incomplete: one that arrives in a
        single read is parsed whole)."""
        headers = scope["headers"]
        if len(headers) > self.settings.max_headers:
            return (
                f"Request header fields too large: more than {self.settings.max_headers} "
                "header fields.\n"
            )
        size = sum(len(k) + len(v) + 4 for k, v in headers)
        if size > self.settings.max_head_bytes:
            return (
                "Request header fields too large: the request line and headers may take "
                f"{self.settings.max_head_bytes} bytes.\n"
            )
        return None

    def _cached(self, scope: Scope) -> Cached | None:
        """The cached answer to this request, if any (never raises: a miss goes on)."""
        path: str = scope["path"]
        if scope.get("root_path"):
            return None
        query = scope.get("query_string", b"")
        params = QueryParams(query) if query else EMPTY_PARAMS
        headers = _headers(scope, (b"accept", b"accept-encoding", b"if-none-match"))
        accept = headers.get(b"accept")
        try:
            if path.startswith("/id/"):
                key, job = routes.deref_plan(self.bases, path[4:], params, accept)
                page = self._prebuilt(job, headers)
                if page is not None:
                    return page
            elif path.startswith(NAMED_PREFIX) and path.endswith(NAMED_SUFFIX):
                name = path[len(NAMED_PREFIX) : -len(NAMED_SUFFIX)]
                if not name or "/" in name:
                    return None
                key, _ = routes.named_plan(name, params, accept)
            else:
                return None
        except HTTPError:
            return None
        return self.cache.get(key) if len(self.cache) else None

    def _prebuilt(self, job: dict, headers: dict[bytes, str]) -> Cached | None:
        """The page rendered at build time for a dereference, if there is one."""
        if self.pages is None or job["page_no"] != 0:
            return None
        iri, format_key = job["candidates"][0]
        return self.pages.answer(
            iri,
            format_key,
            job["lang"],
            accept_encoding=headers.get(b"accept-encoding"),
            if_none_match=headers.get(b"if-none-match"),
        )

    @staticmethod
    def _secure(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": secure(message.get("headers", []))}
            await send(message)

        return wrapped


def _headers(scope: Scope, names: tuple[bytes, ...]) -> dict[bytes, str]:
    """The first value of each of `names` among the request headers (names are lower-case)."""
    found: dict[bytes, str] = {}
    for name, value in scope["headers"]:
        if name in names and name not in found:
            found[name] = value.decode("latin-1")
    return found


async def _http_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPError):
        cors = request.url.path.startswith(("/sparql", "/api/"))
        return error_response(request, exc.status, exc.message, exc.headers, cors=cors)
    if isinstance(exc, HTTPException):
        message = "Not found." if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message, dict(exc.headers or {}))
    log.exception("unhandled error on %s", request.url.path)
    return error_response(request, 500, "Internal server error.")


def _table() -> list[BaseRoute]:
    """Every route; `/id/{path}` last, it matches any path under /id/."""
    return [
        Route("/", routes.landing),
        Route("/query", routes.editor),
        Route("/api/queries", routes.named_list),
        Route("/api/queries/{name}/run", routes.named_run),
        *whatif_route.ROUTES,
        *explore_routes.ROUTES,
        Route("/sparql", sparql.endpoint, methods=ALL_METHODS),
        *(
            Route(p, sparql.graph_store, methods=ALL_METHODS)
            for p in ("/graph-store", "/store", "/rdf-graph-store", "/sparql/graph")
        ),
        Route("/def/context.jsonld", routes.jsonld_context),
        Route("/def", routes.ontology),
        Route("/def.{suffix}", routes.ontology),
        Route("/catalog", routes.document),
        Route("/catalog.{suffix}", routes.document),
        Route("/void", routes.document),
        Route("/void.{suffix}", routes.document),
        Route("/downloads/{name}", routes.download),
        Route("/static/{name}", routes.static),
        *feed.ROUTES,
        Route("/id/{path:path}", routes.resource),
    ]


def create_app(settings: Settings, on_ready: Callable[[], None] | None = None) -> Starlette:
    """The application over the compiled store at `settings.store`."""
    if not (settings.store / "CURRENT").exists() and not settings.store.is_dir():
        raise InputError(f"no compiled store at {settings.store}: run `werkagenda build` first")
    context = {
        "bases": list(settings.bases),
        "max_rows": settings.max_rows,
        "max_bytes": settings.max_bytes,
        "memory_limit": settings.worker_memory * 1024 * 1024,
        "worker_growth": settings.worker_growth * 1024 * 1024,
        "allowed_hosts": list(settings.allowed_service_hosts),
    }

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(settings.store, context, settings.workers)
        fast = WorkerPool(settings.store, context, settings.fast_workers)
        await asyncio.gather(pool.start(), fast.start())
        app.state.pool, app.state.cache, app.state.settings = pool, {}, settings
        app.state.fast = fast if settings.fast_workers else None
        inline = (
            InlineLane(settings.store, context, settings.inline_threads, settings.cheap_limit)
            if settings.inline_threads
            else None
        )
        app.state.inline = inline
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            if inline is not None:
                inline.close()
            await asyncio.gather(pool.close(), fast.close())

    app = Starlette(
        routes=_table(),
        lifespan=lifespan,
        exception_handlers={
            Exception: _http_error,
            HTTPException: _http_error,
            HTTPError: _http_error,
        },
    )
    app.state.settings = settings
    app.state.responses = responses = ResponseCache(settings.cache_entries, settings.cache_bytes)
    pages = PrebuiltPages.open(settings.store, settings.bases) if settings.prebuilt else None
    app.state.pages = pages
    app.add_middleware(Guard, settings=settings, cache=responses, pages=pages)
    # outermost (added last): ETag, Cache-Control, 304 and /id/ CORS on every answer, the
    # front's cached ones included
    seed = build_seed(settings.store, settings.public_url)
    app.add_middleware(Conditional, seed=seed, public_url=settings.public_url)
    return app
