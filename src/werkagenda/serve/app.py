"""The Starlette application: routes, worker pool lifecycle, limits and security headers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from werkagenda.errors import InputError
from werkagenda.serve import explore_routes, feed, routes, sparql, whatif_route
from werkagenda.serve.cache import ResponseCache
from werkagenda.serve.conditional import Conditional, build_seed
from werkagenda.serve.connection import ASKED
from werkagenda.serve.front import Front
from werkagenda.serve.http import HTTPError, error_response, secure
from werkagenda.serve.inline import InlineLane
from werkagenda.serve.prebuilt import PrebuiltPages
from werkagenda.serve.settings import Settings
from werkagenda.serve.workers import WorkerPool

log = logging.getLogger("werkagenda.serve")
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]


class Guard:
    """ASGI front: 431 for too many headers, 414 for long URLs, answers known before the
    request (`front.Front`: pre-rendered pages, the response cache), security headers on
    everything else (the size of the request head is bounded by h11, `serve.connection`).

    A known answer's headers already carry the security headers, so it is byte for byte the
    one the route gave first (or the build rendered).
    """

    def __init__(self, app: ASGIApp, front: Front) -> None:
        self.app, self.front = app, front

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get(ASKED):  # the protocol found it within the limits and unknown here
            await self.app(scope, receive, self._secure(send))
            return
        query = scope.get("query_string", b"")
        length = len(scope.get("raw_path") or scope["path"].encode()) + len(query)
        if refused := self.front.refusal(length, scope["headers"]):
            status, message = refused
            await PlainTextResponse(message, status)(scope, receive, self._secure(send))
            return
        if not scope.get("root_path"):
            hit = self.front.answer(scope["method"], scope["path"], query, scope["headers"])
            if hit is not None:
                await hit.send(send)
                self.front.answered += 1
                return
        await self.app(scope, receive, self._secure(send))

    @staticmethod
    def _secure(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": secure(message.get("headers", []))}
            await send(message)

        return wrapped


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
        app.state.inline = app.state.front.lane = inline  # the protocol runs on it too
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            app.state.front.lane = None
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
    # the httptools protocol asks it too, before an ASGI cycle (`cli.serve`, `fast_connection`)
    app.state.front = front = Front(settings, responses, pages)
    app.add_middleware(Guard, front=front)
    # outermost (added last): ETag, Cache-Control, 304 and /id/ CORS on every answer, the
    # front's cached ones included
    seed = build_seed(settings.store, settings.public_url)
    app.add_middleware(Conditional, seed=seed, public_url=settings.public_url)
    return app
