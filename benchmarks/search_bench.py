"""Search: the named SPARQL query `search` against the search index of `werkagenda.views.search`.

Why an index of our own rather than only the SPARQL query: the static site has no SPARQL
engine, so its search (`static/search.js`) must match over a prepared index, and the server
must answer exactly as the static site does; the index also keeps each match's position for
highlighting. This benchmark shows what that costs and gains on the server: building the
index once per worker, then one search, against one run of the named query (which folds
accents with a REPLACE chain over every literal on every call), for a few queries, at 1×
and 10× (the real agenda plus N−1 synthetic ones, `benchmarks/workspace.py`).

    python benchmarks/search_bench.py                 # 1× and 10×, 5 runs each
    python benchmarks/search_bench.py --scales 1 --runs 3
"""

from __future__ import annotations

import sys

import pyoxigraph as ox
from timing import median_ms  # benchmarks/timing.py
from workspace import scaled_main  # benchmarks/workspace.py: the real + synthetic agendas

from werkagenda.config import DEFAULT_AGENDA_IRI
from werkagenda.load import all_quads
from werkagenda.query import run
from werkagenda.views.search import build_index

QUERIES = ("zorgverzekeraar", "cliënt", "ecosysteem", "VOW-9")


def measure(runs: int) -> None:
    store = ox.Store()
    store.bulk_extend(all_quads())
    build_ms = median_ms(lambda: build_index(store), runs)
    index = build_index(store)
    print(f"{'':>5} {len(store):>8} {'build index':<22} {build_ms:>9.1f}")
    for q in QUERIES:
        sparql = median_ms(lambda q=q: run("search", text=q, store=store), runs)  # type: ignore[misc]
        ours = median_ms(lambda q=q: index.search(q, agenda=DEFAULT_AGENDA_IRI), runs)  # type: ignore[misc]
        print(f"{'':>5} {len(store):>8} {q:<22} {sparql:>9.1f} {ours:>9.2f} {sparql / ours:>8.0f}")


def main(argv: list[str] | None = None) -> int:
    header = (
        f"{'scale':>5} {'quads':>8} {'query':<22} {'SPARQL ms':>9} {'index ms':>9} {'ratio':>8}"
    )
    return scaled_main(__file__, __doc__ or "", measure, header, argv, announce=True)


if __name__ == "__main__":
    sys.exit(main())
