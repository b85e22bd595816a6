"""Time `sheet export` and `sheet import` on the real agenda and a measured national batch.

    python benchmarks/sheets_bench.py                 # real agenda 3 runs; 100 synthetic agendas
    python benchmarks/sheets_bench.py --runs 1 --scale 10 --workers 2

Real agenda (10,652 curated triples): export to xlsx; import into a fresh folder (files
whose graph equals the agenda's folder under data/ are copied, the default), into a fresh
folder with every file formatted by `werkagenda fmt`'s canonical formatter (what a brand-new
agenda costs), and into a copy of the agenda's own folder. Every import is gated as `build`
gates it (SHACL, then the queries/checks rows). National set: `scale` synthetic agendas
(`werkagenda synth`) are exported untimed, then imported by ONE batch call
(`import_workbooks`, the pool of worker processes behind `sheet import A.xlsx B.xlsx --into
DATA`) into a fresh data folder, measured end to end (pool start included), once with every
file formatted and once with unchanged files reused. Targets (issue 12): export ≤ 2 s,
import ≤ 2 s, 100 agendas imported ≤ 60 s. Prints ratio = target / measured (≥ 1 is met),
the CPU seconds (this process and its workers) and the load average: the machine's cores
are shared, so wall time under load is not the machine's speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (the CLI, pool workers)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall and CPU seconds of `runs` calls."""
    times, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), _cpu()
        fn()
        times.append(time.perf_counter() - started)
        cpus.append(_cpu() - cpu)
    return statistics.median(times), statistics.median(cpus)


def real(runs: int, work: Path) -> dict[str, tuple[float, float]]:
    from werkagenda.sheets.export import export_workbook
    from werkagenda.sheets.importer import import_workbook

    book = work / "drenthe.xlsx"
    out = {"export": _timed(lambda: export_workbook(book), runs)}

    def fresh() -> None:
        target = work / "fresh" / "drenthe-2024"
        shutil.rmtree(target.parent, ignore_errors=True)
        import_workbook(book, target, allow_warnings=True)

    out["import, fresh folder"] = _timed(fresh, runs)

    def formatted() -> None:
        target = work / "formatted" / "drenthe-2024"
        shutil.rmtree(target.parent, ignore_errors=True)
        import_workbook(book, target, allow_warnings=True, reuse_unchanged=False)

    out["import, fresh, every file formatted"] = _timed(formatted, runs)
    in_place = work / "copy" / "drenthe-2024"
    shutil.copytree(REPO / "data" / "drenthe-2024", in_place)
    out["import, own folder (unchanged)"] = _timed(
        lambda: import_workbook(book, in_place, allow_warnings=True), runs
    )
    out["`werkagenda sheet import`, a new process"] = _timed(lambda: _cli(book, work), runs)
    return out


def _cli(book: Path, work: Path) -> None:
    """The command end to end: interpreter start, imports, shapes compiled, one import."""
    target = work / "cli" / "drenthe-2024"
    shutil.rmtree(target.parent, ignore_errors=True)
    command = [str(Path(sys.executable).with_name("werkagenda")), "sheet", "import", str(book)]
    subprocess.run(
        [*command, "--into", str(target), "--allow-warnings"], check=True, stdout=subprocess.DEVNULL
    )


def national(scale: int, work: Path, workers: int | None) -> list[dict[str, Any]]:
    """Batch imports of `scale` synthetic agendas (every file formatted, then unchanged files
    reused), in a repository-shaped root: a child process, so `WERKAGENDA_ROOT` applies and
    its workers are forked as the CLI's are. The workbooks are made once, untimed."""
    root = work / "national"
    env = {**os.environ, "WERKAGENDA_ROOT": str(root), "PYTHONPATH": str(REPO)}
    root.mkdir()
    for name in ("ontology", "queries"):
        (root / name).symlink_to(REPO / name)
    code = (
        "import json, os, resource, sys, time; from pathlib import Path\n"
        "from werkagenda.synth import generate\n"
        "from werkagenda.config import discover_agendas\n"
        "from werkagenda.sheets.export import workbook_bytes\n"
        "from werkagenda.sheets.source import read_agenda\n"
        "from werkagenda.sheets.batch import import_workbooks\n"
        "from werkagenda.build import agenda_at\n"
        "root = Path(sys.argv[1]); n = int(sys.argv[2]); workers = int(sys.argv[4]) or None\n"
        "generate(root / 'data', scale=n, seed=1, template=agenda_at(Path(sys.argv[3])))\n"
        "books = []\n"
        "for a in discover_agendas():\n"
        "    p = root / 'books' / (a.folder.name + '.xlsx'); p.parent.mkdir(exist_ok=True)\n"
        "    p.write_bytes(workbook_bytes(read_agenda(a))); books.append(p)\n"
        "def cpu():\n"
        "    s, c = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, "
        "resource.RUSAGE_CHILDREN))\n"
        "    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime\n"
        "for reuse in (False, True):\n"
        "    load, c, t = os.getloadavg()[0], cpu(), time.perf_counter()\n"
        "    done = import_workbooks(books, root / f'imported-{reuse}', allow_warnings=True,\n"
        "                            reuse_unchanged=reuse, workers=workers)\n"
        "    wall, c = time.perf_counter() - t, cpu() - c\n"
        "    print(json.dumps({'seconds': wall, 'cpu': c, 'count': len(done), 'reuse': reuse,\n"
        "        'workers': len({r.worker for r in done}), 'load': [load, os.getloadavg()[0]],\n"
        "        'changed': sum(len(r.changed) for r in done)}), flush=True)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(root),
            str(scale),
            str(REPO / "data" / "drenthe-2024"),
            str(workers or 0),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores shared with other work")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, (seconds, cpu) in real(args.runs, work).items():
            print(
                f"real agenda, {name:34} {seconds:6.2f} s ({cpu:.2f} s CPU)   target 2 s   "
                f"ratio {2 / seconds:.2f}   load {os.getloadavg()[0]:.1f}"
            )
        for r in national(args.scale, work, args.workers or None):
            how = "unchanged files reused" if r["reuse"] else "every file formatted"
            target = 60 * r["count"] / 100  # 60 s per 100 agendas
            print(
                f"batch of {r['count']} synthetic agendas, {how}: {r['seconds']:.1f} s wall, "
                f"{r['cpu']:.1f} s CPU ({r['cpu'] / r['count']:.2f} s each) in {r['workers']} "
                f"workers; {r['changed']} files formatted   target {target:.0f} s   "
                f"ratio {target / r['seconds']:.2f}   load {r['load'][0]:.1f} → {r['load'][1]:.1f}"
            )
    print(f"(real agenda: median of {args.runs})")


if __name__ == "__main__":
    main()
