"""Worker jobs of the explorer pages (views, search, lists, catalogue page); see views/explore.py.

Each runs in a query worker over its read-only store; the search index is built once per
worker, on the first search, and kept.
"""

from __future__ import annotations

from typing import Any

from werkagenda.errors import InputError
from werkagenda.serve import negotiation as neg
from werkagenda.serve.execute import Reply
from werkagenda.serve.protocol import Refused
from werkagenda.views import explore, viewpages
from werkagenda.views.lists import LISTS
from werkagenda.views.search import Index, build_index

_INDEX: dict[int, Index] = {}  # id(state) -> the worker's search index


def _agenda(agenda: str | None) -> str | None:
    """An agenda IRI from `region/edition` (None: the latest edition); bad input is a 400."""
    if not agenda:
        return None
    from werkagenda.query.params import select_agenda

    try:
        return str(select_agenda({"agenda": agenda})["agenda"])
    except InputError as e:
        raise Refused(400, str(e)) from None


def _known_agenda(state: Any, agenda: str | None) -> str | None:
    iri = _agenda(agenda)
    if iri is not None and iri not in {a["agenda"] for a in viewpages.agendas(state.store)}:
        raise Refused(404, f"Not found: no agenda {agenda!r} in this dataset.")
    return iri


def view_page(state: Any, *, name: str, theme: str | None, lang: str, agenda: str | None) -> Reply:
    if name not in viewpages.VIEWS:
        raise Refused(404, f"Not found: no view {name!r}; views: {', '.join(viewpages.VIEWS)}.")
    try:
        body = explore.view_page(
            state.store,
            state.site,
            name,
            theme=theme,
            lang=lang,
            agenda=_known_agenda(state, agenda),
        )
    except InputError as e:
        raise Refused(404, f"Not found: {e}.") from None
    return Reply(200, neg.HTML.content_type, body, {})


def view_csv(state: Any, *, name: str, theme: str | None, lang: str, agenda: str | None) -> Reply:
    if name not in viewpages.VIEWS:
        raise Refused(404, f"Not found: no view {name!r}.")
    iri = _known_agenda(state, agenda) or viewpages.default_agenda(state.store)
    try:
        body = viewpages.view_csv(state.store, name, agenda=iri, theme_code=theme, lang=lang)
    except InputError as e:
        raise Refused(404, f"Not found: {e}.") from None
    filename = viewpages.csv_name(name, theme if theme != viewpages.WHOLE else None, lang)
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Reply(200, "text/csv; charset=utf-8", body, headers)


def views_index(state: Any, *, lang: str, agenda: str | None) -> Reply:
    body = explore.views_index(
        state.store, state.site, lang=lang, agenda=_known_agenda(state, agenda)
    )
    return Reply(200, neg.HTML.content_type, body, {})


def search_index(state: Any) -> Index:
    found = _INDEX.get(id(state))
    if found is None:
        found = _INDEX[id(state)] = build_index(state.store)
    return found


def search_page(state: Any, *, query: str, lang: str, agenda: str | None) -> Reply:
    body = explore.search_page(
        search_index(state), state.site, query=query, lang=lang, agenda=_agenda(agenda)
    )
    return Reply(200, neg.HTML.content_type, body, {})


def list_page(state: Any, *, kind: str, lang: str, agenda: str | None) -> Reply:
    if kind not in LISTS:
        raise Refused(404, f"Not found: no list {kind!r}; lists: {', '.join(LISTS)}.")
    body = explore.list_page(
        state.store, state.site, kind, lang=lang, agenda=_known_agenda(state, agenda)
    )
    return Reply(200, neg.HTML.content_type, body, {})


def catalog_page(state: Any, *, kind: str, lang: str, site: dict[str, str]) -> Reply:
    """/catalog or /void as a human page, read from the graphs the RDF answers carry."""
    from werkagenda.editions.versions import edition_versions
    from werkagenda.metadata.dcat import catalog_graph
    from werkagenda.metadata.stats import Site, collect, themes
    from werkagenda.metadata.void import void_graph

    stats, where = collect(state.store), Site(**site)
    dcat = catalog_graph(stats, where, themes(state.store), versions=edition_versions(state.store))
    body = explore.catalog_page(
        state.store,
        state.site,
        kind,
        lang=lang,
        catalog_graph=dcat,
        void_graph=void_graph(stats, where),
        site_url=where.site_url,
    )
    return Reply(200, neg.HTML.content_type, body, {})


JOBS = {
    f.__name__: f for f in (view_page, view_csv, views_index, search_page, list_page, catalog_page)
}
