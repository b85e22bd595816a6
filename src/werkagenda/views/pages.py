"""One page API for the served and the static site: how URLs look (`Site`) and the pages (`Pages`).

A page is a pure function of the store, the site, the IRI and the language: no request, no
clock, no randomness. So the same bytes come out whether a page is rendered on demand by a
query worker, pre-rendered once at build time, or written into the static site.

>>> site = Site.served(("https://w3id.org/iza-werkagenda/",))
>>> site.nav("en", "id/drenthe/2024")["other_lang"], site.nav("nl")["catalog"]
('/id/drenthe/2024', '/catalog')
>>> static = Site.static_site(("https://w3id.org/iza-werkagenda/",))
>>> nav = static.nav("en", "id/drenthe/2024")
>>> nav["other_lang"], nav["home"], nav["catalog"], nav["css"]
('2024.html', '../../index.en.html', '../../catalog.html', '../../static/style.css')
>>> static.linker("id/drenthe/2024", "en").href(
...     "https://w3id.org/iza-werkagenda/id/drenthe/2024/opgave/VOW#x")
'2024/opgave/VOW.en.html#x'
>>> site.linker("id/drenthe/2024", "en").href("https://w3id.org/iza-werkagenda/id/drenthe/x")
'/id/drenthe/x?lang=en'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.views import kinds
from werkagenda.views.describe import Describer
from werkagenda.views.facts.rows import PageRows
from werkagenda.views.links import Linker
from werkagenda.views.pictures.data import AgendaMemo
from werkagenda.views.render import render
from werkagenda.views.resource import PAGE_SIZE, resource_model

STATIC_PAGE_SIZE = 1_000_000  # a static page lists every incoming link (collapsed when many)
# (suffix, media type) of the RDF files beside each static page
STATIC_FORMATS = ((".ttl", "text/turtle"), (".jsonld", "application/ld+json"))
RDF_FILE_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".jsonld": ox.RdfFormat.JSON_LD}


def other(lang: str) -> str:
    return "nl" if lang == "en" else "en"


def lang_file(page_file: str, lang: str) -> str:
    """The file of a static page in `lang`: `x.html` (Dutch) or `x.en.html` (English).

    >>> lang_file("id/a/b.html", "en"), lang_file("id/a/b.html", "nl")
    ('id/a/b.en.html', 'id/a/b.html')
    >>> lang_file("def/index.html", "en")
    'def/en.html'
    """
    if lang != "en":
        return page_file
    if page_file == "def/index.html":  # the ontology documentation keeps its own name
        return "def/en.html"
    return page_file.removesuffix(".html") + ".en.html"


class PageLinker(Linker):
    """A Linker that keeps the reader in the page's language when following local links."""

    def __init__(self, bases: tuple[str, ...], *, static_from: str | None, lang: str) -> None:
        super().__init__(bases, static_from=static_from)
        self.lang = lang

    def href(self, iri: str) -> str | None:
        found = super().href(iri)
        if found is None or self.lang != "en" or self.local_path(iri) is None:
            return found
        target, hash_, fragment = found.partition("#")
        if self.static_from is None:
            return target + "?lang=en" + hash_ + fragment
        if target == "def/index.html" or target.endswith("/def/index.html"):
            return target.removesuffix("index.html") + "en.html" + hash_ + fragment
        return target.removesuffix(".html") + ".en.html" + hash_ + fragment


