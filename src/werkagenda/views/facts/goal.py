"""The facts of a goal's page: its text and place, the inspanningen serving it, aandachtspunten."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from werkagenda.views.facts.common import WA, Context, inspanning_list, value

DCT = "http://purl.org/dc/terms/"


def facts(c: Context) -> dict[str, Any]:
    rows = c.rows("goal")
    first = rows[0] if rows else {}
    children, points = [], []
    for r in rows:
        child, point = c.ref(r.get("child")), c.ref(r.get("point"))
        if child and child not in children:
            children.append(child)
        if point and point not in points:
            points.append(point)
    items = inspanning_list(c, c.rows("inspanningen"))
    return {
        "level": value(first, "level"),
        "theme": c.ref(first.get("theme")),
        "column": value(first, "column"),
        "letter": value(first, "letter"),
        "letter_only": value(first, "column") == "X",
        "text": c.text(c.iri, DCT + "description"),
        "strategic": c.ref(first.get("strategic")),
        "strategic_text": _text(c, first.get("strategic")),
        "children": sorted(children, key=lambda g: g["label"]),
        "inspanningen": [i for i in items if {"goal", "subgoal"} & set(i["ties"])],
        "points": sorted(points, key=lambda p: p["label"]),
        "notes": c.notes(),
        "code": c.text(c.iri, "http://www.w3.org/2004/02/skos/core#notation"),
        "wa_code": c.text(c.iri, WA + "code"),
    }


def _text(c: Context, term: object) -> str:
    return c.text(term.value, DCT + "description") if isinstance(term, ox.NamedNode) else ""
