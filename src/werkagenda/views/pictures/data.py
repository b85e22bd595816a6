"""The facts the pictures draw, read with the queries of `queries/internal/views/`.

Every query is bound with pyoxigraph substitutions: `?agenda` and `?lang` always, `?theme`
only for a one-theme picture (unbound it matches every theme of the agenda). Rows come back
as dicts of plain strings (None where unbound).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.errors import InputError
from werkagenda.query.execute import execute
from werkagenda.query.files import query_file, read_query

LANGS = ("nl", "en")

Row = dict[str, str | None]


@dataclass(frozen=True)
class Scope:
    """What a picture shows: one agenda (a named graph), optionally one theme, in a language."""

    agenda: str
    theme: str | None = None
    lang: str = "nl"

    def substitutions(self) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """The bound parameters; an IRI that is not absolute is an InputError."""
        if self.lang not in LANGS:
            raise InputError(f"lang must be one of {', '.join(LANGS)}, got {self.lang!r}")
        bound: dict[ox.Variable, ox.NamedNode | ox.Literal] = {
            ox.Variable("agenda"): _iri("agenda", self.agenda),
            ox.Variable("lang"): ox.Literal(self.lang),
        }
        if self.theme is not None:
            bound[ox.Variable("theme")] = _iri("theme", self.theme)
        return bound


def select(store: ox.Store, name: str, scope: Scope) -> list[Row]:
    """Run `queries/internal/views/<name>.rq` for `scope`; rows as dicts of strings."""
    path = query_file(f"internal/views/{name}")
    result = execute(store, read_query(path), substitutions=scope.substitutions(), source=str(path))
    return [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]


def _plain(term: object) -> str | None:
    """An IRI, blank node or literal as its value; unbound as None."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return str(term.value)
    return str(term)


def themes(store: ox.Store, scope: Scope) -> dict[str, tuple[str, str]]:
    """Theme IRI -> (code, label) for the agenda, in code order."""
    rows = select(store, "themes", Scope(scope.agenda, None, scope.lang))
    return {str(r["theme"]): (str(r["code"]), str(r["label"])) for r in rows}


def _iri(name: str, value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as e:
        raise InputError(f"{name} must be an absolute IRI, got {value!r} ({e})") from None
