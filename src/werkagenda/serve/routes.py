"""Routes other than /sparql: landing, editor, named-query API, dereferencing, documents."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from werkagenda.serve import explore_routes, named
from werkagenda.serve import negotiation as neg
from werkagenda.serve.execute import Reply
from werkagenda.serve.http import (
    CORS,
    HTTPError,
    cached,
    cached_response,
    lang_of,
    respond,
    site_urls,
)

STATIC = {
    "style.css": "text/css; charset=utf-8",
    "editor.js": "text/javascript; charset=utf-8",
    "search.js": "text/javascript; charset=utf-8",
}
STATIC_FILES = {
    name: files("werkagenda.views").joinpath("static").joinpath(name).read_bytes()
    for name in STATIC
}
DOCUMENTS = {"catalog": "catalog", "void": "void"}


def html(body: bytes) -> Response:
    return Response(body, media_type=neg.HTML.content_type)


async def landing(request: Request) -> Response:
    lang = lang_of(request)
    urls = {
        "downloads": "/downloads/",
        "whatif": "/whatif" if lang == "nl" else "/whatif?lang=en",
        "sparql": "/sparql",
        "query": "/query",
        "ontology": "/def",
        "catalog": "/catalog",
        "void": "/void",
        "feed": "/feed/",
        "base": request.app.state.settings.base_iri,
    }
    return html(await cached(request, ("landing", lang), "landing", lang=lang, urls=urls))


async def editor(request: Request) -> Response:
    lang = lang_of(request)
    return html(await cached(request, ("editor", lang), "editor", lang=lang))


async def named_list(request: Request) -> Response:
    found = await cached(request, ("named",), "named_list")
    return Response(
        json.dumps(found, ensure_ascii=False), media_type="application/json", headers=CORS
    )


def named_plan(
    name: str, params: Mapping[str, str], accept: str | None
) -> tuple[tuple, dict[str, Any]]:
    """The cache key and the worker job's arguments of `/api/queries/<name>/run`.

    >>> json = "application/sparql-results+json"
    >>> named_plan("q", {}, json)[0] == named_plan("q", {}, json + ";q=0.9, */*;q=0.1")[0]
    True
    """
    values: dict[str, str | list[str]] = {}
    for k, v in params.multi_items() if hasattr(params, "multi_items") else params.items():
        if k == "format":
            continue
        previous = values.get(k)  # a name given twice is a `many` parameter's list
        values[k] = v if previous is None else [*_as_list(previous), v]
    format_key = params.get("format")
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items())
    # keyed on the format the answer is in, never the raw Accept (any string a client sends)
    fmt = (neg.by_key(format_key, neg.RESULT_FORMATS) if format_key else None) or neg.choose(
        accept, neg.RESULT_FORMATS
    )
    key = ("named", name, frozen, format_key if fmt is None else fmt.key)
    return key, {"name": name, "values": values, "accept": accept, "format_key": format_key}


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


async def named_run(request: Request) -> Response:
    key, job = named_plan(
        request.path_params["name"], request.query_params, request.headers.get("accept")
    )
    keep = named.cacheable(job["name"])
    return await cached_response(
        request,
        key,
        "named_run",
        vary=True,
        cors=True,
        user_query=True,
        keep=keep,
        lane="idle",
        **job,
    )


def _format(
    request: Request, suffix_fmt: neg.Format | None, offered: tuple[neg.Format, ...]
) -> neg.Format:
    """Suffix beats ?format= beats Accept; nothing acceptable is a 406 listing what is."""
    return pick_format(
        suffix_fmt, request.query_params.get("format"), request.headers.get("accept"), offered
    )


def pick_format(
    suffix_fmt: neg.Format | None,
    key: str | None,
    accept: str | None,
    offered: tuple[neg.Format, ...],
) -> neg.Format:
    fmt = suffix_fmt or (neg.by_key(key, offered) if key else neg.choose(accept, offered))
    if fmt is None:
        raise HTTPError(
            406,
            "Not acceptable. This resource is available as: " + neg.listing(offered),
            {"Vary": "Accept"},
        )
    return fmt


def deref_plan(
    bases: tuple[str, ...], path: str, params: Mapping[str, str], accept: str | None
) -> tuple[tuple, dict[str, Any]]:
    """The cache key and the worker job's arguments of dereferencing `/id/<path>`.

    Pure (no I/O), so the ASGI front can answer a cached page without routing; raises
    HTTPError 406 when nothing offered is acceptable.
    """
    local = "id/" + path
    stem, suffix_fmt = neg.split_suffix(local)
    lang = "en" if params.get("lang") == "en" else "nl"
    try:
        page_no = max(0, min(int(params.get("page", "0")), 10_000))
    except ValueError:
        page_no = 0
    if suffix_fmt is not None:
        candidates = [(base + stem, suffix_fmt.key) for base in bases]
    else:
        fmt = pick_format(None, params.get("format"), accept, neg.PAGE_FORMATS)
        candidates = [(base + local, fmt.key) for base in bases]
        if "." in local.rsplit("/", 1)[-1]:  # `treant.xyz`: an unknown suffix on a known IRI
            candidates += [(base + local.rsplit(".", 1)[0], "?") for base in bases]
    self_path = "/" + (stem if suffix_fmt else local)
    html_wanted = neg.choose(accept, (neg.HTML, *neg.RDF_FORMATS)) is neg.HTML
    key = ("deref", tuple(candidates), lang, page_no, html_wanted)
    job = {
        "candidates": candidates,
        "lang": lang,
        "page_no": page_no,
        "self_path": self_path,
        "html": html_wanted,
    }
    return key, job


async def resource(request: Request) -> Response:
    """Dereference `/id/...`: the IRI under each configured base, by Accept or suffix."""
    key, job = deref_plan(
        request.app.state.settings.bases,
        request.path_params["path"],
        request.query_params,
        request.headers.get("accept"),
    )
    return await cached_response(request, key, "deref", vary=True, lane="idle", **job)


async def ontology(request: Request) -> Response:
    """The ontology IRI /def: pyLODE HTML (nl or en) or the ontology's RDF."""
    suffix = request.path_params.get("suffix", "")
    suffix_fmt = neg.by_key(suffix, neg.RDF_FORMATS) if suffix else None
    if suffix and suffix_fmt is None:
        raise HTTPError(
            406, "Not acceptable. The ontology is available as: " + neg.listing(neg.PAGE_FORMATS)
        )
    fmt = _format(request, suffix_fmt, neg.PAGE_FORMATS)
    lang = lang_of(request)
    reply: Reply = await cached(
        request, ("def", fmt.key, lang), "ontology", format_key=fmt.key, lang=lang
    )
    response = respond(reply)
    if fmt is neg.HTML:  # pyLODE inlines its stylesheet
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        )
    return response


