"""The facts of an organisation's page: its kind, names, and its portfolio by theme."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from werkagenda.views.facts.common import SKOS, Context, by_theme, inspanning_list

ROLES = ("initiator", "involved", "association")


def facts(c: Context) -> dict[str, Any]:
    rows = c.rows("organisation")
    items = inspanning_list(c, c.rows("inspanningen"))
    portfolio = {role: by_theme([i for i in items if role in i["ties"]]) for role in ROLES}
    return {
        "classes": _refs(c, rows, "class"),
        "kinds": _refs(c, rows, "kind"),
        "parents": _refs(c, rows, "parent"),
        "members": _refs(c, rows, "member"),
        "names": _names(c),
        "scope": c.text(c.iri, SKOS + "scopeNote"),
        "portfolio": portfolio,
        "counts": {role: sum(len(g["items"]) for g in portfolio[role]) for role in ROLES},
        "notes": c.notes(),
    }


def _refs(c: Context, rows: list[Any], key: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for r in rows:
        ref = c.ref(r.get(key))
        if ref and ref not in found:
            found.append(ref)
    return sorted(found, key=lambda f: f["label"].lower())


def _names(c: Context) -> list[str]:
    """Every name the organisation goes by other than its label, in any language."""
    main = c.d.label(ox.NamedNode(c.iri), c.lang)
    names = set()
    for pred in ("prefLabel", "altLabel", "hiddenLabel"):
        names.update(c.texts(c.iri, SKOS + pred))
    return sorted(n for n in names if n != main)
