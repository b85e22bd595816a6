"""Editions as dataset versions for the DCAT catalogue, with version notes from the changelog."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import Agenda
from werkagenda.editions import snapshot
from werkagenda.editions.diff import diff
from werkagenda.editions.kinds import KINDS
from werkagenda.editions.members import editions


@dataclass(frozen=True)
class EditionVersion:
    """One edition of a region's agenda: key, IRI, year, the previous edition, notes."""

    key: str
    iri: str
    version: str
    previous: str | None
    notes_nl: str
    notes_en: str


def edition_versions(store: ox.Store) -> list[EditionVersion]:
    """Every edition in the store, by region then year, with notes against the previous."""
    out: list[EditionVersion] = []
    for _, group in groupby(editions(store), key=lambda e: e.region_iri):
        previous: snapshot.Snapshot | None = None
        for edition in group:
            key = f"{edition.region}/{edition.edition}"
            snap = snapshot.from_store(store, Agenda(key, Path(".")), edition.iri)
            nl, en = _notes(previous, snap)
            prev_iri = previous.iri if previous else None
            out.append(EditionVersion(key, edition.iri, edition.edition, prev_iri, nl, en))
            previous = snap
    return out


def _notes(previous: snapshot.Snapshot | None, snap: snapshot.Snapshot) -> tuple[str, str]:
    if previous is None:
        return "Eerste editie in deze dataset.", "First edition in this dataset."
    log = diff(previous, snap)
    counts = log.per_kind()
    if not counts:
        return (f"Geen wijzigingen ten opzichte van {log.old}.", f"No changes from {log.old}.")
    nl = "; ".join(f"{KINDS[k].nl}: {n}" for k, n in counts.items())
    en = "; ".join(f"{KINDS[k].en}: {n}" for k, n in counts.items())
    total = len(log.changes)
    return (
        f"{total} wijzigingen ten opzichte van {log.old} ({nl}).",
        f"{total} changes from {log.old} ({en}).",
    )


def latest_agenda(agendas: list[dict[str, str]]) -> dict[str, str]:
    """Of the agenda rows (IRI order), the latest edition of the first region (or {}).

    >>> rows = [{"agenda": "https://x/id/drenthe/2024"}, {"agenda": "https://x/id/drenthe/2025"},
    ...         {"agenda": "https://x/id/testregio/2099"}]
    >>> latest_agenda(rows)["agenda"]
    'https://x/id/drenthe/2025'
    """
    if not agendas:
        return {}
    region = agendas[0]["agenda"].rsplit("/", 1)[0]
    same = [a for a in agendas if a["agenda"].rsplit("/", 1)[0] == region]
    return max(same, key=lambda a: a["agenda"].rsplit("/", 1)[1])
