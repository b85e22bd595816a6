"""When the data stops conforming, `query` keeps answering from the last conformant store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from werkagenda.config import ROOT

BROKEN = (
    "\n<https://w3id.org/iza-werkagenda/id/drenthe/2024/inspanning/XX-1> "
    "a <https://w3id.org/iza-werkagenda/def#Inspanning> .\n"
)


def werkagenda(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WERKAGENDA_ROOT": str(root), "WERKAGENDA_DIST": str(root / "dist")}
    command = [sys.executable, "-m", "werkagenda.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_query_uses_the_last_conformant_store_and_says_so(tmp_path: Path) -> None:
    for name in ("ontology", "queries"):
        (tmp_path / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "data" / "drenthe-2024", tmp_path / "data" / "drenthe-2024")
    first = werkagenda(tmp_path, "query", "inspanningen", "--format", "csv")
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.splitlines()) == 1 + 52
    with (tmp_path / "data" / "drenthe-2024" / "vow.ttl").open("a", encoding="utf-8") as f:
        f.write(BROKEN)
    stale = werkagenda(tmp_path, "query", "inspanningen", "--format", "csv")
    assert stale.returncode == 0, stale.stderr
    assert stale.stdout == first.stdout, "answers come from the last conformant store"
    notes = [line for line in stale.stderr.splitlines() if "last conformant store" in line]
    assert len(notes) == 1 and "SHACL violation" in notes[0] and "werkagenda validate" in notes[0]
    again = werkagenda(tmp_path, "query", "inspanningen", "--format", "csv", "--quiet")
    assert again.returncode == 0 and again.stdout == first.stdout and again.stderr == ""
