"""Regression (issue 17, hole 10): a killed build left its HermiT JVM running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from werkagenda.reason import hermit

CHILD = """
import subprocess, sys
from werkagenda.reason.hermit import die_with_parent
sleeper = [sys.executable, "-c", "import time; time.sleep(120)"]
p = subprocess.Popen(sleeper, preexec_fn=die_with_parent)
print(p.pid, flush=True)
p.wait()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_the_reasoner_child_dies_with_its_parent() -> None:
    parent = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    grandchild = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)  # what a killed `werkagenda build` gets
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(grandchild, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{grandchild}/stat") as f:
            if f.read().split(") ", 1)[1].startswith("Z"):
                return  # dead, only waiting to be reaped
        time.sleep(0.1)
    os.kill(grandchild, signal.SIGKILL)
    pytest.fail("the child outlived its killed parent")


def test_java_is_started_with_the_parent_death_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def fake_run(command, **kwargs):  # type: ignore[no-untyped-def]
        seen.update(kwargs)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(hermit.subprocess, "run", fake_run)
    hermit._java("java", ["-version"])
    assert seen["preexec_fn"] is hermit.die_with_parent
