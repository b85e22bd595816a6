"""Like with like: `werkagenda serve` beside `oxigraph serve-read-only`, every request different.

Each workload sends a different request every time (a different resource page, organisation,
inspanning code or SELECT), so our response cache cannot help; both servers get the same
sequence, and our response cache is off (`--cache-entries 0`). Runs are interleaved (ours,
Oxigraph, ours, … per workload and client count) and each cell is the median of `--runs` runs.
Beside req/s, p50 and p99 it reports RSS and PSS of each server's process tree (ours: the
uvicorn process and its query workers) after the runs, and the load average of the shared
machine. Cache-hit figures (one request repeated) come from `serve_bench.py` and are labelled
so; they are not in this table.

    python benchmarks/uncached_bench.py --clients 8,32 --seconds 5 --runs 5
    python benchmarks/uncached_bench.py --store /tmp/national/dist/store --runs 3

Workloads (ours | Oxigraph):
  page-html   GET a resource page, Accept text/html        | DESCRIBE of the IRI as Turtle
  page-ttl    GET a resource page, Accept text/turtle      | DESCRIBE of the IRI as Turtle
  org         organisation-portfolio, another organisation | its text bound as `query --endpoint`
  goals       inspanning-goals, another code               | its text bound as `query --endpoint`
  select      a moderate SELECT about another resource     | the same text on /query
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import serve_bench as sb

ROOT = Path(__file__).resolve().parents[1]
RESULTS = {"Accept": "application/sparql-results+json"}
# A moderate SELECT: every property of one resource with its value count (one VALUES row varies).
MODERATE = """SELECT ?p (COUNT(?o) AS ?n) (SAMPLE(?o) AS ?example) WHERE {
  VALUES ?s { %s }
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?p ORDER BY DESC(?n) ?p"""
CODES = """PREFIX wa: <https://w3id.org/iza-werkagenda/def#>
SELECT DISTINCT ?code WHERE { GRAPH ?g { ?i a wa:Inspanning ; wa:code ?code } } ORDER BY ?code"""
PARTIES = """PREFIX wa: <https://w3id.org/iza-werkagenda/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?name WHERE { GRAPH ?g {
  ?i a wa:Inspanning ; wa:initiatiefnemer|wa:betrokkenPartij ?a . ?a skos:prefLabel ?name
} } ORDER BY ?name"""


def _named(name: str, values: dict[str, str]) -> str:
    """The named query's text bound the way `werkagenda query --endpoint` binds it."""
    sys.path.insert(0, str(ROOT / "src"))
    from werkagenda.query.binding import with_values
    from werkagenda.query.params import bind
    from werkagenda.query.registry import discover

    q = discover()[name]
    return with_values(q.text, bind(q, values))


def _values(store: Path, query: str, var: str) -> list[str]:
    import pyoxigraph as ox

    return [row[var].value for row in ox.Store.read_only(str(store)).query(query)]


def _query_pair(ours: str, oxi: str, name: str, values: dict[str, str]) -> tuple:
    mine = sb.Request("GET", f"{ours}api/queries/{name}/run?" + urlencode(values), RESULTS)
    headers = {**RESULTS, "Content-Type": "application/sparql-query"}
    theirs = sb.Request("POST", oxi + "query", headers, _named(name, values).encode())
    return mine, theirs


def workloads(ours: str, oxi: str, store: Path, n: int) -> dict[str, tuple[list, list]]:
    """Per workload, our requests and Oxigraph's, pairwise the same question."""
    iris = sb.cold_iris(store, n)
    ttl, html = {"Accept": "text/turtle"}, {"Accept": "text/html"}

    def page(iri: str, accept: dict[str, str]) -> tuple:
        path = ours + quote(iri.removeprefix(sb.BASE), safe=sb.PATH_SAFE)
        describe = oxi + "query?" + urlencode({"query": f"DESCRIBE <{iri}>"})
        return sb.Request("GET", path, accept), sb.Request("GET", describe, ttl)

    def select(iri: str) -> tuple:
        text = MODERATE % f"<{iri}>"
        return (
            sb.Request("GET", ours + "sparql?" + urlencode({"query": text}), RESULTS),
            sb.Request("GET", oxi + "query?" + urlencode({"query": text}), RESULTS),
        )

    codes = _values(store, CODES, "code")
    parties = _values(store, PARTIES, "name")
    pairs = {
        "page-html": [page(i, html) for i in iris],
        "page-ttl": [page(i, ttl) for i in iris],
        "org": [
            _query_pair(ours, oxi, "organisation-portfolio", {"organisation": p}) for p in parties
        ],
        "goals": [_query_pair(ours, oxi, "inspanning-goals", {"code": c}) for c in codes],
        "select": [select(i) for i in iris],
    }
    return {k: ([m for m, _ in v], [t for _, t in v]) for k, v in pairs.items()}


