"""Coverage matrix: operational goals (rows) × inspanningen (columns) of a theme or agenda.

A cell is filled where the inspanning serves the goal, shaded and coded by the inspanning's
least settled funding status. A goal no inspanning serves gets a tinted row and the words
"geen inspanning"; a goal known only by its letter (its column unknown, the goal texts were
images in the source) says so in its label.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.views.pictures import Cell, Picture, data
from werkagenda.views.pictures.common import Inspanning, inspanningen, joined, title
from werkagenda.views.pictures.labels import NO_FUNDING, SHADES, least_settled, status_token, text
from werkagenda.views.pictures.svg import ALERT, ALERT_BG, MUTED, Canvas, shorten

LEFT, HEADER, ROW, COL, COUNT = 340, 130, 36, 38, 150
LETTER_ONLY, NOT_LINKED = "X", "NG"


@dataclass(frozen=True)
class Goal:
    iri: str
    label: str
    theme_code: str
    column: str
    strategic: str | None
    goal_text: str | None

    @property
    def letter_only(self) -> bool:
        return self.column == LETTER_ONLY


def build(
    store: ox.Store,
    agenda: str,
    *,
    theme: str | None = None,
    lang: str = "nl",
    memo: data.AgendaMemo | None = None,
) -> Picture:
    """The coverage matrix of `agenda` (or of one `theme`), in `lang`; `memo` keeps the
    agenda's funding statuses for the next theme of the same agenda.

    >>> import pyoxigraph as ox
    >>> picture = build(ox.Store(), "https://w3id.org/iza-werkagenda/id/none/2024")
    >>> picture.empty, picture.svg, picture.empty_message[:11]
    (True, '', 'Deze agenda')
    """
    scope = data.Scope(agenda, theme, lang)
    name = title(store, scope, "matrix")
    goals = _goals(store, scope)
    if not goals:
        return Picture("matrix", name, "", "", (), (), empty_message=text(lang, "matrix.empty"))
    serving = _serving(store, scope)
    columns = _columns(store, scope, serving)
    if memo is None:
        status = _statuses(store, scope)
    else:
        status = memo.get(("matrix-statuses", agenda, lang), lambda: _statuses(store, scope))
    rows = tuple(_row(g, columns, serving, status, lang) for g in goals)
    uncovered = [g for g in goals if not serving.get(g.iri)]
    desc = text(
        lang,
        "matrix.desc",
        goals=len(goals),
        inspanningen=len(columns),
        uncovered=len(uncovered),
        uncovered_list=f" ({joined([g.label for g in uncovered], lang)})" if uncovered else "",
        letter_only=sum(g.letter_only for g in goals),
    )
    used = {status.of(i)[0] for ids in serving.values() for i in ids}
    legend = tuple((t, status.names.get(t, t)) for t in sorted(used, key=lambda t: SHADES[t].rank))
    svg = _svg(name, desc, goals, columns, serving, status, legend, lang)
    heads = (
        text(lang, "matrix.col.goal"),
        text(lang, "matrix.col.theme"),
        text(lang, "matrix.col.column"),
        text(lang, "matrix.col.text"),
    )
    return Picture(
        "matrix",
        name,
        desc,
        svg,
        heads + tuple(i.code for i in columns) + (text(lang, "matrix.col.count"),),
        rows,
        legend=legend,
        column_iris=(None,) * len(heads) + tuple(i.iri for i in columns) + (None,),
        width=_width(columns),
        height=_height(goals, legend, _width(columns)),
    )


def _columns(store: ox.Store, scope: data.Scope, serving: dict[str, set[str]]) -> list[Inspanning]:
    """The scope's inspanningen, then any of another theme that serves one of its goals."""
    columns = inspanningen(store, scope)
    known = {i.iri for i in columns}
    if all(iri in known for served in serving.values() for iri in served):
        return columns
    everyone = inspanningen(store, data.Scope(scope.agenda, None, scope.lang))
    wanted = set().union(*serving.values()) - known
    return columns + [i for i in everyone if i.iri in wanted]


