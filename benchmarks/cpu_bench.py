"""Where a request's CPU goes: ours by process beside Oxigraph's server and the engine alone.

The uncached benchmark (`uncached_bench.py`) measures rates on two cores the load generator
shares, so a rate ratio is mostly a ratio of CPU per request. This measures that CPU
directly: one client sends the workload's requests (each different, our response cache off)
for `--seconds`, and the CPU time (user + system, `/proc/PID/stat`) each process of each
server's tree spent is divided by the requests answered. Beside it, the engine alone: the
same query text (the text Oxigraph is sent) evaluated by pyoxigraph in this process, every
result read (`time.process_time`), so "ours − engine" is what our layers cost.

    python benchmarks/cpu_bench.py --store dist/store
    python benchmarks/cpu_bench.py --store dist/store --workloads goals,select --seconds 10

Workloads are those of `uncached_bench.py`, and `ask` (an empty `ASK {}` on /sparql, the
cost of the protocol path alone; ours answers it in the worker of the cheap lane).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import serve_bench as sb
import uncached_bench as ub
from timing import ms_each  # benchmarks/timing.py

TICK = os.sysconf("SC_CLK_TCK")


def cpu_by_process(pid: int) -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) of `pid` and its descendants, by pid, with a short name."""
    parents: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        stats[int(stat.parent.name)] = [head.split("(", 1)[1], *fields]
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        todo += parents.get(p, [])
        if p in stats:  # utime and stime are fields 14 and 15 of stat (1-based)
            f = stats[p]
            out[p] = (_role(p, pid), (int(f[12]) + int(f[13])) / TICK)
    return out


def _role(p: int, top: int) -> str:
    if p == top:
        return "server"
    try:
        command = Path(f"/proc/{p}/cmdline").read_bytes()
    except OSError:
        return "gone"
    return "tracker" if b"resource_tracker" in command else "workers"


def spent(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds per role between two samples (processes started meanwhile count whole)."""
    out: dict[str, float] = {}
    for p, (role, cpu) in after.items():
        out[role] = out.get(role, 0.0) + cpu - before.get(p, (role, 0.0))[1]
    return out


def engine_ms(store: ox.Store, requests: list[sb.Request], runs: int) -> float:
    """The median over `runs` of pyoxigraph's CPU per query on the texts Oxigraph is sent."""
    texts = [_text(r) for r in requests]

    def all_texts() -> None:
        for text in texts:
            answer = store.query(text, use_default_graph_as_union=True)
            if isinstance(answer, ox.QuerySolutions):
                for _row in answer:
                    pass
            elif isinstance(answer, ox.QueryTriples):
                ox.serialize(answer, format=ox.RdfFormat.TURTLE)

    return statistics.median(ms_each(all_texts, len(texts)) for _ in range(runs))


def _text(request: sb.Request) -> str:
    if request.body:
        return request.body.decode()
    return parse_qs(urlsplit(request.url).query)["query"][0]


async def measure(pid: int, requests: list[sb.Request], seconds: float) -> tuple[int, dict]:
    before = cpu_by_process(pid)
    run = (await sb.load_raw(requests, 1, seconds)).summary()
    await asyncio.sleep(0.2)  # replies written, workers idle
    assert not run["errors"], run
    return int(run["requests"]), spent(before, cpu_by_process(pid))


async def bench(args: argparse.Namespace) -> list[dict]:
    ours, oxi, urls, o = ub.start(args.store, ["httptools"], [])
    rows = []
    try:
        pairs = ub.workloads(urls["httptools"], o, args.store, args.pages)
        pairs["ask"] = (
            [sb.Request("GET", urls["httptools"] + "sparql?query=ASK%20%7B%7D", ub.RESULTS)],
            [sb.Request("GET", o + "query?query=ASK%20%7B%7D", ub.RESULTS)],
        )
        store = ox.Store.read_only(str(args.store))
        wanted = [w for w in args.workloads.split(",") if w] or list(pairs)
        for label in wanted:
            mine, theirs = pairs[label]
            cells: dict[str, list[float]] = {"oxigraph": [], "server": [], "workers": []}
            for _ in range(args.runs):
                n, cpu = await measure(oxi.pid, theirs, args.seconds)
                cells["oxigraph"].append(sum(cpu.values()) * 1000 / n)
                n, cpu = await measure(ours["httptools"].pid, mine, args.seconds)
                cells["server"].append(cpu.get("server", 0.0) * 1000 / n)
                cells["workers"].append(
                    (cpu.get("workers", 0.0) + cpu.get("tracker", 0.0)) * 1000 / n
                )
            row = {k: statistics.median(v) for k, v in cells.items()}
            row["engine"] = engine_ms(store, theirs, 3)
            row["workload"] = label
            rows.append(row)
    finally:
        for proc in [*ours.values(), oxi]:
            proc.terminate()
            proc.wait(timeout=20)
    return rows


def report(rows: list[dict], args: argparse.Namespace) -> None:
    print(
        f"CPU ms per request, one client, every request different, median of {args.runs} "
        f"interleaved runs x {args.seconds:g} s; load {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{'workload':<10}{'engine':>8}{'oxigraph':>10}{'ours':>8}{'server':>8}{'workers':>9}"
        f"{'ours/oxi':>10}{'ours-engine':>13}"
    )
    for r in rows:
        total = r["server"] + r["workers"]
        print(
            f"{r['workload']:<10}{r['engine']:>8.3f}{r['oxigraph']:>10.3f}{total:>8.3f}"
            f"{r['server']:>8.3f}{r['workers']:>9.3f}{total / r['oxigraph']:>10.2f}"
            f"{total - r['engine']:>13.3f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("dist/store"))
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=2_000, help="distinct resources")
    parser.add_argument("--workloads", default="", help="subset of ask,page-ttl,goals,select,…")
    args = parser.parse_args()
    if why := ub._default_agenda_missing(args.store):
        raise SystemExit(why)
    report(asyncio.run(bench(args)), args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
