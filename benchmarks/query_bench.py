"""Named queries: compiled pyoxigraph store vs the naive path, plus end-to-end CLI time.

The naive path is what a notebook without the build would do on every call: parse all
Turtle with rdflib into a Dataset (ontology graph + agenda graph) and run the query with
rdflib's SPARQL engine (parameters as initBindings). Medians in milliseconds; ratio =
naive / compiled. Run on demand:

    .venv/bin/python benchmarks/query_bench.py [--repeat 7] [--naive-repeat 2] [--only NAME …]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox
from timing import timed  # benchmarks/timing.py

from werkagenda.config import (
    DEFAULT_AGENDA_IRI,
    ONTOLOGY_DIR,
    ONTOLOGY_FILES,
    VOCABULARY_GRAPH,
    discover_agendas,
)
from werkagenda.load import all_quads
from werkagenda.query.execute import run_named
from werkagenda.query.params import bind
from werkagenda.query.registry import discover
from werkagenda.store import write_store

PARAMS = {"organisation": "Dokter Drenthe", "code": "ZT-12", "text": "thrive"}
CLI = Path(sys.executable).parent / "werkagenda"


def naive(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> int | str:
    from rdflib import Dataset, Literal, URIRef

    dataset = Dataset()
    vocabulary = dataset.graph(URIRef(VOCABULARY_GRAPH))
    for name in ONTOLOGY_FILES:
        vocabulary.parse(ONTOLOGY_DIR / name, format="turtle")
    for agenda in discover_agendas():
        graph = dataset.graph(URIRef(agenda.iri))
        for path in agenda.turtle_files:
            graph.parse(path, format="turtle")
    init = {
        k: URIRef(v.value) if isinstance(v, ox.NamedNode) else Literal(v.value)
        for k, v in bindings.items()
    }
    try:
        return len(list(dataset.query(text, initBindings=init)))
    except Exception as e:  # noqa: BLE001 - report rdflib's failure, keep timing the rest
        return f"rdflib error: {type(e).__name__}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per compiled/CLI timing")
    parser.add_argument("--naive-repeat", type=int, default=2, help="runs per naive timing")
    parser.add_argument("--only", nargs="*", default=None, help="query names to time")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store_dir = write_store(all_quads(), Path(tmp) / "store", {"sources_mtime": 0})
        store = ox.Store.read_only(str(store_dir))
        queries = [q for q in discover().values() if not args.only or q.name in args.only]
        print(f"{'query':34} {'compiled':>9} {'naive':>9} {'ratio':>7} {'cli':>8}  rows")
        ratios = []
        for q in queries:
            values = {k: v for k, v in PARAMS.items() if q.param(k)}
            compiled, result = timed(
                lambda q=q, v=values: run_named(store, q, v), args.repeat, warm_up=False
            )
            terms = bind(q, values)
            slow, naive_rows = timed(
                lambda q=q, t=terms: naive(q.text, t), args.naive_repeat, warm_up=False
            )
            cli_args = [str(CLI), "query", q.name, "--store", str(store_dir), "--format", "csv"]
            cli_args += [f"--param={k}={v}" for k, v in values.items()]
            cli, _ = timed(
                lambda a=cli_args: subprocess.run(a, capture_output=True, check=True),
                max(1, args.repeat // 2),
                warm_up=False,
            )
            rows = len(result.rows)  # type: ignore[union-attr]
            flag = "" if rows == naive_rows else f"  (rdflib: {naive_rows})"
            if isinstance(naive_rows, str):
                flag = f"  ({naive_rows})"
            ratios.append(slow / compiled)
            print(
                f"{q.name:34} {compiled:8.1f}m {slow:8.0f}m {slow / compiled:6.0f}x {cli:7.0f}m"
                f"  {rows}{flag}"
            )
        print(
            f"median ratio naive/compiled: {statistics.median(ratios):.0f}x "
            f"(agenda {DEFAULT_AGENDA_IRI})"
        )


if __name__ == "__main__":
    main()
