"""Named SPARQL queries for analysts: run them on the compiled store from Python or the CLI.

>>> from werkagenda.query import run
>>> rows = run("inspanningen", lang="en")          # doctest: +SKIP
>>> rows[0]["code"]                                 # doctest: +SKIP
'AM-6'

Every call binds its parameters (never pastes them); `agenda` selects the agenda graph and
`lang` the label language. Errors are `werkagenda.errors.InputError` (bad name, parameter,
syntax) or `InternalError` (store).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkagenda.query.registry import NamedQuery, discover, get
from werkagenda.query.results import Result

if TYPE_CHECKING:
    import pandas
    import pyoxigraph as ox

__all__ = [
    "NamedQuery",
    "Result",
    "execute_named",
    "execute_sparql",
    "list_queries",
    "run",
    "run_sparql",
    "to_dataframe",
]


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query, by name."""
    return list(discover(folder).values())


def execute_named(
    name: str, /, *, store: ox.Store | None = None, folder: Path | None = None, **params: Any
) -> Result:
    """Run the named query `name` and return the typed Result (columns, rows of terms)."""
    from werkagenda.query.execute import run_named

    query = get(name, folder)
    return run_named(store if store is not None else _store(), query, params)


def execute_sparql(text: str, /, *, store: ox.Store | None = None) -> Result:
    """Run raw SPARQL text and return the typed Result."""
    from werkagenda.query.execute import run_text

    return run_text(store if store is not None else _store(), text)


def run(name: str, /, *, store: ox.Store | None = None, **params: Any) -> list[dict[str, Any]]:
    """Run a named query; rows as dicts of plain Python values, keys in column order."""
    return execute_named(name, store=store, **params).records()


def run_sparql(text: str, /, *, store: ox.Store | None = None) -> list[dict[str, Any]]:
    """Run raw SPARQL (use GRAPH patterns: the default graph is empty); rows as dicts."""
    return execute_sparql(text, store=store).records()


def to_dataframe(
    source: str | list[dict[str, Any]] | Result, /, *, store: ox.Store | None = None, **params: Any
) -> pandas.DataFrame:
    """A pandas DataFrame of a query name (run with `params`), a Result, or rows from `run`.

    Needs the optional extra: `pip install 'werkagenda[pandas]'`.
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError("to_dataframe needs pandas: pip install 'werkagenda[pandas]'") from e
    if isinstance(source, str):
        source = execute_named(source, store=store, **params)
    if isinstance(source, Result):
        return pd.DataFrame(source.records(), columns=source.columns or None)
    return pd.DataFrame(source)


def _store() -> ox.Store:
    from werkagenda.store import open_store

    return open_store()
