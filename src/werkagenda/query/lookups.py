"""Known values of parameters: an unknown agenda or code is an input error, not "(0 rows)".

Each lookup is a query in `queries/internal/lookups/NAME.rq` projecting `?value` (and the
`?agenda` it is bound to). A parameter declares one with `lookup NAME` in its header line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE
from werkagenda.errors import InputError
from werkagenda.query.files import read_query
from werkagenda.query.registry import NamedQuery

SHOWN = 8  # valid values listed in a message


def known(store: ox.Store, name: str, agenda: ox.NamedNode | None = None) -> list[str]:
    """The values the lookup `name` finds (in `agenda` when it takes one)."""
    text = read_query(f"internal/lookups/{name}")
    subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {}
    if agenda is not None:
        subs[ox.Variable("agenda")] = agenda
    solutions = store.query(text, substitutions=subs or None)
    assert isinstance(solutions, ox.QuerySolutions)
    return [str(s["value"].value) for s in solutions if s["value"] is not None]


def is_agenda(store: ox.Store, agenda: ox.NamedNode) -> bool:
    """Whether `agenda` is an agenda graph of the store: the lookup `agendas` with its
    ?value bound, so only that graph is read (listing every agenda grows with their number:
    about 4 ms at 100 agendas, for each named query)."""
    text = read_query("internal/lookups/agendas")
    solutions = store.query(text, substitutions={ox.Variable("value"): agenda})
    assert isinstance(solutions, ox.QuerySolutions)
    return any(True for _ in solutions)


class KnownValues:
    """The lookups' values of a store that does not change while it is open (the server's
    read-only store), each lookup read once: a named query checks its parameters on every
    run, and those queries cost about as much as the named query itself."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._agendas: frozenset[str] | None = None
        self._values: dict[tuple[str, str | None], frozenset[str]] = {}
        self._latest: dict[str, str | None] = {}

    def is_agenda(self, agenda: ox.NamedNode) -> bool:
        if self._agendas is None:
            self._agendas = frozenset(known(self.store, "agendas"))
        return agenda.value in self._agendas

    def latest_edition(self, region: str) -> str | None:
        """The newest edition of `region` in the store (a named query without an agenda asks
        on every run, and finding it reads every graph name: 4 % of the server's GIL samples
        under that load; no change in req/s beyond the noise,
        `benchmarks/results/20261207-latest-edition-ab.txt`)."""
        if region not in self._latest:
            from werkagenda.editions.resolve import latest_in_store

            self._latest[region] = latest_in_store(self.store, region)
        return self._latest[region]

    def values(self, name: str, agenda: ox.NamedNode | None) -> frozenset[str]:
        key = (name, None if agenda is None else agenda.value)
        if key not in self._values:
            self._values[key] = frozenset(known(self.store, name, agenda))
        return self._values[key]


def check_known(
    store: ox.Store,
    query: NamedQuery,
    terms: Mapping[str, ox.NamedNode | ox.Literal],
    cache: KnownValues | None = None,
) -> None:
    """Raise InputError naming the valid or nearest values when a parameter matches nothing.

    `cache` holds the values of a store that cannot change (`KnownValues`); without it each
    check queries the store.
    """
    agenda = terms.get("agenda")
    if isinstance(agenda, ox.NamedNode):
        found = cache.is_agenda(agenda) if cache is not None else is_agenda(store, agenda)
        if not found:
            agendas = known(store, "agendas")  # every one, for the message
            raise InputError(_unknown("agenda", _key(agenda.value), [_key(a) for a in agendas]))
    scope = agenda if isinstance(agenda, ox.NamedNode) else None
    for param in query.params:
        term = terms.get(param.name)
        if param.lookup is None or term is None:
            continue
        if cache is not None and term.value in cache.values(param.lookup, scope):
            continue
        values = known(store, param.lookup, scope)
        if term.value not in values:
            raise InputError(_unknown(param.name, term.value, values))


def _key(iri: str) -> str:
    """An agenda IRI as its key (drenthe/2024) when it lies under the base."""
    prefix = DEFAULT_BASE + "id/"
    return iri[len(prefix) :] if iri.startswith(prefix) else iri


def _unknown(name: str, value: str, valid: list[str]) -> str:
    """'unknown code 'VOW-99'; nearest: VOW-9, VOW-19 (52 valid values: AM-1, …)'."""
    folded = {v.casefold(): v for v in valid}
    near = [
        folded[v]
        for v in difflib.get_close_matches(value.casefold(), list(folded), n=3, cutoff=0.6)
    ]
    hint = f"; nearest: {', '.join(near)}" if near else ""
    valid = sorted(valid, key=_natural)
    listed = ", ".join(valid[:SHOWN]) + (", …" if len(valid) > SHOWN else "")
    return f"unknown {name} {value!r}{hint} ({len(valid)} valid: {listed or 'none'})"


def _natural(text: str) -> list[object]:
    """Sort key putting VOW-9 before VOW-10."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]
