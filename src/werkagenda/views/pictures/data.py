"""The facts the pictures draw, read with the queries of `queries/internal/views/`.

Every query is bound with pyoxigraph substitutions: `?agenda` and `?lang` always, `?theme`
only for a one-theme picture (unbound it matches every theme of the agenda). Rows come back
as dicts of plain strings (None where unbound).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

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


class AgendaMemo:
    """Agenda-wide facts computed once per agenda and language while pages of one read-only
    store are rendered (every theme page of an agenda shares its funding statuses); the
    oldest `size` entries are dropped first. Owned by `views.pages.Pages`.

    >>> memo, calls = AgendaMemo(size=1), []
    >>> memo.get(("a", "nl"), lambda: calls.append(1) or 1), memo.get(("a", "nl"), lambda: 2)
    (1, 1)
    >>> memo.get(("b", "nl"), lambda: 3), memo.get(("a", "nl"), lambda: 4), len(calls)
    (3, 4, 1)
    """

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._found: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if key in self._found:
            self._found.move_to_end(key)
            return self._found[key]
        found = self._found[key] = compute()
        if len(self._found) > self.size:
            self._found.popitem(last=False)
        return found


def themes(store: ox.Store, scope: Scope) -> dict[str, tuple[str, str]]:
    """Theme IRI -> (code, label) for the agenda, in code order."""
    rows = select(store, "themes", Scope(scope.agenda, None, scope.lang))
    return {str(r["theme"]): (str(r["code"]), str(r["label"])) for r in rows}


def _iri(name: str, value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as e:
        raise InputError(f"{name} must be an absolute IRI, got {value!r} ({e})") from None
