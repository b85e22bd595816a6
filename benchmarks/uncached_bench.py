"""Like with like: `werkagenda serve` beside `oxigraph serve-read-only`, every request different.

Each workload sends a different request every time (a different resource page, organisation,
inspanning code or SELECT), so our response cache cannot help; both servers get the same
sequence, and our response cache is off (`--cache-entries 0`). Runs are interleaved (ours,
Oxigraph, ours, … per workload and client count) and each cell is the median of `--runs` runs.
Beside req/s, p50 and p99 it reports RSS and PSS of each server's process tree (ours: the
uvicorn process and its query workers, each process on a line) after the runs, and the load
average of the shared machine. `--http httptools,h11` runs one of our servers per protocol,
their runs interleaved with Oxigraph's; `--floor` adds uvicorn alone answering constant bytes
with each protocol (the HTTP stack's ceiling), runs alternating, and `--floor-granian EXE`
granian's ASGI server on the same app (is the ceiling uvicorn's or the load generator's?).
Cache-hit figures (one request repeated) come from `serve_bench.py` and are labelled so;
they are not in this table.

    python benchmarks/uncached_bench.py --clients 8,32 --seconds 5 --runs 5
    python benchmarks/uncached_bench.py --store /tmp/national/dist/store --runs 3
    python benchmarks/uncached_bench.py --http httptools,h11 --floor --serve-arg=--workers=1

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
sys.path.insert(0, str(ROOT / "src"))
from werkagenda.serve.settings import HTTP_PROTOCOLS  # noqa: E402

RESULTS = {"Accept": "application/sparql-results+json"}
# A moderate SELECT: every property of one resource ?s with its value count (?s bound inline).
MODERATE = """SELECT ?p (COUNT(?o) AS ?n) (SAMPLE(?o) AS ?example) WHERE {
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
    from werkagenda.query.binding import with_values
    from werkagenda.query.params import bind
    from werkagenda.query.registry import discover

    q = discover()[name]
    return with_values(q.text, bind(q, values))


def _values(store: Path, query: str, var: str) -> list[str]:
    import pyoxigraph as ox

    return [row[var].value for row in ox.Store.read_only(str(store)).query(query)]


def _default_agenda_missing(store: Path) -> str | None:
    """Why the named-query workloads cannot run on `store`, if they cannot: their requests
    name an organisation or a code only, so they answer from the default agenda, and on a
    store without it every one is a 400 (while Oxigraph answers the bound text, empty)."""
    import pyoxigraph as ox

    from werkagenda.config import DEFAULT_AGENDA_KEY, DEFAULT_BASE

    agenda = ox.NamedNode(f"{DEFAULT_BASE}id/{DEFAULT_AGENDA_KEY}")
    if ox.Store.read_only(str(store)).contains_named_graph(agenda):
        return None
    return (
        f"the store at {store} holds no {DEFAULT_AGENDA_KEY} agenda (graph {agenda}), which "
        "the named queries answer from; build it with the real agenda in data/ "
        "(benchmarks/workspace.py always includes it)"
    )


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
        describe = oxi + "query?" + urlencode({"query": sb.about(sb.DESCRIBE, iri)})
        return sb.Request("GET", path, accept), sb.Request("GET", describe, ttl)

    def select(iri: str) -> tuple:
        text = sb.about(MODERATE, iri)
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


def memory(pid: int) -> dict:
    """RSS and PSS in MiB of `pid` and its descendants (from /proc smaps_rollup), in total and
    per process (named by its command line)."""
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
    each = []
    for p in pids:
        try:
            text = Path(f"/proc/{p}/smaps_rollup").read_text()
            command = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        found = {"pid": p, "command": command[:120], "rss_mib": 0.0, "pss_mib": 0.0}
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key in ("Rss", "Pss"):
                found[f"{key.lower()}_mib"] = float(value.split()[0]) / 1024
        each.append(found)
    return {
        "processes": len(each),
        "rss_mib": sum(e["rss_mib"] for e in each),
        "pss_mib": sum(e["pss_mib"] for e in each),
        "each": each,
    }


async def _cell(sides: dict[str, list], clients: int, seconds: float, runs: int) -> dict:
    """`runs` interleaved runs of each side; the median of every figure, and all errors."""
    got: dict[str, list[dict]] = {side: [] for side in sides}
    for i in range(runs):  # each run starts at a different place in the sequence
        for side, reqs in sides.items():
            shift = (i * 997) % len(reqs)
            todo = reqs[shift:] + reqs[:shift]
            got[side].append((await sb.load_raw(todo, clients, seconds)).summary())
    out = {}
    for side, rs in got.items():
        out[side] = {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50_ms", "p99_ms")}
        out[side]["errors"] = sum(r["errors"] for r in rs)
    return out


async def bench(ours: dict[str, str], oxi: str, store: Path, args: argparse.Namespace) -> list:
    """One row per workload and client count; `ours` maps each protocol to its server."""
    rows = []
    wanted = {w for w in args.workloads.split(",") if w}
    per_side = {http: workloads(url, oxi, store, args.pages) for http, url in ours.items()}
    first = next(iter(per_side.values()))
    for label, (_, theirs) in first.items():
        if wanted and label not in wanted:
            continue
        sides = {f"werkagenda/{http}": w[label][0] for http, w in per_side.items()}
        for clients in args.clients:
            cell = await _cell({**sides, "oxigraph": theirs}, clients, args.seconds, args.runs)
            b = cell["oxigraph"]["rps"]
            rows.append(
                {
                    "workload": label,
                    "clients": clients,
                    "distinct": len(theirs),
                    **cell,
                    "ratio": {s: cell[s]["rps"] / b if b else 0.0 for s in sides},
                    "load_average": os.getloadavg()[0],
                }
            )
    return rows


def start(
    store: Path, protocols: list[str], extra: list[str]
) -> tuple[dict[str, subprocess.Popen], subprocess.Popen, dict[str, str], str]:
    """Oxigraph and one `werkagenda serve` per HTTP protocol, all ready."""
    bindir = Path(sys.executable).parent
    op = sb.free_port()
    oxi = sb.start_oxigraph(store, op)
    ours, urls = {}, {}
    for http in protocols:
        port = sb.free_port()
        ours[http] = subprocess.Popen(
            [str(bindir / "werkagenda"), "serve", "--store", str(store), "--port", str(port)]
            + ["--cache-entries", "0", "--http", http, *extra],  # no answer shared
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        urls[http] = f"http://127.0.0.1:{port}/"
    o = f"http://127.0.0.1:{op}/"
    sb.wait_ready(o + "query?query=ASK%7B%7D", oxi, "oxigraph serve-read-only")
    for http, proc in ours.items():
        ready = urls[http] + "sparql?query=ASK%7B%7D"
        sb.wait_ready(ready, proc, f"werkagenda serve --http {http}")
    return ours, oxi, urls, o


FLOOR_APP = """
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/turtle")]})
    await send({"type": "http.response.body", "body": b"x" * 3000})
"""


def _floor_servers(folder: Path, granian: str | None) -> dict[str, list[str]]:
    """The commands (without `--port`) of the servers of the floor: uvicorn with each protocol
    `werkagenda serve --http` offers, and granian's ASGI server (one worker) if asked."""
    out = {
        http: [sys.executable, "-m", "uvicorn", "--app-dir", str(folder), "floor_app:app"]
        + ["--http", http, "--log-level", "warning", "--no-access-log"]
        for http in HTTP_PROTOCOLS
    }
    if granian:
        out["granian"] = [granian, "--interface", "asgi", "--workers", "1"]
        out["granian"] += ["--log-level", "warning", "floor_app:app"]
    return out


async def floor(
    clients: list[int], seconds: float, runs: int, folder: Path, granian: str | None = None
) -> list[dict]:
    """The ceiling of the HTTP stack alone: uvicorn answering 3 kB of constant bytes with each
    protocol implementation `werkagenda serve --http` offers (and granian, a Rust HTTP server
    for ASGI apps, if its executable is given), runs alternating between them."""
    (folder / "floor_app.py").write_text(FLOOR_APP)
    procs, reqs = {}, {}
    for http, command in _floor_servers(folder, granian).items():
        port = sb.free_port()
        procs[http] = subprocess.Popen([*command, "--port", str(port)], cwd=folder)
        url = f"http://127.0.0.1:{port}/"
        reqs[http] = [
            sb.Request("GET", f"{url}id/x{i}", {"Accept": "text/turtle"}) for i in range(97)
        ]
        sb.wait_ready(url, procs[http], "uvicorn")
    out = []
    try:
        for c in clients:
            got: dict[str, list[dict]] = {http: [] for http in procs}
            for _ in range(runs):
                for http in procs:
                    got[http].append((await sb.load_raw(reqs[http], c, seconds)).summary())
            for http, rs in got.items():
                cell = {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50_ms", "p99_ms")}
                out.append({"http": http, "clients": c, **cell, "load_average": os.getloadavg()[0]})
    finally:
        for proc in procs.values():
            proc.terminate()
            proc.wait(timeout=20)
    return out


def report(rows: list[dict], mem: dict[str, dict], args: argparse.Namespace) -> None:
    print(f"every request different; median of {args.runs} interleaved runs x {args.seconds:g} s")
    print(
        f"{'workload':<11}{'cl':>3} {'ours':<20}{'ours r/s':>9}{'oxi r/s':>9}{'ratio':>7}"
        f"{'p50 o/x':>13}{'p99 o/x':>15}{'err':>5}{'load':>6}"
    )
    for r in rows:
        b = r["oxigraph"]
        for side, ratio in r["ratio"].items():
            a = r[side]
            print(
                f"{r['workload']:<11}{r['clients']:>3} {side:<20}{a['rps']:>9.1f}{b['rps']:>9.1f}"
                f"{ratio:>7.2f}{a['p50_ms']:>7.1f}/{b['p50_ms']:<5.1f}"
                f"{a['p99_ms']:>8.1f}/{b['p99_ms']:<6.1f}{a['errors'] + b['errors']:>5}"
                f"{r['load_average']:>6.1f}"
            )
    for side, m in mem.items():
        print(
            f"{side}: {m['processes']} processes, RSS {m['rss_mib']:.0f} MiB, "
            f"PSS {m['pss_mib']:.0f} MiB"
        )
        for e in m["each"]:
            print(f"  RSS {e['rss_mib']:5.0f}  PSS {e['pss_mib']:5.0f}  {e['command'][:90]}")


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
    parser.add_argument(
        "--http",
        default=HTTP_PROTOCOLS[0],
        help="our server's protocol; several (httptools,h11) run side by side, interleaved",
    )
    parser.add_argument(
        "--serve-arg", action="append", default=[], help="extra `werkagenda serve` argument"
    )
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--floor", action="store_true", help="also measure uvicorn alone (constant bytes)"
    )
    parser.add_argument(
        "--floor-granian",
        default=None,
        metavar="EXE",
        help="with --floor: also granian's ASGI server (path of its executable) on the same app",
    )
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    if args.store is None:
        from werkagenda.store import open_store, store_path

        open_store()
        args.store = store_path()
    if missing := _default_agenda_missing(args.store):
        parser.exit(2, f"uncached_bench.py: {missing}\n")
    ours, oxi, w, o = start(args.store, args.http.split(","), args.serve_arg)
    try:
        rows = asyncio.run(bench(w, o, args.store, args))
        mem = {f"werkagenda/{h}": memory(p.pid) for h, p in ours.items()}
        mem["oxigraph"] = memory(oxi.pid)
    finally:
        for p in (*ours.values(), oxi):
            p.terminate()
            p.wait(timeout=20)
    report(rows, mem, args)
    stack = []
    if args.floor:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            stack = asyncio.run(
                floor(args.clients, args.seconds, args.runs, Path(folder), args.floor_granian)
            )
        for f in stack:
            server = f["http"] if f["http"] == "granian" else f"uvicorn {f['http']}"
            print(
                f"HTTP stack alone, {server}, {f['clients']} clients: "
                f"{f['rps']:.0f} req/s, p50 {f['p50_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms, "
                f"load {f['load_average']:.1f}"
            )
    if args.json:
        found = {"rows": rows, "memory": mem, "runs": args.runs, "http_stack": stack}
        args.json.write_text(json.dumps(found, indent=2))
    failed = any(r[side]["errors"] for r in rows for side in (*r["ratio"], "oxigraph"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
