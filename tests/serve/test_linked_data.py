"""Dereferencing, content negotiation, pages, 404/406, XSS and path traversal on the real server."""

from __future__ import annotations

import json
import re

import httpx
import pytest
import rdflib

pytestmark = pytest.mark.server
AGENDA_PATH = "/id/drenthe/2024"
AGENDA = "https://w3id.org/iza-werkagenda" + AGENDA_PATH
FIXTURE_PATH = "/id/testregio/2099"
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".rdf": "xml"}


@pytest.mark.parametrize("media,parse_as", RDF_TYPES.items())
def test_accept_picks_the_rdf_format(client: httpx.Client, media: str, parse_as: str) -> None:
    r = client.get(AGENDA_PATH, headers={"Accept": media})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media
    assert "Accept" in [v.strip() for v in r.headers["vary"].split(",")]
    g = rdflib.Graph().parse(data=r.content, format=parse_as)
    assert (rdflib.URIRef(AGENDA), rdflib.RDF.type, None) in g
    assert (None, None, rdflib.URIRef(AGENDA)) in g  # incoming links are part of the description


@pytest.mark.parametrize("suffix,parse_as", SUFFIXES.items())
def test_suffix_picks_the_rdf_format(client: httpx.Client, suffix: str, parse_as: str) -> None:
    r = client.get(AGENDA_PATH + suffix, headers={"Accept": "text/html"})
    assert r.status_code == 200
    g = rdflib.Graph().parse(data=r.content, format=parse_as)
    assert (rdflib.URIRef(AGENDA), None, None) in g


def test_browsers_get_html(client: httpx.Client) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = client.get(AGENDA_PATH, headers={"Accept": accept})
    assert r.headers["content-type"].startswith("text/html")
    assert "Accept" in [v.strip() for v in r.headers["vary"].split(",")]


def test_unknown_format_is_406_listing_the_allowed(client: httpx.Client) -> None:
    for r in (
        client.get(AGENDA_PATH, headers={"Accept": "image/png"}),
        client.get(AGENDA_PATH + ".xyz"),
    ):
        assert r.status_code == 406
        for media in RDF_TYPES:
            assert media in r.text


