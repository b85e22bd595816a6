"""Regression (issue 17, hole 10): a full disk gave a traceback and exit 1 (the code for
non-conformant data); now one line and exit 3."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.serve.conftest import werkagenda_command


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_exit_3() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*werkagenda_command(), "query", "inspanningen", "--format", "csv"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "100"},
        )
    assert done.returncode == 3, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
