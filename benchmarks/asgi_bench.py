"""Where a named query's time goes inside our server process, layer by layer, in process.

`cpu_bench.py` measures CPU per request of whole processes behind real HTTP; this splits the
server process's part of a named query, with no HTTP and no load generator, each request
different (a different code or organisation):

- `engine`: pyoxigraph evaluating the bound text (the text Oxigraph is sent), rows read;
- `named.run`: our named-query layer (checks, binding, rows, the JSON writer);
- `miss`: the whole ASGI application (Conditional, Guard, Starlette's routing, the inline
  lane's thread), response cache emptied before each round;
- `hit, Guard`: the same requests answered from the response cache by the ASGI front
  (`front.Front`, asked by `app.Guard`);
- `hit, routed`: the same, with the front's lookup off, so the route answers the hit: the
  difference to `hit, Guard` is what Starlette's routing and middleware cost a request.

    python benchmarks/asgi_bench.py --store dist/store
    python benchmarks/asgi_bench.py --store dist/store --workload org --rounds 5

CPU time of this process (`time.process_time`, all threads), medians of `--rounds`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import uncached_bench as ub
from timing import ms_each  # benchmarks/timing.py

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from werkagenda.serve import named  # noqa: E402
from werkagenda.serve.app import create_app  # noqa: E402
from werkagenda.serve.settings import Settings  # noqa: E402

JSON = "application/sparql-results+json"
# workload: (named query, its parameter, a query listing the parameter's values, its variable)
WORKLOADS = {
    "goals": ("inspanning-goals", "code", ub.CODES, "code"),
    "org": ("organisation-portfolio", "organisation", ub.PARTIES, "name"),
}


async def get(app: Any, path: str, query: str) -> int:
    """One GET through the ASGI application; its status."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"127.0.0.1"), (b"accept", JSON.encode())],
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
        "http_version": "1.1",
    }
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(sent[0]["status"])


async def measure(store: Path, workload: str, rounds: int) -> dict[str, list[float]]:
    name, param, listing, var = WORKLOADS[workload]
    values = sorted(set(ub._values(store, listing, var)))
    texts = [ub._named(name, {param: v}) for v in values]
    queries = [urlencode({param: v}) for v in values]
    path = f"/api/queries/{name}/run"
    app = create_app(Settings(store=store, workers=1, fast_workers=0))
    out: dict[str, list[float]] = {}
    async with app.router.lifespan_context(app):
        inline, responses = app.state.inline, app.state.responses
        engine = inline.store

        def engine_all() -> None:
            for text in texts:
                list(engine.query(text))

        def named_all() -> None:
            for v in values:
                named.run(
                    engine, name, {param: v}, accept=JSON, format_key=None,
                    max_rows=10_000, known=inline.known,
                )  # fmt: skip

        async def through(label: str) -> None:
            started = time.process_time()  # not ms_each: the requests are awaited
            for q in queries:
                assert await get(app, path, q) == 200
            ms = (time.process_time() - started) * 1000 / len(queries)
            out.setdefault(label, []).append(ms)

        for _ in range(rounds):
            out.setdefault("engine", []).append(ms_each(engine_all, len(texts)))
            out.setdefault("named.run", []).append(ms_each(named_all, len(values)))
            responses._lru.clear()  # every request a miss
            responses._bytes = 0
            await through("miss")
            await through("hit, Guard")
            front = app.state.front
            front.answer = lambda *args: None  # the front knows nothing: the route answers
            try:
                await through("hit, routed")
            finally:
                del front.answer  # the class's method again
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "dist" / "store")
    parser.add_argument("--workload", choices=sorted(WORKLOADS), default="goals")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if problem := ub._default_agenda_missing(args.store):
        sys.exit(problem)
    found = asyncio.run(measure(args.store, args.workload, args.rounds))
    base = statistics.median(found["engine"])
    print(f"{args.workload}: CPU ms per request in process, median of {args.rounds} rounds")
    print(f"{'layer':14} {'ms':>7} {'÷ engine':>9}")
    for label, times in found.items():
        ms = statistics.median(times)
        print(f"{label:14} {ms:7.3f} {ms / base:9.2f}")


if __name__ == "__main__":
    main()
