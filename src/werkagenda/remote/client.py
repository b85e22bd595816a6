"""Run SPARQL on any SPARQL 1.1 endpoint through SPARQLWrapper; answers become a Result.

Named queries are bound with an inline VALUES block (`werkagenda.query.binding`), never by
pasting values. SPARQLWrapper sends the request; its raw answer is checked by media type to
be SPARQL results (JSON, XML) or RDF (N-Triples, Turtle), so an HTML error page is reported
as such, and then parsed by pyoxigraph (`parse_query_results`, `parse`).
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from werkagenda.errors import InputError, RemoteError, WerkagendaError
from werkagenda.query.binding import with_values
from werkagenda.query.execute import as_result, select_columns
from werkagenda.query.params import bind
from werkagenda.query.registry import NamedQuery
from werkagenda.query.results import Result

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# N-Triples first: Virtuoso 7 writes an integral xsd:decimal ("3"^^xsd:decimal) as the bare
# Turtle token 3, which reads back as xsd:integer; its N-Triples keep the datatype.
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9"


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL query endpoint, with optional HTTP basic credentials and a timeout (s)."""

    url: str
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password or "") if self.user else None


def run_named(endpoint: Endpoint, query: NamedQuery, values: Mapping[str, object]) -> Result:
    """Run a named query remotely with its parameters bound by a VALUES block."""
    text = with_values(query.text, bind(query, values))
    return select_columns(run_text(endpoint, text), query)


def run_text(endpoint: Endpoint, text: str) -> Result:
    """Run SPARQL text on the endpoint and return a Result (table, graph or boolean)."""
    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

    from werkagenda.query.dataset import strip_comments
    from werkagenda.remote.redirects import install

    install()  # redirects stay within the endpoint's origin: credentials never leave it
    sparql = SPARQLWrapper(endpoint.url)
    sparql.setMethod(POST)
    sparql.setTimeout(max(1, int(endpoint.timeout)))
    if endpoint.auth:
        sparql.setCredentials(*endpoint.auth)
    # SPARQLWrapper 2.0 guesses the query form from a regex that also reads comments: a header
    # saying "never dropped" made it a DROP update sent as `update=`. Comments carry no meaning,
    # so they are not sent.
    sparql.setQuery(strip_comments(text))
    is_graph = sparql.queryType in ("CONSTRUCT", "DESCRIBE")
    sparql.setReturnFormat(TURTLE if is_graph else JSON)
    if is_graph:  # by Accept alone: Virtuoso prefers the `format=turtle` parameter to Accept
        sparql.setOnlyConneg(True)
        sparql.addCustomHttpHeader("Accept", GRAPH_ACCEPT)
    body, media_type = _fetch(endpoint, sparql)
    if is_graph:
        return Result(triples=parse_graph(endpoint.url, body, media_type))
    return parse_results(endpoint.url, body, media_type)


# SPARQLWrapper's exceptions, by class name: (error type, message after "<url>: ").
_WRAPPER_ERRORS: dict[str, tuple[type[WerkagendaError], str]] = {
    "QueryBadFormed": (InputError, "the endpoint rejected the query: {detail}"),
    "Unauthorized": (RemoteError, "authentication failed (HTTP 401); check --user/--password"),
    "EndPointNotFound": (RemoteError, "no SPARQL endpoint here (HTTP 404)"),
    "URITooLong": (RemoteError, "request too long for the endpoint (HTTP 414)"),
    "EndPointInternalError": (RemoteError, "endpoint error (HTTP 500): {detail}"),
}


def _fetch(endpoint: Endpoint, sparql: Any) -> tuple[bytes, str]:
    """The raw answer body and its media type; failures become one-line errors."""
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        response = sparql.query().response
        media_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        return response.read(), media_type
    except RemoteError:
        raise
    except (SPARQLWrapperException, OSError, ValueError, http.client.HTTPException) as e:
        raise _translate(endpoint, e) from None


def _translate(endpoint: Endpoint, error: Exception) -> WerkagendaError:
    url = endpoint.url
    if known := _WRAPPER_ERRORS.get(type(error).__name__):
        kind, message = known
        return kind(f"{url}: " + message.format(detail=_first_line(error)))
    if isinstance(error, urllib.error.HTTPError):
        code = error.code
        cause = "access forbidden (HTTP 403)" if code == 403 else f"HTTP {code} {error.reason}"
        return RemoteError(f"{url}: {cause}")
    if isinstance(error, http.client.IncompleteRead):
        return RemoteError(f"{url}: answer cut short ({len(error.partial)} bytes received)")
    if isinstance(error, http.client.HTTPException) and not isinstance(error, OSError):
        return RemoteError(f"{url}: broken HTTP answer ({type(error).__name__})")
    if isinstance(error, urllib.error.URLError):
        return RemoteError(f"{url}: cannot reach endpoint: {_reason(error.reason)}")
    if isinstance(error, TimeoutError):
        return RemoteError(f"{url}: no answer within {endpoint.timeout:g} s (timeout)")
    if isinstance(error, OSError):
        return RemoteError(f"{url}: cannot reach endpoint: {_reason(error)}")
    return InputError(f"{url}: {error}")


def parse_results(url: str, body: bytes, media_type: str) -> Result:
    """SPARQL 1.1 results (JSON or XML) parsed by pyoxigraph; anything else is a RemoteError."""
    fmt = RESULT_TYPES.get(media_type)
    if fmt is None:
        raise RemoteError(f"{url}: answered {media_type or 'no content type'}, not SPARQL results")
    try:
        return as_result(ox.parse_query_results(body, fmt))
    except SyntaxError as e:
        raise RemoteError(f"{url}: answered malformed SPARQL results: {e.msg}") from None
    except ValueError as e:
        raise RemoteError(f"{url}: answered malformed SPARQL results: {e}") from None


def parse_graph(url: str, body: bytes, media_type: str) -> list[ox.Triple]:
    """A Turtle or N-Triples answer as triples; anything else is a RemoteError."""
    fmt = GRAPH_TYPES.get(media_type)
    if fmt is None:
        raise RemoteError(f"{url}: answered {media_type or 'no content type'}, not RDF")
    try:
        return list(ox.parse(body, format=fmt))
    except SyntaxError as e:
        raise RemoteError(f"{url}: answered malformed RDF: {e.msg}") from None
    except ValueError as e:
        raise RemoteError(f"{url}: answered malformed RDF: {e}") from None


def _first_line(error: Exception) -> str:
    text = str(error).replace("\\n", "\n")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "bad request"


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timeout"
    return getattr(reason, "strerror", None) or str(reason)
