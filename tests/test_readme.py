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


def test_readme_cli_examples_run_as_shown(tmp_path: Path) -> None:
    """Every `$ werkagenda …` line of README runs; the output lines it shows (except lines with
    '…', and trailing `# …` notes) are lines of the real output; `# exit N` gives the exit code."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = _examples(readme)
    assert len(examples) >= 6, "README shows the CLI at work"
    env = {**os.environ, "WERKAGENDA_DIST": str(tmp_path / "dist"), "COLUMNS": ""}
    for command, expected_exit, shown in examples:
        args = shlex.split(command)[1:]
        done = subprocess.run(
            [sys.executable, "-m", "werkagenda.cli", *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == expected_exit, (command, done.stderr[-1000:])
        printed = (done.stdout + done.stderr).splitlines()
        for line in shown:
            assert line in printed, (
                f"README shows {line!r} for `{command}`; it prints {printed[:8]}"
            )


def _examples(readme: str) -> list[tuple[str, int, list[str]]]:
    out: list[tuple[str, int, list[str]]] = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", readme, re.S):
        shown: list[str] | None = None  # output lines of the current command of this block
        for line in block.splitlines():
            if line.startswith("$ werkagenda "):
                command, _, note = line[2:].partition("  #")
                code = re.search(r"exit (\d+)", note)
                shown = []
                out.append((command.strip(), int(code[1]) if code else 0, shown))
            elif shown is not None and line.strip() and "…" not in line:
                shown.append(re.split(r"\s{2,}#", line)[0].rstrip())
    return out
