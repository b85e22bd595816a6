"""A profile of `werkagenda serve` under one uncached workload: py-spy samples the server.

Starts our server (response cache off) and Oxigraph's beside it as `uncached_bench.py`
does, sends one workload's requests (each different) from `--clients` connections, and
has py-spy (`py-spy record --format raw`, every thread, native frames off) sample the
serving process meanwhile (`--workers` also samples the query workers). Prints the
functions holding the most samples, inclusive and by themselves, as shares of all samples
taken while a thread was running; `--out FILE` keeps the collapsed stacks (for
speedscope or flamegraph.pl).

    python benchmarks/profile_serve.py --store dist/store --workload goals
    python benchmarks/profile_serve.py --workload select --workers --seconds 10

py-spy needs ptrace rights over the server (the same user; in a container,
`kernel.yama.ptrace_scope` 0 or CAP_SYS_PTRACE). It is a dev dependency (pyproject.toml).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import serve_bench as sb
import uncached_bench as ub


def collapsed(path: Path) -> Counter[tuple[str, ...]]:
    """py-spy's raw output: one line per distinct stack, `frame;frame;… count`, root first."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in path.read_text().splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks[tuple(frames.split(";"))] += int(count)
    return stacks


def shares(stacks: Counter[tuple[str, ...]]) -> tuple[int, Counter[str], Counter[str]]:
    """All samples, and per function the samples it is on the stack of (once per stack) and
    the samples it is the innermost frame of."""
    total, inclusive, own = 0, Counter[str](), Counter[str]()
    for frames, n in stacks.items():
        total += n
        names = [_short(f) for f in frames]
        for name in set(names[1:]):  # the first frame is the thread ("process N:…")
            inclusive[name] += n
        if len(names) > 1:
            own[names[-1]] += n
    return total, inclusive, own


def _short(frame: str) -> str:
    """`function (path/to/module.py:line)` as `function (module.py)`."""
    name, _, where = frame.partition(" (")
    file = where.rsplit(":", 1)[0].rsplit("/", 1)[-1]
    return f"{name} ({file})" if file else name


async def load(requests: list[sb.Request], clients: int, seconds: float) -> dict:
    return (await sb.load_raw(requests, clients, seconds)).summary()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("dist/store"))
    parser.add_argument("--workload", default="goals", help="page-html, page-ttl, org, goals, …")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--workers", action="store_true", help="also sample the query workers")
    parser.add_argument(
        "--gil", action="store_true", help="only threads holding the GIL (our Python alone)"
    )
    parser.add_argument("--out", type=Path, help="keep the collapsed stacks here")
    parser.add_argument("--serve-arg", action="append", default=[], help="passed to serve")
    args = parser.parse_args()
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        raise SystemExit("py-spy is missing: pip install -e '.[dev]'")
    if why := ub._default_agenda_missing(args.store):
        raise SystemExit(why)
    ours, oxi, urls, o = ub.start(args.store, ["httptools"], args.serve_arg)
    try:
        requests = ub.workloads(urls["httptools"], o, args.store, 20_000)[args.workload][0]
        with tempfile.TemporaryDirectory() as tmp:
            raw = args.out or Path(tmp) / "stacks.txt"
            command = [spy, "record", "--format", "raw", "--output", str(raw), "--rate", "250"]
            command += ["--duration", str(int(args.seconds)), "--pid", str(ours["httptools"].pid)]
            command += ["--subprocesses"] if args.workers else []
            command += ["--gil"] if args.gil else []
            sampler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            run = asyncio.run(load(requests, args.clients, args.seconds + 1))
            _, err = sampler.communicate(timeout=60)
            if sampler.returncode:
                raise SystemExit(f"py-spy failed: {err.decode(errors='replace').strip()}")
            total, inclusive, own = shares(collapsed(raw))
    finally:
        for proc in [*ours.values(), oxi]:
            proc.terminate()
            proc.wait(timeout=20)
    print(
        f"{args.workload}, {args.clients} clients: {run['rps']:.0f} req/s, "
        f"{run['errors']} errors; {total} samples of "
        + ("the thread holding the GIL" if args.gil else "running threads")
    )
    for title, counts in (("inclusive", inclusive), ("own", own)):
        print(f"\n{title}:")
        for name, n in counts.most_common(args.top):
            print(f"{100 * n / total:6.1f} %  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
