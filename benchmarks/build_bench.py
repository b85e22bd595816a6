"""Time the build's steps on the real data against the naive path, and print ratios.

    python benchmarks/build_bench.py               # 3 runs per step, naive HermiT budget 300 s
    python benchmarks/build_bench.py --runs 5 --budget 60

Ours: pyoxigraph parse · pySHACL on an N-Triples copy whose SPARQL texts are prepared once ·
SPARQL CONSTRUCT on pyoxigraph · HermiT (-c -I) in a fresh JVM per run, then the cached
check (same content digest: no JVM). Naive: rdflib parse · pySHACL on a plain rdflib graph
(each SHACL-SPARQL text parsed per focus node) · the CONSTRUCT rules on rdflib · owlready2
reloading everything and sync_reasoner (HermiT -c -O -D -I) on every call, run in a child
process under --budget and reported as "> budget" when it does not finish.
Medians of --runs runs; ratio = naive / ours.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from werkagenda.build import build
from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, ROOT, SHAPES_FILE, discover_agendas
from werkagenda.load import agenda_quads, vocabulary_quads
from werkagenda.reason import classify, materialise
from werkagenda.reason.materialise import construct_queries
from werkagenda.validate import agenda_prefixes, load_shapes, validator

NAIVE_HERMIT = """
import sys, owlready2
world = owlready2.World()
world.get_ontology("file://" + sys.argv[1]).load(format="ntriples")
owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
"""


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def naive_graph(agenda) -> Graph:  # type: ignore[no-untyped-def]
    """rdflib parses the ontology and every agenda file (no source lines)."""
    graph = Graph()
    for name in ONTOLOGY_FILES:
        graph.parse(ONTOLOGY_DIR / name, format="turtle")
    for path in agenda.turtle_files:
        graph.parse(path, format="turtle")
    return graph


def naive_hermit(nt: Path, budget: float, runs: int) -> float | None:
    """Median seconds of owlready2 reload + sync_reasoner, or None past the budget."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        try:
            subprocess.run(
                [sys.executable, "-c", NAIVE_HERMIT, str(nt)],
                check=True,
                capture_output=True,
                timeout=budget,
            )
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=300.0, help="naive HermiT limit (s)")
    args = parser.parse_args()
    agenda = next(iter(discover_agendas()))
    vocabulary, quads = vocabulary_quads(), agenda_quads(agenda)
    shapes = load_shapes()
    rows: list[tuple[str, float, float | None]] = []

    ours = median_time(lambda: (vocabulary_quads(), agenda_quads(agenda)), args.runs)
    rows.append(("parse", ours, median_time(lambda: naive_graph(agenda), args.runs)))

    reference = validator(shapes, "pyshacl")

    def validate_ours() -> object:
        data = [*vocabulary, *quads]
        return reference.validate(data, subject=agenda.key, prefixes=agenda_prefixes(agenda))

    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in [*vocabulary, *quads]]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)

    def validate_naive() -> object:
        from pyshacl import validate

        graph = Graph().parse(data=data, format="nt")  # a plain graph: no prepared queries
        return validate(graph, shacl_graph=str(SHAPES_FILE), inference="none", advanced=True)

    rows.append(
        (
            "validate (pySHACL)",
            median_time(validate_ours, args.runs),
            median_time(validate_naive, max(1, args.runs // 2)),
        )
    )

    def materialise_ours() -> object:
        store = ox.Store()
        store.bulk_extend([*vocabulary, *quads])
        return materialise(store, agenda.iri)

    graph = naive_graph(agenda)
    rules = [p.read_text(encoding="utf-8") for p in construct_queries()]
    rows.append(
        (
            "materialise",
            median_time(materialise_ours, args.runs),
            median_time(lambda: [list(graph.query(r)) for r in rules], args.runs),
        )
    )

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        fresh = median_time(lambda: classify([*vocabulary, *quads]), args.runs)
        classify([*vocabulary, *quads], key=agenda.key, cache_dir=cache)
        cached = median_time(
            lambda: classify([*vocabulary, *quads], key=agenda.key, cache_dir=cache), args.runs
        )
        nt = Path(tmp) / "all.nt"
        ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in [*vocabulary, *quads]),
            str(nt),
            format=ox.RdfFormat.N_TRIPLES,
        )
        naive = naive_hermit(nt, args.budget, max(1, args.runs // 2))
        rows.append(("HermiT (fresh JVM)", fresh, naive))
        rows.append(("HermiT (unchanged: cached)", cached, naive))

    with tempfile.TemporaryDirectory() as tmp:
        build(dist=Path(tmp), reason_check=True)  # fills the HermiT cache of this dist
        whole = median_time(lambda: build(dist=Path(tmp), reason_check=True), args.runs)
    naive_total = None if any(t is None for _, _, t in rows) else sum(t for _, _, t in rows[:-1])
    rows.append(("build (all steps, warm cache)", whole, naive_total))

    print(
        f"build steps on {agenda.key} ({len(vocabulary) + len(quads)} triples), "
        f"median of {args.runs} runs, root {ROOT}"
    )
    print(f"{'step':<28}{'ours (s)':>10}{'naive (s)':>12}{'ratio':>9}")
    for name, mine, theirs in rows:
        shown = f"{theirs:12.2f}" if theirs is not None else f"{'> ' + str(int(args.budget)):>12}"
        ratio = (
            f"{theirs / mine:8.1f}x"
            if theirs is not None
            else f"{'> ' + str(int(args.budget / mine)):>8}x"
        )
        print(f"{name:<28}{mine:10.2f}{shown}{ratio}")


if __name__ == "__main__":
    main()