def _goals(store: ox.Store, scope: data.Scope) -> list[Goal]:
    return [
        Goal(
            str(r["goal"]),
            str(r["label"]),
            str(r["themeCode"]),
            str(r["column"] or LETTER_ONLY),
            r["strategicLabel"],
            r["text"],
        )
        for r in data.select(store, "goals", scope)
    ]


def _serving(store: ox.Store, scope: data.Scope) -> dict[str, set[str]]:
    """Goal IRI -> the IRIs of the inspanningen serving it."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in data.select(store, "goal-links", scope):
        found[str(r["goal"])].add(str(r["i"]))
    return found


@dataclass(frozen=True)
class Statuses:
    """The funding status of each inspanning: shading token and every status label."""

    token: dict[str, str]  # inspanning IRI -> least settled status token
    labels: dict[str, str]  # inspanning IRI -> its status labels, "; "-joined
    names: dict[str, str]  # token -> label in the language

    def of(self, iri: str) -> tuple[str, str]:
        token = self.token.get(iri, NO_FUNDING)
        return token, self.labels.get(iri) or self.names.get(token, "")


def _statuses(store: ox.Store, scope: data.Scope) -> Statuses:
    """The funding statuses of every inspanning of the agenda (an inspanning of another theme
    may serve a goal of this one)."""
    tokens: dict[str, list[str]] = defaultdict(list)
    names = {NO_FUNDING: text(scope.lang, "status.none")}
    every: dict[str, set[str]] = defaultdict(set)
    for r in data.select(store, "fundings", data.Scope(scope.agenda, None, scope.lang)):
        token = status_token(r["statusNotation"])
        tokens[str(r["i"])].append(token)
        if r["statusLabel"]:
            names[token] = str(r["statusLabel"])
            every[str(r["i"])].add(str(r["statusLabel"]))
    return Statuses(
        {i: least_settled(t) for i, t in tokens.items()},
        {i: "; ".join(sorted(labels)) for i, labels in every.items()},
        names,
    )


def _column_text(goal: Goal, lang: str) -> str:
    if goal.letter_only:
        return text(lang, "matrix.letter_only")
    if goal.column == NOT_LINKED:
        return text(lang, "matrix.not_linked")
    return goal.strategic or goal.column


def _row(
    goal: Goal,
    columns: list[Inspanning],
    serving: dict[str, set[str]],
    status: Statuses,
    lang: str,
) -> tuple[Cell, ...]:
    served = serving.get(goal.iri, set())
    head = (
        Cell(goal.label, goal.iri, "letter-only" if goal.letter_only else None),
        Cell(goal.theme_code),
        Cell(_column_text(goal, lang)),
        Cell(goal.goal_text or text(lang, "matrix.no_text")),
    )
    cells = []
    for i in columns:
        token, label = status.of(i.iri)
        cells.append(Cell(label, i.iri, token) if i.iri in served else Cell(""))
    count = len(served)
    tail = Cell(
        str(count) if count else f"0 — {text(lang, 'matrix.none')}",
        None,
        None if count else "uncovered",
    )
    return head + tuple(cells) + (tail,)


def _width(columns: list[Inspanning]) -> int:
    return LEFT + COL * max(len(columns), 1) + COUNT


def _height(goals: list[Goal], legend: tuple[tuple[str, str], ...], width: int) -> int:
    lines = max((y for _, _, y in _legend_places(legend, width)), default=0) + 1
    return HEADER + ROW * len(goals) + 20 + 24 * lines


def _svg(
    name: str,
    desc: str,
    goals: list[Goal],
    columns: list[Inspanning],
    serving: dict[str, set[str]],
    status: Statuses,
    legend: tuple[tuple[str, str], ...],
    lang: str,
) -> str:
    width, height = _width(columns), _height(goals, legend, _width(columns))
    canvas = Canvas.new("matrix", width, height, name, desc)
    _header(canvas, columns, lang)
    for n, goal in enumerate(goals):
        _goal_row(canvas, HEADER + n * ROW, goal, columns, serving, status, lang)
    _legend(canvas, HEADER + ROW * len(goals) + 16, width, legend, lang)
    return canvas.serialise()


def _header(canvas: Canvas, columns: list[Inspanning], lang: str) -> None:
    g = canvas.group(class_="matrix-columns")
    for k, i in enumerate(columns):
        x = LEFT + k * COL + COL / 2
        label = canvas.text(
            g,
            x,
            HEADER - 8,
            i.code,
            transform=f"rotate(-50 {x:.1f} {HEADER - 8})",
            font_size="12",
            font_weight="600",
        )
        canvas.tooltip(label, f"{i.code} {i.title}")
    x = LEFT + COL * len(columns) + 14
    canvas.text(
        g,
        x,
        HEADER - 8,
        text(lang, "matrix.col.count"),
        font_size="12",
        fill=MUTED,
        transform=f"rotate(-50 {x:.1f} {HEADER - 8})",
    )


def _goal_row(
    canvas: Canvas,
    y: float,
    goal: Goal,
    columns: list[Inspanning],
    serving: dict[str, set[str]],
    status: Statuses,
    lang: str,
) -> None:
    served = serving.get(goal.iri, set())
    row = canvas.group(class_="matrix-row uncovered" if not served else "matrix-row")
    width = LEFT + COL * len(columns) + COUNT
    canvas.rect(
        row,
        0,
        y,
        width,
        ROW,
        fill=ALERT_BG if not served else "#ffffff",
        stroke="#d0d7de",
        stroke_width="0.5",
    )
    label = canvas.text(row, 8, y + 15, shorten(goal.label, 44), font_weight="600")
    canvas.tooltip(label, goal.label)
    note = text(lang, "matrix.letter_only") if goal.letter_only else goal.goal_text or ""
    if note:
        small = canvas.text(
            row,
            8,
            y + 29,
            shorten(note, 56),
            font_size="11",
            fill=MUTED,
            font_style="italic" if goal.letter_only else "normal",
        )
        canvas.tooltip(small, note)
    _cells(canvas, row, y, served, columns, status, lang)
    x = LEFT + COL * len(columns) + 10
    if served:
        canvas.text(row, x, y + ROW / 2 + 4, str(len(served)))
    else:
        canvas.text(
            row, x, y + ROW / 2 + 4, text(lang, "matrix.none"), fill=ALERT, font_weight="700"
        )


def _cells(
    canvas: Canvas,
    row: ET.Element,
    y: float,
    served: set[str],
    columns: list[Inspanning],
    status: Statuses,
    lang: str,
) -> None:
    """The filled cells of one goal row: shade and short code of each serving inspanning."""
    for k, i in enumerate(columns):
        if i.iri in served:
            token, statuses = status.of(i.iri)
            x = LEFT + k * COL
            cell = canvas.rect(
                row,
                x + 3,
                y + 4,
                COL - 6,
                ROW - 8,
                fill=SHADES[token].fill,
                stroke="#57606a",
                stroke_width="1",
                rx="3",
            )
            canvas.tooltip(cell, f"{i.code} {i.title}: {statuses}")
            canvas.text(
                row,
                x + COL / 2,
                y + ROW / 2 + 4,
                SHADES[token].code[lang],
                text_anchor="middle",
                font_size="11",
                font_weight="600",
            )


def _legend_places(
    legend: tuple[tuple[str, str], ...], width: float
) -> list[tuple[int, float, int]]:
    """(entry index, x, line) of each legend entry, wrapped to the width (6.6 px a character)."""
    places, x, line = [], 8.0, 0
    for n, (_, label) in enumerate(legend):
        step = 48 + 6.6 * len(label)
        if x > 8 and x + step > width:
            x, line = 8.0, line + 1
        places.append((n, x, line))
        x += step
    return places


def _legend(
    canvas: Canvas, top: float, width: float, legend: tuple[tuple[str, str], ...], lang: str
) -> None:
    g = canvas.group(class_="legend")
    for n, x, line in _legend_places(legend, width):
        token, label = legend[n]
        shade, y = SHADES[token], top + 24 * line
        canvas.rect(g, x, y, 26, 18, fill=shade.fill, stroke="#57606a", rx="3")
        canvas.text(
            g,
            x + 13,
            y + 13,
            shade.code[lang],
            text_anchor="middle",
            font_size="11",
            font_weight="600",
        )
        canvas.text(g, x + 32, y + 13, label, font_size="12")
