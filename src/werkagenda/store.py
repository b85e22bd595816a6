"""The compiled store: an on-disk pyoxigraph store written atomically by `build`."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DATA_DIR, DIST_DIR, ONTOLOGY_DIR
from werkagenda.errors import NonConformantError
from werkagenda.rdf.atomic import staging_dir, swap_in, write_text

STORE_DIRNAME = "store"
STAMP_NAME = "build.json"


def store_path(dist: Path | None = None) -> Path:
    return (dist or DIST_DIR) / STORE_DIRNAME


class StagedStore:
    """A new on-disk store written beside `target`, swapped in only by `commit`.

    Used as a context manager: leaving it without `commit` (an error, a violation)
    removes the half-written store and leaves `target` as it was.
    """

    def __init__(self, target: Path) -> None:
        self.new_parent = not target.parent.exists()  # removed again if nothing is committed
        self.target, self.tmp = target, staging_dir(target)
        self.store: ox.Store | None = ox.Store(str(self.tmp))

    def commit(self, stamp: dict) -> Path:
        assert self.store is not None, "store already committed or closed"
        self.store.flush()
        self.store.optimize()
        self.store = None  # closes RocksDB before the directory is renamed
        (self.tmp / STAMP_NAME).write_text(
            json.dumps(stamp, indent=2, sort_keys=True), encoding="utf-8"
        )
        return swap_in(self.tmp, self.target)

    def __enter__(self) -> StagedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.store is not None or self.tmp.exists():
            self.store = None
            shutil.rmtree(self.tmp, ignore_errors=True)
            if self.new_parent:
                with contextlib.suppress(OSError):  # not empty: someone else wrote there
                    self.target.parent.rmdir()


def write_store(quads: Iterable[ox.Quad], target: Path, stamp: dict) -> Path:
    """Write a new store beside `target` and swap it in, so readers never see a half store."""
    with StagedStore(target) as staged:
        assert staged.store is not None
        staged.store.bulk_extend(quads)
        return staged.commit(stamp)


def read_stamp(path: Path | None = None) -> dict | None:
    stamp = (path or store_path()) / STAMP_NAME
    try:
        return json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def sources_mtime() -> float:
    """Newest modification time of anything the build reads (ontology, data, sources)."""
    newest = 0.0
    for folder in (ONTOLOGY_DIR, DATA_DIR):
        for p in folder.rglob("*"):
            if p.is_file():
                newest = max(newest, p.stat().st_mtime)
    return newest


def is_fresh(path: Path | None = None) -> bool:
    """Built from the current sources and from every agenda under data/ (the default set);
    a store of chosen agendas (`build --agenda`) is rebuilt when a default is asked for."""
    from werkagenda.config import discover_agendas

    stamp = read_stamp(path)
    return (
        stamp is not None
        and stamp.get("sources_mtime", -1) >= sources_mtime()
        and stamp.get("agendas") == [a.key for a in discover_agendas()]
    )


FAILURE_NAME = "last-refused-build.json"  # beside the store: why the newest sources were refused


def open_store(
    path: Path | None = None,
    *,
    ensure_fresh: bool = True,
    on_stale: Callable[[str], None] | None = None,
    after_write: Callable[..., object] | None = None,
) -> ox.Store:
    """Open the compiled store read-only, rebuilding it first when it is not fresh.

    When the sources no longer conform (a violation, an inconsistency) and a store exists,
    that last conformant store is opened: `on_stale` gets one sentence saying so (without
    it, the refusal is raised). The refusal is remembered per sources state, so commands
    do not re-validate unchanged non-conformant data on every call. `after_write` goes to
    the rebuild (`build.build`: e.g. the server's pre-rendered pages).
    """
    target = path or store_path()
    if ensure_fresh and (not target.exists() or not is_fresh(target)):
        refused = _refused(target)
        if refused is not None and target.exists() and on_stale is not None:
            on_stale(refused)
        else:
            _rebuild(target, on_stale, after_write)
    return ox.Store.read_only(str(target))


def _rebuild(
    target: Path,
    on_stale: Callable[[str], None] | None,
    after_write: Callable[..., object] | None = None,
) -> None:
    from werkagenda.build import build  # lazy: the query path must not import validators

    failure = target.parent / FAILURE_NAME
    try:
        build(dist=target.parent, after_write=after_write)
    except NonConformantError as e:
        if not target.exists() or on_stale is None:
            raise
        count = sum(len(getattr(r, "violations", ())) for r in getattr(e, "reports", ()))
        what = f"{count} SHACL violation(s)" if count else "an inconsistency"
        note = (
            f"the data under data/ has {what}: using the last conformant store "
            f"({target}); `werkagenda validate` shows them"
        )
        write_text(failure, json.dumps({"sources_mtime": sources_mtime(), "note": note}))
        on_stale(note)
    else:
        failure.unlink(missing_ok=True)


def _refused(target: Path) -> str | None:
    """The note of a refused build of the current sources, if there was one."""
    try:
        seen = json.loads((target.parent / FAILURE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return seen.get("note") if seen.get("sources_mtime") == sources_mtime() else None
