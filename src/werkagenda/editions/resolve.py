"""Which edition a person means: an agenda key (drenthe/2024), a folder, or an agenda IRI."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DATA_DIR, DEFAULT_BASE, Agenda, discover_agendas
from werkagenda.errors import InputError


def resolve(spec: str, data_dir: Path | None = None) -> Agenda:
    """The agenda `spec` names; a missing edition is an InputError naming it (exit 2)."""
    folder = Path(spec)
    if folder.is_dir() and any(folder.glob("*.ttl")):
        from werkagenda.build import agenda_at

        return agenda_at(folder)
    key = spec.removeprefix(DEFAULT_BASE + "id/").strip("/")
    known = {a.key: a for a in discover_agendas(data_dir or DATA_DIR)}
    if key in known:
        return known[key]
    listed = ", ".join(sorted(known)) or "none"
    raise InputError(
        f"edition {spec!r} not found: give an agenda key, a folder data/<region>-<year>/ or "
        f"an agenda IRI (editions here: {listed})"
    )


def latest_edition(region: str, data_dir: Path | None = None) -> str | None:
    """The newest edition year of `region` under data/ (None when it has none)."""
    years = [
        int(a.key.partition("/")[2])
        for a in discover_agendas(data_dir or DATA_DIR)
        if a.key.partition("/")[0] == region
    ]
    return str(max(years)) if years else None


def latest_in_store(store: ox.Store, region: str) -> str | None:
    """The newest edition year of `region` among the store's agenda graphs (None: none).

    Reads graph names only (no query): a named query without an agenda asks this each time.
    """
    prefix = f"{DEFAULT_BASE}id/{region}/"
    years = [
        tail
        for graph in store.named_graphs()
        if isinstance(graph, ox.NamedNode)
        and graph.value.startswith(prefix)
        and len(tail := graph.value[len(prefix) :]) == 4
        and tail.isdigit()
    ]
    return max(years) if years else None


def region_of(agenda: Agenda) -> str:
    return agenda.key.partition("/")[0]


def check_regions(old: Agenda, new: Agenda, *, across_regions: bool) -> None:
    """Two editions of different regions are not compared unless asked for."""
    if region_of(old) != region_of(new) and not across_regions:
        raise InputError(
            f"{old.key} and {new.key} are agendas of different regions "
            f"({region_of(old)} / {region_of(new)}); pass --across-regions to compare them anyway"
        )
