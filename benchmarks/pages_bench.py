"""Time a kind page (`views.pages.Pages.resource`) against the generic resource page, per kind.

The kind pages gather more facts (4–10 small queries, the theme's coverage matrix), so an
uncached render costs more than the generic property table; this is the cost of a page
rendered on demand (bound queries, `views.facts.rows`); `build` pre-renders small stores.
Printed: the median of `--runs` renders after one warm-up, for each kind page and for the
same resource through the generic template, and their ratio.

    python benchmarks/pages_bench.py            # the real agenda, 5 runs
    python benchmarks/pages_bench.py --runs 20
    python benchmarks/pages_bench.py --build --scales 1,10   # build with and without pages

`--build` times `werkagenda build` (agenda cache warm, no HermiT check) in a workspace per
scale, first with `--no-pages`, then pre-rendering every page (`--max-pages` unlimited), and
prints CPU seconds (the build and its workers) and wall seconds with the load average beside
them: the cost of pre-rendering is the difference (see `config.MAX_PRERENDERED`).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from timing import median_ms  # benchmarks/timing.py
from workspace import BIN, prepare  # benchmarks/workspace.py: the real + synthetic agendas

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


def timed_build(env: dict[str, str], *flags: str) -> tuple[float, float, str]:
    """(CPU s of the build and its workers, wall s, the CLI's last line) of one build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "werkagenda"), "build", "--no-reason-check", *flags],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall, (done.stdout.strip().splitlines() or [""])[-1]


def build_costs(scales: str) -> None:
    """Build each scale without pages, then with every page pre-rendered; print the costs."""
    print(f"{'scale':>5} {'pages':<6} {'cpu s':>8} {'wall s':>8}  load (1/5/15 min)")
    with tempfile.TemporaryDirectory(prefix="pages-bench-") as tmp:
        for scale in (int(s) for s in scales.split(",")):
            env = prepare(Path(tmp), scale, seed=0).env
            timed_build(env, "--no-pages")  # warm the agenda cache: both rows then compare
            for label, flags in (("no", ("--no-pages",)), ("all", ("--max-pages", "10000000"))):
                cpu, wall, _ = timed_build(env, *flags)
                load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
                print(f"{scale:>5} {label:<6} {cpu:>8.1f} {wall:>8.1f}  {load}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", action="store_true", help="time builds with/without pages")
    parser.add_argument("--scales", default="1,10", help="for --build, e.g. 1,10")
    args = parser.parse_args()
    if args.build:
        build_costs(args.scales)
        return
    runs = args.runs
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
