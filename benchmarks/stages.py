"""One benchmark stage per process, so each reports its own time and peak memory.

Run by benchmarks/run.py with WERKAGENDA_ROOT / WERKAGENDA_DIST pointing at a scale's
workspace; prints one JSON object. By hand:

    WERKAGENDA_ROOT=/tmp/bench/scale-10 python benchmarks/stages.py validate-fast
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DIST_DIR, VOCABULARY_GRAPH, discover_agendas

Stage = Callable[[argparse.Namespace], dict]
STAGES: dict[str, Stage] = {}


def stage(fn: Stage) -> Stage:
    STAGES[fn.__name__.replace("_", "-")] = fn
    return fn


def peak_mb() -> float:
    """Peak RSS of this process image: VmHWM (ru_maxrss keeps the forking parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def store_dir() -> Path:
    return DIST_DIR / "store"


def loaded_dir() -> Path:
    """The store of the `load` stage: asserted triples only (what `materialise` starts from)."""
    return DIST_DIR / "loaded"


@stage
def load(args: argparse.Namespace) -> dict:
    """Parse every agenda (Turtle + source lines) and bulk-load it, one agenda at a time."""
    from werkagenda.load import agenda_quads, vocabulary_quads
    from werkagenda.store import StagedStore

    agendas = discover_agendas()
    started = time.perf_counter()
    parse = 0.0
    with StagedStore(loaded_dir()) as staged:
        assert staged.store is not None
        vocabulary = vocabulary_quads()
        staged.store.bulk_extend(vocabulary)
        count = len(vocabulary)
        for agenda in agendas:
            t0 = time.perf_counter()
            quads = agenda_quads(agenda)
            parse += time.perf_counter() - t0
            count += len(quads)
            staged.store.bulk_load(
                ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS
            )
        staged.commit({"sources_mtime": 0, "agendas": [a.key for a in agendas]})
    done = time.perf_counter()
    return {
        "parse_s": parse,
        "store_s": done - started - parse,
        "seconds": done - started,
        "quads": count,
        "agendas": len(agendas),
    }


@stage
def build(args: argparse.Namespace) -> dict:
    """The build pipeline's Python API over every agenda: parse -> fast SHACL -> materialise ->
    store, agendas in parallel worker processes, the agenda cache emptied first (the CLI row
    shows a warm build). Writes the store the later stages query."""
    from werkagenda.build import build as run_build
    from werkagenda.buildcache import CACHE_DIRNAME
    from werkagenda.pipeline import PARALLEL_FROM
    from werkagenda.progress import Silent

    agendas = discover_agendas()
    steps: dict[str, float] = {}

    class Record(Silent):
        def finished(self, step: str, seconds: float, detail: str) -> None:
            steps[step] = seconds

    shutil.rmtree(DIST_DIR / CACHE_DIRNAME, ignore_errors=True)  # compile every agenda
    started = time.perf_counter()
    run_build(
        dist=DIST_DIR,
        agendas=agendas,
        progress=Record(),
    )
    elapsed = time.perf_counter() - started
    workers = min(os.cpu_count() or 1, len(agendas)) if len(agendas) >= PARALLEL_FROM else 0
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": elapsed,
        "steps": steps,
        "agendas": len(agendas),
        "workers": workers,
        "worker_peak_mb": children if workers else None,
    }


@stage
def validate_fast(args: argparse.Namespace) -> dict:
    """The build gate (pyrudof), one agenda graph at a time."""
    from werkagenda.load import agenda_quads, vocabulary_quads
    from werkagenda.validate import agenda_prefixes, load_shapes, validator

    started = time.perf_counter()
    shapes, vocabulary = load_shapes(), vocabulary_quads()
    fast = validator(shapes)
    parse = check = 0.0
    results = {"violations": 0, "warnings": 0, "infos": 0}
    for agenda in discover_agendas():
        t0 = time.perf_counter()
        quads = agenda_quads(agenda)
        t1 = time.perf_counter()
        report = fast.validate(
            [*vocabulary, *quads], subject=agenda.key, prefixes=agenda_prefixes(agenda)
        )
        check += time.perf_counter() - t1
        parse += t1 - t0
        for key, sev in (("violations", "Violation"), ("warnings", "Warning"), ("infos", "Info")):
            results[key] += sum(1 for r in report.results if r.severity.value == sev)
    return {
        "seconds": time.perf_counter() - started,
        "parse_s": parse,
        "validate_s": check,
        **results,
    }


@stage
def validate_pyshacl(args: argparse.Namespace) -> dict:
    """pySHACL (the reference) per agenda until the time budget is spent."""
    from werkagenda.load import agenda_quads, vocabulary_quads
    from werkagenda.validate import agenda_prefixes, load_shapes, validator

    agendas = discover_agendas()
    shapes, vocabulary = load_shapes(), vocabulary_quads()
    reference = validator(shapes, "pyshacl")
    started, done, violations = time.perf_counter(), 0, 0
    for agenda in agendas:
        if time.perf_counter() - started > args.budget:
            break
        quads = [*vocabulary, *agenda_quads(agenda)]
        report = reference.validate(quads, subject=agenda.key, prefixes=agenda_prefixes(agenda))
        violations += len(report.violations)
        done += 1
    elapsed = time.perf_counter() - started
    return {
        "seconds": elapsed,
        "done": done,
        "agendas": len(agendas),
        "violations": violations,
        "complete": done == len(agendas),
    }


