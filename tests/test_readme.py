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
