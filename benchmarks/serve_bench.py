"""Load-test `werkagenda serve` beside `oxigraph serve-read-only` on the same compiled store.

Starts both servers on loopback, then for each workload runs N concurrent clients, each on its
own keep-alive connection, for T seconds (both bounded, each client also stops after
MAX_PER_CLIENT requests) and reports requests/s, p50 and p99 latency and errors, with our
throughput as a ratio of Oxigraph's.

    python benchmarks/serve_bench.py            # 8 clients x 5 s per workload
    python benchmarks/serve_bench.py --full     # 32 clients x 60 s (must give zero errors)
    python benchmarks/serve_bench.py --store DIR --clients 32 --seconds 10 --workloads page

Workloads (ours | Oxigraph):
  page      GET an HTML resource page            | DESCRIBE of the same IRI as Turtle
  page-cold GET a different page each time       | DESCRIBE of the same IRIs, same order
            (up to 20,000 resources of the store in a fixed shuffled order, no warm-up: what a
            crawler sees; ours renders each page once, as a fresh server would)
  select    a small SELECT through /sparql       | the same query on /query
  named     a named query via /api/queries/…/run | its text bound like `query --endpoint` binds it
Each run but page-cold follows --warmup seconds of unmeasured load on the same workload.
Exit status 1 when any request failed.

The load generator runs on the same machine as the servers, so what it costs per request is
taken from the CPU both servers could use, and a request waiting for the client's own event
loop counts as latency. The default client (`--client raw`) is a minimal HTTP/1.1 keep-alive
client on asyncio protocols: one prebuilt request per workload, the response read by
Content-Length or chunked framing, ~0.1 ms of CPU per request. `--client httpx` is the
previous client (httpx.AsyncClient), which costs 2 ms of CPU per request with one client and
6-8 ms with 32 on this 2-core machine; under it, neither server can show its own latency.
With N closed-loop clients the mean latency is N ÷ (requests/s) (Little's law): a p99 of
50 ms with 32 clients needs well over 640 requests/s from server and client together.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/iza-werkagenda/"
PAGE_IRI = BASE + "id/drenthe/2024/opgave/VOW"
PATH_SAFE = "/:@!$&'()*+,;=-._~"  # as werkagenda.views.links.Linker.href
COLD_PAGES = 20_000  # distinct pages of the page-cold workload (more than a run requests)
SMALL_SELECT = """PREFIX wa: <https://w3id.org/iza-werkagenda/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?theme ?label WHERE { ?theme a wa:PrioritaireOpgave ; skos:prefLabel ?label } LIMIT 20"""
MAX_PER_CLIENT = 100_000
TIMEOUT = 30.0
DESCRIBE = "DESCRIBE ?s WHERE { }"  # Oxigraph's side of a resource page, ?s bound by `about`


def about(text: str, iri: str) -> str:
    """`text` with ?s bound to `iri`: an inline VALUES block (`werkagenda.query.binding`), the
    IRI validated and serialised by pyoxigraph, never pasted."""
    import pyoxigraph as ox

    sys.path.insert(0, str(ROOT / "src"))
    from werkagenda.query.binding import with_values

    return with_values(text, {"s": ox.NamedNode(iri)})


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    why: dict[str, int] = field(default_factory=dict)  # error kind -> count

    def fail(self, kind: str) -> None:
        self.errors += 1
        self.why[kind] = self.why.get(kind, 0) + 1

    def summary(self) -> dict[str, float]:
        lat = sorted(self.latencies) or [0.0]
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "rps": len(self.latencies) / self.seconds if self.seconds else 0.0,
            "p50_ms": statistics.median(lat) * 1000,
            "p99_ms": p99 * 1000,
            **({"error_kinds": dict(self.why)} if self.why else {}),
        }


