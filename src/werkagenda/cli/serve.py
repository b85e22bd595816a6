"""Commands of the publishing area: serve (linked-data server) and publish (static release)."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Any

import click

from werkagenda.cli import main
from werkagenda.cli.ui import VERBOSITY, note
from werkagenda.errors import InputError
from werkagenda.serve.settings import (
    DEFAULT_CACHE_ENTRIES,
    DEFAULT_FAST_WORKERS,
    DEFAULT_HTTP,
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_URL,
    DEFAULT_REQUEST_TIMEOUT,
    DEFAULT_TIMEOUT,
    DEFAULT_WORKER_GROWTH,
    DEFAULT_WORKER_MEMORY,
    HTTP_PROTOCOLS,
)

_store_option = click.option(
    "--store",
    "store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Compiled store (default: dist/store, rebuilt first when the sources are newer).",
)


def _store(store: Path | None, agenda_dirs: tuple[Path, ...] = ()) -> tuple[Path, str]:
    """The store to serve and the base IRI it was built with."""
    from werkagenda.config import DEFAULT_BASE
    from werkagenda.serve.prebuilt import write_pages
    from werkagenda.store import open_store, read_stamp, store_path

    path = store or store_path()
    if agenda_dirs:
        from werkagenda.build import agenda_at, build

        if store is not None:
            raise click.UsageError("--agenda builds the store to serve; do not give --store too")
        # gated by SHACL, as `build` is; the pages are rendered as `build` renders them
        build(agendas=[agenda_at(d) for d in agenda_dirs], after_write=write_pages)
    elif store is None:
        # builds when missing or stale (the last conformant store stays when the data no
        # longer conforms); the workers open it themselves
        open_store(path, on_stale=note, after_write=write_pages)
    stamp = read_stamp(path) or {}
    return path, stamp.get("base_iri", DEFAULT_BASE)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--base-iri",
    default=None,
    help="Base IRI of the store's resources (default: the one the store was built with).",
)
@click.option(
    "--public-url",
    default=None,
    help="URL clients reach this server at (base IRI of relative IRIs in /sparql queries; "
    "default: the address it listens on).",
)
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds a query may run before it is stopped (answer 503).",
)
@click.option(
    "--max-rows",
    default=DEFAULT_MAX_ROWS,
    show_default=True,
    type=click.IntRange(1),
    help="Row cap of SELECT results (X-Result-Truncated: true beyond it).",
)
@click.option(
    "--max-bytes",
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    type=click.IntRange(1024),
    help="Byte cap of /sparql and named-query answers (cut, with X-Result-Truncated: true and "
    "X-Result-Byte-Limit).",
)
@click.option(
    "--worker-memory",
    default=DEFAULT_WORKER_MEMORY,
    show_default=True,
    type=click.IntRange(0),
    help="MiB of address space a query worker may use; a query needing more is stopped "
    "(503) and the worker replaced (0: no limit).",
)
@click.option(
    "--worker-growth",
    default=DEFAULT_WORKER_GROWTH,
    show_default=True,
    type=click.IntRange(0),
    help="MiB of private memory a query worker may gain over its life; past it the worker "
    "answers and is replaced by a fresh one (0: never).",
)
@click.option(
    "--max-body",
    default=DEFAULT_MAX_BODY,
    show_default=True,
    type=click.IntRange(1),
    help="Largest request body in bytes (413 beyond it).",
)
@click.option(
    "--max-url",
    default=DEFAULT_MAX_URL,
    show_default=True,
    type=click.IntRange(64),
    help="Longest request URL in characters (414 beyond it).",
)
@click.option(
    "--request-timeout",
    default=DEFAULT_REQUEST_TIMEOUT,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds a client has to send a whole request, headers and body (slower connections "
    "are closed).",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Query worker processes (default: number of CPUs, at least 2).",
)
@click.option(
    "--cache-entries",
    default=DEFAULT_CACHE_ENTRIES,
    show_default=True,
    type=click.IntRange(0),
    help="Finished pages and named-query answers kept in memory (0: compute every request).",
)
@click.option(
    "--fast-workers",
    default=DEFAULT_FAST_WORKERS,
    show_default=True,
    type=click.IntRange(0, 16),
    help="Worker processes of the lane for cheap work (ASK, named queries, pages), which "
    "never waits behind long queries (0: no lane).",
)
@click.option(
    "--inline-threads",
    default=None,
    type=click.IntRange(0, 64),
    help="Threads answering named queries in the server process, without a worker round "
    "trip (their cost is bounded by one agenda; raw /sparql queries always run in workers; "
    "default: number of CPUs, at least 2; 0: named queries in workers too).",
)
@click.option(
    "--http",
    "http",
    type=click.Choice(HTTP_PROTOCOLS),
    default=DEFAULT_HTTP,
    show_default=True,
    help="HTTP/1.1 implementation: httptools (llhttp, fast) or h11 (pure Python).",
)
@click.option(
    "--no-prebuilt",
    is_flag=True,
    help="Render /id/ pages in the workers, ignoring the pages pre-rendered by `build`.",
)
@click.option(
    "--allow-service-host",
    "service_hosts",
    multiple=True,
    help="Host that SERVICE clauses may call (repeatable; default: federation off).",
)
@click.option(
    "--agenda",
    "agenda_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Serve these agenda folders <region>-<edition> (repeatable): builds dist/store of "
    "just them first (default: every agenda under data/).",
)
@_store_option
def serve(
    host: str,
    port: int,
    base_iri: str | None,
    public_url: str | None,
    timeout: float,
    max_rows: int,
    max_bytes: int,
    worker_memory: int,
    worker_growth: int,
    max_body: int,
    max_url: int,
    request_timeout: float,
    workers: int | None,
    cache_entries: int,
    fast_workers: int,
    inline_threads: int | None,
    no_prebuilt: bool,
    http: str,
    service_hosts: tuple[str, ...],
    agenda_dirs: tuple[Path, ...],
    store: Path | None,
) -> None:
    """Serve the compiled store: SPARQL endpoint, linked-data pages, query editor."""
    from werkagenda.serve import Settings, create_app

    path, built_base = _store(store, agenda_dirs)
    settings = Settings(
        store=path,
        base_iri=base_iri or built_base,
        timeout=timeout,
        max_rows=max_rows,
        max_bytes=max_bytes,
        worker_memory=worker_memory,
        worker_growth=worker_growth,
        max_body=max_body,
        max_url=max_url,
        allowed_service_hosts=service_hosts,
        cache_entries=cache_entries,
        prebuilt=not no_prebuilt,
        fast_workers=fast_workers,
        public_url=public_url,
        request_timeout=request_timeout,
        **({} if workers is None else {"workers": workers}),
        **({} if inline_threads is None else {"inline_threads": inline_threads}),
    )
    sock = _bind(host, port)
    url = _url(host, sock)

    def ready() -> None:
        click.echo(
            f"werkagenda serve: {url} (SPARQL endpoint {url}sparql, query editor {url}query)"
        )

    _run(create_app(settings, on_ready=ready), settings, sock, http=http)


def _url(host: str, sock: socket.socket) -> str:
    """The base URL of the server listening on `sock` (bound to `host`)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{sock.getsockname()[1]}/"


