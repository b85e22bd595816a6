"""Organisation network: initiators and involved parties linked through shared inspanningen.

Two parties are linked when both are initiator or involved party of one inspanning; a link's
weight is the number of inspanningen they share. Parties are ranked by how many distinct
parties they are linked to. The drawing is a deterministic circular layout of the most
connected parties, grouped around the circle by their main theme, labels set radially; the
table lists every party.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import pyoxigraph as ox

from werkagenda.views.pictures import Cell, Picture, data
from werkagenda.views.pictures.common import inspanningen, joined, title
from werkagenda.views.pictures.labels import text
from werkagenda.views.pictures.svg import MUTED, Canvas, shorten

SIZE, RADIUS, SHOWN, TOP = 960, 255, 30, 5
THEME_FILLS = ("#4e79a7", "#59a14f", "#e15759", "#b07aa1", "#f28e2b", "#76b7b2", "#9c755f")


@dataclass
class Party:
    iri: str
    name: str
    kinds: set[str] = field(default_factory=set)
    initiates: list[str] = field(default_factory=list)  # inspanning codes
    involved: list[str] = field(default_factory=list)
    themes: Counter[str] = field(default_factory=Counter)  # theme code -> inspanningen
    partners: Counter[str] = field(default_factory=Counter)  # party IRI -> shared inspanningen

    @property
    def inspanningen(self) -> int:
        return len(set(self.initiates) | set(self.involved))

    @property
    def main_theme(self) -> str:
        return min(self.themes, key=lambda t: (-self.themes[t], t)) if self.themes else ""


def build(store: ox.Store, agenda: str, *, theme: str | None = None, lang: str = "nl") -> Picture:
    """The organisation network of `agenda` (or of one `theme`), in `lang`.

    >>> import pyoxigraph as ox
    >>> picture = build(ox.Store(), "https://w3id.org/iza-werkagenda/id/none/2024")
    >>> picture.empty, picture.svg, picture.empty_message[:11]
    (True, '', 'Deze agenda')
    """
    scope = data.Scope(agenda, theme, lang)
    name = title(store, scope, "network")
    parties, linked = _parties(store, scope)
    if not parties:
        return Picture("network", name, "", "", (), (), empty_message=text(lang, "network.empty"))
    ranked = sorted(parties.values(), key=lambda p: (-len(p.partners), -p.inspanningen, p.name))
    shown = ranked[:SHOWN]
    top = [f"{p.name} ({len(p.partners)})" for p in ranked[:TOP]]
    desc = text(
        lang,
        "network.desc",
        parties=len(ranked),
        inspanningen=linked,
        top=joined(top, lang),
        shown=text(lang, "network.shown", n=len(shown)) if len(shown) < len(ranked) else "",
    )
    rows = tuple(_row(p, parties) for p in ranked)
    theme_names = {code: label for code, label in data.themes(store, scope).values()}
    svg = _svg(name, desc, shown, {p.iri for p in ranked[:TOP]}, theme_names, lang)
    return Picture("network", name, desc, svg, _columns(lang), rows, width=SIZE, height=SIZE)


def _parties(store: ox.Store, scope: data.Scope) -> tuple[dict[str, Party], int]:
    """Every party of the scope's inspanningen with its roles and partners; and how many
    inspanningen name at least one party."""
    codes = {i.iri: (i.code, i.theme_code) for i in inspanningen(store, scope)}
    parties: dict[str, Party] = {}
    members: dict[str, set[str]] = defaultdict(set)
    for r in data.select(store, "parties", scope):
        i, iri = str(r["i"]), str(r["party"])
        if i not in codes or not r["name"]:
            continue
        party = parties.setdefault(iri, Party(iri, str(r["name"])))
        if r["kind"]:
            party.kinds.add(str(r["kind"]))
        code, theme_code = codes[i]
        roles = party.initiates if r["role"] == "initiator" else party.involved
        if code not in roles:
            roles.append(code)
        if iri not in members[i]:
            party.themes[theme_code] += 1
        members[i].add(iri)
    rank = {code: n for n, (code, _) in enumerate(codes.values())}
    for party in parties.values():
        party.initiates.sort(key=rank.__getitem__)
        party.involved.sort(key=rank.__getitem__)
    for group in members.values():
        for a, b in combinations(sorted(group), 2):
            parties[a].partners[b] += 1
            parties[b].partners[a] += 1
    return parties, len(members)


def _columns(lang: str) -> tuple[str, ...]:
    keys = ("party", "kind", "partners", "initiates", "involved", "themes", "top_partners")
    return tuple(text(lang, f"network.col.{k}") for k in keys)


def _row(p: Party, parties: dict[str, Party]) -> tuple[Cell, ...]:
    best = sorted(p.partners, key=lambda q: (-p.partners[q], parties[q].name))[:3]
    return (
        Cell(p.name, p.iri),
        Cell("; ".join(sorted(p.kinds))),
        Cell(str(len(p.partners))),
        Cell(", ".join(p.initiates)),
        Cell(", ".join(p.involved)),
        Cell(", ".join(sorted(p.themes))),
        Cell("; ".join(f"{parties[q].name} ({p.partners[q]})" for q in best)),
    )


def _svg(
    name: str, desc: str, shown: list[Party], top: set[str], theme_names: dict[str, str], lang: str
) -> str:
    themes = sorted({p.main_theme for p in shown})
    fill = {t: THEME_FILLS[n % len(THEME_FILLS)] for n, t in enumerate(themes)}
    order = sorted(shown, key=lambda p: (themes.index(p.main_theme), -len(p.partners), p.name))
    c = SIZE / 2
    step = 2 * math.pi / len(order)
    at = {p.iri: (-math.pi / 2 + step * (n + 0.5)) for n, p in enumerate(order)}
    pos = {iri: (c + RADIUS * math.cos(a), c + RADIUS * math.sin(a)) for iri, a in at.items()}
    canvas = Canvas.new("network", SIZE, SIZE, name, desc)
    links = canvas.group(class_="links", fill="none", stroke="#8c959f", stroke_opacity="0.45")
    for p in order:
        for q, weight in p.partners.items():
            if q in pos and p.iri < q:
                (x1, y1), (x2, y2) = pos[p.iri], pos[q]
                canvas.path(
                    links,
                    f"M{x1:.1f},{y1:.1f} Q{c:.1f},{c:.1f} {x2:.1f},{y2:.1f}",
                    stroke_width=f"{min(0.8 + 0.9 * weight, 6):.1f}",
                )
    nodes = canvas.group(class_="parties")
    for p in order:
        _node(canvas, nodes, p, pos[p.iri], at[p.iri], fill[p.main_theme], p.iri in top, lang)
    _legend(canvas, themes, fill, theme_names, lang)
    return canvas.serialise()


def _node(
    canvas: Canvas,
    parent: ET.Element,
    p: Party,
    xy: tuple[float, float],
    angle: float,
    fill: str,
    top: bool,
    lang: str,
) -> None:
    g = canvas.group(parent, class_="party top" if top else "party")
    x, y = xy
    dot = canvas.circle(
        g, x, y, 4 + 1.6 * math.sqrt(p.inspanningen), fill=fill, stroke="#1f2328", stroke_width="1"
    )
    canvas.tooltip(dot, f"{p.name}: {len(p.partners)} · {', '.join(sorted(p.themes))}")
    degrees = math.degrees(angle)
    left = math.cos(angle) < 0
    lx = x + (16 if not left else -16) * abs(math.cos(angle)) + 14 * math.cos(angle)
    ly = y + 14 * math.sin(angle)
    rotate = degrees + 180 if left else degrees
    label = canvas.text(
        g,
        lx,
        ly + 4,
        shorten(f"{p.name} ({len(p.partners)})", 30),
        text_anchor="end" if left else "start",
        font_size="12",
        font_weight="700" if top else "400",
        transform=f"rotate({rotate:.1f} {lx:.1f} {ly:.1f})",
    )
    canvas.tooltip(label, p.name)


def _legend(
    canvas: Canvas, themes: list[str], fill: dict[str, str], names: dict[str, str], lang: str
) -> None:
    """Theme colours top left (each with its code and name), the reading key at the bottom."""
    g = canvas.group(class_="legend", font_size="12")
    canvas.text(g, 8, SIZE - 12, text(lang, "network.legend"), fill=MUTED)
    for n, t in enumerate(themes):
        y = 18 + 18 * n
        canvas.circle(g, 14, y - 4, 6, fill=fill[t], stroke="#1f2328")
        canvas.text(g, 26, y, shorten(f"{t} {names.get(t, '')}", 40))
