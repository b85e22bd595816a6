"""Routes of the explorer pages: /views/…, /search, /lists/…, and /catalog, /void as HTML.

The pages are rendered by query workers (`serve/explore_jobs.py`) and kept in the response
cache (the store cannot change while serving). URLs are listed in `views/explore.py`.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from werkagenda.serve import negotiation as neg
from werkagenda.serve.http import cached_response, lang_of, site_urls

MAX_QUERY = 200  # characters of a search that are kept


def _agenda(request: Request) -> str | None:
    return request.query_params.get("agenda") or None


async def views_index(request: Request) -> Response:
    lang, agenda = lang_of(request), _agenda(request)
    return await cached_response(
        request, ("views", lang, agenda), "views_index", vary=False, lang=lang, agenda=agenda
    )


async def view(request: Request) -> Response:
    """/views/<name> (the page) or /views/<name>.csv (its table)."""
    name = request.path_params["name"]
    lang, agenda = lang_of(request), _agenda(request)
    theme = request.query_params.get("theme") or None
    job = "view_page"
    if name.endswith(".csv"):
        name, job = name.removesuffix(".csv"), "view_csv"
    return await cached_response(
        request,
        (job, name, theme, lang, agenda),
        job,
        vary=False,
        name=name,
        theme=theme,
        lang=lang,
        agenda=agenda,
    )


async def search(request: Request) -> Response:
    query = request.query_params.get("q", "")[:MAX_QUERY]
    lang, agenda = lang_of(request), _agenda(request)
    return await cached_response(
        request,
        ("search", query, lang, agenda),
        "search_page",
        vary=False,
        query=query,
        lang=lang,
        agenda=agenda,
    )


async def list_page(request: Request) -> Response:
    kind = request.path_params["kind"]
    lang, agenda = lang_of(request), _agenda(request)
    return await cached_response(
        request,
        ("list", kind, lang, agenda),
        "list_page",
        vary=False,
        kind=kind,
        lang=lang,
        agenda=agenda,
    )


def wants_html(request: Request) -> bool:
    """Whether a /catalog or /void request without suffix and ?format= is a browser's.

    RDF formats come first in the offer, so a tie (`*/*`, or no Accept at all) is RDF; HTML
    only wins when it is preferred (a browser's `text/html,…`).
    """
    if request.path_params.get("suffix") or request.query_params.get("format"):
        return False
    offered = (*neg.RDF_FORMATS, neg.HTML)
    return neg.choose(request.headers.get("accept"), offered) is neg.HTML


async def document_page(request: Request, kind: str) -> Response:
    lang, urls = lang_of(request), site_urls(request)
    return await cached_response(
        request,
        ("catalog_page", kind, lang, urls["site_url"]),
        "catalog_page",
        vary=True,
        kind=kind,
        lang=lang,
        site=urls,
    )


ROUTES = [
    Route("/views", views_index),
    Route("/views/", views_index),
    Route("/views/{name}", view),
    Route("/search", search),
    Route("/lists/{kind}", list_page),
]
