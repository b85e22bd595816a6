"""Issue 17, hole 11: documents and pages carry `ETag` and `Cache-Control`, a matching
`If-None-Match` is answered 304 without a body, a rebuilt store gives new ETags, and resource
RDF under /id/ has CORS. Against a real `werkagenda serve` over the mini agenda."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import MINI_SHAPES
from tests.serve.conftest import running_server
from werkagenda.build import build
from werkagenda.config import Agenda

pytestmark = pytest.mark.server

# (path, Accept): the documents in several formats, the pages, lists, search, a download
DOCUMENTS = [
    ("/", "text/html"),
    ("/?lang=en", "text/html"),
    ("/catalog", "text/turtle"),
    ("/catalog.jsonld", "*/*"),
    ("/catalog", "text/html"),
    ("/void", "application/n-triples"),
    ("/def", "text/turtle"),
    ("/def.ttl", "*/*"),
    ("/def", "text/html"),
    ("/views/", "text/html"),
    ("/lists/inspanningen", "text/html"),
    ("/search?q=zorg", "text/html"),
    ("/downloads/inspanningen.csv", "*/*"),
]
# the mini agenda's initiative TS-1 (tests/core/fixtures/mini-2024/agenda.ttl)
RESOURCE = "/id/mini/2024/inspanning/TS-1"


@pytest.fixture(scope="module")
def mini_dist(tmp_path_factory: pytest.TempPathFactory, mini_agenda: Agenda) -> Path:
    dist = tmp_path_factory.mktemp("caching-dist")
    build(dist=dist, agendas=[mini_agenda], shapes=MINI_SHAPES)
    return dist


@pytest.fixture(scope="module")
def client(mini_dist: Path) -> Iterator[httpx.Client]:
    with running_server(mini_dist) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


@pytest.mark.parametrize(("path", "accept"), DOCUMENTS)
def test_etag_is_stable_and_a_match_gets_304(client: httpx.Client, path: str, accept: str) -> None:
    first = client.get(path, headers={"Accept": accept})
    assert first.status_code == 200, first.text[:200]
    etag = first.headers.get("etag")
    assert etag and etag.startswith('"') and etag.endswith('"')
    assert first.headers["cache-control"] == "public, max-age=300"
    second = client.get(path, headers={"Accept": accept})
    assert second.headers["etag"] == etag and second.content == first.content
    again = client.get(path, headers={"Accept": accept, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    weak = client.get(path, headers={"Accept": accept, "If-None-Match": f'"x", W/{etag}'})
    assert weak.status_code == 304  # weak comparison (RFC 9110 §13.1.2)
    other = client.get(path, headers={"Accept": accept, "If-None-Match": '"not-it"'})
    assert other.status_code == 200 and other.content == first.content


def test_each_representation_has_its_own_etag(client: httpx.Client) -> None:
    tags = {
        client.get("/def", headers={"Accept": accept}).headers["etag"]
        for accept in ("text/turtle", "application/n-triples", "text/html")
    }
    tags.add(client.get("/def?lang=en", headers={"Accept": "text/html"}).headers["etag"])
    tags.add(client.get("/catalog", headers={"Accept": "text/turtle"}).headers["etag"])
    assert len(tags) == 5


def test_an_etag_of_one_format_does_not_match_another(client: httpx.Client) -> None:
    turtle = client.get("/void", headers={"Accept": "text/turtle"}).headers["etag"]
    other = client.get(
        "/void", headers={"Accept": "application/n-triples", "If-None-Match": turtle}
    )
    assert other.status_code == 200 and other.content


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_resource_rdf_has_cors(client: httpx.Client, accept: str) -> None:
    for _ in range(2):  # the first answer and the one from the response cache
        r = client.get(RESOURCE, headers={"Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        assert "TS-1" in r.text
        assert r.headers["access-control-allow-origin"] == "*"


def test_errors_get_no_etag(client: httpx.Client) -> None:
    r = client.get("/downloads/nothing.csv")
    assert r.status_code == 404 and "etag" not in r.headers


def test_a_rebuilt_store_gives_new_etags(mini_dist: Path, mini_agenda: Agenda) -> None:
    """Same store, restarted: the same ETag; rebuilt: a new one. The public URL is fixed, so
    the listening port (echoed by /catalog without one) is not part of the answer."""
    public = ("--public-url", "http://data.example.test/")

    def etag(log: str) -> str:
        with running_server(mini_dist, *public, log_name=log) as url:
            r = httpx.get(url + "catalog", headers={"Accept": "text/turtle"}, timeout=30)
            assert r.status_code == 200 and "data.example.test" in r.text
            return r.headers["etag"]

    before, restarted = etag("before.log"), etag("restarted.log")
    build(dist=mini_dist, agendas=[mini_agenda], shapes=MINI_SHAPES)
    after = etag("after.log")
    assert before == restarted and after != before
