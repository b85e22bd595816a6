"""Triples per file → Turtle in the project's canonical format (werkagenda.fmt)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from werkagenda.fmt import canonical_triples
from werkagenda.rdf.canonical import digest


def write_files(
    folder: Path,
    by_file: dict[str, list[ox.Triple]],
    prefixes: dict[str, dict[str, str]],
    previous: Path | None = None,
) -> list[str]:
    """Write each file canonically into `folder` (a staging folder); return the names of
    the files whose triples changed. A file of `previous` (the target folder) holding the
    same graph is kept byte for byte; a changed one keeps the comment blocks of its
    previous version (those above subjects that still exist)."""
    changed = []
    for name, triples in sorted(by_file.items()):
        path = folder / name
        old = previous / name if previous is not None else None
        if old is not None and old.is_file() and _same_graph(old, triples):
            shutil.copy2(old, path)
            continue
        used = dict(sorted(prefixes[name].items()))  # the file keeps its own prefixes
        comments = old.read_text(encoding="utf-8") if old is not None and old.is_file() else ""
        path.write_text(canonical_triples(triples, used, comments_from=comments), encoding="utf-8")
        changed.append(name)
    return changed


def _same_graph(path: Path, triples: list[ox.Triple]) -> bool:
    try:
        old = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, OSError):
        return False
    return digest(old) == digest(set(triples))
