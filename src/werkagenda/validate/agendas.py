"""`werkagenda validate`: each agenda's report, from the build cache when nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from werkagenda.config import Agenda
from werkagenda.validate.engine import agenda_prefixes, validator
from werkagenda.validate.report import Report
from werkagenda.validate.shapes import load_shapes


def validate_agendas(
    agendas: list[Agenda],
    *,
    shapes: Path | None = None,
    engine: str = "pyrudof",
    cache_dir: Path | None = None,
    advance: Callable[[], object] | None = None,
) -> list[Report]:
    """One report per agenda (with the vocabulary).

    With `cache_dir` (the build's dist/), an agenda whose inputs are unchanged since a build
    that validated it takes that build's verdict; the others run on `engine`. `advance` is
    called once per agenda done (a progress bar).
    """
    reports: dict[str, Report] = {}
    if cache_dir is not None:
        from werkagenda.buildcache import cached_report

        for agenda in agendas:
            hit = cached_report(agenda, shapes=shapes, dist=cache_dir)
            if hit is not None:
                reports[agenda.key] = hit
                if advance is not None:
                    advance()
    todo = [a for a in agendas if a.key not in reports]
    if todo:
        from werkagenda.load import agenda_quads, vocabulary_quads

        check = validator(load_shapes(shapes), engine)
        vocabulary = vocabulary_quads()
        for agenda in todo:
            quads = [*vocabulary, *agenda_quads(agenda)]
            prefixes = agenda_prefixes(agenda)
            reports[agenda.key] = check.validate(quads, subject=agenda.key, prefixes=prefixes)
            if advance is not None:
                advance()
    return [reports[a.key] for a in agendas]
