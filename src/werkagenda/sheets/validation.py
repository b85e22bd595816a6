"""Validate a staged agenda folder with the build's own compiler (parse → SHACL → rules)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from werkagenda.config import ROOT, WA, Agenda
from werkagenda.errors import NonConformantError
from werkagenda.load import vocabulary_quads

if TYPE_CHECKING:
    from werkagenda.pipeline import AgendaCompiler


@dataclass(frozen=True)
class StagedAgenda(Agenda):
    """An agenda whose Turtle is read from a staging folder before it is swapped in.

    `folder` is where its cited source texts live (the target folder, or the repository
    when the texts are cited where they already are).
    """

    staged: Path = Path()

    @property
    def turtle_files(self) -> list[Path]:
        return sorted(self.staged.glob("*.ttl"))


def validate_folder(staged: Path, target: Path, key: str, *, allow_warnings: bool) -> str:
    """The SHACL summary line; raises when a Violation (or, unless allowed, a Warning) exists."""
    from werkagenda.validate import raise_on_violations
    from werkagenda.validate.report import Severity

    agenda = StagedAgenda(key=key, folder=_sources_home(staged, target), staged=staged)
    compiled = _compiler()(agenda)
    report = compiled.report
    assert report is not None
    if not report.conforms:
        raise_on_violations([report])
    warnings = [r for r in report.results if r.severity is Severity.WARNING]
    if warnings and not allow_warnings:
        lines = "\n  ".join(r.message for r in warnings[:20])
        raise NonConformantError(
            f"{report.summary()}: not written (use --allow-warnings to accept warnings):\n  {lines}"
        )
    return report.summary()


@functools.cache
def _compiler() -> AgendaCompiler:
    """One compiler (vocabulary parsed, shapes compiled) per process: a batch reuses it."""
    from werkagenda.pipeline import AgendaCompiler

    return AgendaCompiler(vocabulary_quads())


def _sources_home(staged: Path, target: Path) -> Path:
    """The target folder when every cited text lies in it (the build's rule), else the repo."""
    path_pred = WA + "bestandspad"
    inside = True
    for ttl in staged.glob("*.ttl"):
        for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE):
            if t.predicate.value == path_pred:
                cited = (ROOT / t.object.value).resolve()
                inside = inside and cited.is_relative_to(target.resolve())
    return target if inside else ROOT
