"""The Starlette application: routes, worker pool lifecycle, limits and security headers."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from werkagenda.errors import InputError
from werkagenda.serve import routes, sparql
from werkagenda.serve.http import HTTPError, error_response
from werkagenda.serve.settings import Settings
from werkagenda.serve.workers import WorkerPool

log = logging.getLogger("werkagenda.serve")
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
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


class Guard:
    """ASGI middleware: 414 for long URLs, 413 for declared large bodies, security headers."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app, self.settings = app, settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = len(scope.get("raw_path") or scope["path"].encode()) + len(
            scope.get("query_string", b"")
        )
        if length > self.settings.max_url:
            response = PlainTextResponse(
                f"URI too long: more than {self.settings.max_url} characters; "
                "POST the query instead.\n",
                414,
            )
            await response(scope, receive, self._secure(send))
            return
        await self.app(scope, receive, self._secure(send))

    @staticmethod
    def _secure(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", DEFAULT_CSP))
                message = {**message, "headers": headers}
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


def create_app(settings: Settings, on_ready: Callable[[], None] | None = None) -> Starlette:
    """The application over the compiled store at `settings.store`."""
    if not (settings.store / "CURRENT").exists() and not settings.store.is_dir():
        raise InputError(f"no compiled store at {settings.store}: run `werkagenda build` first")
    context = {
        "bases": list(settings.bases),
        "max_rows": settings.max_rows,
        "allowed_hosts": list(settings.allowed_service_hosts),
    }

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(settings.store, context, settings.workers)
        await pool.start()
        app.state.pool, app.state.cache, app.state.settings = pool, {}, settings
        app.state.pages = OrderedDict()
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            await pool.close()

    table = [
        Route("/", routes.landing),
        Route("/query", routes.editor),
        Route("/api/queries", routes.named_list),
        Route("/api/queries/{name}/run", routes.named_run),
        Route("/sparql", sparql.endpoint, methods=ALL_METHODS),
        *(
            Route(p, sparql.graph_store, methods=ALL_METHODS)
            for p in ("/graph-store", "/store", "/rdf-graph-store", "/sparql/graph")
        ),
        Route("/def", routes.ontology),
        Route("/def.{suffix}", routes.ontology),
        Route("/catalog", routes.document),
        Route("/catalog.{suffix}", routes.document),
        Route("/void", routes.document),
        Route("/void.{suffix}", routes.document),
        Route("/downloads/{name}", routes.download),
        Route("/static/{name}", routes.static),
        Route("/id/{path:path}", routes.resource),
    ]
    app = Starlette(
        routes=table,
        lifespan=lifespan,
        exception_handlers={
            Exception: _http_error,
            HTTPException: _http_error,
            HTTPError: _http_error,
        },
    )
    app.state.settings = settings
    app.add_middleware(Guard, settings=settings)
    return app