@dataclass(frozen=True)
class Request:
    """One HTTP request of a workload: method, absolute URL, headers, body."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def raw(self) -> bytes:
        """The request as HTTP/1.1 bytes on a keep-alive connection."""
        parts = urlsplit(self.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        lines = [f"{self.method} {target} HTTP/1.1", f"Host: {parts.netloc}"]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        lines += ["User-Agent: serve_bench", "Accept-Encoding: identity"]
        if self.body or self.method == "POST":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection; `exchange` sends a request and reads one response."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.waiter: asyncio.Future | None = None
        self.closed = False
        self._head: tuple[int, int, int, bool] | None = None  # status, body start, length, close
        self._scan = 0  # chunked: where the next chunk-size line starts
        self._body = 0  # chunked: body bytes so far

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("connection closed by the server"))

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if self.waiter is None or self.waiter.done():
            return
        try:
            done = self._parse()
        except ValueError as e:
            self.waiter.set_exception(ConnectionError(f"bad response: {e}"))
            return
        if done is not None:
            self.waiter.set_result(done)

    def _parse(self) -> tuple[int, int, bool] | None:
        """(status, body length, server closes) once a whole response is buffered."""
        if self._head is None and not self._parse_head():
            return None
        assert self._head is not None
        status, start, length, close = self._head
        if length < 0:
            return self._parse_chunked(status, close)
        if len(self.buf) < start + length:
            return None
        del self.buf[: start + length]
        self._head = None
        return status, length, close

    def _parse_head(self) -> bool:
        """Read the status line and headers once they are buffered; False while they are not."""
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            return False
        lines = bytes(self.buf[:end]).split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip().lower()
        chunked = b"chunked" in headers.get(b"transfer-encoding", b"")
        close = b"close" in headers.get(b"connection", b"")
        length = int(headers.get(b"content-length", b"-1"))
        if not chunked and length < 0:
            raise ValueError("neither Content-Length nor chunked")
        self._head = (status, end + 4, -1 if chunked else length, close)
        self._scan, self._body = end + 4, 0
        return True

    def _parse_chunked(self, status: int, close: bool) -> tuple[int, int, bool] | None:
        """Chunked framing: size line, data, CRLF; a zero chunk (and trailers) ends it."""
        while True:
            eol = self.buf.find(b"\r\n", self._scan)
            if eol < 0:
                return None
            size = int(bytes(self.buf[self._scan : eol]).split(b";")[0], 16)
            if size == 0:
                trailer = self.buf.find(b"\r\n\r\n", eol)  # after optional trailers
                if trailer < 0:
                    return None
                del self.buf[: trailer + 4]
                self._head = None
                return status, self._body, close
            if len(self.buf) < eol + 2 + size + 2:
                return None
            self._body += size
            self._scan = eol + 2 + size + 2

    async def exchange(self, raw: bytes) -> tuple[int, int, bool]:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return await self.waiter


async def _connect(url: str) -> _Connection:
    parts = urlsplit(url)
    loop = asyncio.get_running_loop()
    _, conn = await loop.create_connection(_Connection, parts.hostname, parts.port)
    return conn


async def load_raw(requests: Sequence[Request], clients: int, seconds: float) -> Run:
    """`clients` keep-alive connections sending `requests` in turn, closed loop, for `seconds`."""
    run, raws = Run(), [r.raw() for r in requests]
    turn = itertools.count()
    stop = time.monotonic() + seconds

    async def one() -> None:
        conn: _Connection | None = None
        for _ in range(MAX_PER_CLIENT):
            if time.monotonic() >= stop:
                break
            started = time.monotonic()
            try:
                if conn is None or conn.closed:
                    conn = await _connect(requests[0].url)
                raw = raws[next(turn) % len(raws)]
                status, size, close = await asyncio.wait_for(conn.exchange(raw), TIMEOUT)
                if close and conn.transport is not None:
                    conn.transport.close()
                    conn = None
            except (OSError, TimeoutError, ValueError) as e:
                run.fail(type(e).__name__)
                if conn is not None and conn.transport is not None:
                    conn.transport.close()
                conn = None
                continue
            if status == 200 and size > 0:
                run.latencies.append(time.monotonic() - started)
            else:
                run.fail(f"HTTP {status}" if status != 200 else "empty body")
        if conn is not None and conn.transport is not None:
            conn.transport.close()

    begun = time.monotonic()
    await asyncio.gather(*(one() for _ in range(clients)))
    run.seconds = time.monotonic() - begun
    return run


async def load(make_request, clients: int, seconds: float) -> Run:  # type: ignore[no-untyped-def]
    """`clients` concurrent loops of `make_request(client)` on one httpx.AsyncClient."""
    run = Run()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=TIMEOUT, limits=limits) as client:
        stop = time.monotonic() + seconds

        async def one() -> None:
            for _ in range(MAX_PER_CLIENT):
                if time.monotonic() >= stop:
                    return
                started = time.monotonic()
                try:
                    r = await make_request(client)
                except httpx.HTTPError as e:
                    run.fail(type(e).__name__)
                    continue
                if r.status_code == 200 and len(r.content) > 0:
                    run.latencies.append(time.monotonic() - started)
                else:
                    run.fail(f"HTTP {r.status_code}" if r.status_code != 200 else "empty body")

        begun = time.monotonic()
        await asyncio.gather(*(one() for _ in range(clients)))
        run.seconds = time.monotonic() - begun
    return run


def load_request(
    requests: Request | Sequence[Request], clients: int, seconds: float, client: str = "raw"
) -> Awaitable[Run]:
    """The load of one workload (one request, or several sent in turn) with the chosen client."""
    todo = [requests] if isinstance(requests, Request) else list(requests)
    if client == "raw":
        return load_raw(todo, clients, seconds)
    turn = itertools.count()

    def send(c: httpx.AsyncClient) -> Awaitable[httpx.Response]:
        r = todo[next(turn) % len(todo)]
        return c.request(r.method, r.url, headers=r.headers, content=r.body or None)

    return load(send, clients, seconds)


def start_oxigraph(store: Path, port: int) -> subprocess.Popen:
    """`oxigraph serve-read-only` over `store` on 127.0.0.1:`port`, union default graph."""
    bindir = Path(sys.executable).parent
    oxigraph = (
        str(bindir / "oxigraph") if (bindir / "oxigraph").exists() else shutil.which("oxigraph")
    )
    if not oxigraph:
        raise SystemExit("the oxigraph server binary is missing: pip install oxigraph")
    command = [oxigraph, "serve-read-only", "--location", str(store)]
    command += ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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
    """The first named query without required parameters: name, bound text, defaults.

    Oxigraph gets the text bound the way `werkagenda query --endpoint` binds it
    (`werkagenda.query.binding.with_values`: an inline VALUES block first in the WHERE
    group), not a trailing VALUES clause, which is joined only after the whole WHERE group
    (every agenda) has been evaluated and grouped.
    """
    sys.path.insert(0, str(ROOT / "src"))
    from werkagenda.query.binding import with_values
    from werkagenda.query.params import bind
    from werkagenda.query.registry import discover

    for q in discover().values():
        if all(not p.required for p in q.params):
            defaults = {p.name: p.default or "" for p in q.params}
            return q.name, with_values(q.text, bind(q, defaults)), defaults
    raise SystemExit("no named query without required parameters")


def cold_iris(store: Path, limit: int = COLD_PAGES) -> list[str]:
    """Up to `limit` distinct resource IRIs of the store, in a fixed pseudo-random order."""
    import pyoxigraph as ox

    rows = ox.Store.read_only(str(store)).query(
        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?s), "{BASE}id/")) }}'
    )
    found = sorted(row["s"].value for row in rows if "#" not in row["s"].value)
    random.Random(0).shuffle(found)
    return found[:limit]


def workloads(ours: str, oxi: str, store: Path | None = None) -> dict[str, tuple]:
    """Each workload's request (or requests, sent in turn) to our server and to Oxigraph."""
    name, text, defaults = named_query()
    results = {"Accept": "application/sparql-results+json"}
    html = {"Accept": "text/html"}

    def page(iri: str) -> tuple[Request, Request]:
        describe = about(DESCRIBE, iri)
        return (
            Request("GET", ours + quote(iri.removeprefix(BASE), safe=PATH_SAFE), html),
            Request(
                "GET", oxi + "query?" + urlencode({"query": describe}), {"Accept": "text/turtle"}
            ),
        )

    cold = [page(iri) for iri in cold_iris(store)] if store is not None else []
    return {
        "page": page(PAGE_IRI),
        **({"page-cold": ([m for m, _ in cold], [t for _, t in cold])} if cold else {}),
        "select": (
            Request("GET", ours + "sparql?" + urlencode({"query": SMALL_SELECT}), results),
            Request("GET", oxi + "query?" + urlencode({"query": SMALL_SELECT}), results),
        ),
        f"named:{name}": (
            Request("GET", f"{ours}api/queries/{name}/run?" + urlencode(defaults), results),
            Request(
                "POST",
                oxi + "query",
                {**results, "Content-Type": "application/sparql-query"},
                text.encode(),
            ),
        ),
    }


