"""Read-only refusals, size limits and the query timeout, against the real server."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.serve.conftest import MAX_BODY, TIMEOUT, triple_count

pytestmark = pytest.mark.server
UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <https://w3id.org/iza-werkagenda/def> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/iza-werkagenda/def>",
    "CREATE GRAPH <http://example.org/g>",
    "LOAD <http://example.org/data.ttl>",
    "COPY <https://w3id.org/iza-werkagenda/def> TO <http://example.org/g>",
    "MOVE DEFAULT TO <http://example.org/g>",
    "ADD <https://w3id.org/iza-werkagenda/def> TO DEFAULT",
    "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c } ; CLEAR DEFAULT",
]


def channels(client: httpx.Client, update: str) -> list[httpx.Response]:
    """The same update sent every way a client might try."""
    return [
        client.get("/sparql", params={"query": update}),
        client.get("/sparql", params={"update": update}),
        client.post("/sparql", data={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post(
            "/sparql",
            content=update.encode(),
            headers={"Content-Type": "application/sparql-update"},
        ),
        client.post(
            "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-query"}
        ),
    ]


@pytest.mark.parametrize("update", UPDATES)
def test_every_update_form_is_refused(client: httpx.Client, update: str) -> None:
    before = triple_count(client)
    for r in channels(client, update):
        assert r.status_code == 403, (r.request.method, r.request.url, r.status_code, r.text)
        assert "read-only" in r.text
    assert triple_count(client) == before


def test_graph_store_writes_are_refused(client: httpx.Client) -> None:
    before = triple_count(client)
    turtle = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> ."
    headers = {"Content-Type": "text/turtle"}
    for path in ("/graph-store", "/store", "/rdf-graph-store", "/sparql"):
        for params in ({"default": ""}, {"graph": "http://example.org/g"}):
            for method in ("PUT", "POST", "DELETE", "PATCH"):
                r = client.request(method, path, params=params, content=turtle, headers=headers)
                assert 400 <= r.status_code < 500, (method, path, r.status_code)
                assert r.status_code in (405, 415), (method, path, r.status_code)
    assert triple_count(client) == before


def test_body_too_large_is_413(client: httpx.Client) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (MAX_BODY + 10)
    r = client.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert r.status_code == 413
    chunked = client.post(
        "/sparql",
        content=iter([query.encode()]),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert chunked.status_code == 413


def test_url_too_long_is_414(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "ASK {} #" + "x" * 12_000})
    assert r.status_code == 414
    assert client.get("/id/" + "a" * 12_000).status_code == 414


def test_unsupported_post_type_is_415(client: httpx.Client) -> None:
    r = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415


EXPENSIVE = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . ?g ?p4 ?h
  FILTER(STR(?b) != STR(?h))
}"""


def test_timeout_is_an_error_and_others_keep_being_served(server: str) -> None:
    """A cross product is stopped with 503 in time while a second client is still answered."""
    outcome: dict[str, object] = {}

    def expensive() -> None:
        started = time.monotonic()
        r = httpx.get(server + "sparql", params={"query": EXPENSIVE}, timeout=60)
        outcome["status"], outcome["text"] = r.status_code, r.text
        outcome["seconds"] = time.monotonic() - started

    worker = threading.Thread(target=expensive)
    worker.start()
    time.sleep(0.5)
    small_times = []
    with httpx.Client(base_url=server, timeout=10) as other:
        while worker.is_alive() and len(small_times) < 20:
            started = time.monotonic()
            r = other.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert r.status_code == 200 and r.json()["boolean"] is True
            small_times.append(time.monotonic() - started)
            time.sleep(0.1)
    worker.join(timeout=60)
    assert small_times, "the expensive query ended before the second client could ask"
    assert max(small_times) < 2.0, small_times
    assert outcome["status"] == 503, outcome
    assert "timeout" in str(outcome["text"]).lower()
    assert float(outcome["seconds"]) < TIMEOUT + 3.0, outcome  # type: ignore[arg-type]
    # the killed worker was replaced: the server keeps answering
    for _ in range(4):
        assert (
            httpx.get(server + "sparql", params={"query": "ASK {}"}, timeout=20).status_code == 200
        )
