"""The SHACL engine change, measured: the build before and after, pyrudof vs pySHACL.

    python benchmarks/engine_bench.py                       # scales 1 and 10, before = main's

"Before" is the tree at `--before` (the hand-written fast engine), extracted with `git archive`
into the work folder and run on its own sources and its own shapes; "after" is this checkout
(pyrudof as the build gate). Both build the same workspace data (the real agenda plus N-1
synthetic ones, `werkagenda synth` seed 1) with an empty agenda cache, in fresh interpreters.
Then pyrudof and pySHACL validate the same agendas (benchmarks/stages.py validate-fast /
validate-pyshacl). The machine is shared (2 cores, several engineers): every stage records
the load average before and after it; read the seconds with it.

    python benchmarks/engine_bench.py --before 7451e12^1 --scales 1,10,100 --workdir /tmp/eb
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from workspace import HERE, Outcome, prepare, run_json

from werkagenda.config import ROOT


def before_tree(workdir: Path, rev: str) -> Path:
    tree = workdir / f"before-{rev}"
    if not tree.exists():
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "src", "ontology", "queries", "benchmarks"],
            check=True,
            capture_output=True,
        )
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def before_root(workdir: Path, scale: int, tree: Path, data: Path) -> Path:
    """A repository-shaped folder: the old ontology and queries, the same data."""
    root = workdir / f"before-scale-{scale}"
    root.mkdir(exist_ok=True)
    for name, target in (("ontology", tree / "ontology"), ("queries", tree / "queries")):
        if not (root / name).exists():
            (root / name).symlink_to(target)
    if not (root / "data").exists():
        (root / "data").symlink_to(data)
    return root


def stage(stages: Path, src: Path, root: Path, name: str, *args: str, timeout: float) -> Outcome:
    """One stage in a fresh interpreter; its JSON gets the 1-minute load average before/after
    (the machine is shared: a load well above 2 on 2 cores means the seconds are contended)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(src),
        "WERKAGENDA_ROOT": str(root),
        "WERKAGENDA_DIST": str(root / "dist"),
    }
    before, cpu = os.getloadavg()[0], _children_cpu()
    outcome = run_json([sys.executable, str(stages), name, *args], env, timeout)
    outcome.data["load_average"] = [round(before, 2), round(os.getloadavg()[0], 2)]
    outcome.data["cpu_s"] = round(_children_cpu() - cpu, 2)
    return outcome


def _children_cpu() -> float:
    """CPU seconds of every finished child (the stage and its build workers, once reaped).

    Unlike the wall time this does not grow with the other users' load; on 2 idle cores the
    build takes about cpu_s / 2."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def seconds(outcome: Outcome) -> str:
    if outcome.timed_out:
        return f"> {outcome.wall:.0f} s (timed out)"
    if outcome.error:
        return f"failed: {outcome.error}"
    return f"{outcome.data['seconds']:.2f} s"


def ratio(a: Outcome, b: Outcome) -> str:
    if a.data.get("seconds") and b.data.get("seconds"):
        return f"{a.data['seconds'] / b.data['seconds']:.2f}x"
    return "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--before", default="main", help="git revision of the old engine")
    parser.add_argument("--budget", type=float, default=60.0, help="pySHACL time budget (s)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="engine-bench-"))
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.before],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    tree = before_tree(workdir, rev)
    rows, out = [], {"before": rev, "scales": {}}
    for scale in (int(s) for s in args.scales.split(",")):
        ws = prepare(workdir, scale, seed=1)
        old_root = before_root(workdir, scale, tree, ws.root / "data")
        after_stages, old_stages = HERE / "stages.py", tree / "benchmarks" / "stages.py"
        old = stage(old_stages, tree / "src", old_root, "build", timeout=1800)
        new = stage(after_stages, ROOT / "src", ws.root, "build", timeout=1800)
        fast = stage(after_stages, ROOT / "src", ws.root, "validate-fast", timeout=1800)
        ref = stage(
            after_stages,
            ROOT / "src",
            ws.root,
            "validate-pyshacl",
            "--budget",
            str(args.budget),
            timeout=args.budget * 3 + 120,
        )
        done = f"{ref.data.get('done', 0)}/{ref.data.get('agendas', scale)} agendas"
        rows.append(
            (scale, seconds(old), seconds(new), ratio(new, old), seconds(fast), seconds(ref), done)
        )
        out["scales"][scale] = {
            k: {"data": o.data, "wall": o.wall, "error": o.error, "timed_out": o.timed_out}
            for k, o in (
                ("build_before", old),
                ("build_after", new),
                ("pyrudof", fast),
                ("pyshacl", ref),
            )
        }
    print(f"before = {rev} (hand-written engine), after = this checkout (pyrudof)")
    print("scale | build before | build after | after/before | pyrudof validate | pySHACL validate")
    for scale, old_s, new_s, r, fast_s, ref_s, done in rows:
        print(f"{scale:>4}x | {old_s} | {new_s} | {r} | {fast_s} | {ref_s} ({done})")
    for scale, stages in out["scales"].items():
        loads = {k: v["data"].get("load_average") for k, v in stages.items()}
        cpu = {k: v["data"].get("cpu_s") for k, v in stages.items()}
        print(f"{scale:>4}x load average (before, after each stage): {loads}")
        print(f"{scale:>4}x CPU seconds (stage + workers): {cpu}")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (results / f"engine-{stamp}.json").write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
