"""The build pipeline: load -> validate -> materialise -> (HermiT check) -> write the store."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from werkagenda.buildcache import AgendaCache
    from werkagenda.checks import Finding
    from werkagenda.pipeline import Compiled
    from werkagenda.reason.materialise import Memberships
    from werkagenda.validate.report import Report


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
    allow_empty: bool = False,
    after_write: Callable[..., object] | None = None,
) -> Path:
    """Compile ontology + agendas into the store under `dist` and return its path.
    No agenda at all (empty `data/`) is an InputError unless `allow_empty`.

    Any sh:Violation raises ShapeViolationError (exit 1) before anything is written.
    `reason_check` runs HermiT (needs Java; cached in `dist`) and requires it to agree
    with the SPARQL materialisation; it is off by default so that `open_store`'s automatic
    rebuild never starts Java. `shacl=False` is only for deliberately non-conformant test
    fixtures of other areas. `workers` caps the processes compiling agendas in parallel
    (default: one per CPU, none for fewer than four agendas). `after_write(store, folder,
    base_iri, inputs=…, target=…)` may add files (the pre-rendered pages) to the staged store,
    swapped in with it; `inputs` digests the agendas' cache keys, `target` is the old store.
    """
    from werkagenda.buildcache import AgendaCache

    chosen, out, mtime = _chosen(agendas, allow_empty), dist or DIST_DIR, sources_mtime()
    step, cache = Steps(progress), AgendaCache(dist or DIST_DIR)
    with step("prepare"):
        vocabulary = vocabulary_quads()
        keys, hits = _cache_keys(cache, chosen, shapes=shapes, base_iri=base_iri, shacl=shacl)
        step.detail = f"{len(vocabulary)} vocabulary triples; {len(hits)} agenda(s) unchanged"
    todo = [a for a in chosen if a.key not in hits]
    fresh = _compile_changed(vocabulary, todo, shapes, shacl, base_iri, workers)
    tally = _Tally(triples=len(vocabulary))
    with StagedStore(store_path(out)) as staged, cache:
        assert staged.store is not None
        with step("compile", total=len(chosen)):
            staged.store.bulk_extend(list(rebase(vocabulary, base_iri)))
            with _Pending(staged.tmp / PENDING_NAME, staged.store) as pending:
                for a in chosen:
                    _add(pending, tally, a, hits.get(a.key) or next(fresh), cache, keys[a.key])
                    step.advance()
                if tally.conforms:  # the last chunk (nothing is swapped in before the gate)
                    pending.load()
            step.detail = tally.detail()
        _gate(chosen, tally, vocabulary, out, step, reason_check)
        if after_write is not None:
            with step("pages"):
                step.detail = _pages(after_write, staged, base_iri, keys, store_path(out))
        with step("write"):
            stamp = {"sources_mtime": mtime, "base_iri": base_iri, "validated": shacl}
            stamp |= {"agendas": [a.key for a in chosen], "reason_checked": reason_check}
            path = staged.commit(stamp | tally.stamp())
            cache.commit()
            step.detail = f"{tally.triples} quads"
    return path


def _pages(
    after_write: Callable[..., object],
    staged: StagedStore,
    base_iri: str,
    keys: dict[str, str],
    target: Path,
) -> str:
    """Let `after_write` add its files (the pre-rendered pages) to the staged store."""
    inputs = hashlib.sha256(json.dumps(sorted(keys.items())).encode()).hexdigest()
    return str(after_write(staged.store, staged.tmp, base_iri, inputs=inputs, target=target))


def _gate(
    chosen: list[Agenda],
    tally: _Tally,
    vocabulary: list[ox.Quad],
    out: Path,
    step: Steps,
    reason_check: bool,
) -> None:
    """Refuse a store with SHACL violations or check findings; then HermiT, if asked."""
    if not all(r.conforms for r in tally.reports):
        from werkagenda.validate import raise_on_violations

        raise_on_violations(tally.reports)
    _raise_on_findings(chosen, tally.findings)
    if reason_check:
        with step("reason"):
            _reason(chosen, vocabulary, tally.memberships, out)
            step.detail = "consistent; HermiT agrees with the CONSTRUCT rules"


# The compiled agendas' N-Quads, appended in agenda order inside the staged store's folder
# (removed with it on failure) and bulk-loaded a chunk at a time: one load over many agendas
# costs far less than one per agenda contending with the compile workers (100 agendas:
# −11 % CPU), and a chunk bounds the memory of the load (one load of all 374 MB at 100×
# peaked at 1.37 GB; pyoxigraph's bulk loader holds what it reads until it writes).
PENDING_NAME = "pending-agendas.nq"
CHUNK_BYTES = 64 * 1024 * 1024  # about 17 agendas


class _Pending:
    """An append-only N-Quads file, bulk-loaded into `store` whenever it holds `CHUNK_BYTES`
    and at the end, then removed."""

    def __init__(self, path: Path, store: ox.Store) -> None:
        self.path, self.store, self.size = path, store, 0
        self.file = path.open("wb")

    def append(self, nquads: bytes) -> None:
        self.file.write(nquads)
        self.size += len(nquads)
        if self.size >= CHUNK_BYTES:
            self.load()

    def load(self) -> None:
        """Load what is pending, and start an empty file."""
        self.file.close()
        if self.size:  # lenient: pyoxigraph's own N-Quads of parsed terms (cache entries are
            # checksummed), so its IRI and language-tag checks are redundant: −13 % CPU of the load.
            # Parsed, then bulk-extended: `Store.bulk_load` renames every blank node at random,
            # which made each build's pages and ETags differ; this keeps `load.parse_turtle`'s
            # stable labels at the same cost (64 MB: 3.2 / 3.3 s, 261 / 265 MB peak).
            quads = ox.parse(path=self.path, format=ox.RdfFormat.N_QUADS, lenient=True)
            self.store.bulk_extend(quads)
        self.file, self.size = self.path.open("wb"), 0

    def __enter__(self) -> _Pending:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)


def _add(
    pending: _Pending, tally: _Tally, agenda: Agenda, c: Compiled, cache: AgendaCache, key: str
) -> None:
    """Count one compiled agenda; stage and cache it while every agenda so far conforms."""
    tally.add(agenda.key, c)
    if tally.conforms:  # after a violation, only collect reports
        pending.append(c.nquads)
        if not c.cached:
            cache.put(c, key)


def _cache_keys(
    cache: AgendaCache, chosen: list[Agenda], *, shapes: Path | None, base_iri: str, shacl: bool
) -> tuple[dict[str, str], dict[str, Compiled]]:
    """Each agenda's cache key, and the compiled agendas the cache still holds."""
    from werkagenda.buildcache import agenda_key, shared_key

    shared = shared_key(shapes=shapes, base_iri=base_iri, shacl=shacl)
    keys = {a.key: agenda_key(a, shared) for a in chosen}
    hits = {a.key: hit for a in chosen if (hit := cache.get(a, keys[a.key])) is not None}
    return keys, hits