@dataclass(frozen=True)
class Site:
    """How the URLs of a site look: served (absolute paths, `?lang=`) or static (relative files).

    `formats` are the RDF alternates of a resource page, as (suffix, media type).
    """

    bases: tuple[str, ...]
    static: bool = False
    formats: tuple[tuple[str, str], ...] = STATIC_FORMATS
    page_size: int = PAGE_SIZE
    query: bool = True  # whether the site has the query editor
    extra: tuple[tuple[str, str], ...] = field(default=())  # more nav entries (key, url)

    @classmethod
    def served(
        cls, bases: tuple[str, ...], formats: tuple[tuple[str, str], ...] = STATIC_FORMATS
    ) -> Site:
        return cls(tuple(bases), False, tuple(formats), PAGE_SIZE, True)

    @classmethod
    def static_site(cls, bases: tuple[str, ...]) -> Site:
        return cls(tuple(bases), True, STATIC_FORMATS, STATIC_PAGE_SIZE, False)

    def linker(self, local: str, lang: str) -> PageLinker:
        """The IRI→href mapper of the page at local path `local` (`""` is the home page)."""
        return PageLinker(self.bases, static_from=local if self.static else None, lang=lang)

    def url(self, local: str, lang: str, *, here: str = "", file: str | None = None) -> str:
        """The URL of the site page at local path `local` (or site file `file`) in `lang`, seen
        from the page at `here`."""
        if not self.static:
            return "/" + local + ("?lang=en" if lang == "en" else "")
        target = lang_file(file or Linker.page_file(local), lang)
        return Linker(self.bases, static_from=here).static(target)

    def nav(self, lang: str, here: str = "", *, toggle: str | None = None) -> dict[str, str]:
        """The values of the header of every page; `here` is the page's own local path.

        `toggle` overrides the link to the same page in the other language (a served page
        whose URL carries more parameters than `lang`).
        """
        lk = Linker(self.bases, static_from=here if self.static else None)
        if self.static:
            catalog, css = lk.static("catalog.html"), lk.static("static/style.css")
        else:
            catalog, css = "/catalog", "/static/style.css"
        nav = {
            "css": css,
            "home": self.url("", lang, here=here, file="index.html"),
            "query": self.url("query", lang, here=here) if self.query else "",
            "ontology": self.url("def", lang, here=here),
            "catalog": catalog,
            "views": self.url("views", lang, here=here, file="views/index.html"),
            "search": self.url("search", lang, here=here, file="search.html"),
            "other_lang": toggle
            if toggle is not None
            else self.url(here, other(lang), here=here, file=None if here else "index.html"),
        }
        nav.update(self.extra)
        return nav

    def alternates(self, local: str) -> list[dict[str, str]]:
        """The RDF forms of the resource page at `local`, as (name, media, href)."""
        if self.static:
            stem = Linker.page_file(local).removesuffix(".html")
            lk = Linker(self.bases, static_from=local)
            return [{"name": s, "media": m, "href": lk.static(stem + s)} for s, m in self.formats]
        return [{"name": s, "media": m, "href": "/" + local + s} for s, m in self.formats]

    def pager(self, local: str, lang: str, page_no: int) -> dict[str, str]:
        if self.static:
            return {}
        path = "/" + local
        return {
            "prev": f"{path}?lang={lang}&page={page_no - 1}",
            "next": f"{path}?lang={lang}&page={page_no + 1}",
        }


class Pages:
    """The pages of one store on one site. Each method is a pure function of its arguments."""

    def __init__(self, store: ox.Store, site: Site, describer: Describer | None = None) -> None:
        self.store, self.site = store, site
        self.describer = describer or Describer(store)
        self.rows = PageRows(store)
        self.memo = AgendaMemo()  # agenda-wide facts shared by the pages of an agenda

    def preload(self) -> None:
        """Ready to render every page in one pass: the kind pages' query rows of all
        resources at once (see `facts.rows`), instead of a few queries per page."""
        self.rows.preload()

    def local(self, iri: str) -> str | None:
        return Linker(self.site.bases).local_path(iri)

    def resource(self, iri: str, lang: str, page_no: int = 0) -> bytes | None:
        """The HTML page of `iri` in `lang` (None when the store does not know it)."""
        d = self.describer
        local = self.local(iri)
        if local is None or not d.exists(iri):
            return None
        lk = self.site.linker(local, lang)
        model = resource_model(d, lk, iri, lang, page_no, self.site.page_size)
        kind = kinds.kind_of(self.store, iri)
        facts = (
            kinds.facts(kind, self.store, d, lk, iri, lang, self.rows, self.memo) if kind else None
        )
        return render(
            f"kinds/{kind}.html" if kind else "resource.html",
            r=model,
            k=facts,
            lang=lang,
            jsonld=model["jsonld"],
            alternates=self.site.alternates(local),
            pager=self.site.pager(local, lang, page_no),
            nav=self.site.nav(lang, local),
        )

    def description(self, iri: str) -> list[ox.Triple]:
        """What `iri` dereferences to as RDF: its closure plus the triples pointing at it."""
        return self.describer.description(iri)

    def rdf(self, iri: str, suffix: str) -> bytes:
        """The description of `iri` as a static RDF file (`.ttl` or `.jsonld`)."""
        fmt = RDF_FILE_FORMATS[suffix]
        prefixes = PREFIXES if fmt is ox.RdfFormat.TURTLE else None
        return ox.serialize(self.description(iri), format=fmt, prefixes=prefixes) or b""

    def not_found(self, iri: str, lang: str, suggestions: list[dict[str, str]]) -> bytes:
        return render(
            "notfound.html", iri=iri, suggestions=suggestions, lang=lang, nav=self.site.nav(lang)
        )
