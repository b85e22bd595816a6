"""The landing page: what the dataset is, how big, its six themes, and where to get it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from werkagenda.metadata.downloads import CSVW_NAME, DUMPS, TABLES
from werkagenda.metadata.stats import collect, themes
from werkagenda.query.registry import catalogue
from werkagenda.views.links import Linker
from werkagenda.views.render import render, t

if TYPE_CHECKING:
    from werkagenda.views.pages import Site

KINDS = {
    "opgaven": ("prioritaire opgaven", "priority themes"),
    "doelen": ("doelen", "goals"),
    "inspanningen": ("inspanningen", "initiatives"),
    "actoren": ("organisaties en andere actoren", "organisations and other actors"),
    "initiatieven": ("gerelateerde initiatieven", "related initiatives"),
    "financieringen": ("financieringsafspraken", "funding arrangements"),
    "kwaliteitsnotities": ("kwaliteitsnotities", "data-quality notes"),
    "bronregels": ("bronregels", "source lines"),
}


def landing_html(
    store: ox.Store,
    *,
    lang: str,
    urls: dict[str, str],
    nav: dict[str, str],
    linker: Linker | None = None,
    site: Site | None = None,
) -> bytes:
    """Render the landing page; `urls` says where downloads, endpoint and documents live.

    The page shows the latest edition (`viewpages.default_agenda`): its counts as links to
    the list pages, its six themes, the four views; other agendas are listed below it.
    """
    from werkagenda.views import explore, viewpages
    from werkagenda.views.lists import LISTS, list_model
    from werkagenda.views.pages import Site as PageSite

    stats = collect(store)
    lk = linker or Linker((urls.get("base", ""),) if urls.get("base") else ())
    site = site or PageSite.served(lk.bases)
    pick = 1 if lang == "en" else 0
    counts = [{"label": KINDS[k][pick], "n": stats.counts.get(k, 0)} for k in KINDS]
    latest = viewpages.default_agenda(store)
    summary = {r["theme"]: r for r in themes(store)}
    theme_rows = []
    for iri, code, label in viewpages.theme_choices(store, latest, lang):
        row = summary.get(iri, {})
        theme_rows.append(
            {
                "href": lk.href(iri) or "",
                "code": code,
                "label": label,
                "ambition": row.get(f"ambition_{lang}") or row.get("ambition_nl", ""),
                "inspanningen": row.get("inspanningen", "0"),
                "matrix": explore.view_url(site, "", "matrix", code, lang),
            }
        )
    lists = [
        {
            "title": t(f"list_{kind}", lang),
            "n": list_model(store, kind, agenda=latest, lang=lang, href=lk.href)["count"],
            "href": explore.list_url(site, "", kind, lang),
        }
        for kind in LISTS
    ]
    views = [
        {
            "title": t(f"view_{name}", lang),
            "how": t(f"view_{name}_how", lang),
            "href": explore.view_url(site, "", name, None, lang),
        }
        for name in viewpages.VIEWS
    ]
    agendas = [
        {
            "href": lk.href(a["agenda"]) or "",
            "iri": a["agenda"],
            "title": a.get(f"title_{lang}") or a.get("title_nl") or a["agenda"],
            "description": a.get(f"description_{lang}") or a.get("description_nl", ""),
            "edition": a.get("edition", ""),
            "latest": a["agenda"] == latest,
        }
        for a in stats.agendas
    ]
    agendas.sort(key=lambda a: not a["latest"])
    downloads = [
        {
            "href": urls["downloads"] + d.name,
            "name": d.name,
            "title": d.title_en if lang == "en" else d.title_nl,
        }
        for d in (*DUMPS, *TABLES)
    ]
    downloads.append(
        {
            "href": urls["downloads"] + CSVW_NAME,
            "name": CSVW_NAME,
            "title": "CSVW-metadata" if lang == "nl" else "CSVW metadata",
        }
    )
    queries = [
        {"name": q["name"], "title": q["title"][lang], "href": urls.get("query", "")}
        for q in catalogue()
    ]
    return render(
        "landing.html",
        lang=lang,
        nav=nav,
        agendas=agendas,
        lists=lists,
        views=views,
        views_index=explore.view_url(site, "", "index", None, lang),
        counts=counts,
        triples=stats.triples,
        graphs=len(stats.graphs),
        themes=theme_rows,
        downloads=downloads,
        queries=queries,
        urls=urls,
    )
