"""Time `sheet export` and `sheet import` on the real agenda and on a synthetic national set.

    python benchmarks/sheets_bench.py                # real agenda 3 runs; 10 synthetic agendas
    python benchmarks/sheets_bench.py --runs 1 --scale 10

Real agenda (10,652 curated triples): export to xlsx; import into a fresh folder (files
whose graph equals the agenda's folder under data/ are copied, the default), into a fresh
folder with every file formatted by `werkagenda fmt`'s canonical formatter (what a brand-new
agenda costs), and into a copy of the agenda's own folder. Every import validates with the
build's SHACL path. The synthetic set (`werkagenda synth`) is exported untimed, then
imported into fresh folders one after another; the time is extrapolated linearly to 100
agendas (the import is per agenda, so linear is the model; the measured rate is printed).
Targets (issue 12): export ≤ 2 s, import ≤ 2 s, 100 agendas imported ≤ 60 s. Prints
ratio = target / measured (≥ 1 is met). The machine's cores are shared: say so with results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _timed(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def real(runs: int, work: Path) -> dict[str, float]:
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
    return out


def national(scale: int, work: Path, reuse: bool) -> tuple[float, int]:
    """Seconds to import `scale` synthetic agendas (run inside a repository-shaped root)."""
    root = work / ("national-reuse" if reuse else "national")
    env = {**os.environ, "WERKAGENDA_ROOT": str(root), "PYTHONPATH": str(REPO)}
    root.mkdir()
    for name in ("ontology", "queries"):
        (root / name).symlink_to(REPO / name)
    code = (
        "import sys, time; from pathlib import Path\n"
        "from werkagenda.synth import generate\n"
        "from werkagenda.config import discover_agendas\n"
        "from werkagenda.sheets.export import workbook_bytes\n"
        "from werkagenda.sheets.source import read_agenda\n"
        "from werkagenda.sheets.importer import import_workbook\n"
        "root = Path(sys.argv[1]); n = int(sys.argv[2])\n"
        "from werkagenda.build import agenda_at\n"
        "generate(root / 'data', scale=n, seed=1, template=agenda_at(Path(sys.argv[3])))\n"
        "books = []\n"
        "for a in discover_agendas():\n"
        "    p = root / 'books' / (a.folder.name + '.xlsx'); p.parent.mkdir(exist_ok=True)\n"
        "    p.write_bytes(workbook_bytes(read_agenda(a))); books.append((p, a.folder.name))\n"
        "t = time.perf_counter()\n"
        "for p, name in books:\n"
        "    import_workbook(p, root / 'imported' / name, allow_warnings=True,\n"
        "                    reuse_unchanged=sys.argv[4] == '1')\n"
        "print(time.perf_counter() - t, len(books))\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(root),
            str(scale),
            str(REPO / "data" / "drenthe-2024"),
            "1" if reuse else "0",
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    seconds, count = done.stdout.split()
    return float(seconds), int(count)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, seconds in real(args.runs, work).items():
            print(f"real agenda, {name:34} {seconds:6.2f} s   target 2 s   ratio {2 / seconds:.2f}")
        for reuse, how in ((True, "unchanged files reused"), (False, "every file formatted")):
            seconds, count = national(args.scale, work, reuse)
            per = seconds / count
            print(
                f"synthetic set, {how}: {count} agendas in {seconds:.1f} s ({per:.2f} s each); "
                f"extrapolated to 100: {100 * per:.0f} s   target 60 s   "
                f"ratio {60 / (100 * per):.2f}"
            )
    print(f"(median of {args.runs}; {os.cpu_count()} cores shared with other work)")


if __name__ == "__main__":
    main()
