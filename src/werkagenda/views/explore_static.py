"""The explorer pages of the static site: views (+ CSV), lists, search, catalogue and VoID.

Written by `werkagenda publish` beside the resource pages, in Dutch (`x.html`) and English
(`x.en.html`), for the latest edition; the same renderers as the server (`views/explore.py`).
A static host ignores `?q=`, so `search.html` carries the index (also written as
`search-index.json`) and `static/search.js` matches in the browser.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from werkagenda.views import explore, viewpages
from werkagenda.views.lists import LISTS
from werkagenda.views.pages import Site, lang_file
from werkagenda.views.render import LANGS
from werkagenda.views.search import build_index
from werkagenda.views.whatif_static import for_script

SCRIPT = "search.js"


def write_explorer(
    store: ox.Store,
    out: Path,
    bases: tuple[str, ...],
    *,
    catalog_graph: Any,
    void_graph: Any,
    site_url: str,
) -> int:
    """Every explorer page and file under `out`; returns how many files were written."""
    site = Site.static_site(bases)
    agenda = viewpages.default_agenda(store)
    written = 0

    def put(name: str, body: bytes) -> None:
        nonlocal written
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        written += 1

    codes: list[str | None] = [None]
    if viewpages.too_large(store, agenda):
        codes.append(viewpages.WHOLE)
    codes += [code for _, code, _ in viewpages.theme_choices(store, agenda, "nl")]
    for lang in LANGS:
        put(lang_file("views/index.html", lang), explore.views_index(store, site, lang=lang))
        for name in viewpages.VIEWS:
            for code in codes:
                page = explore.view_page(store, site, name, theme=code, lang=lang)
                put(lang_file(explore.view_local(name, code) + ".html", lang), page)
                if code is None and viewpages.too_large(store, agenda):
                    continue
                csv = viewpages.view_csv(store, name, agenda=agenda, theme_code=code, lang=lang)
                put("views/" + viewpages.csv_name(name, code, lang), csv)
        for kind in LISTS:
            page = explore.list_page(store, site, kind, lang=lang)
            put(lang_file(f"lists/{kind}.html", lang), page)
        for kind in ("catalog", "void"):
            page = explore.catalog_page(
                store,
                site,
                kind,
                lang=lang,
                catalog_graph=catalog_graph,
                void_graph=void_graph,
                site_url=site_url,
            )
            put(lang_file(f"{kind}.html", lang), page)
    index = build_index(store)
    for lang in LANGS:
        data = explore.search_script_data(index, site, lang, None)
        static = {"data": for_script(data), "script": "static/" + SCRIPT}
        put(
            lang_file("search.html", lang),
            explore.search_page(None, site, query="", lang=lang, static=static),
        )
    plain = explore.search_script_data(index, site, "nl", None)
    put("search-index.json", json.dumps(plain, ensure_ascii=False, sort_keys=True).encode())
    script = files("werkagenda.views").joinpath("static").joinpath(SCRIPT).read_bytes()
    put("static/" + SCRIPT, script)
    return written
