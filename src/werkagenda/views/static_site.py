"""Static HTML: one page per resource under the base in both languages, with its RDF beside it;
the landing page and the ontology docs. Pages come from `views.pages`, as on the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import MAX_PRERENDERED
from werkagenda.docs.ontdoc import ontology_html
from werkagenda.rdf.atomic import inside
from werkagenda.views.landing import landing_html
from werkagenda.views.links import Linker, resource_file
from werkagenda.views.pages import Pages, Site, lang_file
from werkagenda.views.render import LANGS


def static_nav(lk: Linker, lang: str = "nl") -> dict[str, str]:
    """The header of the static page `lk` writes (kept for callers of the old name)."""
    return Site.static_site(lk.bases).nav(lang, lk.static_from or "")


def local_resources(store: ox.Store, bases: tuple[str, ...]) -> Iterator[str]:
    """Every IRI under one of `bases` that is the subject of a triple (sorted, once each)."""
    seen: set[str] = set()
    for q in store.quads_for_pattern(None, None, None, None):
        s = q.subject
        if isinstance(s, ox.NamedNode) and s.value not in seen and s.value.startswith(bases):
            seen.add(s.value)
    yield from sorted(seen)


def write_resource_pages(store: ox.Store, out: Path, bases: tuple[str, ...]) -> int:
    """Per resource `id/…/x`: `x.html`, `x.en.html`, `x.ttl`, `x.jsonld`; returns how many."""
    pages = Pages(store, Site.static_site(bases))
    iris = list(local_resources(store, bases))
    if len(iris) <= MAX_PRERENDERED:  # the kind pages' rows of all pages in a few queries;
        pages.preload()  # past that, bound queries per page keep the memory flat
    count = 0
    for iri in iris:
        local = Linker(bases).local_path(iri) or ""
        page_file = None if "#" in local else resource_file(local, ".html")
        if page_file is None:
            continue  # fragments live in their document's page; unsafe or reserved paths get none
        target = inside(out, page_file)
        target.parent.mkdir(parents=True, exist_ok=True)
        for lang in LANGS:
            body = pages.resource(iri, lang)
            if body is not None:
                inside(out, lang_file(page_file, lang)).write_bytes(body)
        stem = page_file.removesuffix(".html")
        for suffix in (".ttl", ".jsonld"):
            inside(out, stem + suffix).write_bytes(pages.rdf(iri, suffix))
        count += 1
    return count


def write_landing(store: ox.Store, out: Path, bases: tuple[str, ...], sparql_url: str) -> None:
    """`index.html` and `index.en.html`."""
    site = Site.static_site(bases)
    for lang in LANGS:
        lk = site.linker("", lang)
        urls = {
            "downloads": "downloads/",
            "whatif": "whatif.html",
            "sparql": sparql_url,
            "query": "",
            "ontology": lang_file("def/index.html", lang),
            "catalog": "catalog.html",
            "void": lang_file("void.html", lang),
            "feed": "feed/index.ttl",
            "manifest": "SHA256SUMS",
        }
        body = landing_html(
            store, lang=lang, urls=urls, nav=site.nav(lang, ""), linker=lk, site=site
        )
        (out / lang_file("index.html", lang)).write_bytes(body)


def write_ontology_docs(store: ox.Store, out: Path) -> None:
    folder = out / "def"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_bytes(ontology_html(store, "nl", "en.html", "../search.html"))
    (folder / "en.html").write_bytes(ontology_html(store, "en", "index.html", "../search.en.html"))
