"""Funding what-if: one scenario on the compiled store vs the naive rdflib evaluation.

At scale N the store holds the real agenda plus N-1 synthetic ones (`werkagenda synth`,
as in the other benchmarks); the scenario is always asked of the real agenda's named graph
(`GRAPH ?agenda`, bound by substitution). "compiled" = `werkagenda.whatif.run` (the name
check plus both named queries `whatif-inspanningen` and `whatif-goals`) on a pyoxigraph
store on disk; each query is also timed alone. "naive" = the same two query texts on an
rdflib Dataset parsed from the Turtle (parameters as initBindings): parse + query, and the
query alone on the already parsed Dataset. Medians in milliseconds (wall clock; for
`whatif.run` also the process's CPU time, which the other users of a shared machine disturb
less). Goal: ≤ 50 ms compiled.

    .venv/bin/python benchmarks/whatif_bench.py [--scales 1,10] [--repeat 9] [--naive-repeat 1]
        [--workdir DIR]

Scales above 10 are refused unless --allow-large (the machine is shared). With --workdir the
workspaces and stores stay in DIR and a store already built there for the same agendas is
reused (the 100x build takes minutes; it is not rebuilt when their data change: use a new
DIR). The medians, the load average and the row counts are written to
benchmarks/results/whatif-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed  # noqa: E402  # benchmarks/timing.py
from workspace import prepare  # noqa: E402

from werkagenda.config import (  # noqa: E402
    DEFAULT_AGENDA_IRI,
    ONTOLOGY_DIR,
    ONTOLOGY_FILES,
    VOCABULARY_GRAPH,
    discover_agendas,
)
from werkagenda.load import all_quads  # noqa: E402
from werkagenda.query.execute import run_named  # noqa: E402
from werkagenda.query.params import bind  # noqa: E402
from werkagenda.query.registry import get  # noqa: E402
from werkagenda.store import read_stamp, write_store  # noqa: E402
from werkagenda.whatif import run  # noqa: E402

SCENARIO = ["iza-transformatieplan", "spuk"]
QUERIES = ("whatif-inspanningen", "whatif-goals")
HERE = Path(__file__).resolve().parent


def rdflib_dataset(data: Path):  # type: ignore[no-untyped-def]
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    vocabulary = dataset.graph(URIRef(VOCABULARY_GRAPH))
    for name in ONTOLOGY_FILES:
        vocabulary.parse(ONTOLOGY_DIR / name, format="turtle")
    for agenda in discover_agendas(data):
        graph = dataset.graph(URIRef(agenda.iri))
        for path in agenda.turtle_files:
            graph.parse(path, format="turtle")
    return dataset


def naive_rows(dataset, name: str) -> int | str:  # type: ignore[no-untyped-def]
    from rdflib import Literal, URIRef

    query = get(name)
    terms = bind(query, {"reject": SCENARIO})
    init = {
        k: URIRef(v.value) if isinstance(v, ox.NamedNode) else Literal(v.value)
        for k, v in terms.items()
    }
    try:
        return len(list(dataset.query(query.text, initBindings=init)))
    except TypeError:  # rdflib cannot sort by xsd:decimal(?nummer) here: drop ORDER BY
        unordered = query.text[: query.text.rindex("ORDER BY")]
        return f"{len(list(dataset.query(unordered, initBindings=init)))} without ORDER BY"
    except Exception as e:  # noqa: BLE001 - report rdflib's failure, keep timing the rest
        return f"rdflib error: {type(e).__name__}"


def compiled_store(ws_root: Path, agendas: list) -> tuple[ox.Store, bool]:  # type: ignore[type-arg]
    """The store of the workspace, reused when one was built there for these agendas."""
    target = ws_root / "store"
    keys = [a.key for a in agendas]
    stamp = read_stamp(target) or {}
    reused = stamp.get("agendas") == keys
    if not reused:
        write_store(all_quads(agendas), target, {"sources_mtime": 0, "agendas": keys})
    return ox.Store.read_only(str(target)), reused


def one_scale(scale: int, workdir: Path, repeat: int, naive_repeat: int) -> dict[str, object]:
    ws = prepare(workdir, scale, seed=7)
    agendas = discover_agendas(ws.root / "data")
    store, reused = compiled_store(ws.root, agendas)
    quads = len(store)
    run(SCENARIO, store=store)  # warm the page cache and the query registry
    load_before = os.getloadavg()
    total, scenario = timed(lambda: run(SCENARIO, store=store), repeat, warm_up=False)
    cpu, _ = timed(
        lambda: run(SCENARIO, store=store), repeat, warm_up=False, clock=time.process_time
    )
    out: dict[str, object] = {"agendas": len(agendas), "quads": quads, "store_reused": reused}
    out |= {"load_average": [round(x, 2) for x in load_before], "run_ms": round(total, 2)}
    out["run_cpu_ms"] = round(cpu, 2)
    print(f"\nscale {scale}×: {len(agendas)} agendas, {quads:,} quads (store reused: {reused})")
    print(f"  load average: {' '.join(f'{x:.2f}' for x in load_before)}")
    print(f"  whatif.run({SCENARIO}) compiled: {total:7.1f} ms  (goal ≤ 50 ms)")
    print(f"    its CPU time (this process; the other users disturb it less): {cpu:.1f} ms")
    rows = {}
    for name in QUERIES:
        q = get(name)
        ms, result = timed(
            lambda q=q: run_named(store, q, {"reject": SCENARIO}), repeat, warm_up=False
        )
        rows[name] = len(result.rows)  # type: ignore[union-attr]
        out[f"{name}_ms"] = round(ms, 2)
        print(f"  {name:22} compiled: {ms:7.1f} ms  rows {rows[name]}")
    out["rows"] = rows
    parse_ms, dataset = timed(lambda: rdflib_dataset(ws.root / "data"), naive_repeat, warm_up=False)
    print(f"  rdflib parse of every agenda: {parse_ms:9.0f} ms")
    naive_total = parse_ms
    naive: dict[str, object] = {"parse_ms": round(parse_ms)}
    for name in QUERIES:
        ms, got = timed(lambda n=name: naive_rows(dataset, n), naive_repeat, warm_up=False)
        naive_total += ms
        naive[f"{name}_ms"], naive[f"{name}_rows"] = round(ms), got
        same = "same rows" if str(got).split()[0] == str(rows[name]) else "rows differ"
        same += f", rdflib {got}" if not isinstance(got, int) else ""
        print(f"  {name:22} naive query alone: {ms:9.0f} ms  ({same})")
    print(
        f"  naive parse + both queries: {naive_total:9.0f} ms  → ratio {naive_total / total:,.0f}× "
        f"(query alone {(naive_total - parse_ms) / total:,.0f}×)"
    )
    print(f"  affected: {len(scenario.inspanningen)} inspanningen, {len(scenario.goals)} goals")  # type: ignore[union-attr]
    out["naive"] = naive
    out["affected"] = {"inspanningen": len(scenario.inspanningen), "goals": len(scenario.goals)}  # type: ignore[union-attr]
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated scales (1 = real)")
    parser.add_argument("--repeat", type=int, default=9, help="runs per compiled timing")
    parser.add_argument("--naive-repeat", type=int, default=1, help="runs per naive timing")
    parser.add_argument("--allow-large", action="store_true", help="permit scales above 10")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) workspaces and stores here")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    if max(scales) > 10 and not args.allow_large:
        parser.error("scales above 10 need --allow-large (the machine is shared)")
    print(f"agenda {DEFAULT_AGENDA_IRI}, scenario reject={SCENARIO}")
    out: dict[str, object] = {"scenario": SCENARIO, "agenda": DEFAULT_AGENDA_IRI, "scales": {}}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        for scale in scales:
            result = one_scale(scale, workdir, args.repeat, args.naive_repeat)
            out["scales"][str(scale)] = result  # type: ignore[index]
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / f"whatif-{time.strftime('%Y%m%dT%H%M%S')}.json"
    path.write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten: {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
