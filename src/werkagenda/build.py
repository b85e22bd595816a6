"""The build pipeline: load -> validate -> materialise -> (HermiT check) -> write the store."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import (
    DEFAULT_BASE,
    DIST_DIR,
    ONTOLOGY_DIR,
    ONTOLOGY_FILES,
    Agenda,
    discover_agendas,
)
from werkagenda.errors import InputError
from werkagenda.load import agenda_quads, rebase, vocabulary_quads
from werkagenda.store import sources_mtime, store_path, write_store

# progress(step, seconds, detail): called after each step; the CLI decides what to show.
Progress = Callable[[str, float, str], None]


def build(
    *,
    dist: Path | None = None,
    agendas: list[Agenda] | None = None,
    base_iri: str = DEFAULT_BASE,
    shapes: Path | None = None,
    shacl: bool = True,
    reason_check: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Compile ontology + agendas into the store under `dist` and return its path.

    Any sh:Violation raises ShapeViolationError (exit 1) before anything is written.
    `reason_check` runs HermiT (needs Java; cached in `dist`) and requires it to agree
    with the SPARQL materialisation; it is off by default so that `open_store`'s automatic
    rebuild never starts Java. `shacl=False` is only for deliberately non-conformant test
    fixtures of other areas.
    """
    from werkagenda.reason import materialise
    from werkagenda.reason import reason_check as run_reason_check
    from werkagenda.validate import load_shapes, raise_on_violations
    from werkagenda.validate.fast import FastValidator, validate_agenda_fast
    from werkagenda.validate.graph import BASE_PREFIXES, file_prefixes, shortener

    chosen = agendas if agendas is not None else discover_agendas()
    out = dist or DIST_DIR
    mtime = sources_mtime()
    step = _Steps(progress)
    with step("parse"):
        vocabulary = vocabulary_quads()
        parsed = {a.key: agenda_quads(a) for a in chosen}
        step.detail = f"{len(vocabulary) + sum(map(len, parsed.values()))} triples"
    if shacl:
        with step("validate"):
            # The fast path (same results as pySHACL, proven in tests/scale) keeps the gate
            # under a second; `werkagenda validate` stays on pySHACL, the reference.
            graph = load_shapes(shapes)
            fast = FastValidator(graph, vocabulary)
            reports = [
                validate_agenda_fast(
                    a,
                    vocabulary=vocabulary,
                    agenda_quads=parsed[a.key],
                    shapes=graph,
                    validator=fast,
                )
                for a in chosen
            ]
            raise_on_violations(reports)
            step.detail = "; ".join(r.summary() for r in reports)
    store = ox.Store()
    store.bulk_extend([*vocabulary, *(q for quads in parsed.values() for q in quads)])
    with step("materialise"):
        materialised = {a.key: materialise(store, a.iri) for a in chosen}
        step.detail = f"{sum(m.added for m in materialised.values())} triples inferred"
    if reason_check:
        with step("reason"):
            for a in chosen:
                names = file_prefixes(*(ONTOLOGY_DIR / n for n in ONTOLOGY_FILES), *a.turtle_files)
                run_reason_check(
                    a,
                    vocabulary=vocabulary,
                    agenda_quads=parsed[a.key],
                    materialised=materialised[a.key].memberships,
                    cache_dir=out,
                    short=shortener({**BASE_PREFIXES, **names}),
                )
            step.detail = "consistent; HermiT agrees with the CONSTRUCT rules"
    stamp = {
        "sources_mtime": mtime,
        "base_iri": base_iri,
        "agendas": [a.key for a in chosen],
        "validated": shacl,
        "reason_checked": reason_check,
        "inferred": {k: m.added for k, m in materialised.items()},
    }
    with step("write"):
        quads = list(rebase(store.quads_for_pattern(None, None, None, None), base_iri))
        stamp["triples"] = len(quads)
        path = write_store(quads, store_path(out), stamp)
        step.detail = f"{len(quads)} quads"
    return path


class _Steps:
    """Times each step and reports it through the progress callback."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.detail = ""

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        self.detail = ""
        started = time.perf_counter()
        yield
        if self.progress is not None:
            self.progress(name, time.perf_counter() - started, self.detail)


def agenda_at(folder: Path) -> Agenda:
    """The agenda in a folder named `<region>-<edition>` (e.g. data/drenthe-2024).

    >>> agenda_at(Path("tests/core/fixtures/mini-2024")).key
    'mini/2024'
    """
    region, _, edition = folder.resolve().name.rpartition("-")
    if not region or not edition.isdigit():
        raise InputError(
            f"{folder}: an agenda folder is named <region>-<edition>, e.g. drenthe-2024"
        )
    return Agenda(key=f"{region}/{edition}", folder=folder)
