"""Answers known before a request arrives: pre-rendered pages and the response cache's hits.

The store cannot change while it is served, so a resource page rendered at build time
(`serve.prebuilt`) or an answer the response cache holds (`serve.cache`) is complete before
anyone asks. `Front.answer` finds it for a GET or HEAD from the request's method, path, query
string and headers alone, with the headers of the finished response: the security headers and,
for `/id/` in an RDF format, CORS (`conditional.resource_headers`, the rule the ASGI layer
applies to pages rendered on demand).

Two callers ask it, so the answer is the same whichever way a request comes:
- the ASGI front (`app.Guard`), for every protocol;
- the httptools protocol (`fast_connection`), before uvicorn builds an ASGI request cycle.
  That path answers a pre-rendered page without an asyncio task, the ASGI scope or the
  middleware chain. Those were most of a page's time: in alternating uncached runs
  (`benchmarks/results/20261207-front-ab.txt`) HTML pages went from 0.64–0.76 of Oxigraph's
  rate to 0.84–1.26, Turtle pages from 0.72–0.88 to 1.12–1.33.

`refusal` is the request-head check that comes first: 431 for too many or too large header
fields, 414 for a long URL. A request it refuses is never answered from here.

`run` plans what is not known yet but cheap to compute in this process: a named query's run on
the inline lane, which the httptools protocol starts itself (`fast_connection`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from starlette.datastructures import QueryParams

from werkagenda.serve import named, routes
from werkagenda.serve.cache import Cached, ResponseCache
from werkagenda.serve.conditional import resource_headers
from werkagenda.serve.http import HTTPError
from werkagenda.serve.prebuilt import PrebuiltPages
from werkagenda.serve.settings import Settings

if TYPE_CHECKING:
    from werkagenda.serve.inline import InlineLane

NAMED_PREFIX, NAMED_SUFFIX = "/api/queries/", "/run"
_ASKED = (b"accept", b"accept-encoding", b"if-none-match")
_EMPTY: dict[str, str] = {}


class Front:
    """The pre-rendered pages and the response cache of one server, asked per request."""

    def __init__(
        self, settings: Settings, cache: ResponseCache, pages: PrebuiltPages | None = None
    ) -> None:
        self.cache, self.pages = cache, pages
        self.bases = settings.bases
        # read once: `Settings.max_head_bytes` is computed, and every request is measured
        self.max_headers, self.max_head_bytes = settings.max_headers, settings.max_head_bytes
        self.max_url = settings.max_url
        # requests answered from here, counted by the caller that sent the answer: the
        # protocol may leave a found answer to the ASGI front, which then asks again
        self.answered = 0
        # the server's inline lane (`serve.inline`), set when the server has started one: the
        # httptools protocol runs named queries on it itself (`run`); `ran` counts them
        self.lane: InlineLane | None = None
        self.ran = 0
        self._parsed: tuple[bytes, Mapping[str, str]] = (b"", _EMPTY)

    @property
    def empty(self) -> bool:
        """Nothing can be answered from here (no pages, nothing cached yet)."""
        return self.pages is None and not len(self.cache)

    def refusal(self, url_bytes: int, headers: list[tuple[bytes, bytes]]) -> tuple[int, str] | None:
        """The status and message refusing this request's head, if it is refused.

        `url_bytes` is the length of the raw path and query string. h11's own bound on the
        head only holds while it is incomplete: a head that arrives in a single read is parsed
        whole, so it is measured here."""
        if len(headers) > self.max_headers:
            return 431, (
                f"Request header fields too large: more than {self.max_headers} header fields.\n"
            )
        if sum(len(k) + len(v) + 4 for k, v in headers) > self.max_head_bytes:
            return 431, (
                "Request header fields too large: the request line and headers may take "
                f"{self.max_head_bytes} bytes.\n"
            )
        if url_bytes > self.max_url:
            return 414, (
                f"URI too long: more than {self.max_url} characters; POST the query instead.\n"
            )
        return None

    def answer(
        self, method: str, path: str, query: bytes, headers: Iterable[tuple[bytes, bytes]]
    ) -> Cached | None:
        """The finished response to this request when it is known, else None (never raises:
        what is not known here goes on to the routes)."""
        if method not in ("GET", "HEAD") or self.empty:
            return None
        params = self._params(query)
        asked: dict[bytes, str] = {}
        for name, value in headers:
            if name in _ASKED and name not in asked:
                asked[name] = value.decode("latin-1")
        try:
            if path.startswith("/id/"):
                found = self._resource(path[4:], params, asked)
            elif path.startswith(NAMED_PREFIX) and path.endswith(NAMED_SUFFIX):
                found = self._named(path[len(NAMED_PREFIX) : -len(NAMED_SUFFIX)], params, asked)
            else:
                return None
        except HTTPError:
            return None
        return found

    def run(
        self, path: str, query: bytes, headers: Iterable[tuple[bytes, bytes]]
    ) -> tuple[tuple, dict[str, Any], bool] | None:
        """The response cache key, the lane's job and whether to keep the answer, for a GET
        of a named query the inline lane may run; None leaves the request to the routes
        (no lane, not a run, or a query known to be slow)."""
        lane = self.lane
        if lane is None or not (path.startswith(NAMED_PREFIX) and path.endswith(NAMED_SUFFIX)):
            return None
        name = path[len(NAMED_PREFIX) : -len(NAMED_SUFFIX)]
        if not name or "/" in name or name in lane.slow:
            return None
        accept = next((v.decode("latin-1") for k, v in headers if k == b"accept"), None)
        try:
            key, job = routes.named_plan(name, self._params(query), accept)
        except HTTPError:
            return None
        return key, job, named.cacheable(name)

    def _params(self, query: bytes) -> Mapping[str, str]:
        """The parsed query string; the last one is kept, as `run` follows `answer` for the
        same request (QueryParams cannot be changed, so sharing it is safe)."""
        if not query:
            return _EMPTY
        if self._parsed[0] != query:
            self._parsed = query, QueryParams(query)
        return self._parsed[1]

    def _resource(
        self, path: str, params: Mapping[str, str], asked: dict[bytes, str]
    ) -> Cached | None:
        key, job = routes.deref_plan(self.bases, path, params, asked.get(b"accept"))
        page = self._prebuilt(job, asked)  # complete, CORS included
        if page is not None or not len(self.cache):
            return page
        found = self.cache.get(key)  # as the route gave it, before the ASGI layer's CORS
        if found is None:
            return None
        return Cached(found.status, resource_headers(found.status, found.headers), found.body)

    def _named(
        self, name: str, params: Mapping[str, str], asked: dict[bytes, str]
    ) -> Cached | None:
        if not name or "/" in name or not len(self.cache):
            return None
        key, _ = routes.named_plan(name, params, asked.get(b"accept"))
        return self.cache.get(key)

    def _prebuilt(self, job: dict, asked: dict[bytes, str]) -> Cached | None:
        """The page rendered at build time for a dereference, if there is one."""
        if self.pages is None or job["page_no"] != 0:
            return None
        iri, format_key = job["candidates"][0]
        return self.pages.answer(
            iri,
            format_key,
            job["lang"],
            accept_encoding=asked.get(b"accept-encoding"),
            if_none_match=asked.get(b"if-none-match"),
        )