def test_unknown_iri_is_404_with_suggestions(client: httpx.Client) -> None:
    r = client.get("/id/drenthe/2024/bron/werkagendaa", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert 'href="/id/drenthe/2024/bron/werkagenda"' in r.text
    plain = client.get("/id/drenthe/2024/bron/werkagendaa", headers={"Accept": "text/turtle"})
    assert plain.status_code == 404 and "bron/werkagenda" in plain.text


def test_resource_page_shows_label_links_and_source(client: httpx.Client) -> None:
    html = client.get(AGENDA_PATH, headers={"Accept": "text/html"}).text
    assert "<h1><bdi>Werkagenda 2024 Gezonde Marke</bdi></h1>" in html
    assert 'href="/def#Werkagenda"' in html  # type, linked to the ontology docs
    assert "Brontekst" in html and 'href="/id/drenthe/2024/bron/werkagenda/L3"' in html
    assert "Verwijzingen naar deze resource" in html  # incoming links
    english = client.get(AGENDA_PATH, params={"lang": "en"}, headers={"Accept": "text/html"}).text
    assert "<h1><bdi>Gezonde Marke work agenda 2024</bdi></h1>" in english


def test_jsonld_script_parses(client: httpx.Client) -> None:
    html = client.get(AGENDA_PATH, headers={"Accept": "text/html"}).text
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert script
    g = rdflib.Graph().parse(data=script.group(1), format="json-ld")
    assert (rdflib.URIRef(AGENDA), None, None) in g


def test_hostile_labels_render_as_text(client: httpx.Client) -> None:
    html = client.get(FIXTURE_PATH, headers={"Accept": "text/html"}).text
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt; Testagenda" in html
    assert "<img src=x" not in html
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I)
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert len(scripts) == 1  # only the JSON-LD block; its "</script>" text was escaped
    data = json.loads(scripts[0])
    texts = json.dumps(data)
    assert "xss-jsonld" in texts
    # the verbatim source line with markup is shown as text too
    assert (
        "&lt;script&gt;alert(&#34;bron&#34;)&lt;/script&gt;" in html
        or "&lt;script&gt;alert(&quot;bron&quot;)&lt;/script&gt;" in html
    )


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../pyproject.toml",
        "/static/..%2f..%2fpyproject.toml",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%252f..%252fetc%252fpasswd",
        "/static/%2e%2e%5c%2e%2e%5cpyproject.toml",
        "/downloads/..%2fstore%2fCURRENT",
        "/downloads/%2e%2e/%2e%2e/etc/passwd",
        "/id/..%2f..%2f..%2fetc%2fpasswd",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/static/....//....//etc/passwd",
    ],
)
def test_path_traversal_is_404(client: httpx.Client, path: str) -> None:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code in (404, 400), (path, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text
    assert "Traceback" not in r.text and "/work/" not in r.text and "site-packages" not in r.text


def test_errors_leak_no_internals(client: httpx.Client) -> None:
    for r in (
        client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p"}),
        client.get("/api/queries/x/run"),
        client.get("/nope"),
        client.delete("/sparql"),
    ):
        assert "Traceback" not in r.text and "/work/" not in r.text and ".py" not in r.text


def test_landing_page(client: httpx.Client) -> None:
    html = client.get("/").text
    assert html.count('class="card"') == 6  # the six priority themes
    for link in (
        "/downloads/werkagenda.ttl",
        "/downloads/inspanningen.csv",
        "/def",
        "/catalog",
        "/sparql",
        "/query",
        "/void",
    ):
        assert f'href="{link}"' in html, link
    assert "Omvang" in html


def test_ontology_docs_in_both_languages(client: httpx.Client) -> None:
    nl = client.get("/def", headers={"Accept": "text/html"})
    en = client.get("/def", params={"lang": "en"}, headers={"Accept": "text/html"})
    assert nl.status_code == en.status_code == 200
    assert "inspanning die wacht op een transformatieplan" in nl.text
    assert "initiative awaiting a transformation plan" in en.text
    assert '<span id="Inspanning"></span>' in nl.text
    assert '<html lang="nl">' in nl.text and '<html lang="en">' in en.text
    g = rdflib.Graph().parse(data=client.get("/def.ttl").text, format="turtle")
    assert (
        rdflib.URIRef("https://w3id.org/iza-werkagenda/def"),
        rdflib.RDF.type,
        rdflib.OWL.Ontology,
    ) in g


def test_catalog_and_void(client: httpx.Client) -> None:
    for path, fmt in (("/catalog", "turtle"), ("/catalog.jsonld", "json-ld"), ("/void.rdf", "xml")):
        r = client.get(path)
        assert r.status_code == 200, path
        assert len(rdflib.Graph().parse(data=r.content, format=fmt)) > 10


def test_csv_downloads_neutralise_formulas(client: httpx.Client) -> None:
    r = client.get("/downloads/inspanningen.csv")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert '\'=HYPERLINK(""http://example.org"")' in r.text
    assert ",=HYPERLINK" not in r.text
    dump = client.get("/downloads/werkagenda.nt")
    assert len(rdflib.Graph().parse(data=dump.text, format="nt")) > 1000
    assert client.get("/downloads/nope.csv").status_code == 404


def test_jsonld_context_is_served_as_json_ld(client: httpx.Client, server: str) -> None:
    """`/def/context.jsonld` (application/ld+json) is a context a JSON-LD processor can fetch."""
    r = client.get("/def/context.jsonld")
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == "application/ld+json"
    assert r.json()["@context"]["dct"] == "http://purl.org/dc/terms/"
    doc = {
        "@context": server.rstrip("/") + "/def/context.jsonld",  # fetched by rdflib itself
        "@id": "wa:Inspanning",
        "dct:title": "x",
    }
    graph = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert set(graph) == {
        (
            rdflib.URIRef("https://w3id.org/iza-werkagenda/def#Inspanning"),
            rdflib.DCTERMS.title,
            rdflib.Literal("x"),
        )
    }


def test_query_editor_lists_the_prefixes_the_endpoint_knows(client: httpx.Client) -> None:
    """Every prefix the editor shows works in /sparql without a PREFIX line, as shown."""
    for lang, heading in (("nl", "Ingebouwde prefixen"), ("en", "Built-in prefixes")):
        page = client.get("/query", params={"lang": lang}).text
        assert f"<summary>{heading}</summary>" in page
    shown = re.findall(r"<dt><code>([\w-]+):</code></dt><dd[^>]*><code>([^<]+)</code></dd>", page)
    names = dict(shown)
    assert len(names) >= 10 and names["wa"] == "https://w3id.org/iza-werkagenda/def#"
    assert names["skos"] == "http://www.w3.org/2004/02/skos/core#"
    select = " ".join(f"(STR({p}:x) AS ?{p.replace('-', '_')})" for p in names)
    r = client.get(
        "/sparql",
        params={"query": f"SELECT {select} WHERE {{}}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200, r.text
    (row,) = r.json()["results"]["bindings"]
    assert {p: row[p.replace("-", "_")]["value"] for p in names} == {
        p: iri + "x" for p, iri in names.items()
    }
