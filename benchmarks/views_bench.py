"""Time the four pictures (`werkagenda.views.pictures`) at 1× and 10×, against the 100 ms goal.

Scale N is the real agenda plus N−1 synthetic ones (`werkagenda synth`) in one in-memory
store, as in the rest of this folder. Each picture is built for the whole Drenthe 2024
agenda and for its VOW theme (the issue's "a theme's matrix, not the nation's"), and at 10×
also for a synthetic agenda's VOW theme. Reported: the median of `--runs` builds after one
warm-up build, and its ratio to the goal (≤ 1.0 meets it).

    python benchmarks/views_bench.py                # 1× and 10×, 5 runs each
    python benchmarks/views_bench.py --scales 1 --runs 3
"""

from __future__ import annotations

import sys

import pyoxigraph as ox
from timing import median_ms  # benchmarks/timing.py
from workspace import scaled_main  # benchmarks/workspace.py: the real + synthetic agendas

from werkagenda.config import DEFAULT_AGENDA_IRI, discover_agendas
from werkagenda.load import all_quads
from werkagenda.views.pictures import funding, matrix, network, timeline

GOAL_MS = 100.0
PICTURES = {"matrix": matrix, "funding": funding, "network": network, "timeline": timeline}


def store_and_agendas() -> tuple[ox.Store, list[str]]:
    """Every agenda under WERKAGENDA_ROOT/data in an in-memory store; the agenda IRIs."""
    store = ox.Store()
    store.bulk_extend(all_quads())
    others = sorted(a.iri for a in discover_agendas() if a.iri != DEFAULT_AGENDA_IRI)
    return store, [DEFAULT_AGENDA_IRI, *others]


def measure(runs: int) -> None:
    """Time every picture in this process's workspace (WERKAGENDA_ROOT) and print the rows."""
    store, agendas = store_and_agendas()
    scale = len(agendas)
    scopes: list[tuple[str, str, str | None]] = [
        ("drenthe/2024", DEFAULT_AGENDA_IRI, None),
        ("drenthe/2024 VOW", DEFAULT_AGENDA_IRI, DEFAULT_AGENDA_IRI + "/opgave/VOW"),
    ]
    if scale > 1:
        synth = agendas[1]
        scopes.append((synth.rsplit("/id/", 1)[1] + " VOW", synth, synth + "/opgave/VOW"))
    for name, module in PICTURES.items():
        for label, agenda, theme in scopes:
            ms = median_ms(lambda m=module, a=agenda, t=theme: m.build(store, a, theme=t), runs)
            print(
                f"{scale:>5} {len(store):>8} {name:<9} {label:<22} {ms:>8.1f} {ms / GOAL_MS:>6.2f}"
            )


def main(argv: list[str] | None = None) -> int:
    header = f"{'scale':>5} {'quads':>8} {'picture':<9} {'scope':<22} {'ms':>8} {'÷goal':>6}"
    return scaled_main(__file__, __doc__ or "", measure, header, argv, announce=False)


if __name__ == "__main__":
    sys.exit(main())
