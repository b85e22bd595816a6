"""A benchmark workspace per scale, and running stages in child processes with time limits.

A scale-N workspace is a repository-shaped folder: `ontology/` and `queries/` link to the
repository, `data/` holds the real agenda plus N-1 synthetic ones (`werkagenda synth`), so
named queries with their default agenda and the serve benchmark's page IRI work at every
scale. Every stage runs as `python benchmarks/stages.py STAGE` with WERKAGENDA_ROOT and
WERKAGENDA_DIST pointing into the workspace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from werkagenda.config import ROOT
from werkagenda.synth import default_template, generate

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


@dataclass
class Workspace:
    scale: int
    root: Path
    synth_seconds: float

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "WERKAGENDA_ROOT": str(self.root),
            "WERKAGENDA_DIST": str(self.root / "dist"),
        }

    @property
    def store(self) -> Path:
        return self.root / "dist" / "store"


def scaled_main(
    script: str,
    doc: str,
    measure: Callable[[int], None],
    header: str,
    argv: list[str] | None = None,
    *,
    announce: bool = False,
) -> int:
    """The command line of a benchmark measured in-process once per scale: `--scales`,
    `--runs`; the parent prints `header` and runs itself with `--child` in each workspace."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="comma-separated, e.g. 1,10")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one scale, in the workspace WERKAGENDA_ROOT points at
        measure(args.runs)
        return 0
    print(header, flush=True)
    each_scale(script, args.scales, args.runs, announce=announce)
    return 0


def each_scale(script: str, scales: str, runs: int, *, announce: bool = False) -> None:
    """Run `script --child --runs N` once per scale in a fresh workspace of that scale (the
    child measures in-process on the workspace's data, so each scale starts cold)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix=Path(script).stem + "-") as tmp:
        for scale in (int(s) for s in scales.split(",")):
            if announce:
                print(f"{scale:>5}", flush=True)
            workspace = prepare(Path(tmp), scale, seed=0)
            command = [sys.executable, script, "--child", "--runs", str(runs)]
            subprocess.run(command, env=workspace.env, check=True)


def prepare(workdir: Path, scale: int, seed: int) -> Workspace:
    """The workspace for `scale` agendas: the real one and scale-1 synthetic ones."""
    root = workdir / f"scale-{scale}"
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name in ("ontology", "queries"):
        if not (root / name).exists():
            (root / name).symlink_to(ROOT / name)
    real = default_template()
    if not (data / real.folder.name).exists():
        (data / real.folder.name).symlink_to(real.folder)
    started = time.perf_counter()
    if scale > 1:
        result = generate(root / "synth", scale=scale - 1, seed=seed, template=real)
        for agenda in result.agendas:
            link = data / agenda.folder.name
            if not link.exists():
                link.symlink_to(agenda.folder)
    return Workspace(scale, root, time.perf_counter() - started)


@dataclass
class Outcome:
    """A child's JSON answer, or why there is none (timed out / failed)."""

    data: dict
    wall: float
    timed_out: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.error is None

    def why(self, limit: float) -> str:
        if self.timed_out:
            return f"> {limit:.0f} s (timed out)"
        return f"failed: {self.error}"


def run_stage(ws: Workspace, name: str, *args: str, timeout: float) -> Outcome:
    """Run one stage in a fresh interpreter; never hangs longer than `timeout` seconds."""
    command = [sys.executable, str(HERE / "stages.py"), name, *args]
    return run_json(command, ws.env, timeout)


def run_json(command: list[str], env: dict[str, str], timeout: float) -> Outcome:
    started = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return Outcome({}, time.perf_counter() - started, timed_out=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        lines = [x for x in done.stderr.strip().splitlines() if x.strip()] or ["no output"]
        return Outcome({}, wall, error=lines[-1][:200])
    try:
        return Outcome(json.loads(done.stdout.strip().splitlines()[-1]), wall)
    except (ValueError, IndexError):
        return Outcome({}, wall, error=f"unreadable output: {done.stdout[-200:]!r}")


def wall_seconds(command: list[str], env: dict[str, str], timeout: float) -> float | None:
    """Wall time of a command that must succeed; None when it fails or times out."""
    started = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - started if done.returncode == 0 else None
