"""Benchmark suite at national scale: one table per scale, ratios, scaling exponents, targets.

    python benchmarks/run.py --quick                  # 1x and 10x, about two minutes
    python benchmarks/run.py --scales 1,10,100 --runs 3
    python benchmarks/run.py --scales 300 --no-servers --keep --workdir /data/bench

Scale N = the real agenda plus N-1 synthetic ones (`werkagenda synth`, seed --seed). Every
stage runs in a fresh interpreter (its own time and peak RSS); slow references (pySHACL,
owlrl, reasonable, the naive rdflib path) run under a time budget and are reported as
"> T s (timed out)" rather than waiting. Results also go to benchmarks/results/<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import report
import servers
from workspace import BIN, HERE, Workspace, prepare, run_stage, wall_seconds

from werkagenda.errors import InputError
from werkagenda.synth import check_scale

# Budgets (s) of the slow references; 0 skips one. One owlrl run over one agenda takes about a
# minute, so --quick leaves owlrl out and runs pySHACL at the smallest scale only.
QUICK = {
    "runs": 1,
    "pyshacl": 20.0,
    "pyshacl_scales": "smallest",
    "owlrl": 0.0,
    "reasonable": 5.0,
    "naive_queries": 2,
    "naive_timeout": 30.0,
    "clients": 8,
    "serve_seconds": 1.0,
    "remote": "largest",
    "push": False,
    "build_scales": "smallest",
    "build_timeout": 120.0,
    "build_warm": True,
}
FULL = {
    "runs": 3,
    "pyshacl": 120.0,
    "pyshacl_scales": "all",
    "owlrl": 150.0,
    "reasonable": 120.0,
    "naive_queries": None,
    "naive_timeout": 120.0,
    "clients": 32,
    "serve_seconds": 10.0,
    "remote": "all",
    "push": True,
    "build_scales": "all",
    "build_timeout": 300.0,
    "build_warm": True,
}
CLI_QUERY = "inspanningen"


def repeated(ws: Workspace, stage: str, runs: int, timeout: float) -> dict:
    """Median seconds (and the median run's other numbers) of `runs` fresh processes."""
    outs = []
    for _ in range(max(1, runs)):
        outcome = run_stage(ws, stage, timeout=timeout)
        if not outcome.ok:
            return {"why": outcome.why(timeout)}
        outs.append(outcome.data)
    outs.sort(key=lambda d: d["seconds"])
    median = dict(outs[len(outs) // 2])
    median["peak_mb"] = max(d["peak_mb"] for d in outs)
    median["runs"] = len(outs)
    return median


def budgeted(ws: Workspace, stage: str, budget: float, why_not: str = "") -> dict:
    """A slow reference run until `budget` s are spent (checked between agendas), hard-capped."""
    if budget <= 0 or why_not:
        return {"skipped": why_not or f"--quick leaves {stage} out (one agenda takes ~1 min)"}
    limit = budget + max(30.0, budget)
    outcome = run_stage(ws, stage, "--budget", str(budget), timeout=limit)
    return outcome.data if outcome.ok else {"why": outcome.why(limit)}


def wall(command: list[str], env: dict[str, str], runs: int, timeout: float) -> float | None:
    times = [wall_seconds(command, env, timeout) for _ in range(max(1, runs))]
    return None if any(t is None for t in times) else statistics.median(times)  # type: ignore[arg-type]


def run_scale(ws: Workspace, p: dict, with_servers: bool, largest: bool, smallest: bool) -> dict:
    runs = p["runs"]
    remote = p["remote"] == "all" or largest
    r: dict = {"agendas": ws.scale, "synth_s": ws.synth_seconds}
    r["build"] = repeated(ws, "build", runs, timeout=1800)  # writes the store queried below
    if "why" in r["build"]:
        raise SystemExit(f"scale {ws.scale}: the build failed: {r['build']['why']}")
    r["load"] = repeated(ws, "load", runs, timeout=1800)
    r["quads"] = r["load"].get("quads")
    startup = wall([sys.executable, "-c", "pass"], ws.env, 3, 60)
    r["build_cli"] = build_cli(ws, p, startup, smallest)
    r["validate_fast"] = repeated(ws, "validate-fast", runs, timeout=1800)
    r["validate_pyshacl"] = budgeted(
        ws,
        "validate-pyshacl",
        p["pyshacl"],
        "" if smallest or p["pyshacl_scales"] == "all" else "--quick runs pySHACL at 1× only",
    )
    r["materialise"] = repeated(ws, "materialise", runs, timeout=1800)
    r["owlrl"] = budgeted(ws, "owlrl", p["owlrl"])
    r["reasonable"] = budgeted(ws, "reasonable", p["reasonable"])
    r["queries"], r["queries_peak_mb"] = named_queries(ws, p)
    cli = [str(BIN / "werkagenda"), "query", CLI_QUERY, "--store", str(ws.store), "--format", "csv"]
    seconds = wall(cli, ws.env, max(3, runs), 120)
    r["cli_query"] = (
        {"query": CLI_QUERY, "wall_s": seconds, "startup_s": startup}
        if seconds
        else {"query": CLI_QUERY, "why": "failed: `werkagenda query` did not succeed"}
    )
    skip = {"skipped": "--no-servers"}
    r["serve"] = (
        servers.serve_bench(ws, clients=p["clients"], seconds=p["serve_seconds"])
        if with_servers
        else skip
    )
    if with_servers and not remote:
        skip = {"skipped": "--quick runs the remote stores at the largest scale only"}
    run_remote = with_servers and remote
    r["oxigraph"] = servers.oxigraph_remote(ws, runs=runs, push=p["push"]) if run_remote else skip
    r["virtuoso"] = servers.virtuoso_remote(ws, runs=runs, push=p["push"]) if run_remote else skip
    return r


def build_cli(ws: Workspace, p: dict, startup: float | None, smallest: bool) -> dict:
    """`werkagenda build` as a user runs it: cold (fresh dist/) and warm (HermiT cache hit)."""
    if not smallest and p["build_scales"] == "smallest":
        return {"skipped": "--quick times `werkagenda build` at 1× only"}
    limit = p["build_timeout"]
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(BIN / "werkagenda"), "build", "--dist", tmp]
        cold = wall_seconds(command, ws.env, limit)
        warm_runs = p["runs"] if smallest else 1  # larger scales: one warm run, bounded
        warm = wall(command, ws.env, warm_runs, limit) if cold and p["build_warm"] else cold
    if cold is None:
        return {"why": f"> {limit:.0f} s (timed out) or failed"}
    return {
        "wall_s": warm,
        "cold_s": cold,
        "startup_s": startup,
        "beyond_startup_s": warm - startup if warm and startup else None,
    }


def named_queries(ws: Workspace, p: dict) -> tuple[dict, float]:
    outcome = run_stage(ws, "queries", "--runs", str(max(3, p["runs"])), timeout=900)
    if not outcome.ok:
        raise SystemExit(f"scale {ws.scale}: named queries failed: {outcome.why(900)}")
    queries = outcome.data["queries"]
    limit, streak = p["naive_timeout"], []  # consecutive time-outs
    for i, name in enumerate(sorted(queries)):
        if p["naive_queries"] is not None and i >= p["naive_queries"]:
            queries[name]["naive"] = {
                "skipped": f"--quick times the naive path for {p['naive_queries']} queries only"
            }
        elif len(streak) >= 2:  # parsing alone exceeds the limit at this scale
            queries[name]["naive"] = {
                "skipped": f"naive path timed out on {' and '.join(streak)} "
                f"(> {limit:.0f} s each) at this scale"
            }
        else:
            naive = run_stage(ws, "naive", "--query", name, timeout=limit)
            queries[name]["naive"] = naive.data if naive.ok else {"why": naive.why(limit)}
            streak = [*streak, name] if naive.timed_out else []
    return queries, outcome.data["peak_mb"]


def machine() -> dict:
    info = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
    with_prefix = {"model name": "cpu", "MemTotal": "memory"}
    for path in ("/proc/cpuinfo", "/proc/meminfo"):
        try:
            for line in Path(path).read_text().splitlines():
                key, _, value = line.partition(":")
                if key.strip() in with_prefix and with_prefix[key.strip()] not in info:
                    info[with_prefix[key.strip()]] = value.strip()
        except OSError:
            pass
    import pyoxigraph

    info["pyoxigraph"] = pyoxigraph.__version__
    return info


def targets(results: dict[int, dict]) -> list[tuple[str, str]]:
    from targets import evaluate

    return evaluate(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1x and 10x, short budgets (~2 min)")
    parser.add_argument("--scales", default=None, help="comma-separated, e.g. 1,10,100")
    parser.add_argument("--runs", type=int, default=None, help="runs per timing (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=None, help="keep workspaces here")
    parser.add_argument("--keep", action="store_true", help="do not delete the workspaces")
    parser.add_argument("--no-servers", action="store_true", help="skip all server columns")
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results file (default: benchmarks/results/<timestamp>.json)",
    )
    args = parser.parse_args()
    profile = dict(QUICK if args.quick else FULL)
    if args.runs is not None:
        profile["runs"] = max(1, min(args.runs, 20))
    try:
        scales = sorted(
            {
                check_scale(s)
                for s in (args.scales or ("1,10" if args.quick else "1,10,100")).split(",")
            }
        )
    except InputError as e:
        parser.error(str(e))
    if scales[-1] > 300:
        parser.error("the suite goes up to 300x; larger scales belong on a real triple store")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="werkagenda-bench-"))
    started, results = time.time(), {}
    info = machine()
    print(
        f"machine: {info.get('cpu', '?')}, {info['cpus']} cores, {info.get('memory', '?')}, "
        f"load average {info['load_average'][0]:.1f}; Python {info['python']}"
    )
    try:
        for scale in scales:
            ws = prepare(workdir, scale, args.seed)
            results[scale] = run_scale(
                ws, profile, not args.no_servers, scale == scales[-1], scale == scales[0]
            )
            r = results[scale]
            title = (
                f"\n== scale {scale}× — {scale} agenda(s), {r['quads']:,} quads "
                f"(synthetic data generated in {report.fmt_s(r['synth_s'])}) =="
            )
            print(report.table(title, report.scale_rows(r)), flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    exps = report.exponents(results)
    print("\nscaling exponents (log-log slope of cost against scale; 1.0 = linear):")
    for name, value in exps.items():
        print(f"  {name:40} {'-' if value is None else f'{value:.2f}'}")
    checks = targets(results)
    print("\ntargets:")
    for text, verdict in checks:
        print(f"  {verdict:<10} {text}")
    out = args.json or HERE / "results" / time.strftime("%Y%m%d-%H%M%S.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "machine": info,
        "profile": profile,
        "scales": {str(k): v for k, v in results.items()},
        "exponents": exps,
        "targets": checks,
        "seconds": time.time() - started,
    }
    out.write_text(json.dumps(doc, indent=2, default=str) + "\n")
    print(f"\nwrote {out} ({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
