"""Validate a staged agenda folder with the build's own compiler (parse → SHACL → rules)."""

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

    The staged folder is a whole agenda folder (Turtle and `sources/`), so it is checked
    exactly as `build` will check it once swapped in.
    """
    from werkagenda.validate import raise_on_violations
    from werkagenda.validate.report import Severity

    compiled = _compiler()(Agenda(key=key, folder=staged))
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
