"""SPARQL 1.1 Protocol at /sparql: GET, POST form, POST sparql-query; read-only; CORS."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from werkagenda.serve import negotiation as neg
from werkagenda.serve.http import (
    CORS,
    HTTPError,
    cached,
    call,
    public_root,
    read_body,
    respond,
    site_urls,
)
from werkagenda.serve.protocol import query_form

READ_ONLY = "This endpoint is read-only: SPARQL Update is not accepted."
FORM = "application/x-www-form-urlencoded"


async def endpoint(request: Request) -> Response:
    if request.method == "OPTIONS":
        return preflight(request)
    if request.method not in ("GET", "POST", "HEAD"):
        raise HTTPError(
            405,
            "Method not allowed: the endpoint is read-only (GET or POST a query).",
            {"Allow": "GET, POST, OPTIONS"},
        )
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    if request.method == "POST":
        params = await _post_params(request, params)
    elif await read_body(request, request.app.state.settings.max_body):
        raise HTTPError(400, "Bad request: a GET request carries no body; POST the query.")
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise HTTPError(403, READ_ONLY)
    queries = params.get("query", [])
    if not queries:
        return await service_description(request)
    if not queries[0].strip():
        raise HTTPError(400, "Bad request: the 'query' parameter is empty.")
    if len(queries) > 1:
        raise HTTPError(400, "Bad request: give exactly one 'query' parameter.")
    reply = await call(
        request,
        "sparql",
        user_query=True,
        lane="cheap" if query_form(queries[0]) == "ASK" else None,
        text=queries[0],
        accept=request.headers.get("accept"),
        format_key=next(iter(params.get("format") or []), None),
        default_graphs=params.get("default-graph-uri") or None,
        named_graphs=params.get("named-graph-uri") or None,
        base_iri=endpoint_iri(request),
    )
    return respond(reply, cors=True)


def endpoint_iri(request: Request) -> str:
    """The endpoint's own IRI, the base of relative IRIs in queries: the configured public
    URL, else the address the server listens on (never the client's Host header)."""
    return public_root(request) + "sparql"


async def _post_params(request: Request, params: dict[str, list[str]]) -> dict[str, list[str]]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        raise HTTPError(403, READ_ONLY)
    body = await read_body(request, request.app.state.settings.max_body)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPError(400, "Bad request: the body is not UTF-8.") from None
    if ctype == "application/sparql-query":
        if "query" in params:
            raise HTTPError(400, "Bad request: a query in the body and in the URL.")
        return {**params, "query": [text]}
    if ctype == FORM:
        merged = dict(params)
        for key, values in parse_qs(text, keep_blank_values=True).items():
            merged[key] = merged.get(key, []) + values
        return merged
    raise HTTPError(
        415,
        "Unsupported media type: POST application/sparql-query or "
        f"{FORM}; this endpoint accepts no data (read-only).",
    )


def preflight(request: Request) -> Response:
    return Response(
        status_code=204,
        headers={
            **CORS,
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "86400",
        },
    )


async def service_description(request: Request) -> Response:
    """SPARQL SD, by Accept; a browser is sent to the query editor instead."""
    accept = request.headers.get("accept")
    fmt = neg.choose(accept, (*neg.RDF_FORMATS, neg.HTML))
    if fmt is neg.HTML:
        return RedirectResponse("/query", status_code=303)
    if fmt is None:
        raise HTTPError(
            406,
            "Not acceptable. The service description is available as: "
            + neg.listing(neg.RDF_FORMATS),
        )
    urls = site_urls(request)
    reply = await cached(
        request,
        ("sd", fmt.key, urls["site_url"]),
        "metadata",
        kind="sd",
        format_key=fmt.key,
        site=urls,
    )
    return respond(reply, cors=True)


async def graph_store(request: Request) -> Response:
    """The Graph Store Protocol is not offered: reads go through /sparql, writes nowhere."""
    if request.method == "OPTIONS":
        return preflight(request)
    raise HTTPError(
        405,
        "Method not allowed: this server is read-only and offers no Graph Store "
        "Protocol; query the data at /sparql.",
        {"Allow": "OPTIONS"},
    )
