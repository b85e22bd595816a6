"""Time a kind page (`views.pages.Pages.resource`) against the generic resource page, per kind.

The kind pages gather more facts (a dozen small queries, the theme's coverage matrix), so an
uncached render costs more than the generic property table; the server keeps rendered pages
in its response cache and #18 pre-renders them at build time, so this is the cost of the
first render only. Printed: the median of `--runs` renders after one warm-up, for each kind
page and for the same resource through the generic template, and their ratio.

    python benchmarks/pages_bench.py            # the real agenda, 5 runs
    python benchmarks/pages_bench.py --runs 20
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import pyoxigraph as ox

from werkagenda.config import DEFAULT_AGENDA_IRI
from werkagenda.load import all_quads
from werkagenda.views.pages import Pages, Site
from werkagenda.views.render import render
from werkagenda.views.resource import resource_model

PAGES = {
    "inspanning": DEFAULT_AGENDA_IRI + "/inspanning/VOW-9",
    "theme": DEFAULT_AGENDA_IRI + "/opgave/VOW",
    "goal": DEFAULT_AGENDA_IRI + "/doel/ZT-S2-C",
    "organisation": "https://w3id.org/iza-werkagenda/id/drenthe/actor/icare",
}


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm-up: query files, label cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    store = ox.Store()
    store.bulk_extend(all_quads())
    pages = Pages(store, Site.served(("https://w3id.org/iza-werkagenda/",)))
    print(f"{'kind':<14}{'kind page ms':>14}{'generic ms':>12}{'ratio':>8}")
    for kind, iri in PAGES.items():
        lk = pages.site.linker(pages.local(iri) or "", "nl")

        def generic(iri: str = iri, lk: object = lk) -> bytes:
            model = resource_model(pages.describer, lk, iri, "nl")  # type: ignore[arg-type]
            return render(
                "resource.html",
                r=model,
                lang="nl",
                jsonld=model["jsonld"],
                alternates=[],
                pager={},
                nav=pages.site.nav("nl"),
            )

        ours = median_ms(lambda iri=iri: pages.resource(iri, "nl"), runs)
        plain = median_ms(generic, runs)
        print(f"{kind:<14}{ours:>14.1f}{plain:>12.1f}{ours / plain:>8.1f}")


if __name__ == "__main__":
    main()
