"""Answers have a byte cap, signalled like the row cap, and query workers a memory cap.

Against the real server with its default byte cap (README "Serving": 16 MiB of answer): rows
of 64 KiB each stay under the row cap (500 here) but pass the byte cap. The memory cap is
tested on a server whose workers may map 768 MiB (about 400 MiB are mapped at start): a query
that doubles a string 24 times (256 MiB, several copies at once) needs more, and within the
query timeout, which the default (1536 MiB) would not reach on this data.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib

from tests.serve.conftest import MAX_ROWS, running_server

pytestmark = pytest.mark.server
MAX_BYTES = 16 * 1024 * 1024  # `werkagenda serve --max-bytes` default
ACCEPT = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def doubled(variable: str, times: int, seed: str = "0123456789abcdef") -> str:
    """BINDs making `?{variable}` the seed doubled `times` times (16 * 2**times characters)."""
    binds = [f'BIND("{seed}" AS ?{variable}0)']
    binds += [
        f"BIND(CONCAT(?{variable}{i}, ?{variable}{i}) AS ?{variable}{i + 1})" for i in range(times)
    ]
    return " ".join(binds) + f" BIND(?{variable}{times} AS ?{variable})"


# 500 rows (the row cap) of 64 KiB each: 32 MiB, twice the byte cap
WIDE = (
    "SELECT ?s ?big WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 500 } " + doubled("big", 12) + " }"
)


@pytest.mark.parametrize("key", list(ACCEPT))
def test_byte_cap_is_signalled(client: httpx.Client, key: str) -> None:
    r = client.post("/sparql", data={"query": WIDE}, headers={"Accept": ACCEPT[key]})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["x-result-truncated"] == "true"
    assert r.headers["x-result-byte-limit"] == str(MAX_BYTES)
    assert "byte cap" in r.headers["warning"]
    assert 0.5 * MAX_BYTES < len(r.content) <= MAX_BYTES
    if key == "json":
        doc = r.json()
        assert doc["truncated"] is True and str(MAX_BYTES) in doc["note"]
        rows = doc["results"]["bindings"]
        assert 0 < len(rows) < MAX_ROWS
        assert {len(row["big"]["value"]) for row in rows} == {16 * 2**12}
    elif key == "xml":
        assert b"server byte cap" in r.content
        rdflib.query.Result.parse(io.BytesIO(r.content), format="xml")
    elif key == "csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["s", "big"] and 0 < len(rows) - 1 < MAX_ROWS
        assert all(len(row[1]) == 16 * 2**12 for row in rows[1:])
    else:
        lines = r.text.rstrip("\n").split("\n")
        assert lines[0] == "?s\t?big" and 0 < len(lines) - 1 < MAX_ROWS


def test_byte_cap_cuts_graphs(client: httpx.Client) -> None:
    query = (
        "CONSTRUCT { ?s <http://example.org/big> ?big } WHERE { { SELECT ?s WHERE { ?s ?p ?o } "
        "LIMIT 500 } " + doubled("big", 12) + " }"
    ).replace("SELECT ?s", "SELECT DISTINCT ?s")
    r = client.post("/sparql", data={"query": query}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    assert r.headers["x-result-truncated"] == "true"
    assert r.headers["x-result-byte-limit"] == str(MAX_BYTES)
    assert len(r.content) <= MAX_BYTES
    graph = rdflib.Graph().parse(data=r.text, format="nt")
    assert 0 < len(graph) < MAX_ROWS


def test_small_answers_are_not_marked(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"})
    assert "x-result-truncated" not in r.headers and "x-result-byte-limit" not in r.headers


def test_named_query_answers_have_the_byte_cap(dist: Path) -> None:
    """In-process over the built store: a named query's answer is cut to the cap, and says so."""
    from werkagenda.serve import named

    store = ox.Store.read_only(str(dist / "store"))
    whole = named.run(
        store, "aandachtspunten", {}, accept=ACCEPT["json"], format_key=None, max_rows=10_000
    )
    assert "X-Result-Truncated" not in whole.headers
    cap = len(whole.body) // 3
    cut = named.run(
        store,
        "aandachtspunten",
        {},
        accept=ACCEPT["json"],
        format_key=None,
        max_rows=10_000,
        max_bytes=cap,
    )
    assert len(cut.body) <= cap
    assert cut.headers["X-Result-Truncated"] == "true"
    assert cut.headers["X-Result-Byte-Limit"] == str(cap)
    doc = json.loads(cut.body)
    kept = doc["results"]["bindings"]
    assert doc["truncated"] is True and 0 < len(kept) < len(
        json.loads(whole.body)["results"]["bindings"]
    )
    assert kept == json.loads(whole.body)["results"]["bindings"][: len(kept)]


def test_worker_memory_cap_stops_the_query_and_the_server_goes_on(dist: Path) -> None:
    query = "SELECT (STRLEN(?huge) AS ?n) WHERE { " + doubled("huge", 24) + " }"
    with (
        running_server(dist, "--worker-memory", "768", log_name="memory.log") as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        r = client.post("/sparql", data={"query": query})
        assert r.status_code == 503, (r.status_code, r.text[:300])
        assert "memory" in r.text and "768 MiB" in r.text
        assert r.headers.get("retry-after")
        for _ in range(4):  # the worker was replaced: the server keeps answering
            ok = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert ok.status_code == 200 and ok.json()["boolean"] is True
    assert "Traceback" not in (dist / "memory.log").read_text()
