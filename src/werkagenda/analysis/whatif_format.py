"""A what-if scenario as text: table (sections for people), csv, json, md (Dutch or English).

csv is one flat table, one row per affected inspanning or goal (`kind` says which); json is
the Scenario itself (dataclass fields, in order); table and md have one section per kind:
inspanningen losing their funding, weakened inspanningen, goals, themes, and apart the
inspanningen with no funding recorded.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from werkagenda.analysis.whatif import AffectedGoal, AffectedInspanning, Scenario
from werkagenda.errors import InputError
from werkagenda.query.format import table

FORMATS = ("table", "csv", "json", "md")
SEP = "; "

TEXT = {
    "nl": {
        "scenario": "Scenario: niet toegekend",
        "lost": "Inspanningen die hun financiering verliezen",
        "weakened": "Verzwakte inspanningen (een deel van de financiering valt weg)",
        "goals": "Operationele doelen",
        "themes": "Per thema",
        "none": "Geen financiering vastgelegd (niet meegeteld als getroffen)",
        "nothing": "Niets valt weg.",
        "effect:lost": "verliest financiering",
        "effect:weakened": "verzwakt",
        "effect:unrecorded": "geen financiering vastgelegd",
        "goal:lost": "verliest dekking",
        "goal:weakened": "verzwakt",
        "code": "code",
        "theme": "thema",
        "title": "titel",
        "fallen": "valt weg",
        "remaining": "blijft",
        "goal": "doel",
        "effect": "effect",
        "losing": "inspanningen zonder financiering",
        "keeping": "overige inspanningen",
        "i_lost": "inspanningen: verliezen",
        "i_weak": "inspanningen: verzwakt",
        "g_lost": "doelen: verliezen",
        "g_weak": "doelen: verzwakt",
    },
    "en": {
        "scenario": "Scenario: not granted",
        "lost": "Initiatives that lose their funding",
        "weakened": "Weakened initiatives (part of the funding falls)",
        "goals": "Operational goals",
        "themes": "Per theme",
        "none": "No funding recorded (not counted as affected)",
        "nothing": "Nothing falls.",
        "effect:lost": "loses its funding",
        "effect:weakened": "weakened",
        "effect:unrecorded": "no funding recorded",
        "goal:lost": "loses its coverage",
        "goal:weakened": "weakened",
        "code": "code",
        "theme": "theme",
        "title": "title",
        "fallen": "falls",
        "remaining": "remains",
        "goal": "goal",
        "effect": "effect",
        "losing": "initiatives losing funding",
        "keeping": "other initiatives",
        "i_lost": "initiatives: lost",
        "i_weak": "initiatives: weakened",
        "g_lost": "goals: lost",
        "g_weak": "goals: weakened",
    },
}


def words(lang: str) -> dict[str, str]:
    return TEXT["en" if lang == "en" else "nl"]


def render(scenario: Scenario, fmt: str = "table", *, width: int | None = 80) -> str:
    """The scenario in format `fmt` (one of FORMATS), ending in a newline."""
    if fmt == "json":
        return json.dumps(asdict(scenario), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return flat_csv(scenario)
    if fmt in ("table", "md"):
        return sections(scenario, md=fmt == "md", width=width)
    raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


CSV_COLUMNS = ["kind", "theme", "code", "label", "effect", "fallen", "remaining", "iri"]


def flat_csv(scenario: Scenario) -> str:
    """One row per inspanning (kind `inspanning`) and per goal (kind `goal`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for i in (*scenario.inspanningen, *scenario.no_funding_recorded):
        writer.writerow(
            ["inspanning", i.theme, i.code, i.title, i.effect]
            + [SEP.join(i.fallen), SEP.join(i.remaining), i.iri]
        )
    for g in scenario.goals:
        writer.writerow(
            ["goal", g.theme, g.goal, g.label, g.effect]
            + [SEP.join(g.losing), SEP.join(g.keeping), g.iri]
        )
    return buffer.getvalue()


def sections(scenario: Scenario, *, md: bool, width: int | None) -> str:
    w = words(scenario.lang)
    names = ", ".join(t.name for t in scenario.reject)
    parts = [_heading(f"{w['scenario']}: {names}", md, level=1)]
    if not scenario.inspanningen:
        parts.append(w["nothing"] + "\n")
    for key in ("lost", "weakened"):
        rows = [_inspanning_row(i) for i in scenario.inspanningen if i.effect == key]
        if rows:
            head = [w["code"], w["title"], w["fallen"], w["remaining"]]
            parts += [_heading(w[key], md), _table(head, rows, md, width)]
    if scenario.goals:
        head = [w["goal"], w["effect"], w["losing"], w["keeping"]]
        rows = [_goal_row(g, w) for g in scenario.goals]
        parts += [_heading(w["goals"], md), _table(head, rows, md, width)]
    if scenario.themes:
        head = [w["theme"], w["i_lost"], w["i_weak"], w["g_lost"], w["g_weak"]]
        rows = [
            [t.theme, *map(str, (t.inspanningen_lost, t.inspanningen_weakened)), str(t.goals_lost)]
            + [str(t.goals_weakened)]
            for t in scenario.themes
        ]
        parts += [_heading(w["themes"], md), _table(head, rows, md, width)]
    if scenario.no_funding_recorded:
        rows = [[i.code, i.title] for i in scenario.no_funding_recorded]
        parts += [_heading(w["none"], md), _table([w["code"], w["title"]], rows, md, width)]
    return "\n".join(parts)


def _inspanning_row(i: AffectedInspanning) -> list[str]:
    return [i.code, i.title, SEP.join(i.fallen), SEP.join(i.remaining)]


def _goal_row(g: AffectedGoal, w: dict[str, str]) -> list[str]:
    return [g.goal, w["goal:" + g.effect], SEP.join(g.losing), SEP.join(g.keeping)]


def _heading(text: str, md: bool, level: int = 2) -> str:
    rule = ("=" if level == 1 else "-") * len(text)
    return f"{'#' * level} {text}\n" if md else f"{text}\n{rule}\n"


def _table(columns: list[str], rows: list[list[str]], md: bool, width: int | None) -> str:
    if not md:
        return table(columns, rows, width=width, max_lines=6)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")
