"""Named queries on the embedded store: parameters bound by substitution vs an inline VALUES block.

`query.execute.run_named` binds by pyoxigraph `substitutions`; remote endpoints get the
inline `VALUES` block of `query.binding.with_values`. Which one the engine evaluates faster
depends on the query and on how many agendas the store holds, so this measures both on the
built store of the real agenda plus N−1 synthetic ones (`benchmarks/workspace.py`), every
named query with the parameters of `query_bench.PARAMS`, engine time only (the result read
to the end), and checks that both give the same rows. ratio = VALUES ÷ substitutions
(below 1: VALUES is faster).

    python benchmarks/binding_bench.py                  # 1× and 10×, 5 runs each
    python benchmarks/binding_bench.py --scales 1,10,100 --runs 5
"""

from __future__ import annotations

import sys

import pyoxigraph as ox
from query_bench import PARAMS
from timing import median_ms  # benchmarks/timing.py
from workspace import scaled_main  # benchmarks/workspace.py: the real + synthetic agendas

from werkagenda.config import DIST_DIR, discover_agendas
from werkagenda.query.binding import with_values
from werkagenda.query.execute import as_result, select_columns
from werkagenda.query.params import bind
from werkagenda.query.registry import NamedQuery, discover

WHATIF = {"reject": ["iza", "spuk"]}  # the what-if queries: what falls without IZA and SPUK


def rows(answer: object) -> list[tuple[str, ...]]:
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    return [tuple(str(s[n]) for n in names) for s in answer]


def answer(query: NamedQuery, solutions: object) -> list[tuple[object, ...]]:
    """The rows as the runner answers them: declared columns, list columns normalised (a
    GROUP_CONCAT's order is the plan's, not part of the answer)."""
    assert isinstance(solutions, ox.QuerySolutions)
    return select_columns(as_result(solutions), query).rows


def measure(runs: int) -> None:
    from werkagenda.build import build
    from werkagenda.editions.resolve import latest_in_store
    from werkagenda.progress import Silent

    build(dist=DIST_DIR, agendas=discover_agendas(), progress=Silent())
    store = ox.Store.read_only(str(DIST_DIR / "store"))
    for query in discover().values():
        values = {k: v for k, v in {**PARAMS, **WHATIF}.items() if query.param(k)}
        terms = bind(query, values, editions=lambda region: latest_in_store(store, region))
        subs = {ox.Variable(k): t for k, t in terms.items()}
        inline = with_values(query.text, terms)
        by_subs = median_ms(
            lambda q=query, s=subs: rows(store.query(q.text, substitutions=s)), runs
        )  # type: ignore[misc]
        by_values = median_ms(lambda t=inline: rows(store.query(t)), runs)  # type: ignore[misc]
        a = answer(query, store.query(query.text, substitutions=subs))
        b = answer(query, store.query(inline))
        ordered = "ORDER BY" in query.text.upper()
        same = (
            "same"
            if (a == b if ordered else sorted(map(str, a)) == sorted(map(str, b)))
            else "DIFFERENT"
        )
        print(
            f"{'':>5} {len(store):>8} {query.name:<34} {by_subs:>9.2f} {by_values:>9.2f}"
            f" {by_values / by_subs:>6.2f} {len(a):>5} {same}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    header = (
        f"{'scale':>5} {'quads':>8} {'query':<34} {'subst ms':>9} {'VALUES ms':>9}"
        f" {'ratio':>6} {'rows':>5} answers"
    )
    return scaled_main(__file__, __doc__ or "", measure, header, argv, announce=True)


if __name__ == "__main__":
    sys.exit(main())
