"""The explorer pages of the static site: views (+ CSV), lists, search, catalogue and VoID.

Written by `werkagenda publish` beside the resource pages, in Dutch (`x.html`) and English
(`x.en.html`), for the latest edition; the same renderers as the server (`views/explore.py`).
A static host ignores `?q=`, so `search.html` carries the index (also written as
`search-index.json`) and `static/search.js` matches in the browser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from itertools import chain
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


Files = Iterator[tuple[str, bytes]]  # (path under the site, body)


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
    documents = {"catalog_graph": catalog_graph, "void_graph": void_graph, "site_url": site_url}
    written = 0
    for name, body in chain(
        _view_files(store, site), _list_files(store, site, documents), _search_files(store, site)
    ):
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        written += 1
    return written


def _view_files(store: ox.Store, site: Site) -> Files:
    """The views index and each view per theme (and the whole agenda), with their CSV."""
    agenda = viewpages.default_agenda(store)
    large = viewpages.too_large(store, agenda)
    codes: list[str | None] = [None, *([viewpages.WHOLE] if large else [])]
    codes += [code for _, code, _ in viewpages.theme_choices(store, agenda, "nl")]
    for lang in LANGS:
        yield lang_file("views/index.html", lang), explore.views_index(store, site, lang=lang)
        for name in viewpages.VIEWS:
            for code in codes:
                page = explore.view_page(store, site, name, theme=code, lang=lang)
                yield lang_file(explore.view_local(name, code) + ".html", lang), page
                if code is None and large:
                    continue  # the default page of a large agenda is only a picker
                csv = viewpages.view_csv(store, name, agenda=agenda, theme_code=code, lang=lang)
                yield "views/" + viewpages.csv_name(name, code, lang), csv


def _list_files(store: ox.Store, site: Site, documents: dict[str, Any]) -> Files:
    """The list pages and the catalogue and VoID as HTML."""
    for lang in LANGS:
        for kind in LISTS:
            yield (
                lang_file(f"lists/{kind}.html", lang),
                explore.list_page(store, site, kind, lang=lang),
            )
        for kind in ("catalog", "void"):
            page = explore.catalog_page(store, site, kind, lang=lang, **documents)
            yield lang_file(f"{kind}.html", lang), page


def _search_files(store: ox.Store, site: Site) -> Files:
    """search.html per language (index inlined, so it works from file://), the index, the script."""
    index = build_index(store)
    for lang in LANGS:
        data = explore.search_script_data(index, site, lang, None)
        static = {"data": for_script(data), "script": "static/" + SCRIPT}
        page = explore.search_page(None, site, query="", lang=lang, static=static)
        yield lang_file("search.html", lang), page
    plain = explore.search_script_data(index, site, "nl", None)
    yield "search-index.json", json.dumps(plain, ensure_ascii=False, sort_keys=True).encode()
    yield (
        "static/" + SCRIPT,
        files("werkagenda.views").joinpath("static").joinpath(SCRIPT).read_bytes(),
    )
