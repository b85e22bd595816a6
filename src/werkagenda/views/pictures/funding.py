"""Funding dependency: which inspanningen (and the goals they serve) rest on which instrument.

Instruments are the concepts of `…/concept/financieringsbron` (IZA transformation plan, snelle
toets, SPUK, GALA, WLZ, ZonMw, ROAZ, own means …), labelled from the concept scheme. Each
funding arrangement is a line from its instrument to its inspanning; the line's dash pattern
and the words beside the inspanning give its status and certainty, so colour is never the
only carrier.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import pyoxigraph as ox

from werkagenda.views.pictures import Cell, Picture, data
from werkagenda.views.pictures.common import Inspanning, inspanningen, joined, title
from werkagenda.views.pictures.labels import SHADES, status_token, text
from werkagenda.views.pictures.svg import MUTED, Canvas, shorten

INSTR_W, GAP, INSP_X, WIDTH = 250, 190, 450, 980
TOP, BOX, LINE = 56, 34, 15
SETTLED = {"beschikbaar", "goedgekeurd", "via-ander-traject", "niet-van-toepassing"}
PENDING = {"wacht-op-goedkeuring", "in-te-dienen"}


@dataclass(frozen=True)
class Funding:
    iri: str
    inspanning: str
    source: str  # instrument concept IRI ("" when the text names none)
    instrument: str
    broader: str
    token: str
    status: str
    certainty: str
    application: str | None
    application_label: str
    application_status: str
    text: str


def build(store: ox.Store, agenda: str, *, theme: str | None = None, lang: str = "nl") -> Picture:
    """The funding dependency picture of `agenda` (or of one `theme`), in `lang`.

    >>> import pyoxigraph as ox
    >>> picture = build(ox.Store(), "https://w3id.org/iza-werkagenda/id/none/2024")
    >>> picture.empty, picture.svg, picture.empty_message[:11]
    (True, '', 'Deze agenda')
    """
    scope = data.Scope(agenda, theme, lang)
    name = title(store, scope, "funding")
    fundings = _fundings(store, scope)
    if not fundings:
        return Picture("funding", name, "", "", (), (), empty_message=text(lang, "funding.empty"))
    listed = inspanningen(store, scope)
    order = {i.iri: n for n, i in enumerate(listed)}
    by_iri = {i.iri: i for i in listed}
    goals = _goals(store, scope)
    counts = Counter(f.instrument for f in fundings)
    instruments = sorted(counts, key=lambda s: (-counts[s], s))
    fundings.sort(key=lambda f: (instruments.index(f.instrument), order.get(f.inspanning, 0)))
    top = [f"{s} ({counts[s]})" for s in instruments[:3]]
    desc = text(
        lang,
        "funding.desc",
        arrangements=len(fundings),
        inspanningen=len({f.inspanning for f in fundings}),
        instruments=len(instruments),
        top=joined(top, lang),
    )
    rows = tuple(_row(f, by_iri[f.inspanning], goals.get(f.inspanning, []), lang) for f in fundings)
    used = sorted({f.token for f in fundings}, key=lambda t: SHADES[t].rank)
    names = {f.token: f.status for f in fundings}
    legend = tuple((t, names[t]) for t in used)
    svg, height = _svg(name, desc, fundings, instruments, counts, by_iri, goals, lang)
    return Picture(
        "funding", name, desc, svg, _columns(lang), rows, legend=legend, width=WIDTH, height=height
    )


def _fundings(store: ox.Store, scope: data.Scope) -> list[Funding]:
    """One Funding per arrangement (a label in two languages does not make two)."""
    unknown = text(scope.lang, "funding.unknown")
    found: dict[str, Funding] = {}
    broader: dict[str, set[str]] = defaultdict(set)  # a concept may lie under two (spuk-iza)
    for r in data.select(store, "fundings", scope):
        iri = str(r["funding"])
        if r["broaderLabel"]:
            broader[iri].add(str(r["broaderLabel"]))
        if iri in found and not (r["applicationLabel"] and not found[iri].application_label):
            continue
        found[iri] = Funding(
            iri,
            str(r["i"]),
            r["source"] or "",
            r["sourceLabel"] or unknown,
            r["broaderLabel"] or "",
            status_token(r["statusNotation"]),
            r["statusLabel"] or unknown,
            r["certaintyLabel"] or unknown,
            r["application"],
            r["applicationLabel"] or "",
            r["applicationStatusLabel"] or "",
            r["text"] or "",
        )
    return [replace(f, broader=", ".join(sorted(broader[i]))) for i, f in found.items()]


def _goals(store: ox.Store, scope: data.Scope) -> dict[str, list[tuple[str, str]]]:
    """Inspanning IRI -> the (IRI, label) of the goals it serves, in goal order."""
    labels = {str(r["goal"]): str(r["label"]) for r in data.select(store, "goals", scope)}
    served: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in data.select(store, "goal-links", scope):
        goal = str(r["goal"])
        if goal in labels:
            served[str(r["i"])].append((goal, labels[goal]))
    order = list(labels)
    return {i: sorted(gs, key=lambda g: order.index(g[0])) for i, gs in served.items()}


def _columns(lang: str) -> tuple[str, ...]:
    keys = (
        "instrument",
        "broader",
        "inspanning",
        "title",
        "theme",
        "status",
        "certainty",
        "application",
        "application_status",
        "goals",
        "text",
    )
    return tuple(text(lang, f"funding.col.{k}") for k in keys)


def _row(f: Funding, i: Inspanning, goals: list[tuple[str, str]], lang: str) -> tuple[Cell, ...]:
    return (
        Cell(f.instrument, f.source or None),
        Cell(f.broader),
        Cell(i.code, i.iri),
        Cell(i.title, i.iri),
        Cell(i.theme_code, i.theme),
        Cell(f.status, None, f.token),
        Cell(f.certainty),
        Cell(f.application_label, f.application if f.application_label else None),
        Cell(f.application_status),
        Cell("; ".join(label for _, label in goals) or text(lang, "none")),
        Cell(f.text),
    )


def _dash(token: str) -> str:
    if token in SETTLED:
        return "none"
    return "7 4" if token in PENDING else "2 3"


def _svg(
    name: str,
    desc: str,
    fundings: list[Funding],
    instruments: list[str],
    counts: Counter[str],
    by_iri: dict[str, Inspanning],
    goals: dict[str, list[tuple[str, str]]],
    lang: str,
) -> tuple[str, int]:
    per: dict[str, list[Funding]] = defaultdict(list)
    for f in fundings:
        per[f.inspanning].append(f)
    ys: dict[str, float] = {}
    y = float(TOP)
    for iri in per:  # in the order of their first (most named) instrument
        ys[iri] = y
        y += BOX + LINE * len(per[iri]) + 8
    iy = _instrument_ys(fundings, ys)
    height = int(max(y, max(iy.values()) + BOX + 10) + 76)
    canvas = Canvas.new("funding", WIDTH, height, name, desc)
    head = canvas.group(class_="headings", font_weight="700")
    canvas.text(head, 8, 30, text(lang, "funding.instruments"))
    canvas.text(head, INSP_X, 30, text(lang, "funding.inspanningen"))
    links = canvas.group(class_="links", fill="none")
    for f in fundings:
        x1, y1 = INSTR_W + 8, iy[f.instrument] + BOX / 2
        x2, y2 = INSP_X - 6, ys[f.inspanning] + 12
        mid = (x1 + x2) / 2
        edge = canvas.path(
            links,
            f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} {x2:.1f},{y2:.1f}",
            stroke="#57606a",
            stroke_width="1.6",
            stroke_dasharray=_dash(f.token),
        )
        canvas.tooltip(
            edge, f"{f.instrument} → {by_iri[f.inspanning].code}: {f.status}, {f.certainty}"
        )
    _instruments(canvas, instruments, counts, iy)
    _legend(canvas, height - 58, lang)
    for iri, items in per.items():
        _inspanning(canvas, ys[iri], by_iri[iri], items, goals.get(iri, []), lang)
    return canvas.serialise(), height


def _instrument_ys(fundings: list[Funding], ys: dict[str, float]) -> dict[str, float]:
    """Each instrument beside the middle of the inspanningen resting on it (shorter lines),
    pushed down where it would overlap the one above; ties keep the most-named-first order."""
    rows: dict[str, list[float]] = defaultdict(list)
    for f in fundings:
        rows[f.instrument].append(ys[f.inspanning] + 12 - BOX / 2)
    wanted = {s: sum(v) / len(v) for s, v in rows.items()}
    placed: dict[str, float] = {}
    floor = float(TOP)
    for s in sorted(wanted, key=lambda s: wanted[s]):
        placed[s] = max(wanted[s], floor)
        floor = placed[s] + BOX + 10
    return placed


def _instruments(
    canvas: Canvas, instruments: list[str], counts: Counter[str], iy: dict[str, float]
) -> None:
    g = canvas.group(class_="instruments")
    for s in instruments:
        box = canvas.rect(g, 8, iy[s], INSTR_W, BOX, fill="#eef2f7", stroke="#57606a", rx="4")
        canvas.tooltip(box, f"{s} ({counts[s]})")
        canvas.text(g, 16, iy[s] + 21, shorten(f"{s} ({counts[s]})", 34), font_weight="600")


def _inspanning(
    canvas: Canvas,
    y: float,
    i: Inspanning,
    items: list[Funding],
    goals: list[tuple[str, str]],
    lang: str,
) -> None:
    g = canvas.group(class_="inspanning")
    label = canvas.text(g, INSP_X, y + 16, shorten(f"{i.code} {i.title}", 62), font_weight="600")
    canvas.tooltip(label, f"{i.code} {i.title}")
    served = ", ".join(label for _, label in goals) or text(lang, "none")
    line = canvas.text(
        g,
        INSP_X,
        y + 30,
        shorten(f"{text(lang, 'funding.col.goals')}: {served}", 80),
        font_size="11",
        fill=MUTED,
    )
    canvas.tooltip(line, served)
    for n, f in enumerate(items):
        yy = y + BOX + 8 + n * LINE
        canvas.rect(
            g,
            INSP_X,
            yy - 10,
            22,
            12,
            fill=SHADES[f.token].fill,
            stroke="#57606a",
            stroke_dasharray=_dash(f.token),
        )
        canvas.text(
            g,
            INSP_X + 28,
            yy,
            shorten(f"{f.instrument}: {f.status}, {f.certainty}", 74),
            font_size="11",
        )


def _legend(canvas: Canvas, y: float, lang: str) -> None:
    g = canvas.group(class_="legend", font_size="12")
    for n, (dash, key) in enumerate((("none", "settled"), ("7 4", "pending"), ("2 3", "open"))):
        yy = y + 18 * n
        canvas.line(
            g, 8, yy - 4, 48, yy - 4, stroke="#57606a", stroke_width="2", stroke_dasharray=dash
        )
        canvas.text(g, 56, yy, text(lang, f"funding.line.{key}"))
