"""Planning timeline: the inspanningen by calendar quarter, 2024 onwards.

Each milestone marks the quarters it touches (`wa:kwartaal`) with a glyph for its kind
(▶ start, ◆ delivery, ■ activity …). Milestones without a quarter ('loopt al', 'continu
proces') are listed beside the row. A conditional start — a precondition of kind 'start na
goedkeuring' or a milestone 'na goedkeuring' — tints the row and is spelled out with ⚑ and
the source's own words ("Gaat van start als transformatieplan is goedgekeurd").
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.views.pictures import Cell, Picture, data
from werkagenda.views.pictures.common import Inspanning, inspanningen, joined, title
from werkagenda.views.pictures.labels import text
from werkagenda.views.pictures.svg import MUTED, Canvas, shorten

FIRST_YEAR = 2024
LEFT, QW, HEADER, ROW, RIGHT = 300, 62, 58, 34, 400
CONDITIONAL_BG = "#fff4cc"
KINDS = {  # kind notation -> (glyph, fill, priority)
    "start": ("▶", "#b6d7f2", 0),
    "oplevering": ("◆", "#f9cf9f", 1),
    "activiteit": ("■", "#d6e9c6", 2),
    "loopt-al": ("↻", "#e4e4e4", 3),
    "continu": ("∞", "#e4e4e4", 4),
    "na-goedkeuring": ("⚑", CONDITIONAL_BG, 5),
    "onbekend": ("?", "#f3f3f3", 6),
}
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass
class Plan:
    inspanning: Inspanning
    quarters: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    unquartered: list[str] = field(default_factory=list)  # "kind: text"
    conditions: list[str] = field(default_factory=list)  # verbatim conditional-start texts
    texts: list[str] = field(default_factory=list)  # every milestone's verbatim text

    @property
    def planned(self) -> bool:
        return bool(self.quarters or self.unquartered or self.conditions)


def build(store: ox.Store, agenda: str, *, theme: str | None = None, lang: str = "nl") -> Picture:
    """The planning timeline of `agenda` (or of one `theme`), in `lang`.

    >>> import pyoxigraph as ox
    >>> picture = build(ox.Store(), "https://w3id.org/iza-werkagenda/id/none/2024")
    >>> picture.empty, picture.svg, picture.empty_message[:11]
    (True, '', 'Deze agenda')
    """
    scope = data.Scope(agenda, theme, lang)
    name = title(store, scope, "timeline")
    plans = _plans(store, scope)
    if not any(p.planned for p in plans):
        return Picture("timeline", name, "", "", (), (), empty_message=text(lang, "timeline.empty"))
    quarters = _quarters(plans)
    conditional = [p.inspanning.code for p in plans if p.conditions]
    desc = text(
        lang,
        "timeline.desc",
        planned=sum(bool(p.quarters) for p in plans),
        inspanningen=len(plans),
        first=_quarter_label(quarters[0]),
        conditional=len(conditional),
        codes=joined(conditional, lang) or text(lang, "none"),
    )
    keys = ("inspanning", "title", "theme")
    columns = (
        tuple(text(lang, f"timeline.col.{k}") for k in keys)
        + tuple(_quarter_label(q) for q in quarters)
        + tuple(text(lang, f"timeline.col.{k}") for k in ("unquartered", "condition", "planning"))
    )
    rows = tuple(_row(p, quarters, lang) for p in plans)
    width, height = LEFT + QW * len(quarters) + RIGHT, HEADER + ROW * len(plans) + 40
    svg = _svg(name, desc, plans, quarters, width, height, lang)
    names = {k: label for p in plans for q in p.quarters.values() for k, label in q.items()}
    legend = tuple((k, f"{g} {names[k]}") for k, (g, _, _) in KINDS.items() if k in names)
    return Picture(
        "timeline", name, desc, svg, columns, rows, legend=legend, width=width, height=height
    )


def _plans(store: ox.Store, scope: data.Scope) -> list[Plan]:
    plans = {i.iri: Plan(i) for i in inspanningen(store, scope)}
    seen: set[str] = set()
    for r in data.select(store, "milestones", scope):
        plan = plans.get(str(r["i"]))
        if plan is None:
            continue
        kind, label, words = r["kindNotation"] or "onbekend", r["kindLabel"] or "", r["text"] or ""
        quarter = r["quarter"]
        if quarter and _QUARTER.match(quarter) and int(quarter[:4]) >= FIRST_YEAR:
            plan.quarters[quarter][kind] = label
        if str(r["milestone"]) in seen:
            continue
        seen.add(str(r["milestone"]))
        plan.texts.append(words)
        if kind == "na-goedkeuring":
            _add_condition(plan, words)
        elif not quarter:
            plan.unquartered.append(f"{label}: {words}" if label else words)
    for r in data.select(store, "conditions", scope):
        plan = plans.get(str(r["i"]))
        if plan is not None and r["text"]:
            _add_condition(plan, str(r["text"]))
    return list(plans.values())


def _add_condition(plan: Plan, words: str) -> None:
    """Add a conditional-start text unless the same words (up to case and a final stop) are
    there already: a milestone and a precondition often quote one cell."""
    key = words.strip().rstrip(".").casefold()
    if key and key not in {c.strip().rstrip(".").casefold() for c in plan.conditions}:
        plan.conditions.append(words.strip())


def _quarters(plans: list[Plan]) -> list[str]:
    """Every quarter from Q1 of the first year to the last one planned (at least Q4)."""
    used = [q for p in plans for q in p.quarters]
    last = max(used) if used else f"{FIRST_YEAR}-Q4"
    end_year, end_q = int(last[:4]), int(last[-1])
    end_q = 4 if end_year == FIRST_YEAR else end_q
    return [
        f"{y}-Q{q}"
        for y in range(FIRST_YEAR, end_year + 1)
        for q in range(1, 5)
        if (y, q) <= (end_year, end_q)
    ]


def _quarter_label(quarter: str) -> str:
    """'2024-Q3' -> 'Q3 2024' (as the concept scheme labels quarters, in both languages)."""
    return f"{quarter[5:]} {quarter[:4]}"


def _kinds(cell: dict[str, str]) -> list[str]:
    return sorted(cell, key=lambda k: KINDS.get(k, KINDS["onbekend"])[2])


def _row(p: Plan, quarters: list[str], lang: str) -> tuple[Cell, ...]:
    i = p.inspanning
    cells = []
    for q in quarters:
        kinds = _kinds(p.quarters.get(q, {}))
        cells.append(
            Cell("; ".join(p.quarters[q][k] for k in kinds), None, kinds[0] if kinds else None)
        )
    condition = "; ".join(p.conditions)
    return (
        (
            Cell(i.code, i.iri, "conditional" if p.conditions else None),
            Cell(i.title, i.iri),
            Cell(i.theme_code, i.theme),
        )
        + tuple(cells)
        + (
            Cell("; ".join(p.unquartered)),
            Cell(
                f"{text(lang, 'timeline.conditional')}: {condition}" if condition else "",
                None,
                "conditional" if condition else None,
            ),
            Cell("; ".join(p.texts) if p.planned else text(lang, "timeline.no_planning")),
        )
    )


def _svg(
    name: str, desc: str, plans: list[Plan], quarters: list[str], width: int, height: int, lang: str
) -> str:
    canvas = Canvas.new("timeline", width, height, name, desc)
    head = canvas.group(class_="quarters", font_size="12")
    for n, q in enumerate(quarters):
        x = LEFT + n * QW
        if q.endswith("Q1") or n == 0:
            canvas.text(head, x + 4, 20, q[:4], font_weight="700")
        canvas.text(head, x + QW / 2, HEADER - 10, q[5:], text_anchor="middle", fill=MUTED)
        canvas.line(head, x, 26, x, height - 40, stroke="#d0d7de")
    for n, p in enumerate(plans):
        _plan_row(canvas, HEADER + n * ROW, p, quarters, width, lang)
    canvas.text(
        canvas.group(class_="legend"),
        8,
        height - 14,
        text(lang, "timeline.legend"),
        font_size="12",
        fill=MUTED,
    )
    return canvas.serialise()


def _plan_row(
    canvas: Canvas, y: float, p: Plan, quarters: list[str], width: int, lang: str
) -> None:
    i = p.inspanning
    g = canvas.group(class_="plan conditional" if p.conditions else "plan")
    canvas.rect(
        g,
        0,
        y,
        width,
        ROW,
        fill=CONDITIONAL_BG if p.conditions else "#ffffff",
        stroke="#d0d7de",
        stroke_width="0.5",
    )
    label = canvas.text(g, 8, y + 21, shorten(f"{i.code} {i.title}", 33), font_weight="600")
    canvas.tooltip(label, f"{i.code} {i.title}")
    for n, q in enumerate(quarters):
        kinds = _kinds(p.quarters.get(q, {}))
        if not kinds:
            continue
        glyph, fill, _ = KINDS.get(kinds[0], KINDS["onbekend"])
        cell = canvas.rect(
            g, LEFT + n * QW + 2, y + 5, QW - 4, ROW - 10, fill=fill, stroke="#57606a", rx="3"
        )
        canvas.tooltip(cell, f"{_quarter_label(q)}: {'; '.join(p.quarters[q][k] for k in kinds)}")
        canvas.text(
            g,
            LEFT + n * QW + QW / 2,
            y + 22,
            " ".join(KINDS.get(k, KINDS["onbekend"])[0] for k in kinds),
            text_anchor="middle",
            font_size="13",
        )
    _aside(canvas, g, LEFT + QW * len(quarters) + 10, y, p, lang)


def _aside(canvas: Canvas, parent: ET.Element, x: float, y: float, p: Plan, lang: str) -> None:
    """Beside the quarters: the conditional start (⚑ and the source's words), else the
    milestones without a quarter, else 'no planning stated'."""
    if p.conditions:
        words = "; ".join(p.conditions)
        canvas.text(
            parent,
            x,
            y + 14,
            f"⚑ {text(lang, 'timeline.conditional')}",
            font_size="12",
            font_weight="700",
        )
        element = canvas.text(parent, x, y + 28, shorten(words, 64), font_size="11")
    else:
        words = "; ".join(p.unquartered) or (
            "" if p.quarters else text(lang, "timeline.no_planning")
        )
        if not words:
            return
        element = canvas.text(parent, x, y + 21, shorten(words, 56), font_size="12", fill=MUTED)
    canvas.tooltip(element, words)
