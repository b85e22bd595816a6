"""Replay W3C SPARQL 1.1 cases over HTTP against an endpoint and check every expectation.

Each function returns None when the endpoint answered as the suite expects, else a sentence
saying what differed, so one replayer serves both our server and the reference Oxigraph.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import httpx

from tests.standards.compare import Answer, difference, expected, parse
from tests.standards.manifests import Expect, ProtocolCase, QueryCase, Request, local

EMPTY_GRAPH = "urn:x-w3c-replay:empty"  # no graph of that name: an empty default graph
# (Accept, the media type the answer must have, how to parse it), per result kind
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", "json"),
    "xml": ("application/sparql-results+xml", "xml"),
    "csv": ("text/csv", "csv"),
    "tsv": ("text/tab-separated-values", "tsv"),
}
GRAPH_FORMATS = {
    "json": ("application/ld+json", "json-ld"),
    "xml": ("application/rdf+xml", "rdfxml"),
    "csv": ("application/n-triples", "nt"),
    "tsv": ("text/turtle", "turtle"),
}
FORMATS = tuple(RESULT_FORMATS)


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def dataset_params(case: QueryCase) -> list[tuple[str, str]]:
    """The test's dataset as protocol parameters; none when the query names its own."""
    from werkagenda.query.dataset import names_dataset

    if names_dataset(case.text):  # its data/graphData are what its FROM clauses name
        return []
    params = [("default-graph-uri", g) for g in case.data or (EMPTY_GRAPH,)]
    return params + [("named-graph-uri", g) for g in case.graph_data]


def query_text(case: QueryCase) -> str:
    """The query with its own IRI as BASE (the suite resolves relative IRIs against it)."""
    return f"BASE <{case.query}>\n{case.text}"


def replay_query(client: httpx.Client, endpoint: str, case: QueryCase, fmt: str) -> str | None:
    body = urlencode([("query", query_text(case)), *dataset_params(case)])
    if case.kind.startswith("Negative"):
        r = _post(client, endpoint, body, RESULT_FORMATS[fmt][0])
        return None if 400 <= r.status_code < 500 else f"expected 4xx, got {r.status_code}"
    assert case.result is not None
    want = expected(local(case.result), case.result)
    if case.kind == "CSVResultFormatTest":
        fmt = "csv"
    table = GRAPH_FORMATS if want.kind == "graph" else RESULT_FORMATS
    accept, kind = table[fmt]
    r = _post(client, endpoint, body, accept)
    if r.status_code != 200:
        return f"status {r.status_code}: {r.text[:300]}"
    if media_type(r) != accept:
        return f"asked {accept}, got {media_type(r)}"
    if want.kind == "boolean" and fmt in ("csv", "tsv"):
        kind = "text-boolean"
    try:
        got = parse(r.content, kind, base=case.query)
    except Exception as e:  # noqa: BLE001 - an unparsable answer is a failure to report
        return f"answer does not parse as {kind}: {e}"
    if fmt == "csv" and want.kind == "rows":
        want = want.as_csv()
    return difference(want, got)


def _post(client: httpx.Client, endpoint: str, body: str, accept: str) -> httpx.Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    return client.post(endpoint, content=body.encode("utf-8"), headers=headers)


def replay_protocol(client: httpx.Client, endpoint: str, case: ProtocolCase) -> str | None:
    for i, request in enumerate(case.requests):
        response = _send(client, endpoint, request)
        problem = check(request.expect, response)
        if problem:
            return f"request {i + 1} ({request.method} {request.path[:60]}): {problem}"
    return None


def _send(client: httpx.Client, endpoint: str, request: Request) -> httpx.Response:
    path = request.path
    url = endpoint + (path if not path or path.startswith("?") else "?" + path)
    headers = [(k, v) for k, v in request.headers if k.lower() != "host"]
    host = urlsplit(endpoint).netloc
    return client.request(
        request.method, url, content=request.body, headers=[("Host", host), *headers]
    )


def check(expect: Expect, r: httpx.Response) -> str | None:
    """Status, content type, format and boolean, as far as the manifest states them."""
    digit = str(r.status_code)[0]
    if expect.statuses and digit not in expect.statuses:
        return f"status {r.status_code} not in {'xx, '.join(expect.statuses)}xx: {r.text[:200]}"
    if expect.content_type and media_type(r) != expect.content_type.lower():
        return f"content type {media_type(r)}, expected {expect.content_type}"
    if expect.format is None and expect.boolean is None:
        return None
    answer = _answer(r)
    if isinstance(answer, str):
        return answer
    kind = {"boolean": "boolean", "tabular": "rows", "RDF": "graph"}.get(expect.format or "")
    if kind and answer.kind != kind:
        return f"expected a {kind} answer, got {answer.kind}"
    if expect.boolean is not None and answer.boolean is not expect.boolean:
        return f"expected boolean {expect.boolean}, got {answer.boolean}"
    return None


ANSWER_KINDS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/tab-separated-values": "tsv",
    "text/csv": "csv",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}


def _answer(r: httpx.Response) -> Answer | str:
    kind = ANSWER_KINDS.get(media_type(r))
    if kind is None:
        return f"answer in an unknown media type {media_type(r)!r}"
    try:
        return parse(r.content, kind)
    except Exception as e:  # noqa: BLE001
        return f"answer does not parse as {kind}: {e}"
