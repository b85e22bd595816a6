"""The explorer's own pages on a `Site`: the four views, their index, search, lists, catalogue.

Each function renders bytes from the store, a `views.pages.Site` (served or static) and the
page's parameters, so a query worker and `werkagenda publish` produce the same page. URLs:

    served                                  static
    /views/                                 views/index.html
    /views/matrix?theme=VOW&lang=en         views/matrix-VOW.en.html
    /views/matrix.csv?theme=VOW             views/matrix-VOW.csv
    /search?q=…                             search.html?q=… (static/search.js)
    /lists/inspanningen                     lists/inspanningen.html
    /catalog, /void (HTML to a browser)     catalog.html, void.html

On the served site `agenda=region/edition` picks another agenda than the latest edition.

>>> from werkagenda.views.pages import Site
>>> served, static = Site.served(("https://x/",)), Site.static_site(("https://x/",))
>>> view_url(served, "", "matrix", "VOW", "en")
'/views/matrix?theme=VOW&lang=en'
>>> view_url(static, "views/index", "matrix", "VOW", "en")
'matrix-VOW.en.html'
>>> csv_url(served, "", "timeline", None, "nl"), csv_url(static, "", "timeline", None, "nl")
('/views/timeline.csv', 'views/timeline.csv')
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from werkagenda.views import lists, viewpages
from werkagenda.views.links import Linker
from werkagenda.views.pages import Site, lang_file, other
from werkagenda.views.render import render, t
from werkagenda.views.search import KINDS as SEARCH_KINDS
from werkagenda.views.search import Index, display

AGENDA_PREFIX = "https://w3id.org/iza-werkagenda/id/"


def agenda_key(agenda: str | None) -> str | None:
    """`…/id/drenthe/2024` -> `drenthe/2024` (for ?agenda=); None stays None."""
    if agenda is None:
        return None
    return agenda[len(AGENDA_PREFIX) :] if agenda.startswith(AGENDA_PREFIX) else agenda


def _served(path: str, params: list[tuple[str, str]]) -> str:
    kept = [(k, v) for k, v in params if v]
    return path + ("?" + urlencode(kept) if kept else "")


def view_url(
    site: Site, here: str, name: str, theme: str | None, lang: str, agenda: str | None = None
) -> str:
    """The URL of view `name` ("index" for the views index) of `theme` (None: the agenda)."""
    if not site.static:
        path = "/views/" if name == "index" else f"/views/{name}"
        params = [("theme", theme or ""), ("agenda", agenda_key(agenda) or "")]
        return _served(path, params + [("lang", "en" if lang == "en" else "")])
    file = "views/index.html" if name == "index" else f"views/{name}{_suffix(theme)}.html"
    return Linker(site.bases, static_from=here).static(lang_file(file, lang))


def csv_url(
    site: Site, here: str, name: str, theme: str | None, lang: str, agenda: str | None = None
) -> str:
    if not site.static:
        params = [("theme", theme or ""), ("agenda", agenda_key(agenda) or "")]
        return _served(f"/views/{name}.csv", params + [("lang", "en" if lang == "en" else "")])
    file = "views/" + viewpages.csv_name(name, theme, lang)
    return Linker(site.bases, static_from=here).static(file)


def view_local(name: str, theme: str | None) -> str:
    """The local path of a view page (the static file without `.html`)."""
    return "views/index" if name == "index" else f"views/{name}{_suffix(theme)}"


def _suffix(theme: str | None) -> str:
    return f"-{theme}" if theme else ""


def _nav(site: Site, lang: str, here: str, toggle: str) -> dict[str, str]:
    return site.nav(lang, here, toggle=None if site.static else toggle)


def view_page(
    store: ox.Store,
    site: Site,
    name: str,
    *,
    theme: str | None,
    lang: str,
    agenda: str | None = None,
) -> bytes:
    """One view page (an unknown view or theme is an InputError)."""
    agenda_iri = agenda or viewpages.default_agenda(store)
    here = view_local(name, theme)
    link_agenda = agenda if agenda and not site.static else None

    def link(n: str, th: str | None, lg: str) -> str:
        return view_url(site, here, n, th, lg, link_agenda)

    def csv_link(n: str, th: str | None, lg: str) -> str:
        return csv_url(site, here, n, th, lg, link_agenda)

    model = viewpages.view_model(
        store,
        name,
        agenda=agenda_iri,
        theme_code=theme,
        lang=lang,
        href=site.linker(here, lang).href,
        link=link,
        csv_link=csv_link,
    )
    nav = _nav(site, lang, here, link(name, theme, other(lang)))
    return render("view.html", v=model, lang=lang, nav=nav)


def views_index(store: ox.Store, site: Site, *, lang: str, agenda: str | None = None) -> bytes:
    agenda_iri = agenda or viewpages.default_agenda(store)
    here = view_local("index", None)
    link_agenda = agenda if agenda and not site.static else None

    def link(n: str, th: str | None, lg: str) -> str:
        return view_url(site, here, n, th, lg, link_agenda)

    model = viewpages.index_model(store, agenda=agenda_iri, lang=lang, link=link)
    nav = _nav(site, lang, here, link("index", None, other(lang)))
    return render("views.html", m=model, lang=lang, nav=nav)


def search_page(
    index: Index | None,
    site: Site,
    *,
    query: str,
    lang: str,
    agenda: str | None = None,
    static: dict[str, Any] | None = None,
) -> bytes:
    """The search page: the results of `query` (served), or the form and the script's data
    (static: `static` holds the embedded index and the script's URL)."""
    here = "search"
    href = site.linker(here, lang).href
    model: dict[str, Any] = {"query": query, "words": [], "groups": [], "total": 0}
    if index is not None and static is None:
        answer = index.search(query, lang=lang, agenda=agenda)
        model["words"], model["total"] = list(answer.words), answer.total
        model["groups"] = [
            {
                "kind": g.kind,
                "total": g.total,
                "results": [
                    {
                        "href": href(r.iri) or "",
                        "title": display(r.code, r.label),
                        "snippet": r.snippet,
                    }
                    for r in g.results
                ],
            }
            for g in answer.groups
        ]
    model["static"] = static
    toggle = _served("/search", [("q", query), ("lang", "en" if lang == "nl" else "")])
    return render("search.html", s=model, lang=lang, nav=_nav(site, lang, here, toggle))


def search_script_data(index: Index, site: Site, lang: str, agenda: str | None) -> dict:
    """What static/search.js needs: the index with links from search.html, and the words."""
    data = index.as_json(site.linker("search", lang).href)
    data["agenda"] = agenda or ""
    data["kinds"] = [k for k, _ in SEARCH_KINDS]
    data["text"] = {
        "empty": t("search_empty", lang),
        "none": t("search_none", lang),
        "found": t("search_found", lang),
        "kinds": {k: t(f"kind_{k}", lang) for k, _ in SEARCH_KINDS},
    }
    return data


def list_url(site: Site, here: str, kind: str, lang: str, agenda: str | None = None) -> str:
    if not site.static:
        params = [("agenda", agenda_key(agenda) or ""), ("lang", "en" if lang == "en" else "")]
        return _served(f"/lists/{kind}", params)
    return Linker(site.bases, static_from=here).static(lang_file(f"lists/{kind}.html", lang))


def list_page(
    store: ox.Store, site: Site, kind: str, *, lang: str, agenda: str | None = None
) -> bytes:
    agenda_iri = agenda or viewpages.default_agenda(store)
    here = f"lists/{kind}"
    link_agenda = agenda if agenda and not site.static else None
    model = lists.list_model(
        store, kind, agenda=agenda_iri, lang=lang, href=site.linker(here, lang).href
    )
    for o in model["others"]:
        o["href"] = list_url(site, here, o["kind"], lang, link_agenda)
    titles = {a["agenda"]: a for a in viewpages.agendas(store)}
    found = titles.get(agenda_iri, {})
    model["agenda_title"] = found.get(f"title_{lang}") or found.get("title_nl", "")
    toggle = list_url(site, here, kind, other(lang), link_agenda)
    return render("list.html", m=model, lang=lang, nav=_nav(site, lang, here, toggle))


RDF_LINKS = (
    ("Turtle", "text/turtle", ".ttl"),
    ("JSON-LD", "application/ld+json", ".jsonld"),
    ("N-Triples", "application/n-triples", ".nt"),
    ("RDF/XML", "application/rdf+xml", ".rdf"),
)


def catalog_page(
    store: ox.Store,
    site: Site,
    kind: str,
    *,
    lang: str,
    catalog_graph: Any,
    void_graph: Any,
    site_url: str,
) -> bytes:
    """The catalogue (`kind` "catalog") or VoID ("void") page, read from the two graphs."""
    from werkagenda.metadata.stats import collect
    from werkagenda.views import catalog  # rdflib: kept out of the query workers' fork server
    from werkagenda.views.landing import KINDS as COUNT_KINDS

    here = kind
    lk = Linker(site.bases, static_from=here if site.static else None)

    def local(path: str) -> str:
        return lk.static(path) if site.static else "/" + path

    model = catalog.catalog_model(
        catalog_graph, void_graph, lang=lang, site_url=site_url, local=local
    )
    model["kind"] = kind
    model["rdf"] = [{"name": n, "media": m, "href": local(kind + s)} for n, m, s in RDF_LINKS]
    href = site.linker(here, lang).href
    for e in model["editions"]:
        e["href"] = (href(e["iri"]) or "") if e["iri"] else ""
    counts = collect(store).counts
    pick = 1 if lang == "en" else 0
    model["counts"] = [
        {"label": label[pick], "n": counts.get(k, 0)}
        for k, label in COUNT_KINDS.items()
        if k in ("inspanningen", "doelen", "actoren", "opgaven")
    ]
    toggle = f"/{kind}" + ("?lang=en" if lang == "nl" else "")
    nav = site.nav(lang, here, toggle=None if site.static else toggle)
    return render("catalog.html", m=model, lang=lang, nav=nav)