async def document(request: Request) -> Response:
    """/catalog (DCAT-AP-NL) and /void, with their suffix forms, in any RDF format."""
    kind = DOCUMENTS[request.url.path.strip("/").split(".")[0]]
    suffix = request.path_params.get("suffix", "")
    suffix_fmt = neg.by_key(suffix, neg.RDF_FORMATS) if suffix else None
    if suffix and suffix_fmt is None:
        raise HTTPError(406, "Not acceptable. Available as: " + neg.listing(neg.RDF_FORMATS))
    if explore_routes.wants_html(request):
        return await explore_routes.document_page(request, kind)
    fmt = _format(request, suffix_fmt, neg.RDF_FORMATS)
    urls = site_urls(request)
    reply = await cached(
        request,
        (kind, fmt.key, urls["site_url"]),
        "metadata",
        kind=kind,
        format_key=fmt.key,
        site=urls,
    )
    return respond(reply, cors=True)


async def download(request: Request) -> Response:
    from werkagenda.metadata.downloads import ALL, CSVW_NAME

    name = request.path_params["name"]
    if name not in ALL and name != CSVW_NAME:
        raise HTTPError(404, "Not found: no such download.")
    body = await cached(request, ("download", name), "download", name=name)
    media = "application/csvm+json" if name == CSVW_NAME else ALL[name].media_type
    media += "; charset=utf-8" if media.startswith("text/") else ""
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"', **CORS},
    )


async def jsonld_context(request: Request) -> Response:
    """`/def/context.jsonld`: the JSON-LD `@context` of the exports (ontology/context.jsonld)."""
    from werkagenda.export import CONTEXT_FILE

    return Response(
        CONTEXT_FILE.read_bytes(),
        media_type="application/ld+json",
        headers={**CORS, "Cache-Control": "public, max-age=3600"},
    )


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC:
        raise HTTPError(404, "Not found.")
    return Response(
        STATIC_FILES[name],
        media_type=STATIC[name],
        headers={"Cache-Control": "public, max-age=3600"},
    )
