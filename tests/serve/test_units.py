"""In-process checks of the pure parts: negotiation, result formats, query vetting, links."""

from __future__ import annotations

import doctest
import importlib

import pyoxigraph as ox
import pytest

from werkagenda.serve import negotiation as neg
from werkagenda.serve.protocol import Refused, check_service, is_update
from werkagenda.serve.results import serialize_select
from werkagenda.views.links import Linker
from werkagenda.views.render import safe_href

DOCTESTED = (
    "serve.negotiation",
    "serve.results",
    "serve.protocol",
    "views.links",
    "serve.execute",
    "views.resource",
    "serve.settings",
    "views.render",
    "serve.cache",
    "serve.named",
    "serve.connection",
    "serve.fast_connection",
)


@pytest.mark.parametrize("module", DOCTESTED)
def test_doctests(module: str) -> None:
    mod = importlib.import_module(f"werkagenda.{module}")
    failed, attempted = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert attempted and not failed


def test_doctests_of_downloads() -> None:
    mod = importlib.import_module("werkagenda.metadata.downloads")
    failed, attempted = doctest.testmod(mod)
    assert attempted and not failed


@pytest.mark.parametrize(
    "accept,key",
    [
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("*/*", "html"),
        (None, "html"),
        ("application/rdf+xml", "rdf"),
        ("text/turtle;q=0.3, application/n-triples;q=0.9", "ntriples"),
        ("text/*", "html"),
        ("application/*", "ntriples"),
    ],
)
def test_negotiation(accept: str | None, key: str) -> None:
    chosen = neg.choose(accept, neg.PAGE_FORMATS)
    assert chosen is not None and chosen.key == key


def test_q_zero_excludes() -> None:
    assert neg.choose("text/html;q=0, text/turtle", neg.PAGE_FORMATS) is neg.TURTLE


def test_tsv_escapes_tabs_and_csv_quotes() -> None:
    rows = [[ox.Literal("a\tb"), ox.NamedNode("http://e/x")]]
    tsv = serialize_select(neg.RESULTS_TSV, ["v", "w"], rows).decode()
    assert tsv.splitlines()[1] == '"a\\tb"\t<http://e/x>'
    xml = serialize_select(neg.RESULTS_XML, ["v", "w"], rows, truncated=True, limit=1).decode()
    assert "<!-- Result truncated" in xml and "<uri>http://e/x</uri>" in xml


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "CLEAR ALL",
        "LOAD <http://x>",
        "DROP SILENT GRAPH <http://g>",
    ],
)
def test_updates_are_recognised(text: str) -> None:
    assert is_update(text)


def test_service_allowed_host() -> None:
    q = "SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(Refused):
        check_service(q, ())
    check_service(q, ("query.wikidata.org",))
    with pytest.raises(Refused):
        check_service("SELECT * { SERVICE ?x { ?s ?p ?o } }", ("query.wikidata.org",))


@pytest.mark.parametrize(
    "value,expected",
    [
        ("javascript:alert(1)", "#"),
        ("data:text/html,x", "#"),
        ("//evil.example/x", "#"),
        ("https://example.org/a", "https://example.org/a"),
        ("/id/x", "/id/x"),
        ("../x.html", "../x.html"),
        ("vbscript:x", "#"),
        (" javascript:alert(1)", "#"),
    ],
)
def test_safe_href(value: str, expected: str) -> None:
    assert safe_href(value) == expected


def test_linker_static_paths() -> None:
    lk = Linker(("https://w3id.org/iza-werkagenda/",), static_from="id/drenthe/2024")
    assert (
        lk.href("https://w3id.org/iza-werkagenda/def#Inspanning")
        == "../../def/index.html#Inspanning"
    )
    assert (
        lk.href("https://w3id.org/iza-werkagenda/id/drenthe/2024/inspanning/GL-9.1")
        == "2024/inspanning/GL-9.1.html"
    )


def test_the_worker_preload_leaves_rdflib_starlette_and_ssl_out() -> None:
    """The query workers fork from a server with these modules loaded; rdflib (about 5 MB of
    anonymous memory there) is needed only by the catalogue page, which imports it itself.
    The web framework (starlette, and through it asyncio and ssl) is the server's alone, and
    ssl came in through `xml.sax.saxutils` too (which imports urllib.request)."""
    import subprocess
    import sys

    from werkagenda.serve.workers import PRELOAD

    code = f"import importlib, sys\nfor m in {PRELOAD!r}: importlib.import_module(m)\n"
    code += "print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    assert "werkagenda.serve.jobs" in out
    assert not [m for m in out if m.split(".")[0] == "rdflib"]
    for package in ("starlette", "uvicorn", "asyncio", "ssl", "urllib.request"):
        assert package not in out, package
