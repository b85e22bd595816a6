"""The build pipeline: load -> validate -> materialise -> (HermiT check) -> write the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import (
    DEFAULT_BASE,
    DIST_DIR,
    Agenda,
    discover_agendas,
)
from werkagenda.errors import InputError
from werkagenda.load import rebase, vocabulary_quads
from werkagenda.progress import Progress, Steps
from werkagenda.store import StagedStore, sources_mtime, store_path


def build(
    *,
    dist: Path | None = None,
    agendas: list[Agenda] | None = None,
    base_iri: str = DEFAULT_BASE,
    shapes: Path | None = None,
    shacl: bool = True,
    reason_check: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Path:
    """Compile ontology + agendas into the store under `dist` and return its path.

    Any sh:Violation raises ShapeViolationError (exit 1) before anything is written.
    `reason_check` runs HermiT (needs Java; cached in `dist`) and requires it to agree
    with the SPARQL materialisation; it is off by default so that `open_store`'s automatic
    rebuild never starts Java. `shacl=False` is only for deliberately non-conformant test
    fixtures of other areas. `workers` caps the processes compiling agendas in parallel
    (default: one per CPU, and none for fewer than four agendas).
    """
    from werkagenda.buildcache import AgendaCache, agenda_key, shared_key
    from werkagenda.pipeline import AgendaCompiler, compile_all
    from werkagenda.reason import reason_check as run_reason_check

    chosen = agendas if agendas is not None else discover_agendas()
    out = dist or DIST_DIR
    mtime = sources_mtime()
    step = Steps(progress)
    cache = AgendaCache(out)
    with step("prepare"):
        vocabulary = vocabulary_quads()
        shared = shared_key(shapes=shapes, base_iri=base_iri, shacl=shacl)
        keys = {a.key: agenda_key(a, shared) for a in chosen}
        hits = {a.key: hit for a in chosen if (hit := cache.get(a, keys[a.key])) is not None}
        todo = [a for a in chosen if a.key not in hits]
        step.detail = f"{len(vocabulary)} vocabulary triples; {len(hits)} agenda(s) unchanged"
    # Each changed agenda is parsed, validated (pyrudof: same results as pySHACL, proven in
    # tests/shacl; `werkagenda validate --reference` runs pySHACL) and materialised on its
    # own, then streamed into the new store; nothing is swapped in before every agenda passed.
    fresh = iter(())
    if todo:
        compiler = AgendaCompiler(vocabulary, shapes=shapes, shacl=shacl, base_iri=base_iri)
        fresh = compile_all(compiler, todo, workers)
    reports, summaries, inferred, memberships = [], [], {}, {}
    parsed = 0
    with StagedStore(store_path(out)) as staged, cache:
        assert staged.store is not None
        with step("compile", total=len(chosen)):
            staged.store.bulk_extend(list(rebase(vocabulary, base_iri)))
            triples = len(vocabulary)
            for a in chosen:
                c = hits.get(a.key) or next(fresh)
                parsed += c.parsed
                triples += c.quads
                inferred[a.key], memberships[a.key] = c.inferred, c.memberships
                if c.report is not None:
                    reports.append(c.report)
                step.advance()
                if c.summary:
                    summaries.append(c.summary + (" (unchanged)" if c.cached else ""))
                if all(r.conforms for r in reports):  # after a violation, only collect reports
                    staged.store.bulk_load(c.nquads, format=ox.RdfFormat.N_QUADS)
                    if not c.cached:
                        cache.put(c, keys[a.key])
            step.detail = f"{parsed} triples parsed, {sum(inferred.values())} inferred" + (
                "; " + "; ".join(summaries) if summaries else ""
            )
        if reports and not all(r.conforms for r in reports):
            from werkagenda.validate import raise_on_violations

            raise_on_violations(reports)
        if reason_check:
            with step("reason"):
                for a in chosen:
                    run_reason_check(
                        a,
                        vocabulary=vocabulary,
                        materialised=memberships[a.key],
                        cache_dir=out,
                        short=_short_names(a),
                    )
                step.detail = "consistent; HermiT agrees with the CONSTRUCT rules"
        with step("write"):
            stamp = {
                "sources_mtime": mtime,
                "base_iri": base_iri,
                "agendas": [a.key for a in chosen],
                "validated": shacl,
                "reason_checked": reason_check,
                "inferred": inferred,
                "triples": triples,
            }
            path = staged.commit(stamp)
            cache.commit()
            step.detail = f"{triples} quads"
    return path


def _short_names(agenda: Agenda) -> Callable[[str], str]:
    """Compact names for HermiT's messages, made only when one is shown (loads rdflib)."""

    def short(iri: str) -> str:
        from werkagenda.rdf.curies import converter

        return converter(agenda).compact(iri, bracket=True)

    return short


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
