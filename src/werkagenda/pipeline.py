"""One agenda through the build: parse -> SHACL (pyrudof) -> materialise -> N-Quads for the store.

Agendas are independent named graphs, so `compile_all` runs them in worker processes
(forked, so the compiled shapes and the parsed vocabulary are shared, not re-made) and
yields results in agenda order; the caller streams each into the on-disk store. Memory
stays bounded by a few agendas at a time, not by the whole national dataset.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda.checks import Finding, agenda_checks
from werkagenda.config import DEFAULT_BASE, Agenda
from werkagenda.load import agenda_quads, rebase
from werkagenda.reason.materialise import Memberships, materialise
from werkagenda.validate.report import Report

# Below this many agendas, forking costs more than it saves (the real data is one agenda).
PARALLEL_FROM = 4


@dataclass
class Compiled:
    """What the store needs of one agenda, and what the build reports about it."""

    agenda: Agenda
    report: Report | None  # None when SHACL was skipped
    nquads: bytes  # the agenda graph with inferred triples, rebased, as N-Quads
    parsed: int  # triples parsed (curated + source lines)
    quads: int  # quads in `nquads`
    inferred: int
    memberships: Memberships
    summary: str = ""  # the SHACL report's one line (kept when the report itself is not)
    cached: bool = False  # taken from dist/agenda-cache (buildcache.py), not compiled now
    findings: tuple[Finding, ...] = ()  # rows of queries/checks/*-violation.rq (checks.py)


class AgendaCompiler:
    """Everything shared by all agendas: vocabulary quads, the validator, the base IRI."""

    def __init__(
        self,
        vocabulary: list[ox.Quad],
        *,
        shapes: Path | None = None,
        shacl: bool = True,
        base_iri: str = DEFAULT_BASE,
    ) -> None:
        self.vocabulary, self.base_iri = vocabulary, base_iri
        self.validator = None
        if shacl:
            from werkagenda.validate import load_shapes, validator

            self.validator = validator(load_shapes(shapes))  # pyrudof, the build gate

    def __call__(self, agenda: Agenda) -> Compiled:
        quads = agenda_quads(agenda)
        report = self._report(agenda, quads) if self.validator is not None else None
        # One scratch store per agenda serves the checks and the CONSTRUCT rules; a memory
        # store never shrinks, so reusing one would grow with every agenda.
        scratch = ox.Store()
        scratch.bulk_extend([*self.vocabulary, *quads])
        findings = agenda_checks(scratch, agenda) if self.validator is not None else ()
        result = materialise(scratch, agenda.iri)
        graph = list(scratch.quads_for_pattern(None, None, None, ox.NamedNode(agenda.iri)))
        moved = graph if self.base_iri == DEFAULT_BASE else rebase(graph, self.base_iri)
        data = ox.serialize(moved, format=ox.RdfFormat.N_QUADS) or b""
        summary = report.summary() if report is not None else ""
        return Compiled(
            agenda,
            report,
            data,
            len(quads),
            len(graph),
            result.added,
            result.memberships,
            summary=summary,
            findings=findings,
        )

    def report(self, agenda: Agenda, quads: list[ox.Quad] | None = None) -> Report:
        """The SHACL report of the agenda folder alone (no checks, rules or N-Quads): what
        `sheet import` asks of a staged folder (`quads`: the folder already parsed)."""
        return self._report(agenda, agenda_quads(agenda) if quads is None else quads)

    def _report(self, agenda: Agenda, quads: list[ox.Quad]) -> Report:
        from werkagenda.validate import agenda_prefixes

        assert self.validator is not None, "a compiler made with shacl=False validates nothing"
        return self.validator.validate(
            [*self.vocabulary, *quads], subject=agenda.key, prefixes=agenda_prefixes(agenda)
        )


def compile_all(
    compiler: AgendaCompiler, agendas: list[Agenda], workers: int | None = None
) -> Iterator[Compiled]:
    """Compile every agenda, in order; in parallel processes when there are several.

    The worker processes are forked by this call, before the caller opens its on-disk
    store: children must not inherit RocksDB's background threads. A process that has run
    pyrudof already (a test session, a long-lived caller) cannot fork safely
    (`werkagenda.validate.rudof.used_here`); its workers come from a fork server instead.
    """
    n = workers if workers is not None else min(os.cpu_count() or 1, len(agendas))
    method = "forkserver" if _rudof_used() else "fork"
    if n <= 1 or len(agendas) < PARALLEL_FROM or method not in _start_methods():
        return map(compiler, agendas)
    pool = multiprocessing.get_context(method).Pool(n, _install, (compiler,))
    return _drain(pool, agendas)


def _rudof_used() -> bool:
    import sys

    rudof = sys.modules.get("werkagenda.validate.rudof")
    return rudof is not None and bool(rudof.used_here())


def _drain(pool: multiprocessing.pool.Pool, agendas: list[Agenda]) -> Iterator[Compiled]:
    with pool:  # terminates the workers when the caller stops early (an error)
        yield from pool.imap(_run, agendas, chunksize=1)


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


_COMPILER: AgendaCompiler | None = None


def _install(compiler: AgendaCompiler) -> None:
    global _COMPILER
    _COMPILER = compiler


def _run(agenda: Agenda) -> Compiled:
    assert _COMPILER is not None, "worker started without a compiler"
    return _COMPILER(agenda)
