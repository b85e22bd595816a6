"""The facts of an inspanning's page: who, with what money, when, under which conditions, why."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from werkagenda.views.facts.common import WA, Context, value
from werkagenda.views.pictures.labels import SHADES, status_token

LETTER_ONLY = "https://w3id.org/iza-werkagenda/id/concept/oplossing/alleen-letter"


def facts(c: Context) -> dict[str, Any]:
    return {
        "code": c.text(c.iri, WA + "code"),
        "theme": c.ref(_first(c, WA + "binnenOpgave")),
        "parties": parties(c),
        "funding": funding(c),
        "planning": planning(c),
        "conditions": conditions(c),
        "scale": scale(c),
        "goals": goals(c),
        "links": links(c),
        "notes": c.notes(),
    }


def _first(c: Context, pred: str) -> ox.NamedNode | None:
    for q in c.store.quads_for_pattern(ox.NamedNode(c.iri), ox.NamedNode(pred), None):
        if isinstance(q.object, ox.NamedNode):
            return q.object
    return None


def parties(c: Context) -> dict[str, list[dict[str, Any]]]:
    """Initiators, involved parties and the qualified associations (role, on behalf of)."""
    out: dict[str, list[dict[str, Any]]] = {"initiator": [], "involved": [], "association": []}
    for r in c.rows("inspanning-parties"):
        entry = {
            "party": c.ref(r["party"]),
            "role": c.label(r.get("roleConcept")),
            "namens": c.ref(r.get("namens")),
            "note": value(r, "note"),
        }
        if entry not in out[value(r, "role")]:
            out[value(r, "role")].append(entry)
    for group in out.values():
        group.sort(key=lambda e: (e["party"] or {}).get("label", "").lower())
    return out


def funding(c: Context) -> list[dict[str, Any]]:
    """One row per arrangement: a human label, instrument, status, certainty, application."""
    out = []
    for r in c.rows("inspanning-funding"):
        source = c.label(r.get("source"))
        token = status_token(value(r, "statusNotation") or None)
        out.append(
            {
                "ref": c.ref(r["funding"]),
                "source": c.ref(r.get("source")),
                "source_label": source,
                "broader": c.label(r.get("broader")),
                "status": c.label(r.get("status")),
                "token": token,
                "fill": SHADES[token].fill,
                "certainty": c.label(r.get("certainty")),
                "application": c.ref(r.get("application")),
                "application_status": c.label(r.get("applicationStatus")),
                "financier": c.ref(r.get("financier")),
                "via": c.ref(r.get("via")),
                "text": value(r, "text"),
            }
        )
    return out


def planning(c: Context) -> list[dict[str, Any]]:
    """Milestones with their kind and quarters (in quarter order), verbatim text."""
    by_milestone: dict[str, dict[str, Any]] = {}
    for r in c.rows("inspanning-planning"):
        m = by_milestone.setdefault(
            value(r, "milestone"),
            {"kind": c.label(r.get("kind")), "quarters": [], "text": value(r, "text")},
        )
        quarter = value(r, "quarterNotation") or c.label(r.get("quarter"))
        if quarter and quarter not in m["quarters"]:
            m["quarters"].append(quarter)
    items = list(by_milestone.values())
    for m in items:
        m["quarters"].sort()
    return sorted(items, key=lambda m: (m["quarters"][:1] or ["9999"], m["text"]))


def conditions(c: Context) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in c.rows("inspanning-conditions"):
        item = found.setdefault(
            value(r, "condition"),
            {"kind": c.label(r.get("kind")), "text": value(r, "text"), "requires": []},
        )
        ref = c.ref(r.get("required"))
        if ref and ref not in item["requires"]:
            item["requires"].append(ref)
    return list(found.values())


def scale(c: Context) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for r in c.rows("inspanning-scale"):
        item = found.setdefault(
            value(r, "scale"),
            {"level": c.label(r.get("level")), "text": value(r, "text"), "where": [], "who": []},
        )
        for key, col in (("where", "spatial"), ("who", "audience")):
            label = c.label(r.get(col))
            if label and label not in item[key]:
                item[key].append(label)
    return list(found.values())


def goals(c: Context) -> list[dict[str, Any]]:
    """Each printed letter and the goal it points to: its text, or 'letter only' when the
    source has no goal text (the goal texts of some themes were images)."""
    out = []
    for r in c.rows("inspanning-goals"):
        goal = r["goal"]
        assert isinstance(goal, ox.NamedNode)
        letter = value(r, "letter") or c.text(goal.value, WA + "letter")
        out.append(
            {
                "goal": c.ref(goal),
                "letter": letter,
                "text": c.text(goal.value, "http://purl.org/dc/terms/description"),
                "letter_only": value(r, "resolution") == LETTER_ONLY or value(r, "column") == "X",
                "resolution": c.label(r.get("resolution")),
                "strategic": c.ref(r.get("strategic")),
            }
        )
    return out


def links(c: Context) -> dict[str, list[dict[str, Any]]]:
    """Overlaps with other themes, coordination and related initiatives, each once."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in c.rows("links"):
        entry = {"ref": c.ref(r["other"]), "theme": c.ref(r.get("otherTheme"))}
        if entry not in out[value(r, "link")]:
            out[value(r, "link")].append(entry)
    return {k: sorted(v, key=lambda e: e["ref"]["label"].lower()) for k, v in out.items()}
