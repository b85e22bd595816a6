"""The landing page: what the dataset is, how big, its six themes, and where to get it."""

from __future__ import annotations

import pyoxigraph as ox

from werkagenda.metadata.downloads import CSVW_NAME, DUMPS, TABLES
from werkagenda.metadata.stats import collect, themes
from werkagenda.query.registry import catalogue
from werkagenda.views.links import Linker
from werkagenda.views.render import render

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
) -> bytes:
    """Render the landing page; `urls` says where downloads, endpoint and documents live."""
    stats = collect(store)
    lk = linker or Linker((urls.get("base", ""),) if urls.get("base") else ())
    pick = 1 if lang == "en" else 0
    counts = [{"label": KINDS[k][pick], "n": stats.counts.get(k, 0)} for k in KINDS]
    theme_rows = []
    for t in themes(store):
        theme_rows.append(
            {
                "href": lk.href(t["theme"]) or "",
                "code": t.get("code", ""),
                "label": t.get(f"label_{lang}") or t.get("label_nl") or t["theme"],
                "ambition": t.get(f"ambition_{lang}") or t.get("ambition_nl", ""),
                "inspanningen": t.get("inspanningen", "0"),
            }
        )
    agendas = [
        {
            "href": lk.href(a["agenda"]) or "",
            "iri": a["agenda"],
            "title": a.get(f"title_{lang}") or a.get("title_nl") or a["agenda"],
            "description": a.get(f"description_{lang}") or a.get("description_nl", ""),
        }
        for a in stats.agendas
    ]
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
        counts=counts,
        triples=stats.triples,
        graphs=len(stats.graphs),
        themes=theme_rows,
        downloads=downloads,
        queries=queries,
        urls=urls,
    )
