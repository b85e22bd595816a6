"""A fuzz target of the request surface (Hypothesis), against one real server process.

Random methods, paths (every route's prefix plus random segments), query strings, headers and
bodies. Every answer is below 500 except the documented 503s (query timeout, memory cap, no
worker free); afterwards the server log holds no traceback, the server's memory (main process
and workers) grew by less than a bound, and the data is unchanged (same triple count).
Bounded to about a minute: `max_examples`, no deadline (timings here are noisy).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.serve.conftest import running_server, triple_count
from tests.serve.test_hostile_headers import _pids, _rss

pytestmark = pytest.mark.server
EXAMPLES = 1000
MIB = 1024 * 1024
DOCUMENTED_503 = ("Query timeout", "Query stopped", "Service unavailable")
PREFIXES = [
    "/",
    "/sparql",
    "/query",
    "/api/queries",
    "/api/queries/aandachtspunten/run",
    "/api/queries/inspanning-goals/run",
    "/api/queries/",
    "/id/",
    "/id/drenthe/2024/",
    "/id/drenthe/2024/opgave/VOW",
    "/def",
    "/def.",
    "/catalog",
    "/catalog.",
    "/void",
    "/void.",
    "/downloads/",
    "/static/",
    "/views/",
    "/views/matrix",
    "/views/matrix.csv",
    "/search",
    "/lists/",
    "/feed/",
    "/whatif",
    "/graph-store",
    "/sparql/graph",
]
QUERIES = [
    "ASK {}",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 5",
    "DESCRIBE <https://w3id.org/iza-werkagenda/id/drenthe/2024>",
    "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/iza-werkagenda/def> { ?s ?p ?o }",
    "SELECT * { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "CLEAR ALL",
    "SELECT * WHERE { " + "{ " * 300 + "?s ?p ?o" + " }" * 300 + " }",
    "SELECT (<http://e/nosuchfunction>(1) AS ?x) {}",
    "SELECT * { ?s ?p <relative> } LIMIT 1",
    "SELECT ?x WHERE { BIND(\\u0053 AS ?x) }",
]
PARAM_NAMES = [
    "query",
    "update",
    "format",
    "lang",
    "page",
    "q",
    "theme",
    "code",
    "agenda",
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
]
ACCEPTS = [
    "*/*",
    "text/html",
    "text/turtle",
    "application/ld+json",
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/n-triples",
    "application/rdf+xml",
    "image/png",
    "*/*;q=0.1, text/*;q=0",
    "text/html;q=abc",
    ";;;,,,",
]
CONTENT_TYPES = [
    "application/sparql-query",
    "application/sparql-update",
    "application/x-www-form-urlencoded",
    "application/json",
    "text/turtle",
    "multipart/form-data; boundary=x",
    "",
]
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80).map(
    str.strip
)

requests = st.fixed_dictionaries(
    {
        "method": st.sampled_from(
            ["GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]
        ),
        "path": st.tuples(st.sampled_from(PREFIXES), st.one_of(st.just(""), text)).map(
            lambda t: t[0] + quote(t[1], safe="/%.;,=")
        ),
        "params": st.lists(
            st.tuples(
                st.one_of(st.sampled_from(PARAM_NAMES), text),
                st.one_of(st.sampled_from(QUERIES), text),
            ),
            max_size=4,
        ),
        "headers": st.dictionaries(
            st.one_of(
                st.sampled_from(
                    ["accept", "content-type", "accept-language", "if-none-match", "origin"]
                ),
                st.from_regex(r"\Ax-[a-z0-9-]{1,20}\Z"),
            ),
            st.one_of(st.sampled_from(ACCEPTS + CONTENT_TYPES), header_text),
            max_size=5,
        ),
        "body": st.one_of(
            st.just(b""),
            st.sampled_from(QUERIES).map(str.encode),
            st.binary(max_size=200),
            st.lists(
                st.tuples(st.sampled_from(PARAM_NAMES), st.sampled_from(QUERIES)), max_size=2
            ).map(
                lambda pairs: "&".join(
                    f"{k}={httpx.QueryParams({k: v})[k]}" for k, v in pairs
                ).encode()
            ),
        ),
    }
)


@pytest.fixture(scope="module")
def fuzz_server(dist: Path) -> Iterator[str]:
    with running_server(dist, log_name="fuzz.log") as url:
        yield url


def _send(client: httpx.Client, request: dict) -> httpx.Response:
    return client.request(
        request["method"],
        request["path"],
        params=request["params"],
        headers=request["headers"],
        content=request["body"]
        if request["method"] not in ("GET", "HEAD") or request["body"]
        else None,
    )


def test_random_requests_never_break_the_server(fuzz_server: str, dist: Path) -> None:
    pids = _pids(fuzz_server)
    with httpx.Client(base_url=fuzz_server, timeout=30) as client:
        triples = triple_count(client)
        client.get("/id/drenthe/2024/opgave/VOW")  # warm the workers before measuring
        before = _rss(pids)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(request=requests)
        def one(request: dict) -> None:
            r = _send(client, request)
            if r.status_code >= 500:
                assert r.status_code == 503 and r.text.startswith(DOCUMENTED_503), (
                    request,
                    r.status_code,
                    r.text[:500],
                )

        one()
        grown = _rss(_pids(fuzz_server)) - before
        assert triple_count(client) == triples
    log = (dist / "fuzz.log").read_text()
    assert "Traceback" not in log, log[-3000:]
    assert grown < 200 * MIB, grown / MIB


@pytest.mark.parametrize("path", ["/id/%22", "/id/drenthe/2024/%5B%F3%A8%87%89", "/id/a%20b"])
def test_a_path_that_makes_no_iri_is_400(client: httpx.Client, path: str) -> None:
    """Found by the fuzz target: such paths were a 500 with a traceback in the log."""
    r = client.get(path)
    assert r.status_code == 400 and "does not make a valid IRI" in r.text
