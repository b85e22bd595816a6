"""The build's reasoning gate: HermiT must find ontology + agenda consistent and agree
with the SPARQL materialisation on every defined class."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, Agenda
from werkagenda.errors import InternalError
from werkagenda.reason.hermit import Classification, classify, file_fingerprint
from werkagenda.reason.materialise import Memberships


class ReasonMismatchError(InternalError):
    """The CONSTRUCT rules and the OWL definitions disagree: a rule no longer mirrors its class."""


def check_agreement(owl: Memberships, sparql: Memberships, *, agenda: str = "") -> None:
    """Raise ReasonMismatchError when HermiT and the SPARQL rules give different members."""
    problems = []
    for cls in sorted(set(owl) | set(sparql)):
        only_owl = sorted(owl.get(cls, frozenset()) - sparql.get(cls, frozenset()))
        only_sparql = sorted(sparql.get(cls, frozenset()) - owl.get(cls, frozenset()))
        if only_owl or only_sparql:
            problems.append(
                f"<{cls}>: only HermiT {only_owl or '-'}; only SPARQL {only_sparql or '-'}"
            )
    if problems:
        where = f" in {agenda}" if agenda else ""
        raise ReasonMismatchError(
            f"HermiT and queries/rules/*.rq disagree on defined-class members{where} "
            "(fix the CONSTRUCT rule to mirror the OWL definition): " + "; ".join(problems)
        )


def reason_check(
    agenda: Agenda,
    *,
    vocabulary: list[ox.Quad],
    agenda_quads: list[ox.Quad] | None = None,
    materialised: Memberships | None = None,
    cache_dir: Path | None = None,
    short: Callable[[str], str] = lambda iri: f"<{iri}>",
) -> Classification:
    """HermiT on vocabulary + agenda (consistency, classification), compared with SPARQL.

    Without `agenda_quads` the agenda is parsed only when the cache (keyed first by the
    bytes of the ontology and the agenda folder) misses.
    """
    from werkagenda.load import agenda_quads as parse_agenda

    def quads() -> list[ox.Quad]:
        return [*vocabulary, *(parse_agenda(agenda) if agenda_quads is None else agenda_quads)]

    files = [ONTOLOGY_DIR / n for n in ONTOLOGY_FILES]
    files += [p for p in agenda.folder.rglob("*") if p.is_file()]
    result = classify(
        quads,
        key=agenda.key,
        cache_dir=cache_dir,
        short=short,
        fingerprint=file_fingerprint(files) if agenda_quads is None else None,
    )
    if materialised is not None:
        check_agreement(result.memberships, materialised, agenda=agenda.key)
    return result
