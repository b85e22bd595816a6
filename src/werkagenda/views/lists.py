"""List pages, one per main kind: inspanningen, organisations, goals, aandachtspunten.

Each is a function of the store, the agenda and the language; links come from `href`. The
facts are read with the queries of `queries/internal/views/` (the pictures' queries where
they already hold them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from werkagenda.views.pictures import data
from werkagenda.views.pictures.labels import SHADES, least_settled, status_token
from werkagenda.views.render import t

LISTS = ("inspanningen", "organisaties", "doelen", "aandachtspunten")
Href = Callable[[str], str | None]


def cell(text: str, href: str = "", status: str = "") -> dict[str, str]:
    return {"text": text, "href": href, "status": status}


def list_model(store: ox.Store, kind: str, *, agenda: str, lang: str, href: Href) -> dict[str, Any]:
    """The table of one list page: title, column heads and rows of cells."""
    scope = data.Scope(agenda, None, lang)
    build = {
        "inspanningen": _inspanningen,
        "organisaties": _organisations,
        "doelen": _goals,
        "aandachtspunten": _points,
    }[kind]
    columns, rows = build(store, scope, href)
    return {
        "kind": kind,
        "title": t(f"list_{kind}", lang),
        "columns": [t(c, lang) for c in columns],
        "rows": rows,
        "count": len(rows),
        "others": [{"kind": k, "title": t(f"list_{k}", lang)} for k in LISTS if k != kind],
    }


def _themes(store: ox.Store, scope: data.Scope) -> dict[str, tuple[str, str]]:
    return data.themes(store, scope)


def _inspanningen(store: ox.Store, scope: data.Scope, href: Href) -> tuple[list[str], list]:
    themes = _themes(store, scope)
    initiators: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in data.select(store, "parties", scope):
        if r["role"] == "initiator":
            pair = (str(r["name"] or r["party"]), str(r["party"]))
            if pair not in initiators[str(r["i"])]:
                initiators[str(r["i"])].append(pair)
    statuses: dict[str, list[str]] = defaultdict(list)
    labels: dict[str, set[str]] = defaultdict(set)
    for r in data.select(store, "fundings", scope):
        statuses[str(r["i"])].append(status_token(r["statusNotation"]))
        if r["statusLabel"]:
            labels[str(r["i"])].add(str(r["statusLabel"]))
    rows = []
    for r in data.select(store, "inspanningen", scope):
        i = str(r["i"])
        theme = str(r["theme"])
        code, label = themes.get(theme, (str(r["themeCode"]), ""))
        token = least_settled(statuses.get(i, []))
        names = sorted(initiators.get(i, []))
        rows.append(
            [
                cell(str(r["code"]), href(i) or ""),
                cell(str(r["title"]), href(i) or ""),
                cell(f"{code} — {label}" if label else code, href(theme) or ""),
                {
                    "text": "",
                    "links": [{"text": n, "href": href(p) or ""} for n, p in names],
                    "status": "",
                },
                cell(
                    "; ".join(sorted(labels.get(i, set()))) or t("none_stated", scope.lang),
                    "",
                    token if token in SHADES else "",
                ),
            ]
        )
    return ["col_code", "col_title", "col_theme", "col_initiators", "col_funding"], rows


def _organisations(store: ox.Store, scope: data.Scope, href: Href) -> tuple[list[str], list]:
    rows = [
        [
            cell(str(r["name"]), href(str(r["party"])) or ""),
            cell(str(r["kind"] or "")),
            cell(str(r["initiates"])),
            cell(str(r["involved"])),
        ]
        for r in data.select(store, "organisations", scope)
    ]
    return ["col_name", "col_kind", "col_initiates", "col_involved"], rows


def _goals(store: ox.Store, scope: data.Scope, href: Href) -> tuple[list[str], list]:
    themes = _themes(store, scope)
    serving: dict[str, list[tuple[str, str]]] = defaultdict(list)
    codes = {str(r["i"]): str(r["code"]) for r in data.select(store, "inspanningen", scope)}
    for r in data.select(store, "goal-links", scope):
        i = str(r["i"])
        serving[str(r["goal"])].append((codes.get(i, i.rsplit("/", 1)[-1]), i))
    rows = []
    for r in data.select(store, "goals", scope):
        goal, theme = str(r["goal"]), str(r["theme"])
        code, label = themes.get(theme, (str(r["themeCode"]), ""))
        served = sorted(set(serving.get(goal, [])))
        rows.append(
            [
                cell(str(r["label"]), href(goal) or ""),
                cell(f"{code} — {label}" if label else code, href(theme) or ""),
                cell(str(r["text"] or t("none_stated", scope.lang))),
                {
                    "text": "" if served else "0",
                    "links": [{"text": c, "href": href(i) or ""} for c, i in served],
                    "status": "" if served else "uncovered",
                },
            ]
        )
    return ["col_goal", "col_theme", "col_goal_text", "col_served_by"], rows


def _points(store: ox.Store, scope: data.Scope, href: Href) -> tuple[list[str], list]:
    points: dict[str, dict[str, Any]] = {}
    for r in data.select(store, "aandachtspunten", scope):
        p = points.setdefault(
            str(r["point"]),
            {"row": (str(r["notation"] or ""), str(r["label"]), str(r["text"] or "")), "goals": []},
        )
        if r["goal"]:
            p["goals"].append({"text": str(r["goalLabel"]), "href": href(str(r["goal"])) or ""})
    rows = [
        [
            cell(p["row"][0], href(iri) or ""),
            cell(p["row"][1], href(iri) or ""),
            cell(p["row"][2]),
            {"text": "" if p["goals"] else "–", "links": p["goals"], "status": ""},
        ]
        for iri, p in points.items()
    ]
    return ["col_code", "col_name", "col_description", "col_goals_touched"], rows
