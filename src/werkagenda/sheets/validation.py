"""Gate a staged agenda folder as `build` gates it: SHACL (the build's compiler), then the
rows of `queries/checks/*-violation.rq` (werkagenda.checks), with the build's messages."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from werkagenda.checks import CheckViolationError, Finding, agenda_checks, raise_on_findings
from werkagenda.config import Agenda
from werkagenda.errors import NonConformantError
from werkagenda.load import agenda_quads

if TYPE_CHECKING:
    from werkagenda.pipeline import AgendaCompiler


def gate_folder(
    staged: Path, key: str, *, allow_warnings: bool, where: dict[str, str] | None = None
) -> str:
    """The SHACL summary line; raises when a Violation (or, unless allowed, a Warning) or a
    check row exists.

    The staged folder is a whole agenda folder (Turtle and `sources/`), so it is checked
    exactly as `build` will check it once swapped in; it is parsed once for both gates.
    `where` maps an IRI to the workbook place it came from ("sheet …, row …"), added to a
    check row's sentence so a person finds the cell.
    """
    from werkagenda.validate import raise_on_violations
    from werkagenda.validate.report import Severity

    agenda = Agenda(key=key, folder=staged)
    compiler = _compiler()
    quads = agenda_quads(agenda)
    report = compiler.report(agenda, quads)
    if not report.conforms:
        raise_on_violations([report])
    warnings = [r for r in report.results if r.severity is Severity.WARNING]
    if warnings and not allow_warnings:
        lines = "\n  ".join(r.message for r in warnings[:20])
        raise NonConformantError(
            f"{report.summary()}: not written (use --allow-warnings to accept warnings):\n  {lines}"
        )
    scratch = ox.Store()  # a fresh store per agenda, as the build's (a memory store never shrinks)
    scratch.bulk_extend([*compiler.vocabulary, *quads])
    _raise_on_findings(list(agenda_checks(scratch, agenda)), agenda, where or {})
    return report.summary()


def _raise_on_findings(findings: list[Finding], agenda: Agenda, where: dict[str, str]) -> None:
    """The build's CheckViolationError (checks.raise_on_findings), followed by the sheet and
    row each finding's resource came from."""
    from werkagenda.rdf.curies import converter

    names = converter(agenda)

    def short(iri: str) -> str:
        return names.compact(iri, bracket=True)

    try:
        raise_on_findings(findings, agenda=agenda.key, short=short)
    except CheckViolationError as e:
        places = {f.focus: where[f.focus] for f in findings if f.focus in where}
        lines = "".join(f"\n  {short(iri)}: {place}" for iri, place in places.items())
        raise CheckViolationError(
            e.findings, f"{e}\nin the workbook:{lines}" if lines else str(e)
        ) from None


def vocabulary() -> list[ox.Quad]:
    """The vocabulary quads the compiler holds (parsed once per process)."""
    return _compiler().vocabulary


@functools.cache
def _compiler() -> AgendaCompiler:
    """One compiler (vocabulary parsed, shapes compiled) per process: a batch worker reuses
    it for every workbook it is given."""
    from werkagenda.load import vocabulary_quads
    from werkagenda.pipeline import AgendaCompiler

    return AgendaCompiler(vocabulary_quads())