@stage
def materialise(args: argparse.Namespace) -> dict:
    """The SPARQL CONSTRUCT rules (reason/materialise.py) per agenda graph on a store copy."""
    from werkagenda.reason.materialise import materialise as run_rules

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(loaded_dir(), Path(tmp) / "store")
        store = ox.Store(str(Path(tmp) / "store"))
        graphs = [g.value for g in store.named_graphs() if g.value != VOCABULARY_GRAPH]
        started = time.perf_counter()
        added, members = 0, {}
        for graph in sorted(graphs):
            result = run_rules(store, graph)
            added += result.added
            members[graph] = sum(len(m) for m in result.memberships.values())
        elapsed = time.perf_counter() - started
        del store
    return {
        "seconds": elapsed,
        "added": added,
        "memberships": sum(members.values()),
        "per_agenda": members,
        "agendas": len(graphs),
    }


def _reasoner_stage(args: argparse.Namespace, reason: Callable) -> dict:  # type: ignore[type-arg]
    """Run a reasoner per agenda (vocabulary + agenda graph) until the budget is spent."""
    from werkagenda.load import agenda_quads, vocabulary_quads
    from werkagenda.reason.materialise import DEFINED_CLASSES
    from werkagenda.validate.graph import to_rdflib

    agendas = discover_agendas()
    vocabulary = vocabulary_quads()
    started, members = time.perf_counter(), {}
    for agenda in agendas:
        if time.perf_counter() - started > args.budget:
            break
        graph = to_rdflib([*vocabulary, *agenda_quads(agenda)])
        typed = {
            (str(s), str(o))
            for s, p, o in reason(graph)
            if str(p).endswith("#type") and str(o) in DEFINED_CLASSES
        }
        members[agenda.iri] = len(typed)
    return {
        "seconds": time.perf_counter() - started,
        "done": len(members),
        "agendas": len(agendas),
        "memberships": sum(members.values()),
        "per_agenda": members,
        "complete": len(members) == len(agendas),
    }


@stage
def owlrl(args: argparse.Namespace) -> dict:
    """owlrl (OWL 2 RL closure in rdflib) per agenda."""
    import owlrl as rl

    def reason(graph):  # type: ignore[no-untyped-def]
        rl.DeductiveClosure(rl.OWLRL_Semantics).expand(graph)
        return graph

    return _reasoner_stage(args, reason)


@stage
def reasonable(args: argparse.Namespace) -> dict:
    """reasonable (OWL 2 RL in Rust) per agenda."""
    import reasonable as rs

    def reason(graph):  # type: ignore[no-untyped-def]
        r = rs.PyReasoner()
        r.from_graph(graph)
        return r.reason()

    return _reasoner_stage(args, reason)


def _params(query) -> dict:  # type: ignore[no-untyped-def]
    from query_bench import PARAMS

    return {k: v for k, v in PARAMS.items() if query.param(k)}


@stage
def queries(args: argparse.Namespace) -> dict:
    """Every named query on the compiled store (embedded pyoxigraph): median ms and rows."""
    from werkagenda.query.execute import run_named
    from werkagenda.query.registry import discover

    store = ox.Store.read_only(str(store_dir()))
    out = {}
    for query in discover().values():
        params, times, rows = _params(query), [], 0
        for _ in range(max(3, args.runs)):
            t0 = time.perf_counter()
            rows = len(run_named(store, query, params).rows)
            times.append((time.perf_counter() - t0) * 1000)
        out[query.name] = {"ms": statistics.median(times), "rows": rows}
    return {"queries": out}


@stage
def naive(args: argparse.Namespace) -> dict:
    """The naive path for one named query: parse all Turtle with rdflib, then query."""
    from query_bench import naive as naive_call

    from werkagenda.query.params import bind
    from werkagenda.query.registry import get

    query = get(args.query)
    started = time.perf_counter()
    rows = naive_call(query.text, bind(query, _params(query)))
    elapsed = (time.perf_counter() - started) * 1000
    if isinstance(rows, str):  # query_bench reports rdflib's own failures as text
        return {"error": rows, "after_ms": elapsed}
    return {"ms": elapsed, "rows": rows}


@stage
def remote_queries(args: argparse.Namespace) -> dict:
    """Every named query on a remote SPARQL endpoint through SPARQLWrapper (VALUES-bound)."""
    from werkagenda.errors import WerkagendaError
    from werkagenda.query.registry import discover
    from werkagenda.remote import Endpoint, run_named

    endpoint = Endpoint(args.endpoint, timeout=120)
    out: dict[str, dict] = {}
    for query in discover().values():
        times, rows = [], 0
        try:
            for _ in range(max(1, args.runs)):
                t0 = time.perf_counter()
                rows = len(run_named(endpoint, query, _params(query)).rows)
                times.append((time.perf_counter() - t0) * 1000)
        except WerkagendaError as e:
            out[query.name] = {"error": str(e).splitlines()[0][:160]}
            continue
        out[query.name] = {"ms": statistics.median(times), "rows": rows}
    return {"queries": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--budget", type=float, default=60.0, help="seconds for budgeted stages")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default=None, help="named query (naive stage)")
    parser.add_argument("--endpoint", default=None, help="SPARQL endpoint (remote-queries)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    result = STAGES[args.stage](args)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
