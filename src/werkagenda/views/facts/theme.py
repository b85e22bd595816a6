"""The facts of a theme's page: its ambition, goal tree, every inspanning, related initiatives."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from markupsafe import Markup

from werkagenda.views.describe import TYPE
from werkagenda.views.facts.common import WA, Context, inspanning_list, value
from werkagenda.views.pictures import matrix as coverage

DCT = "http://purl.org/dc/terms/"


def facts(c: Context) -> dict[str, Any]:
    items = inspanning_list(c, c.rows("inspanningen"))
    return {
        "code": c.text(c.iri, WA + "code"),
        "ambition": c.text(c.iri, WA + "ambitie"),
        "tree": goal_tree(c),
        "inspanningen": [i for i in items if "theme" in i["ties"]],
        "related": related(c),
        "matrix": matrix(c),
        "notes": c.notes(),
    }


def goal_tree(c: Context) -> dict[str, Any]:
    """Strategic goals with their operational goals; the rest (letter only) apart."""
    strategic: dict[str, dict[str, Any]] = {}
    loose: list[dict[str, Any]] = []
    rows = c.rows("theme-goals")
    for r in rows:
        if value(r, "level") == "strategic":
            strategic[value(r, "goal")] = {"goal": _goal(c, r["goal"]), "children": []}
    for r in rows:
        if value(r, "level") != "operational":
            continue
        parent = strategic.get(value(r, "strategic"))
        (parent["children"] if parent else loose).append(_goal(c, r["goal"]))
    return {"strategic": list(strategic.values()), "loose": loose}


def _goal(c: Context, term: object) -> dict[str, Any]:
    assert isinstance(term, ox.NamedNode)
    return {
        "ref": c.ref(term),
        "text": c.text(term.value, DCT + "description"),
        "letter": c.text(term.value, WA + "letter"),
        "letter_only": c.text(term.value, WA + "kolom") == "X",
    }


def related(c: Context) -> list[dict[str, Any]]:
    """Listings of related initiatives in the theme, and initiatives its inspanningen name."""
    out: dict[str, dict[str, Any]] = {}
    for r in c.rows("related"):
        initiative, listing = r.get("initiative"), r.get("listing")
        key = value(r, "initiative") or value(r, "listing")
        item = out.setdefault(
            key,
            {
                "ref": c.ref(initiative) or c.ref(listing),
                "lists": [],
                "via": [],
            },
        )
        lst, via = c.label(r.get("list")), c.ref(r.get("via"))
        if lst and lst not in item["lists"]:
            item["lists"].append(lst)
        if via and via not in item["via"]:
            item["via"].append(via)
    return sorted(out.values(), key=lambda i: i["ref"]["label"].lower())


def matrix(c: Context) -> dict[str, Any] | None:
    """The theme's coverage matrix: its SVG (every text escaped by the picture) and table."""
    theme_type = ox.NamedNode(WA + "PrioritaireOpgave")
    agendas = [  # an agenda is the named graph its facts are in
        q.graph_name.value
        for q in c.store.quads_for_pattern(ox.NamedNode(c.iri), TYPE, theme_type)
        if isinstance(q.graph_name, ox.NamedNode)
    ]
    if not agendas:
        return None
    picture = coverage.build(c.store, agendas[0], theme=c.iri, lang=c.lang, memo=c.memo)
    if picture.empty:
        return {"title": picture.title, "empty": picture.empty_message}
    rows = [
        [
            {
                "text": cell.text,
                "href": c.lk.href(cell.iri) if cell.iri else None,
                "status": cell.status or "",
            }
            for cell in row
        ]
        for row in picture.rows
    ]
    return {
        "title": picture.title,
        "description": picture.description,
        "svg": Markup(picture.svg),  # built by pictures.svg, which escapes every text
        "columns": list(picture.columns),
        "rows": rows,
        "empty": "",
    }
