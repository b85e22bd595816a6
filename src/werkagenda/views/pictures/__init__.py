"""Pictures of the agenda: coverage matrix, funding dependency, organisation network, timeline.

Each picture module has one entry point

    build(store: pyoxigraph.Store, agenda: str, *, theme: str | None = None, lang: str = "nl")
        -> Picture

a pure function of the store and an agenda IRI (optionally a theme IRI). A `Picture` carries
an SVG rendered on the server (every text escaped), the same facts as a table (the text
alternative), and CSV. Cells hold resource IRIs, not URLs: the view layer maps an IRI to a link
on the served or the static site.

Modules: `matrix` (coverage matrix), `funding` (funding dependency), `network` (organisation
network), `timeline` (planning by quarter); their SPARQL is in `queries/internal/views/`.
An unknown theme or a malformed IRI is an `InputError`; an agenda with nothing to draw gives
a Picture without rows, with `empty_message`.

`Cell.status` tokens, for shading a table like the picture (fills: `labels.SHADES`,
`timeline.KINDS`): matrix — a funding-status notation (`goedgekeurd`, `wacht-op-goedkeuring`
…, or `geen-financiering`) on an inspanning cell, `letter-only` on a goal known by letter
only, `uncovered` on the count of a goal without inspanning; funding — the status notation;
timeline — a milestone-kind notation (`start`, `oplevering`, `activiteit` …) on a quarter,
`conditional` on a conditional start.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    """One table cell: its visible text, the resource it stands for, and a shading token."""

    text: str
    iri: str | None = None  # a resource IRI under the base, linked by the view layer
    status: str | None = None  # e.g. a funding-status slug, used to shade the cell


@dataclass(frozen=True)
class Picture:
    """A picture and its text alternative."""

    name: str  # "matrix" | "funding" | "network" | "timeline"
    title: str
    description: str
    svg: str  # a self-contained <svg role="img"> with <title>; "" when empty
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    empty_message: str = ""  # shown instead of the picture when there is nothing to draw
    legend: tuple[tuple[str, str], ...] = field(default=())  # (status token, label)
    # Added for the pages: the resource IRI of each column where a column stands for one
    # (the matrix's inspanning columns), else None; empty when no column does.
    column_iris: tuple[str | None, ...] = field(default=())
    # The natural size of the SVG in CSS pixels (its viewBox); 0 when there is no SVG. The SVG
    # scales down to its container (width="100%", max-width the natural width); a page may
    # instead put a wide picture in a scrolling container of this width.
    width: int = 0
    height: int = 0

    @property
    def empty(self) -> bool:
        return not self.rows

    def csv(self) -> str:
        """The table as CSV (header row first), cells as their visible text."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows([c.text for c in row] for row in self.rows)
        return out.getvalue()
