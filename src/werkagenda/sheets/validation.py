"""Validate a staged agenda folder with the build's own compiler (parse → SHACL)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from werkagenda.config import Agenda
from werkagenda.errors import NonConformantError
from werkagenda.load import vocabulary_quads

if TYPE_CHECKING:
    from werkagenda.pipeline import AgendaCompiler


def validate_folder(staged: Path, key: str, *, allow_warnings: bool) -> str:
    """The SHACL summary line; raises when a Violation (or, unless allowed, a Warning) exists.

    The staged folder is a whole agenda folder (Turtle and `sources/`), so its shapes are
    checked exactly as `build` will check them once swapped in. The build's other gate,
    the `queries/checks` rows, and its rules are not run here (they never decided an import).
    """
    from werkagenda.validate import raise_on_violations
    from werkagenda.validate.report import Severity

    report = _compiler().report(Agenda(key=key, folder=staged))
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
