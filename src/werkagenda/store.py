"""The compiled store: an on-disk pyoxigraph store written atomically by `build`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from werkagenda.atomic import staging_dir, swap_in
from werkagenda.config import DATA_DIR, DIST_DIR, ONTOLOGY_DIR

STORE_DIRNAME = "store"
STAMP_NAME = "build.json"


def store_path(dist: Path | None = None) -> Path:
    return (dist or DIST_DIR) / STORE_DIRNAME


def write_store(quads: Iterable[ox.Quad], target: Path, stamp: dict) -> Path:
    """Write a new store beside `target` and swap it in, so readers never see a half store."""
    tmp = staging_dir(target)
    store = ox.Store(str(tmp))
    store.bulk_extend(quads)
    store.flush()
    store.optimize()
    del store
    (tmp / STAMP_NAME).write_text(json.dumps(stamp, indent=2, sort_keys=True), encoding="utf-8")
    return swap_in(tmp, target)


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
    stamp = read_stamp(path)
    return bool(stamp) and stamp.get("sources_mtime", -1) >= sources_mtime()


def open_store(path: Path | None = None, *, ensure_fresh: bool = True) -> ox.Store:
    """Open the compiled store read-only, rebuilding it first when sources are newer."""
    target = path or store_path()
    if ensure_fresh and (not target.exists() or not is_fresh(target)):
        from werkagenda.build import build  # lazy: the query path must not import validators

        build(dist=target.parent)
    return ox.Store.read_only(str(target))
