"""Static HTML: one page per resource under the base, the landing page, ontology docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from werkagenda.docs.ontdoc import ontology_html
from werkagenda.views.describe import Describer
from werkagenda.views.landing import landing_html
from werkagenda.views.links import Linker
from werkagenda.views.render import render
from werkagenda.views.resource import resource_model

STATIC_PAGE_SIZE = 1_000_000  # a static page lists every incoming link (collapsed when many)


def static_nav(lk: Linker) -> dict[str, str]:
    return {
        "css": lk.static("static/style.css"),
        "home": lk.static("index.html"),
        "query": "",
        "ontology": lk.static("def/index.html"),
        "catalog": lk.static("catalog.ttl"),
        "other_lang": "",
    }


def local_resources(store: ox.Store, bases: tuple[str, ...]) -> Iterator[str]:
    """Every IRI under one of `bases` that is the subject of a triple (sorted, once each)."""
    seen: set[str] = set()
    for q in store.quads_for_pattern(None, None, None, None):
        s = q.subject
        if isinstance(s, ox.NamedNode) and s.value not in seen and s.value.startswith(bases):
            seen.add(s.value)
    yield from sorted(seen)


def write_resource_pages(store: ox.Store, out: Path, bases: tuple[str, ...]) -> int:
    """One HTML file per resource (`id/…/x` -> `id/…/x.html`); returns how many."""
    d = Describer(store)
    count = 0
    for iri in local_resources(store, bases):
        lk = Linker(bases)
        local = lk.local_path(iri) or ""
        if "#" in local or local in ("", "def") or ".." in local.split("/"):
            continue  # fragments live in their document's page; /def is the ontology docs
        lk = Linker(bases, static_from=local)
        model = resource_model(d, lk, iri, "nl", 0, STATIC_PAGE_SIZE)
        body = render(
            "resource.html",
            r=model,
            lang="nl",
            jsonld=model["jsonld"],
            alternates=[],
            pager={},
            nav=static_nav(lk),
        )
        target = out / Linker.page_file(local)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        count += 1
    return count


def write_landing(store: ox.Store, out: Path, bases: tuple[str, ...], sparql_url: str) -> None:
    lk = Linker(bases, static_from="")
    urls = {
        "downloads": "downloads/",
        "whatif": "whatif.html",
        "sparql": sparql_url,
        "query": "",
        "ontology": "def/index.html",
        "catalog": "catalog.ttl",
        "void": "void.ttl",
        "feed": "feed/index.ttl",
        "manifest": "SHA256SUMS",
    }
    (out / "index.html").write_bytes(
        landing_html(store, lang="nl", urls=urls, nav=static_nav(lk), linker=lk)
    )


def write_ontology_docs(store: ox.Store, out: Path) -> None:
    folder = out / "def"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_bytes(ontology_html(store, "nl", "en.html"))
    (folder / "en.html").write_bytes(ontology_html(store, "en", "index.html"))
