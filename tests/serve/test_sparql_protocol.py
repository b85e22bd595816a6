"""SPARQL 1.1 Protocol against the real server: SPARQLWrapper in every format, POST forms."""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom

import httpx
import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper

from tests.serve.conftest import FIXTURE_AGENDA, MAX_ROWS

pytestmark = pytest.mark.server
SELECT = """PREFIX wa: <https://w3id.org/iza-werkagenda/def#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?agenda ?label WHERE { ?agenda a wa:Werkagenda ; rdfs:label ?label }
ORDER BY ?agenda ?label"""
ASK = "PREFIX wa: <https://w3id.org/iza-werkagenda/def#> ASK { ?a a wa:Werkagenda }"
CONSTRUCT = f"CONSTRUCT {{ <{FIXTURE_AGENDA}> ?p ?o }} WHERE {{ <{FIXTURE_AGENDA}> ?p ?o }}"


def wrapper(server: str, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(server + "sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_in_every_result_format(server: str, fmt: str) -> None:
    result = wrapper(server, SELECT, fmt).query()
    body = result.convert()
    if fmt == JSON:
        rows = body["results"]["bindings"]
        assert {r["agenda"]["value"] for r in rows} >= {FIXTURE_AGENDA}
    elif fmt == XML:
        assert isinstance(body, xml.dom.minidom.Document)
        assert FIXTURE_AGENDA in body.toxml()
    elif fmt == CSV:
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
        assert FIXTURE_AGENDA in {r["agenda"] for r in rows}
        assert "<script>alert('xss-title')</script> Testagenda" in {r["label"] for r in rows}
    else:
        lines = body.decode("utf-8").splitlines()
        assert lines[0].split("\t") == ["?agenda", "?label"]
        assert f"<{FIXTURE_AGENDA}>" in {line.split("\t")[0] for line in lines[1:]}


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_ask_in_result_formats(server: str, fmt: str) -> None:
    body = wrapper(server, ASK, fmt).query().convert()
    if fmt == JSON:
        assert body["boolean"] is True
    else:
        assert "<boolean>true</boolean>" in body.toxml()


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_ask_as_text(server: str, fmt: str) -> None:
    assert wrapper(server, ASK, fmt).query().convert().strip() == b"true"


@pytest.mark.parametrize(
    "fmt,parse_as", [(TURTLE, "turtle"), (N3, "turtle"), (XML, "xml"), (JSONLD, "json-ld")]
)
def test_construct_in_every_rdf_format(server: str, fmt: str, parse_as: str) -> None:
    result = wrapper(server, CONSTRUCT, fmt).query()
    body = result.response.read()
    graph = rdflib.Graph().parse(data=body, format=parse_as)
    assert (rdflib.URIRef(FIXTURE_AGENDA), None, None) in graph
    assert len(graph) >= 8


def test_construct_as_ntriples(client: httpx.Client) -> None:
    r = client.get(
        "/sparql", params={"query": CONSTRUCT}, headers={"Accept": "application/n-triples"}
    )
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=r.text, format="nt")) >= 8


def test_post_form_and_post_query(server: str, client: httpx.Client) -> None:
    sw = wrapper(server, SELECT, JSON)
    sw.setMethod(POST)
    assert sw.query().convert()["results"]["bindings"]
    r = client.post(
        "/sparql",
        content=SELECT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert r.status_code == 200 and r.headers["vary"] == "Accept"
    assert FIXTURE_AGENDA in r.text


def test_service_description_without_query(client: httpx.Client) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert (None, rdflib.RDF.type, sd.Service) in g
    names = {str(o) for o in g.objects(None, sd.name)}
    assert FIXTURE_AGENDA in names
    total = next(g.objects(next(g.objects(None, sd.defaultGraph)), void.triples)).toPython()
    count = client.get(
        "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}
    )
    assert total == int(count.json()["results"]["bindings"][0]["n"]["value"])


def test_row_cap_is_signalled(client: httpx.Client) -> None:
    q = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    r = client.get(
        "/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"}
    )
    assert r.headers["x-result-truncated"] == "true"
    doc = r.json()
    assert doc["truncated"] is True and str(MAX_ROWS) in doc["note"]
    assert len(doc["results"]["bindings"]) == MAX_ROWS
    small = client.get("/sparql", params={"query": q + " LIMIT 3"})
    assert "x-result-truncated" not in small.headers


