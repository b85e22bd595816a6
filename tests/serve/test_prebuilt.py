"""Resource pages rendered at build time (`serve.prebuilt`): the same bytes as on demand,
served with gzip and ETags, and new after the data changes."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests.serve.conftest import running_server
from werkagenda.build import agenda_at, build
from werkagenda.config import DATA_DIR, DEFAULT_AGENDA_IRI, DEFAULT_BASE
from werkagenda.serve import jobs
from werkagenda.serve import negotiation as neg
from werkagenda.serve.prebuilt import PAGES_NAME, variant, write_pages

FORMATS = [f.key for f in neg.RDF_FORMATS]
# one page of each kind, a generic one, and an organisation shared by the agendas
SAMPLE = [
    DEFAULT_AGENDA_IRI,
    DEFAULT_AGENDA_IRI + "/inspanning/VOW-9",
    DEFAULT_AGENDA_IRI + "/opgave/VOW",
    DEFAULT_AGENDA_IRI + "/doel/ZT-S2-C",
    DEFAULT_BASE + "id/drenthe/actor/icare",
]


def rows(dist: Path) -> dict[tuple[str, str], tuple[str, bytes]]:
    db = sqlite3.connect(dist / "store" / PAGES_NAME)
    try:
        return {
            (i, v): (e, b)
            for i, v, e, b in db.execute("SELECT iri, variant, etag, body FROM pages")
        }
    finally:
        db.close()


def test_every_prebuilt_page_is_the_page_rendered_on_demand(dist: Path) -> None:
    """Every resource of the store, both languages, every RDF format: the stored page is what
    a query worker renders from the served (read-only) store."""
    stored = rows(dist)
    store = ox.Store.read_only(str(dist / "store"))
    found = store.query(
        f"""SELECT DISTINCT ?x WHERE {{
          {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }}
          FILTER (isIRI(?x) && STRSTARTS(STR(?x), "{DEFAULT_BASE}id/") && !CONTAINS(STR(?x), "#"))
        }}""",
        use_default_graph_as_union=True,
    )
    expected = {row["x"].value for row in found}
    assert DEFAULT_AGENDA_IRI + "/inspanning/VOW-9" in expected
    assert {iri for iri, _ in stored} == expected
    state = jobs.WorkerState(store, {"bases": [DEFAULT_BASE], "max_rows": 0, "allowed_hosts": []})
    variants = [("html", "nl"), ("html", "en")] + [(key, "nl") for key in FORMATS]
    for iri in sorted(expected):
        for key, lang in variants:
            name = f"html:{lang}" if key == "html" else key
            etag, body = stored[(iri, name)]
            reply = jobs.page(state, iri=iri, format_key=key, lang=lang)
            assert reply is not None and reply.status == 200
            assert gzip.decompress(body) == reply.body, (iri, name)
    etags = {etag for etag, _ in stored.values()}
    bodies = {gzip.decompress(body) for _, body in stored.values()}
    assert len(etags) == len(bodies)  # a content hash: one ETag per distinct body


@pytest.fixture(scope="module")
def on_demand(dist: Path) -> Iterator[str]:
    """The same store served with every page rendered by a worker, nothing kept."""
    with running_server(
        dist, "--no-prebuilt", "--cache-entries", "0", log_name="ondemand.log"
    ) as url:
        yield url


@pytest.mark.parametrize("iri", SAMPLE)
def test_served_prebuilt_pages_equal_the_worker_path(
    client: httpx.Client, on_demand: str, iri: str
) -> None:
    path = iri.removeprefix(DEFAULT_BASE)
    asks = [("", {"Accept": "text/html"}), ("?lang=en", {"Accept": "text/html"})]
    asks += [(f.suffix, {}) for f in neg.RDF_FORMATS]
    asks += [("", {"Accept": f.media_type}) for f in neg.RDF_FORMATS]
    with httpx.Client(base_url=on_demand, timeout=30) as plain:
        for suffix, headers in asks:
            url = "/" + (path + suffix if suffix.startswith(".") else path + suffix)
            zipped = client.get(url, headers={**headers, "Accept-Encoding": "gzip"})
            identity = client.get(url, headers={**headers, "Accept-Encoding": "identity"})
            worker = plain.get(url, headers=headers)
            assert zipped.status_code == identity.status_code == worker.status_code == 200, url
            assert zipped.headers["content-encoding"] == "gzip", url
            assert "content-encoding" not in identity.headers, url
            assert zipped.content == identity.content == worker.content, url
            assert identity.headers["content-type"] == worker.headers["content-type"], url
            assert zipped.headers["etag"] != identity.headers["etag"]
            assert "Accept-Encoding" in zipped.headers["vary"]
            # the answer a client already has is not sent again
            for tag in (zipped.headers["etag"], identity.headers["etag"]):
                again = client.get(url, headers={**headers, "If-None-Match": tag})
                assert again.status_code == 304 and again.content == b"", url


def test_later_pages_and_unknown_iris_go_to_the_workers(
    client: httpx.Client, on_demand: str
) -> None:
    theme = "/" + (DEFAULT_AGENDA_IRI + "/opgave/VOW").removeprefix(DEFAULT_BASE)
    with httpx.Client(base_url=on_demand, timeout=30) as plain:
        for url in (theme + "?page=1", theme + "?lang=en&page=1"):
            ours, worker = client.get(url), plain.get(url)
            assert ours.status_code == worker.status_code == 200
            assert ours.content == worker.content
            assert ours.content != client.get(theme).content  # not the first page
    missing = client.get("/id/drenthe/2024/inspanning/VOW-999", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "etag" not in missing.headers


TITLE = 'dct:title "De buurt als Ecosysteem"@nl'  # data/drenthe-2024/vow.ttl, insp:VOW-9


def test_a_rebuilt_store_serves_the_new_page_with_a_new_etag(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "drenthe-2024"
    shutil.copytree(DATA_DIR / "drenthe-2024", folder)
    dist = tmp_path / "dist"
    page = "/id/drenthe/2024/inspanning/VOW-9"

    def served() -> tuple[str, str]:
        build(dist=dist, agendas=[agenda_at(folder)], shacl=False, after_write=write_pages)
        with running_server(dist) as url:
            r = httpx.get(url + page.lstrip("/"), headers={"Accept": "text/html"}, timeout=30)
            assert r.status_code == 200
            return r.headers["etag"], r.text

    before_tag, before = served()
    assert "De buurt als Ecosysteem" in before and "(herzien)" not in before
    source = folder / "vow.ttl"
    text = source.read_text(encoding="utf-8")
    assert text.count(TITLE) == 1
    source.write_text(
        text.replace(TITLE, 'dct:title "De buurt als Ecosysteem (herzien)"@nl'), encoding="utf-8"
    )
    after_tag, after = served()
    assert "De buurt als Ecosysteem (herzien)" in after
    assert after_tag != before_tag
    # a rebuild of unchanged data (its pages are copied from the last store) answers the same
    stamp = (dist / "store" / PAGES_NAME).stat().st_mtime_ns
    assert served() == (after_tag, after)
    assert (dist / "store" / PAGES_NAME).stat().st_mtime_ns != stamp  # a new store was swapped in


def test_a_store_over_the_page_limit_gets_no_pages_and_is_served_on_demand(
    dist: Path, tmp_path: Path
) -> None:
    """Past `max_pages` resources nothing is rendered at build (the scale goals); the server
    then renders each page in a worker, the same page as the pre-rendered one."""
    copy = tmp_path / "store"
    shutil.copytree(dist / "store", copy, ignore=shutil.ignore_patterns(PAGES_NAME))
    store = ox.Store.read_only(str(copy))
    said = write_pages(store, copy, DEFAULT_BASE, max_pages=100)
    del store
    assert said.startswith("skipped:") and "> 100" in said
    assert not (copy / PAGES_NAME).exists()
    stored = rows(dist)
    with running_server(copy.parent, log_name="server-over-limit.log") as url:
        r = httpx.get(url + "id/drenthe/2024/inspanning/VOW-9", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert r.content == gzip.decompress(stored[(SAMPLE[1], variant("html", "nl"))][1])
