"""Run SPARQL on the embedded pyoxigraph store with bound parameters.

Parameters are bound, never pasted: a value holding `"`, `}` or `#` cannot change the query.
A named query chooses how in its header (`registry.BINDINGS`):

- `substitutions` (the default): pyoxigraph `substitutions` (SEP-0007). pyoxigraph starts
  evaluation with the substituted variables bound, so every `GRAPH ?agenda` pattern reads
  that one agenda, whereas it joins an inline VALUES block by hash join with OPTIONAL and
  UNION parts evaluated over every named graph (`search` at 10 agendas: 5.7× slower with
  VALUES). It only substitutes variables of the SELECT projection, so named queries project
  their parameters too; the runner returns just the declared columns. The optimiser plans
  without the substituted values, so a FILTER on a parameter runs after the join of its
  group; the named queries therefore bind such values once, early, in a BIND (see
  `search.rq`).
- `values`: the inline VALUES block of `binding.with_values`, as remote endpoints get it.
  Faster for the few queries with no OPTIONAL or UNION over the agenda graphs, where the
  planner can use the constants (`benchmarks/binding_bench.py`, results in
  `benchmarks/results/`: 0.5–0.8× the time at 1× and 10×).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from werkagenda.errors import InternalError
from werkagenda.query.binding import with_values
from werkagenda.query.dataset import dataset_options
from werkagenda.query.lookups import KnownValues, check_known
from werkagenda.query.params import bind
from werkagenda.query.registry import NamedQuery
from werkagenda.query.results import Result, normalise_list
from werkagenda.query.syntax import explain


def run_named(
    store: ox.Store,
    query: NamedQuery,
    values: Mapping[str, object],
    known: KnownValues | None = None,
) -> Result:
    """Run a named query with its parameters validated and bound (`known`: the lookups'
    values of a store that cannot change, read once)."""
    from werkagenda.editions.resolve import latest_in_store

    latest = functools.partial(latest_in_store, store) if known is None else known.latest_edition
    terms = bind(query, values, editions=latest)
    check_known(store, query, terms, known)
    if query.binding == "values":
        raw = execute(store, with_values(query.text, terms), source=_display(query))
    else:
        substitutions = {ox.Variable(name): term for name, term in terms.items()}
        raw = execute(store, query.text, substitutions=substitutions, source=_display(query))
    return select_columns(raw, query)


def run_text(store: ox.Store, text: str, *, source: str = "<query>") -> Result:
    """Run raw SPARQL as `/sparql` does: the same default dataset and built-in prefixes.

    Columns come in the query's projection order.
    """
    options = dataset_options(text)
    try:
        return execute(store, text, source=source, options=options, reraise=True)
    except SyntaxError as e:
        raise explain(source, text, e.msg or str(e)) from None


def execute(
    store: ox.Store,
    text: str,
    *,
    substitutions: Mapping[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
    source: str = "<query>",
    options: dict[str, Any] | None = None,
    reraise: bool = False,
) -> Result:
    """Evaluate `text`; a syntax error becomes an InputError with line, column and caret."""
    try:
        bound: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = dict(
            substitutions or {}
        )
        answer = store.query(text, substitutions=bound or None, **(options or {}))
    except SyntaxError as e:
        if reraise:
            raise
        raise explain(source, text, e.msg or str(e)) from None
    except RuntimeError as e:
        raise InternalError(f"{source}: {e}") from None
    except OSError as e:
        raise InternalError(f"{source}: store error: {e}") from None
    return as_result(answer)


def as_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Result:
    """A pyoxigraph answer (of a store, or parsed by `ox.parse_query_results`) as a Result."""
    if isinstance(answer, ox.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows = [tuple(solution[v] for v in columns) for solution in answer]
        return Result(columns=columns, rows=rows)
    if isinstance(answer, ox.QueryBoolean):
        return Result(boolean=bool(answer))
    return Result(triples=list(answer))


def select(store: ox.Store, text: str, **options: Any) -> ox.QuerySolutions:
    """The solutions of a SELECT query (`options` as for `Store.query`)."""
    answer = store.query(text, **options)
    if not isinstance(answer, ox.QuerySolutions):
        raise InternalError(f"expected a SELECT query, got: {text[:80]!r}")
    return answer


def construct(store: ox.Store, text: str, **options: Any) -> ox.QueryTriples:
    """The triples of a CONSTRUCT or DESCRIBE query (`options` as for `Store.query`)."""
    answer = store.query(text, **options)
    if not isinstance(answer, ox.QueryTriples):
        raise InternalError(f"expected a CONSTRUCT query, got: {text[:80]!r}")
    return answer


def select_columns(raw: Result, query: NamedQuery) -> Result:
    """Keep the declared columns in declared order (dropping projected parameters)."""
    if raw.kind != "table":
        return raw
    index = {name: i for i, name in enumerate(raw.columns)}
    wanted = [c.name for c in query.columns]
    missing = [c for c in wanted if c not in index]
    if missing:
        raise InternalError(
            f"{_display(query)}: header declares column {missing[0]!r} "
            f"that the query does not return (it returns: {', '.join(raw.columns)})"
        )
    lists = frozenset(c.name for c in query.columns if c.is_list)
    rows = []
    for row in raw.rows:
        picked = [row[index[name]] for name in wanted]
        rows.append(
            tuple(
                normalise_list(v) if n in lists else v for n, v in zip(wanted, picked, strict=True)
            )
        )
    return Result(columns=wanted, rows=rows, list_columns=lists)


def _display(query: NamedQuery) -> str:
    return _display_path(query.path)


@functools.cache
def _display_path(path: Path) -> str:
    """A query file as messages name it (resolved once per file: every run names it)."""
    from werkagenda.config import ROOT

    try:
        return str(path.resolve().relative_to(ROOT))
    except (ValueError, AttributeError):
        return str(path)
