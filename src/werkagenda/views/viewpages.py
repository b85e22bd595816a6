"""The four views as pages: the picture, how to read it, its legend, its table and its CSV.

A view page is a function of the store, the view's name, the agenda, an optional theme code
and the language. Links to resources come from `href` (a `Linker.href`), links to other view
pages from `link(name, theme, lang)`, so the same model serves the live site
(`/views/matrix?theme=VOW&lang=en`) and the static one (`views/matrix-VOW.en.html`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from markupsafe import Markup

from werkagenda.errors import InputError
from werkagenda.query.execute import select
from werkagenda.query.files import read_query
from werkagenda.views.pictures import Picture, data, funding, matrix, network, timeline
from werkagenda.views.pictures.labels import SHADES
from werkagenda.views.pictures.svg import ALERT_BG
from werkagenda.views.pictures.timeline import CONDITIONAL_BG, KINDS
from werkagenda.views.render import t

VIEWS = {"matrix": matrix, "funding": funding, "network": network, "timeline": timeline}
WHOLE = "all"  # ?theme=all: the whole agenda, when it is too large to be the default
WHOLE_AGENDA_LIMIT = 150  # inspanningen: above this a view starts at its theme picker

Href = Callable[[str], str | None]
Link = Callable[[str, str | None, str], str]  # (view name or "index", theme code, lang) -> URL


def agendas(store: ox.Store) -> list[dict[str, str]]:
    """Every agenda with title, region and edition (IRI order)."""
    result = select(
        store, read_query("internal/serve/agenda-metadata"), use_default_graph_as_union=True
    )
    names = [v.value for v in result.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in result]


def default_agenda(store: ox.Store) -> str:
    """The latest edition of the first region in the store (Gezonde Marke's latest)."""
    from werkagenda.config import DEFAULT_AGENDA_IRI
    from werkagenda.editions.versions import latest_agenda

    found = latest_agenda(agendas(store))
    return found.get("agenda", DEFAULT_AGENDA_IRI)


def fill_of(token: str | None) -> str | None:
    """The fill of a status token, as the picture draws it (None for no shading)."""
    if token is None:
        return None
    if token in SHADES:
        return SHADES[token].fill
    if token in KINDS:
        return KINDS[token][1]
    return {"uncovered": ALERT_BG, "conditional": CONDITIONAL_BG}.get(token)


def code_of(token: str, lang: str) -> str:
    """The short text token printed beside a shade (never colour alone)."""
    if token in SHADES:
        return SHADES[token].code[lang]
    if token in KINDS:
        return KINDS[token][0]
    return {"uncovered": "!", "conditional": "⚑"}.get(token, "")


@dataclass(frozen=True)
class Scope:
    agenda: str
    theme_code: str | None  # None: the whole agenda
    lang: str


def theme_choices(store: ox.Store, agenda: str, lang: str) -> list[tuple[str, str, str]]:
    """(theme IRI, code, label) of the agenda's themes, in code order."""
    found = data.themes(store, data.Scope(agenda, None, lang))
    return [(iri, code, label) for iri, (code, label) in found.items()]


def resolve_theme(store: ox.Store, agenda: str, code: str | None, lang: str) -> str | None:
    """The theme IRI of `code` (None for the whole agenda); an unknown code is an InputError."""
    if not code or code == WHOLE:
        return None
    for iri, known, _ in theme_choices(store, agenda, lang):
        if known.lower() == code.lower():
            return iri
    codes = ", ".join(c for _, c, _ in theme_choices(store, agenda, lang)) or "none"
    raise InputError(f"unknown theme {code!r}; this agenda's themes: {codes}")


def picture(store: ox.Store, name: str, scope: Scope) -> Picture:
    if name not in VIEWS:
        raise InputError(f"unknown view {name!r}; views: {', '.join(VIEWS)}")
    theme = resolve_theme(store, scope.agenda, scope.theme_code, scope.lang)
    return VIEWS[name].build(store, scope.agenda, theme=theme, lang=scope.lang)


def too_large(store: ox.Store, agenda: str) -> bool:
    """Whether the agenda is too large for a whole-agenda view to be the default."""
    rows = data.select(store, "inspanningen", data.Scope(agenda, None, "nl"))
    return len(rows) > WHOLE_AGENDA_LIMIT


def picker(
    store: ox.Store, name: str, scope: Scope, link: Link, *, code: str | None, large: bool
) -> list[dict[str, Any]]:
    """The whole agenda and each theme, as links to this view; the current one marked."""
    items = [
        {
            "href": link(name, WHOLE if large else None, scope.lang),
            "code": "",
            "label": t("view_whole", scope.lang),
            "current": code in (None, WHOLE),
        }
    ]
    for _, theme_code, label in theme_choices(store, scope.agenda, scope.lang):
        items.append(
            {
                "href": link(name, theme_code, scope.lang),
                "code": theme_code,
                "label": label,
                "current": (code or "").lower() == theme_code.lower(),
            }
        )
    return items


def table(pic: Picture, href: Href, lang: str) -> dict[str, Any]:
    """The picture's table with each cell's link, shade and text token."""
    heads = []
    for n, column in enumerate(pic.columns):
        iri = pic.column_iris[n] if n < len(pic.column_iris) else None
        heads.append({"text": column, "href": (href(iri) or "") if iri else ""})
    rows = []
    for row in pic.rows:
        cells = []
        for n, cell in enumerate(row):
            token = cell.status if cell.text else None
            cells.append(
                {
                    "text": cell.text,
                    "href": (href(cell.iri) or "") if cell.iri else "",
                    "status": token or "",
                    "fill": fill_of(token),
                    "code": code_of(token, lang) if token else "",
                    "label": pic.columns[n] if n < len(pic.columns) else "",
                }
            )
        rows.append(cells)
    return {"columns": heads, "rows": rows}


def legend(pic: Picture, lang: str) -> list[dict[str, str | None]]:
    out = []
    for token, label in pic.legend:
        code = code_of(token, lang)
        out.append(
            {
                "token": token,
                "label": label,
                "fill": fill_of(token),
                "code": "" if label.startswith(code) else code,  # the timeline's carry it
            }
        )
    return out


def view_model(
    store: ox.Store,
    name: str,
    *,
    agenda: str,
    theme_code: str | None,
    lang: str,
    href: Href,
    link: Link,
    csv_link: Link,
) -> dict[str, Any]:
    """Everything `view.html` shows for one view of one agenda or theme."""
    scope = Scope(agenda, theme_code, lang)
    views = [
        {"name": n, "href": link(n, theme_code, lang), "current": n == name, "title": ""}
        for n in VIEWS
    ]
    for v in views:
        v["title"] = t(f"view_{v['name']}", lang)
    large = too_large(store, agenda)
    base: dict[str, Any] = {
        "name": name,
        "views": views,
        "picker": picker(store, name, scope, link, code=theme_code, large=large),
        "how": t(f"view_{name}_how", lang),
        "index": link("index", None, lang),
    }
    if theme_code is None and large:
        return {
            **base,
            "title": t(f"view_{name}", lang),
            "pick_first": True,
            "picture": None,
        }
    pic = picture(store, name, scope)
    return {
        **base,
        "title": pic.title,
        "pick_first": False,
        "picture": {
            "svg": Markup(pic.svg),  # built as an element tree: every text escaped (svg.py)
            "width": pic.width,
            "description": pic.description,
            "empty": pic.empty,
            "empty_message": pic.empty_message,
            "legend": legend(pic, lang),
            "table": table(pic, href, lang),
            "csv": csv_link(name, theme_code, lang),
            "csv_name": csv_name(name, theme_code, lang),
        },
    }


def csv_name(name: str, theme_code: str | None, lang: str) -> str:
    """`matrix.csv`, `matrix-VOW.csv`, `matrix-VOW.en.csv`."""
    stem = name + (f"-{theme_code}" if theme_code else "")
    return stem + (".en" if lang == "en" else "") + ".csv"


def view_csv(
    store: ox.Store, name: str, *, agenda: str, theme_code: str | None, lang: str
) -> bytes:
    """The view's table as CSV (UTF-8 with BOM, so spreadsheets read the accents)."""
    pic = picture(store, name, Scope(agenda, theme_code, lang))
    return ("\ufeff" + pic.csv()).encode("utf-8")


def index_model(store: ox.Store, *, agenda: str, lang: str, link: Link) -> dict[str, Any]:
    """The views index: each view with its explanation, for the agenda and for each theme."""
    themes = theme_choices(store, agenda, lang)
    return {
        "title": t("views", lang),
        "views": [
            {
                "name": n,
                "title": t(f"view_{n}", lang),
                "how": t(f"view_{n}_how", lang),
                "whole": link(n, None, lang),
                "themes": [
                    {"code": code, "label": label, "href": link(n, code, lang)}
                    for _, code, label in themes
                ],
            }
            for n in VIEWS
        ],
    }
