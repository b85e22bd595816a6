"""Load-test `werkagenda serve` beside `oxigraph serve-read-only` on the same compiled store.

Starts both servers on loopback, then for each workload runs N concurrent asyncio+httpx clients
for T seconds (both bounded, each client also stops after MAX_PER_CLIENT requests) and reports
requests/s, p50 and p99 latency and errors, with our throughput as a ratio of Oxigraph's.

    python benchmarks/serve_bench.py            # 8 clients x 5 s per workload
    python benchmarks/serve_bench.py --full     # 32 clients x 60 s (must give zero errors)

Workloads (ours | Oxigraph):
  page   GET an HTML resource page            | DESCRIBE of the same IRI as Turtle
  select a small SELECT through /sparql       | the same query on /query
  named  a named query via /api/queries/…/run | its text with parameters bound by VALUES
Exit status 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PAGE_IRI = "https://w3id.org/iza-werkagenda/id/drenthe/2024/opgave/VOW"
SMALL_SELECT = """PREFIX wa: <https://w3id.org/iza-werkagenda/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?theme ?label WHERE { ?theme a wa:PrioritaireOpgave ; skos:prefLabel ?label } LIMIT 20"""
MAX_PER_CLIENT = 100_000


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, float]:
        lat = sorted(self.latencies) or [0.0]
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "rps": len(self.latencies) / self.seconds if self.seconds else 0.0,
            "p50_ms": statistics.median(lat) * 1000,
            "p99_ms": p99 * 1000,
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def load(make_request, clients: int, seconds: float) -> Run:  # type: ignore[no-untyped-def]
    """`clients` concurrent loops of `make_request(client)` for at most `seconds`."""
    run = Run()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        stop = time.monotonic() + seconds

        async def one() -> None:
            for _ in range(MAX_PER_CLIENT):
                if time.monotonic() >= stop:
                    return
                started = time.monotonic()
                try:
                    r = await make_request(client)
                    ok = r.status_code == 200 and len(r.content) > 0
                except httpx.HTTPError:
                    ok = False
                if ok:
                    run.latencies.append(time.monotonic() - started)
                else:
                    run.errors += 1

        begun = time.monotonic()
        await asyncio.gather(*(one() for _ in range(clients)))
        run.seconds = time.monotonic() - begun
    return run


def wait_ready(url: str, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited early")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{what} did not start")


def named_query() -> tuple[str, str, dict[str, str]]:
    """The first named query without required parameters: name, text with VALUES, defaults."""
    sys.path.insert(0, str(ROOT / "src"))
    from werkagenda.query.registry import discover

    for q in discover().values():
        if all(not p.required for p in q.params):
            defaults = {p.name: p.default or "" for p in q.params}
            if not defaults:
                return q.name, q.text, {}
            names = " ".join(f"?{n}" for n in defaults)
            values = " ".join(
                f"<{v}>" if p.type == "iri" else json.dumps(v) if p.type == "string" else v
                for p, v in zip(q.params, defaults.values(), strict=True)
            )
            return q.name, f"{q.text}\nVALUES ({names}) {{ ({values}) }}", defaults
    raise SystemExit("no named query without required parameters")


async def bench(ours: str, oxi: str, clients: int, seconds: float) -> list[dict]:
    name, text, defaults = named_query()
    page_path = PAGE_IRI.split("/iza-werkagenda/", 1)[1]
    describe = f"DESCRIBE <{PAGE_IRI}>"
    workloads = {
        "page": (
            lambda c: c.get(ours + page_path, headers={"Accept": "text/html"}),
            lambda c: c.get(
                oxi + "query", params={"query": describe}, headers={"Accept": "text/turtle"}
            ),
        ),
        "select": (
            lambda c: c.get(
                ours + "sparql",
                params={"query": SMALL_SELECT},
                headers={"Accept": "application/sparql-results+json"},
            ),
            lambda c: c.get(
                oxi + "query",
                params={"query": SMALL_SELECT},
                headers={"Accept": "application/sparql-results+json"},
            ),
        ),
        f"named:{name}": (
            lambda c: c.get(
                f"{ours}api/queries/{name}/run",
                params=defaults,
                headers={"Accept": "application/sparql-results+json"},
            ),
            lambda c: c.post(
                oxi + "query",
                content=text.encode(),
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json",
                },
            ),
        ),
    }
    rows = []
    for label, (mine, theirs) in workloads.items():
        a = (await load(mine, clients, seconds)).summary()
        b = (await load(theirs, clients, seconds)).summary()
        rows.append(
            {
                "workload": label,
                "werkagenda": a,
                "oxigraph": b,
                "ratio": a["rps"] / b["rps"] if b["rps"] else 0.0,
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="32 clients for 60 s per workload")
    parser.add_argument("--clients", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument(
        "--store", type=Path, default=None, help="compiled store (default dist/store)"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    args = parser.parse_args()
    clients = min(args.clients or (32 if args.full else 8), 64)
    seconds = min(args.seconds or (60.0 if args.full else 5.0), 120.0)
    if args.store is None:
        sys.path.insert(0, str(ROOT / "src"))
        from werkagenda.store import open_store, store_path

        open_store()  # rebuilds dist/store when the sources are newer
        store = store_path()
    else:
        store = args.store
    bindir = Path(sys.executable).parent
    ours_port, oxi_port = free_port(), free_port()
    werkagenda = str(bindir / "werkagenda") if (bindir / "werkagenda").exists() else "werkagenda"
    oxigraph = (
        str(bindir / "oxigraph") if (bindir / "oxigraph").exists() else shutil.which("oxigraph")
    )
    if not oxigraph:
        raise SystemExit("the oxigraph server binary is missing: pip install oxigraph")
    procs = [
        subprocess.Popen(
            [werkagenda, "serve", "--store", str(store), "--port", str(ours_port)],
            stdout=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [
                oxigraph,
                "serve-read-only",
                "--location",
                str(store),
                "--bind",
                f"127.0.0.1:{oxi_port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    ours, oxi = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{oxi_port}/"
    try:
        wait_ready(ours + "sparql?query=ASK%7B%7D", procs[0], "werkagenda serve")
        wait_ready(oxi + "query?query=ASK%7B%7D", procs[1], "oxigraph serve-read-only")
        rows = asyncio.run(bench(ours, oxi, clients, seconds))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=20)
    print(f"{clients} clients x {seconds:g} s per workload, loopback, store {store}")
    print(f"{'workload':<28}{'server':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    errors = 0
    for row in rows:
        for server in ("werkagenda", "oxigraph"):
            s = row[server]
            errors += int(s["errors"])
            print(
                f"{row['workload']:<28}{server:<12}{s['rps']:>9.1f}{s['p50_ms']:>9.1f}"
                f"{s['p99_ms']:>9.1f}{int(s['errors']):>8}"
            )
        print(f"{'':<28}{'ratio':<12}{row['ratio']:>9.2f}  (werkagenda req/s ÷ oxigraph req/s)")
    if args.json:
        args.json.write_text(
            json.dumps({"clients": clients, "seconds": seconds, "rows": rows}, indent=2)
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