async def bench(
    ours: str,
    oxi: str,
    clients: int,
    seconds: float,
    only: tuple[str, ...] = (),
    client: str = "raw",
    warmup: float = 0.0,
    store: Path | None = None,
) -> list[dict]:
    rows = []
    wanted = {w.split(":")[0] for w in only}
    for label, (mine, theirs) in workloads(ours, oxi, store).items():
        if wanted and label.split(":")[0] not in wanted:
            continue
        if warmup and label != "page-cold":  # cold pages are measured cold
            await load_request(mine, clients, warmup, client)
            await load_request(theirs, clients, warmup, client)
        a = (await load_request(mine, clients, seconds, client)).summary()
        b = (await load_request(theirs, clients, seconds, client)).summary()
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
    parser.add_argument(
        "--workloads", default="", help="comma-separated subset of page,select,named (default all)"
    )
    parser.add_argument(
        "--client",
        choices=("raw", "httpx"),
        default="raw",
        help="load generator: minimal keep-alive HTTP/1.1 (default) or httpx.AsyncClient",
    )
    parser.add_argument(
        "--warmup", type=float, default=1.0, help="seconds of unmeasured load before each run"
    )
    parser.add_argument(
        "--ours", default=None, help="URL of an already running werkagenda server to measure"
    )
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
    procs = [start_oxigraph(store, oxi_port)]
    if not args.ours:
        procs.append(
            subprocess.Popen(
                [werkagenda, "serve", "--store", str(store), "--port", str(ours_port)],
                stdout=subprocess.DEVNULL,
            )
        )
    ours = args.ours.rstrip("/") + "/" if args.ours else f"http://127.0.0.1:{ours_port}/"
    oxi = f"http://127.0.0.1:{oxi_port}/"
    try:
        wait_ready(oxi + "query?query=ASK%7B%7D", procs[0], "oxigraph serve-read-only")
        if not args.ours:
            wait_ready(ours + "sparql?query=ASK%7B%7D", procs[1], "werkagenda serve")
        only = tuple(w.strip() for w in args.workloads.split(",") if w.strip())
        load_before = os.getloadavg()[0]
        rows = asyncio.run(
            bench(ours, oxi, clients, seconds, only, args.client, args.warmup, store)
        )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=20)
    print(
        f"{clients} clients x {seconds:g} s per workload, loopback, store {store}, "
        f"client {args.client}, load average {load_before:.1f} before"
    )
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
            json.dumps(
                {
                    "clients": clients,
                    "seconds": seconds,
                    "client": args.client,
                    "load_average": load_before,
                    "rows": rows,
                },
                indent=2,
            )
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
