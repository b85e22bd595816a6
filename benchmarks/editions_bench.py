"""Editions: `werkagenda diff` at 1×, the change feed at N agendas, stream pages under load.

    python benchmarks/editions_bench.py   # diff 1×; feed at 10 agendas; 32 clients x 10 s
    python benchmarks/editions_bench.py --scale 10 --clients 32 --seconds 10
    python benchmarks/editions_bench.py --scale 100 --parts feed,pages   # national scale

1. diff: `werkagenda diff drenthe/2024 drenthe/2025` on the tests' next-edition fixture
   (tests/editions/next_edition.py), wall time minus the interpreter + CLI start-up
   (`werkagenda --version`), median of --runs; peer: a triple-level diff of the same two
   editions with rdflib (`rdflib.compare.graph_diff` after parsing both folders).
2. feed: all pages of the change feed over a store of --scale agendas (the real one plus
   synthetic ones, `werkagenda synth`), in process; peer: serialising the same store as an
   N-Quads dump (what a portal re-downloads without a feed). Below 100 agendas the
   100-agenda goal is also extrapolated linearly; `--scale 100` measures it.
3. stream pages: --clients keep-alive clients for --seconds against `werkagenda serve`
   (GET /feed/<region>/<year>/<n>, all pages in turn, after a warm-up); peer: the same
   pages written by `publish` and served by `python -m http.server`.
Prints one JSON object; the load generator shares the machine's cores with the servers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import pyoxigraph as ox  # noqa: E402
from serve_bench import Request, free_port, load_raw, wait_ready  # noqa: E402
from workspace import prepare, wall_seconds  # noqa: E402

BIN = Path(sys.executable).parent


def _median_wall(command: list[str], env: dict[str, str], runs: int) -> float:
    times = [wall_seconds(command, env, 300) for _ in range(runs)]
    assert all(t is not None for t in times), command
    return statistics.median(t for t in times if t is not None)


def bench_diff(root: Path, runs: int) -> dict[str, float]:
    import os

    from tests.editions.next_edition import build_root

    build_root(root)
    env = {**os.environ, "WERKAGENDA_ROOT": str(root)}
    werkagenda = str(BIN / "werkagenda")
    startup = _median_wall([werkagenda, "--version"], env, runs)
    diff = _median_wall([werkagenda, "diff", "drenthe/2024", "drenthe/2025"], env, runs)
    peer = _median_wall(
        [sys.executable, str(HERE / "editions_bench.py"), "--peer-diff", str(root)], env, runs
    )
    return {
        "startup_s": startup,
        "diff_wall_s": diff,
        "diff_beyond_startup_s": diff - startup,
        "peer_rdflib_graph_diff_s": peer,
        "ratio_peer_over_ours": peer / diff,
    }


def peer_diff(root: Path) -> None:
    import rdflib
    from rdflib.compare import graph_diff, to_isomorphic

    graphs = []
    for year in ("2024", "2025"):
        g = rdflib.Graph()
        for path in sorted((root / "data" / f"drenthe-{year}").glob("*.ttl")):
            g.parse(path, format="turtle")
        graphs.append(to_isomorphic(g))
    both, first, second = graph_diff(*graphs)
    print(len(first), len(second))


def build_store(scale: int, workdir: Path) -> Path:
    ws = prepare(workdir, scale, seed=11)
    done = subprocess.run(
        [str(BIN / "werkagenda"), "build", "--no-reason-check"],
        env=ws.env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr
    return ws.store


def bench_feed(store_path: Path, scale: int) -> dict[str, float]:
    from werkagenda.editions.feed import pages

    store = ox.Store.read_only(str(store_path))
    started = time.perf_counter()
    found = list(pages(store))
    feed = time.perf_counter() - started
    started = time.perf_counter()
    dump = ox.serialize(store, format=ox.RdfFormat.N_QUADS) or b""
    peer = time.perf_counter() - started
    return {
        "agendas": scale,
        "feed_pages": len(found),
        "feed_bytes": sum(len(p.body) for p in found),
        "feed_s": feed,
        "feed_s_extrapolated_100": feed * 100 / scale,
        "peer_nquads_dump_s": peer,
        "peer_dump_bytes": len(dump),
    }


def _load(urls: list[str], clients: int, seconds: float) -> dict[str, float]:
    requests = [Request("GET", u) for u in urls]
    asyncio.run(load_raw(requests, clients, 2.0))  # warm-up, not measured
    return asyncio.run(load_raw(requests, clients, seconds)).summary()


def bench_pages(store: Path, workdir: Path, clients: int, seconds: float) -> dict[str, object]:
    from werkagenda.editions.feed import pages, write_feed

    paths = [p.path for p in pages(ox.Store.read_only(str(store))) if p.path]
    port = free_port()
    serve = subprocess.Popen(
        [
            str(BIN / "werkagenda"),
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = workdir / "static"
    write_feed(ox.Store.read_only(str(store)), site)
    peer_port = free_port()
    static = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(peer_port), "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base, peer = f"http://127.0.0.1:{port}/feed/", f"http://127.0.0.1:{peer_port}/feed/"
        wait_ready(base, serve, "werkagenda serve")
        wait_ready(peer + "index.ttl", static, "http.server")
        ours = _load([base + p for p in paths], clients, seconds)
        theirs = _load([peer + p + ".ttl" for p in paths], clients, seconds)
    finally:
        for proc in (serve, static):
            proc.terminate()
            proc.wait(timeout=30)
    return {"clients": clients, "pages": len(paths), "ours": ours, "peer_http_server": theirs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--parts", default="diff,feed,pages", help="which of diff,feed,pages")
    parser.add_argument("--peer-diff", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if args.peer_diff:
        peer_diff(args.peer_diff)
        return 0
    with tempfile.TemporaryDirectory(prefix="editions-bench-") as tmp:
        work = Path(tmp)
        report: dict[str, object] = {}
        if "diff" in parts:
            report["diff_1x"] = bench_diff(work / "diff", args.runs)
        if parts & {"feed", "pages"}:
            started = time.perf_counter()
            store = build_store(args.scale, work)
            report["build_s"] = time.perf_counter() - started
        if "feed" in parts:
            report["feed"] = bench_feed(store, args.scale)
        if "pages" in parts:
            report["stream_pages"] = bench_pages(store, work, args.clients, args.seconds)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