def _run(app: Any, settings: Any, sock: socket.socket, *, http: str) -> None:
    """uvicorn on the bound socket with protocol `http` and the request limits of `settings`;
    httptools answers what the app's `Front` knows itself (`serve.fast_connection`)."""
    import uvicorn

    from werkagenda.serve.connection import protocol

    front, access = app.state.front, None
    if not VERBOSITY.quiet:
        from werkagenda.serve.accesslog import AccessLog

        app = access = AccessLog(app)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        # subclasses adding the request deadline uvicorn lacks and a 431 for an oversized
        # head; the httptools one also keeps the body of a POST offering `Upgrade: h2c`
        http=protocol(
            http,
            request_timeout=settings.request_timeout,
            max_head_bytes=settings.max_head_bytes,
            front=front,
            access=access.record if access else None,
        ),
        h11_max_incomplete_event_size=settings.max_head_bytes,
        timeout_graceful_shutdown=5,
    )
    uvicorn.Server(config).run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    """Bind the listening socket ourselves: a taken port is one clear line (exit 2), and
    `--port 0` learns the port the system chose before the ready line names it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise InputError(
                f"port {port} on {host} is already in use: choose another with --port "
                "(--port 0 picks a free one)"
            ) from None
        raise InputError(f"cannot listen on {host}:{port}: {e.strerror}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock
