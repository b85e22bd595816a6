"""The edges a newcomer meets: --version, no checkout, Ctrl-C, a clean install."""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from werkagenda.cli import main
from werkagenda.config import ROOT


def werkagenda(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "werkagenda.cli", *args]
    return subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,  # type: ignore[call-overload]
    )


def test_version_flag() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"werkagenda {version('werkagenda')}\n"


def test_dash_h_works_on_every_command() -> None:
    for name in main.commands:
        result = CliRunner().invoke(main, [name, "-h"])
        assert result.exit_code == 0 and result.output.startswith("Usage:"), name
        assert any(o in result.output for o in ("--quiet",)), f"{name} takes --quiet"


@pytest.mark.parametrize("args", [["queries"], ["query", "inspanningen"], ["build"], ["stats"]])
def test_without_a_checkout_one_line_says_so(tmp_path: Path, args: list[str]) -> None:
    env = {"WERKAGENDA_ROOT": str(tmp_path), "WERKAGENDA_DIST": str(tmp_path / "dist")}
    proc = werkagenda(*args, env=env)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and out == ""
    assert err.count("\n") == 1 and "works on a checkout of the repository" in err


@pytest.mark.java
def test_ctrl_c_exits_130_and_keeps_the_previous_store(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    assert (
        CliRunner().invoke(main, ["build", "--dist", str(dist), "--no-reason-check"]).exit_code == 0
    )
    stamp = (dist / "store" / "build.json").read_bytes()
    shutil.rmtree(dist / "agenda-cache", ignore_errors=True)
    (dist / "hermit-cache.json").unlink(missing_ok=True)
    # a shell without job control starts background commands with SIGINT ignored, and Python
    # keeps an ignored SIGINT: a terminal's foreground job has the default, as here
    terminal = functools.partial(signal.signal, signal.SIGINT, signal.SIG_DFL)
    proc = werkagenda("build", "--dist", str(dist), start_new_session=True, preexec_fn=terminal)
    staged = dist / f".store.tmp-{proc.pid}"  # the new store is being written (rdf.atomic)
    deadline = time.monotonic() + 120
    while not staged.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert staged.exists(), "the build never started writing its new store"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: the whole group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.rstrip().endswith("werkagenda: interrupted")
    assert (dist / "store" / "build.json").read_bytes() == stamp, "the previous store stays"


def test_the_package_builds_without_deprecation_warnings(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)]
    done = subprocess.run(pip, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "deprecat" not in (done.stdout + done.stderr).lower()
    assert list(tmp_path.glob("werkagenda-*.whl"))


def test_help_follows_the_width_and_never_splits_an_iri() -> None:
    for columns in ("60", "140"):
        proc = werkagenda("query", "--help", env={"COLUMNS": columns})
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        assert "https://w3id.org/iza-werkagenda/id/drenthe/2024" in out
        lines = [line for line in out.splitlines() if "https://" not in line]
        assert max(len(line) for line in lines) <= int(columns)
    assert max(len(line) for line in out.splitlines()) > 80, "a wide terminal gets wide help"
