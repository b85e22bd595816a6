"""What one server process is configured with; immutable once the server starts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from werkagenda.config import DEFAULT_BASE
from werkagenda.views.links import mapped_bases

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # bytes of a /sparql or named-query answer (then cut)
DEFAULT_WORKER_MEMORY = 1536  # MiB of address space a query worker may map (then replaced)
DEFAULT_WORKER_GROWTH = 8  # MiB of private memory a worker may gain (then replaced; 0: never)
DEFAULT_MAX_BODY = 256 * 1024  # bytes of a POSTed query or form
DEFAULT_MAX_URL = 8 * 1024  # characters of path + query string
DEFAULT_REQUEST_TIMEOUT = 10.0  # seconds a client has to send a whole request (head and body)
DEFAULT_MAX_HEADERS = 100  # header fields of one request (431 beyond)
DEFAULT_CACHE_ENTRIES = 4096  # finished pages and named-query answers kept (0: none)
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
DEFAULT_FAST_WORKERS = 1  # the lane for cheap work (`serve.http.call`; 0: no lane)
HTTP_PROTOCOLS = ("httptools", "h11")  # `serve --http` (`serve.connection.protocol`)
DEFAULT_HTTP = "httptools"  # llhttp: several times h11's rate of requests
DEFAULT_CHEAP_LIMIT = 0.5  # seconds a job may run in that lane before it moves on


def _cpus() -> int:
    """The default number of query workers and of inline threads: the CPUs, at least 2."""
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True)
class Settings:
    """Server configuration.

    `base_iri` is the base the store's agenda resources were minted under (the build stamp
    says which); `bases` are all bases whose IRIs this server dereferences, longest first.
    `cache_entries` and `cache_bytes` bound the response cache (`serve.cache`); with
    `cache_entries=0` every request is computed by a worker, none shared or kept.

    >>> s = Settings(store=Path("dist/store"))
    >>> s.bases[0]
    'https://w3id.org/iza-werkagenda/'
    """

    store: Path
    base_iri: str = DEFAULT_BASE
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_bytes: int = DEFAULT_MAX_BYTES
    worker_memory: int = DEFAULT_WORKER_MEMORY  # MiB; 0: no limit
    worker_growth: int = DEFAULT_WORKER_GROWTH  # MiB; 0: a worker is never replaced for it
    max_body: int = DEFAULT_MAX_BODY
    max_url: int = DEFAULT_MAX_URL
    workers: int = field(default_factory=_cpus)
    allowed_service_hosts: tuple[str, ...] = ()
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    cache_bytes: int = DEFAULT_CACHE_BYTES
    fast_workers: int = DEFAULT_FAST_WORKERS
    cheap_limit: float = DEFAULT_CHEAP_LIMIT
    # threads answering named queries in the server (`serve.inline`); 0: all in workers
    inline_threads: int = field(default_factory=_cpus)
    prebuilt: bool = True  # answer /id/… from the pages rendered at build time, when there
    public_url: str | None = None  # where clients reach the server; base of /sparql queries
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    max_headers: int = DEFAULT_MAX_HEADERS

    @property
    def max_head_bytes(self) -> int:
        """Bytes of request line plus headers (h11 answers 431 beyond): room for a long URL."""
        return max(64 * 1024, 2 * self.max_url)

    @property
    def bases(self) -> tuple[str, ...]:
        """The base IRIs mapped onto this server: the store's base, then the shared default."""
        return mapped_bases(self.base_iri)
