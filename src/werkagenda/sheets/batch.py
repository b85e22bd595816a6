"""Many workbooks into a data folder, all or nothing (`sheet import A.xlsx B.xlsx --into DATA`).

Each workbook becomes DATA/<region>-<edition>/, named from its 'Werkmap' agenda key. Every
one is read, mapped, formatted and gated (shapes, then the queries/checks rows) in a staging
sibling of its folder first, in a pool of worker processes that live for the whole batch and
each parse the vocabulary and compile the shapes once (`validation._compiler`). Only when
every workbook passed are the folders swapped in, each whole (werkagenda.rdf.atomic); on any
failure every staged folder is removed and the message names each failing workbook.

Workers are forked from a process that has not run pyrudof (they then share the parent's
compiler); a process that has (a test session) starts them from a fork server, as
`pipeline.compile_all` does: pyrudof's runtime does not survive a fork.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from werkagenda.errors import InputError, NonConformantError, WerkagendaError
from werkagenda.rdf.atomic import staging_dir, swap_in
from werkagenda.sheets.importer import Imported, agenda_key, map_workbook, stage
from werkagenda.sheets.reader import read_meta

__all__ = ["BatchDataError", "BatchInputError", "import_workbooks"]


class BatchInputError(InputError):
    """A workbook of the batch is not one (unreadable, a sheet or column missing), or two
    name the same agenda (exit 2); nothing was written."""


class BatchDataError(NonConformantError):
    """A workbook of the batch has cells the agenda cannot take, or its agenda fails the
    shapes or a check (exit 1); nothing was written."""


@dataclass(frozen=True)
class _Job:
    book: Path
    target: Path
    staged: Path
    allow_warnings: bool
    new_organisations: bool
    reuse_unchanged: bool


@dataclass(frozen=True)
class _Failed:
    book: str
    exit_code: int
    message: str


def import_workbooks(
    paths: Sequence[Path],
    into: Path,
    *,
    allow_warnings: bool = False,
    new_organisations: bool = False,
    reuse_unchanged: bool = True,
    workers: int | None = None,
) -> list[Imported]:
    """Import every workbook into `into`/<region>-<edition>/, in the order given.

    `workers`: processes to stage in (default: one per core, at most one per workbook; 1
    stages in this process). Raises BatchInputError / BatchDataError naming each failing
    workbook; then nothing under `into` has changed.
    """
    if not paths:
        raise InputError("no workbook to import")
    targets = _targets(paths, into)
    created = not into.exists()
    jobs = [
        _Job(book, target, staging_dir(target), allow_warnings, new_organisations, reuse_unchanged)
        for book, target in targets
    ]
    try:
        outcomes = _run(jobs, workers)
        failed = [o for o in outcomes if isinstance(o, _Failed)]
        if failed:
            raise _error(failed, len(jobs))
        for job in jobs:
            swap_in(job.staged, job.target)
    finally:
        for job in jobs:
            shutil.rmtree(job.staged, ignore_errors=True)
        if created and into.is_dir() and not any(into.iterdir()):
            into.rmdir()  # a batch refused leaves no trace, not even the data folder
    return [o for o in outcomes if isinstance(o, Imported)]


def _targets(paths: Sequence[Path], into: Path) -> list[tuple[Path, Path]]:
    """(workbook, its agenda folder) for each; two naming one agenda are refused."""
    out: list[tuple[Path, Path]] = []
    first: dict[str, Path] = {}
    for path in paths:
        try:
            key = agenda_key(read_meta(path), path)
        except InputError as e:
            raise BatchInputError(f"{e}; nothing written") from None
        if key in first:
            raise BatchInputError(
                f"{first[key].name} and {path.name} both name the agenda {key} (sheet "
                "'Werkmap'); a batch imports each agenda once: leave one out; nothing written"
            )
        first[key] = path
        out.append((path, into / key.replace("/", "-")))
    return out


def _run(jobs: list[_Job], workers: int | None) -> list[Imported | _Failed]:
    n = workers if workers is not None else min(os.cpu_count() or 1, len(jobs))
    method = "forkserver" if _rudof_used() else "fork"
    if n <= 1 or len(jobs) == 1 or method not in multiprocessing.get_all_start_methods():
        return [_stage_one(job) for job in jobs]
    if method == "fork":
        _warm()  # made once here, shared by every forked worker
    with multiprocessing.get_context(method).Pool(min(n, len(jobs)), _warm) as pool:
        return list(pool.imap(_stage_one, jobs, chunksize=1))


def _rudof_used() -> bool:
    from werkagenda.validate.rudof import used_here

    return used_here()


def _warm() -> None:
    """Parse the vocabulary and compile the shapes in this process, before the first job."""
    from werkagenda.sheets.validation import vocabulary

    vocabulary()


def _stage_one(job: _Job) -> Imported | _Failed:
    """One workbook read, mapped, written and gated into its staging folder (in a worker)."""
    try:
        mapped = map_workbook(job.book, new_organisations=job.new_organisations)
        result = stage(
            mapped,
            job.target,
            job.staged,
            allow_warnings=job.allow_warnings,
            reuse_unchanged=job.reuse_unchanged,
        )
    except WerkagendaError as e:
        shutil.rmtree(job.staged, ignore_errors=True)
        return _Failed(job.book.name, e.exit_code, str(e))
    return replace(result, worker=os.getpid())


def _error(failed: list[_Failed], total: int) -> WerkagendaError:
    """Exit 2 when any workbook is not readable as one, else 1; every failure named."""
    text = "\n".join(f"workbook {f.book}: {f.message}" for f in failed)
    head = f"{len(failed)} of {total} workbooks refused; nothing written:\n"
    if any(f.exit_code == InputError.exit_code for f in failed):
        return BatchInputError(head + text)
    if all(f.exit_code == NonConformantError.exit_code for f in failed):
        return BatchDataError(head + text)
    return WerkagendaError(head + text)
