"""README's Python snippet runs as written (in a fresh process, against a fresh build)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from werkagenda.config import ROOT


def test_readme_python_block_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "README has no ```python block"
    env = {**os.environ, "WERKAGENDA_DIST": str(tmp_path / "dist")}
    for block in blocks:
        done = subprocess.run(
            [sys.executable, "-c", block], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr[-2000:]


def test_readme_model_diagram_is_up_to_date(tmp_path: Path) -> None:
    """The Mermaid diagram in README is what `werkagenda diagram` generates from the ontology."""
    from werkagenda.docs import update_readme

    copy = tmp_path / "README.md"
    copy.write_text((ROOT / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert update_readme(copy) is False, "README's diagram is stale: run `werkagenda diagram`"
