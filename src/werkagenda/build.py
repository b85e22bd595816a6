"""The build pipeline: load -> validate -> reason -> write the compiled store."""

from __future__ import annotations

from pathlib import Path

from werkagenda.config import DEFAULT_BASE, DIST_DIR, Agenda, discover_agendas
from werkagenda.load import all_quads, rebase
from werkagenda.store import sources_mtime, store_path, write_store


def build(
    *,
    dist: Path | None = None,
    agendas: list[Agenda] | None = None,
    base_iri: str = DEFAULT_BASE,
) -> Path:
    """Compile ontology + agendas into the store under `dist` and return its path.

    TODO(core): validate with SHACL (refuse on violations), materialise defined classes.
    """
    chosen = agendas if agendas is not None else discover_agendas()
    mtime = sources_mtime()
    quads = list(rebase(all_quads(chosen), base_iri))
    stamp = {
        "sources_mtime": mtime,
        "base_iri": base_iri,
        "agendas": [a.key for a in chosen],
        "triples": len(quads),
    }
    return write_store(quads, store_path(dist or DIST_DIR), stamp)