def memory(pid: int) -> dict[str, float]:
    """RSS and PSS in MiB of `pid` and its descendants (from /proc smaps_rollup)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += parents.get(p, [])
    rss = pss = 0.0
    for p in pids:
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss"):
                kib = float(value.split()[0]) / 1024
                rss, pss = (rss + kib, pss) if key == "Rss" else (rss, pss + kib)
    return {"processes": len(pids), "rss_mib": rss, "pss_mib": pss}


async def _cell(mine: list, theirs: list, clients: int, seconds: float, runs: int) -> dict:
    """`runs` interleaved runs of each side; the median of every figure, and all errors."""
    got: dict[str, list[dict]] = {"werkagenda": [], "oxigraph": []}
    for i in range(runs):  # each run starts at a different place in the sequence
        shift = (i * 997) % len(mine)
        for side, reqs in (("werkagenda", mine), ("oxigraph", theirs)):
            todo = reqs[shift:] + reqs[:shift]
            got[side].append((await sb.load_raw(todo, clients, seconds)).summary())
    out = {}
    for side, rs in got.items():
        out[side] = {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50_ms", "p99_ms")}
        out[side]["errors"] = sum(r["errors"] for r in rs)
    return out


async def bench(ours: str, oxi: str, store: Path, args: argparse.Namespace) -> list[dict]:
    rows = []
    wanted = {w for w in args.workloads.split(",") if w}
    for label, (mine, theirs) in workloads(ours, oxi, store, args.pages).items():
        if wanted and label not in wanted:
            continue
        for clients in args.clients:
            cell = await _cell(mine, theirs, clients, args.seconds, args.runs)
            a, b = cell["werkagenda"]["rps"], cell["oxigraph"]["rps"]
            rows.append(
                {
                    "workload": label,
                    "clients": clients,
                    "distinct": len(mine),
                    **cell,
                    "ratio": a / b if b else 0.0,
                    "load_average": os.getloadavg()[0],
                }
            )
    return rows


def start(store: Path) -> tuple[subprocess.Popen, subprocess.Popen, str, str]:
    bindir = Path(sys.executable).parent
    op, wp = sb.free_port(), sb.free_port()
    oxi = sb.start_oxigraph(store, op)
    ours = subprocess.Popen(
        [str(bindir / "werkagenda"), "serve", "--store", str(store), "--port", str(wp)]
        + ["--cache-entries", "0"],  # the cache off: no answer is shared between requests
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    o, w = f"http://127.0.0.1:{op}/", f"http://127.0.0.1:{wp}/"
    sb.wait_ready(o + "query?query=ASK%7B%7D", oxi, "oxigraph serve-read-only")
    sb.wait_ready(w + "sparql?query=ASK%7B%7D", ours, "werkagenda serve")
    return ours, oxi, w, o


FLOOR_APP = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/turtle")]})
    await send({"type": "http.response.body", "body": b"x" * 3000})
"""


async def floor(clients: list[int], seconds: float, runs: int, folder: Path) -> list[dict]:
    """The ceiling of the HTTP stack alone: uvicorn answering 3 kB of constant bytes, with
    the protocol implementation `werkagenda serve` uses (h11) and with httptools."""
    (folder / "floor_app.py").write_text(FLOOR_APP)
    out = []
    for http in ("h11", "httptools"):
        port = sb.free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "floor_app:app"]
            + ["--port", str(port), "--http", http, "--log-level", "warning", "--no-access-log"],
        )
        url = f"http://127.0.0.1:{port}/"
        try:
            sb.wait_ready(url, proc, "uvicorn")
            reqs = [
                sb.Request("GET", f"{url}id/x{i}", {"Accept": "text/turtle"}) for i in range(97)
            ]
            for c in clients:
                got = [(await sb.load_raw(reqs, c, seconds)).summary() for _ in range(runs)]
                cell = {
                    k: statistics.median(r[k] for r in got) for k in ("rps", "p50_ms", "p99_ms")
                }
                out.append({"http": http, "clients": c, **cell, "load_average": os.getloadavg()[0]})
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return out


def report(rows: list[dict], mem: dict[str, dict], args: argparse.Namespace) -> None:
    print(f"every request different; median of {args.runs} interleaved runs x {args.seconds:g} s")
    print(
        f"{'workload':<11}{'cl':>3}{'ours r/s':>10}{'oxi r/s':>9}{'ratio':>7}"
        f"{'p50 o/x':>13}{'p99 o/x':>15}{'err':>5}{'load':>6}"
    )
    for r in rows:
        a, b = r["werkagenda"], r["oxigraph"]
        print(
            f"{r['workload']:<11}{r['clients']:>3}{a['rps']:>10.1f}{b['rps']:>9.1f}"
            f"{r['ratio']:>7.2f}{a['p50_ms']:>7.1f}/{b['p50_ms']:<5.1f}"
            f"{a['p99_ms']:>8.1f}/{b['p99_ms']:<6.1f}{a['errors'] + b['errors']:>5}"
            f"{r['load_average']:>6.1f}"
        )
    for side, m in mem.items():
        print(
            f"{side}: {m['processes']} processes, RSS {m['rss_mib']:.0f} MiB, "
            f"PSS {m['pss_mib']:.0f} MiB"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="default dist/store")
    parser.add_argument("--clients", default="8,32")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=20_000, help="distinct resources")
    parser.add_argument(
        "--workloads", default="", help="subset of page-html,page-ttl,org,goals,select"
    )
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--floor", action="store_true", help="also measure uvicorn alone (constant bytes)"
    )
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    if args.store is None:
        sys.path.insert(0, str(ROOT / "src"))
        from werkagenda.store import open_store, store_path

        open_store()
        args.store = store_path()
    ours, oxi, w, o = start(args.store)
    try:
        rows = asyncio.run(bench(w, o, args.store, args))
        mem = {"werkagenda": memory(ours.pid), "oxigraph": memory(oxi.pid)}
    finally:
        for p in (ours, oxi):
            p.terminate()
            p.wait(timeout=20)
    report(rows, mem, args)
    stack = []
    if args.floor:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            stack = asyncio.run(floor(args.clients, args.seconds, args.runs, Path(folder)))
        for f in stack:
            print(
                f"HTTP stack alone, uvicorn {f['http']}, {f['clients']} clients: "
                f"{f['rps']:.0f} req/s, p50 {f['p50_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms"
            )
    if args.json:
        found = {"rows": rows, "memory": mem, "runs": args.runs, "http_stack": stack}
        args.json.write_text(json.dumps(found, indent=2))
    return 1 if any(r["werkagenda"]["errors"] + r["oxigraph"]["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