def test_sparql_csv_stays_faithful(client: httpx.Client) -> None:
    q = (
        "SELECT ?t WHERE { <https://w3id.org/iza-werkagenda/id/testregio/2099/inspanning/T-1> "
        "<http://purl.org/dc/terms/title> ?t }"
    )
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "text/csv"})
    assert r.text.splitlines()[1] == '"=HYPERLINK(""http://example.org"")"'


def test_syntax_error_is_400(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELEC * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "syntax" in r.text.lower()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT (<http://e/nosuchfunction>(1) AS ?x) {}",
        "ASK { FILTER(<http://e/f>(?x)) }",
        "SELECT * WHERE { ?s ?p ?o FILTER(<urn:x:test>(?o, 2)) } LIMIT 1",
    ],
)
def test_a_function_the_engine_lacks_is_400(client: httpx.Client, query: str) -> None:
    """Found by the fuzz target: pyoxigraph refuses a function it does not know with a
    RuntimeError when planning, which is the query's fault, not the server's."""
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400, (r.status_code, r.text)
    assert "is not supported" in r.text and "cannot be evaluated" in r.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT ?svc { ?s ?q ?r } } } LIMIT 1",
        "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(client: httpx.Client, query: str) -> None:
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 403 and "SERVICE" in r.text


def test_service_in_a_string_is_fine(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": 'SELECT * WHERE { ?s ?p "SERVICE <http://x/>" }'})
    assert r.status_code == 200


def test_cors_on_query_routes(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": ASK}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options(
        "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert pre.status_code == 204 and "POST" in pre.headers["access-control-allow-methods"]
    assert client.get("/api/queries").headers["access-control-allow-origin"] == "*"


def test_named_query_api(client: httpx.Client) -> None:
    listed = client.get("/api/queries").json()
    if not listed:
        pytest.skip("no named queries in queries/ yet")
    first = next(q for q in listed if not any(p["required"] for p in q["params"]))
    r = client.get(
        f"/api/queries/{first['name']}/run", headers={"Accept": "application/sparql-results+json"}
    )
    assert r.status_code == 200, r.text
    assert json.loads(r.text)["head"]["vars"] == first["columns"]
    assert client.get("/api/queries/no-such-query/run").status_code == 404


def _count(client: httpx.Client, query: str, **params: str) -> int:
    r = client.get(
        "/sparql",
        params={"query": query, **params},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


VOCABULARY = "https://w3id.org/iza-werkagenda/def"


def test_from_names_the_dataset_not_the_union(client: httpx.Client) -> None:
    """constructwhere04-style: FROM <graph> counts that graph's triples, not the union's."""
    union = _count(client, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    in_graph = _count(client, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{VOCABULARY}> {{ ?s ?p ?o }} }}")
    from_graph = _count(client, f"SELECT (COUNT(*) AS ?n) FROM <{VOCABULARY}> {{ ?s ?p ?o }}")
    assert 0 < from_graph == in_graph < union
    # the protocol's default-graph-uri overrides the query's FROM, and isolates
    named_only = _count(
        client,
        f"SELECT (COUNT(*) AS ?n) FROM <{VOCABULARY}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        **{"default-graph-uri": VOCABULARY},
    )
    assert named_only == 0


def test_relative_iris_resolve_against_the_endpoint(client: httpx.Client, server: str) -> None:
    """Protocol REQ-5.1.2: the service base IRI is the endpoint's IRI, not the Host header."""
    r = client.get(
        "/sparql",
        params={"query": "SELECT (<x> AS ?i) {}"},
        headers={"Accept": "application/sparql-results+json", "Host": "evil.example"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"][0]["i"]["value"] == server + "x"


def test_get_with_a_body_is_refused(client: httpx.Client) -> None:
    r = client.request("GET", "/sparql", params={"query": "ASK {}"}, content=b"query=ASK%20%7B%7D")
    assert r.status_code == 400
    assert "GET" in r.text


def test_empty_query_is_400_not_read_only(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": ""})
    assert r.status_code == 400
    assert "empty" in r.text


@pytest.mark.parametrize(
    "query",
    ["SELECT * WHERE " + "{" * 3000 + "}" * 3000, "ASK { " + "OPTIONAL { " * 3000 + "}" * 3001],
)
def test_deep_nesting_is_400_before_evaluation(client: httpx.Client, query: str) -> None:
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 400, r.text[:200]
    assert "nests 3000" in r.text or "nests 3001" in r.text
    assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200  # worker alive
