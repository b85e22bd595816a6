"""The one reader of SPARQL files, all of which live under `queries/` of the checkout.

`queries/*.rq` are the named queries (`werkagenda.query.registry`); `queries/rules/` the
build's CONSTRUCT rules; `queries/internal/<area>/` the queries code runs for one area
(`serve`, `publish`, `stats`, `remote`). The folder is `config.QUERIES_DIR`
(`$WERKAGENDA_ROOT/queries`): the package reads ontology, data and queries from a checkout.

>>> "SELECT" in read_query("internal/serve/labels")
True
>>> [p.name for p in query_files("rules")][:1]
['construct-inspanning-zonder-vastgestelde-financiering.rq']
"""

from __future__ import annotations

import functools
from pathlib import Path

from werkagenda import config
from werkagenda.errors import InternalError

__all__ = ["query_file", "query_files", "read_query"]


def query_file(name: str | Path) -> Path:
    """The file of `name`: a path as given, or `queries/<name>` (`.rq` added without suffix)."""
    if isinstance(name, Path):
        return name
    path = config.QUERIES_DIR / name
    return path if path.suffix else path.with_suffix(".rq")


def read_query(name: str | Path) -> str:
    """The text of a SPARQL file (see `query_file`); a missing one is an InternalError.

    Texts are cached until the file changes (its size or modification time).
    """
    path = query_file(name)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise InternalError(
            f"{path}: SPARQL file missing; werkagenda reads queries/ from a checkout "
            "(set WERKAGENDA_ROOT to one)"
        ) from None
    return _read(path, stat.st_mtime_ns, stat.st_size)


def query_files(folder: str, pattern: str = "*.rq") -> list[Path]:
    """The files of `queries/<folder>` matching `pattern`, sorted by name."""
    return sorted((config.QUERIES_DIR / folder).glob(pattern))


@functools.lru_cache(maxsize=256)
def _read(path: Path, mtime_ns: int, size: int) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise InternalError(f"{path}: cannot read: {e.strerror}") from None