def _compile_changed(
    vocabulary: list[ox.Quad],
    todo: list[Agenda],
    shapes: Path | None,
    shacl: bool,
    base_iri: str,
    workers: int | None,
) -> Iterator[Compiled]:
    """The changed agendas compiled, in order, each on its own (in worker processes).

    Each is parsed, validated (pyrudof: the same results as pySHACL, proven in tests/shacl;
    `werkagenda validate --reference` runs pySHACL) and materialised, then streamed into
    the new store; nothing is swapped in before every agenda passed.
    """
    from werkagenda.pipeline import AgendaCompiler, compile_all

    if not todo:
        return iter(())
    compiler = AgendaCompiler(vocabulary, shapes=shapes, shacl=shacl, base_iri=base_iri)
    return compile_all(compiler, todo, workers)


@dataclass
class _Tally:
    """What the compiled agendas add up to, in agenda order."""

    triples: int
    parsed: int = 0
    reports: list[Report] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    inferred: dict[str, int] = field(default_factory=dict)
    memberships: dict[str, Memberships] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # queries/checks rows

    def add(self, key: str, c: Compiled) -> None:
        self.parsed += c.parsed
        self.triples += c.quads
        self.inferred[key], self.memberships[key] = c.inferred, c.memberships
        if c.report is not None:
            self.reports.append(c.report)
        self.findings[key] = list(c.findings)
        if c.summary:
            self.summaries.append(c.summary + (" (unchanged)" if c.cached else ""))

    @property
    def conforms(self) -> bool:
        return all(r.conforms for r in self.reports) and not any(self.findings.values())

    def stamp(self) -> dict[str, object]:
        return {"inferred": self.inferred, "triples": self.triples}

    def detail(self) -> str:
        text = f"{self.parsed} triples parsed, {sum(self.inferred.values())} inferred"
        return text + ("; " + "; ".join(self.summaries) if self.summaries else "")


def _raise_on_findings(chosen: list[Agenda], found: dict[str, list[Finding]]) -> None:
    """CheckViolationError (exit 1) naming every row a check query returned (checks.py)."""
    from werkagenda.checks import raise_on_findings

    for a in chosen:
        raise_on_findings(found.get(a.key, []), agenda=a.key, short=_short_names(a))


def _reason(
    chosen: list[Agenda], vocabulary: list[ox.Quad], memberships: dict[str, Memberships], out: Path
) -> None:
    """HermiT on each agenda; it must find it consistent and agree with the CONSTRUCT rules."""
    from werkagenda.reason import reason_check

    for a in chosen:
        reason_check(
            a,
            vocabulary=vocabulary,
            materialised=memberships[a.key],
            cache_dir=out,
            short=_short_names(a),
        )


def _chosen(agendas: list[Agenda] | None, allow_empty: bool) -> list[Agenda]:
    chosen = agendas if agendas is not None else discover_agendas()
    if not chosen and not allow_empty:
        raise InputError(
            "no agenda to build (data/ holds no <region>-<edition> folder); nothing written — "
            "give --allow-empty to build a store with only the ontology"
        )
    return chosen


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
