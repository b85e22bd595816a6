"""Shared parts: the real agenda exported once, helpers to edit a workbook and compare graphs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from werkagenda.config import ROOT
from werkagenda.sheets.export import export_workbook

REAL = ROOT / "data" / "drenthe-2024"
WA = "https://w3id.org/iza-werkagenda/def#"
ID = "https://w3id.org/iza-werkagenda/id/drenthe/2024/"
ACTOR = "https://w3id.org/iza-werkagenda/id/drenthe/actor/"


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real agenda as a workbook (Dutch), exported once per session; copy before editing."""
    path = tmp_path_factory.mktemp("export") / "werkagenda.xlsx"
    export_workbook(path)
    return path


@pytest.fixture
def workbook_copy(exported: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "werkagenda.xlsx"
    shutil.copy(exported, copy)
    return copy


def folder_graph(folder: Path) -> Graph:
    """Every Turtle file of an agenda folder in one rdflib graph (blank nodes per file)."""
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        part = Graph()
        part.parse(path, format="turtle")
        graph += part
    return graph


def delta(before: Path, after: Path) -> tuple[set, set]:  # type: ignore[type-arg]
    """(triples only before, triples only after), blank nodes canonicalised."""
    _, old, new = graph_diff(
        to_isomorphic(folder_graph(before)), to_isomorphic(folder_graph(after))
    )
    return set(old), set(new)


def edit(path: Path, change: Callable[[openpyxl.Workbook], None]) -> None:
    """Open the workbook as a person's program would, change it, save it."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def find_row(ws: object, ident: str) -> int:
    for row in ws.iter_rows(min_row=2):  # type: ignore[attr-defined]
        if row[0].value == ident:
            return int(row[0].row)
    raise AssertionError(f"{ident} not in sheet {ws.title}")  # type: ignore[attr-defined]


def column(ws: object, header: str) -> int:
    for cell in ws[1]:  # type: ignore[index]
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header!r} in {ws.title}")  # type: ignore[attr-defined]


def werkagenda(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """The real command line, in a child process."""
    script = Path(sys.executable).with_name("werkagenda")
    command = [str(script) if script.exists() else "werkagenda", *args]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=300)


def copy_agenda(target: Path) -> Path:
    """A copy of the real agenda folder (Turtle and sources) to import into."""
    shutil.copytree(REAL, target)
    return target
