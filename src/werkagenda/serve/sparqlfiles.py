"""Our own SPARQL files (page, landing and publishing queries), read from the package."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def read(package: str, name: str) -> str:
    """The text of `<package>/queries/<name>.rq`.

    >>> "SELECT" in read("werkagenda.serve", "themes")
    True
    """
    return files(package).joinpath("queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
