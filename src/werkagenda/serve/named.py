"""The named queries of `queries/*.rq`, as the query editor and the API show and run them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from werkagenda.errors import WerkagendaError
from werkagenda.query.registry import catalogue as catalogue  # re-exported for the API
from werkagenda.serve import negotiation as neg
from werkagenda.serve.execute import DEFAULT_MAX_BYTES, Reply, pick_format, select_reply
from werkagenda.serve.protocol import Refused
from werkagenda.serve.results import serialize_ask

if TYPE_CHECKING:
    from werkagenda.query.lookups import KnownValues
    from werkagenda.query.registry import NamedQuery

_LOCATION = re.compile(r"^\S+\.rq(:\d+:\d+)?:\s*")


VOLATILE = re.compile(r"\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


@cache
def _registry() -> dict[str, NamedQuery]:
    """The named queries, read once per process (like the catalogue the server shows)."""
    from werkagenda.query.registry import discover

    return discover()


def lookup(name: str) -> NamedQuery:
    """The named query `name`; unknown names get the registry's error (with suggestions)."""
    from werkagenda.query.registry import get

    found = _registry().get(name)
    return found if found is not None else get(name)


def cacheable(name: str) -> bool:
    """Whether the answer of `name` depends only on the store and its parameters.

    >>> cacheable("aandachtspunten"), cacheable("no-such-query")
    (True, False)
    """
    return name in _stable()


@cache
def _stable() -> frozenset[str]:
    """The named queries without a volatile function, found once per process: every request
    asks, and a regex over a query's text was 15 % of the server's GIL time (py-spy)."""
    try:
        found = _registry()
    except (ImportError, WerkagendaError):
        return frozenset()
    return frozenset(name for name, q in found.items() if not VOLATILE.search(q.text))


def run(
    store: ox.Store,
    name: str,
    values: Mapping[str, str | list[str]],
    *,
    accept: str | None,
    format_key: str | None,
    max_rows: int,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known: KnownValues | None = None,
) -> Reply:
    """Run one named query with bound parameters; answer as a SPARQL result document
    (`known`: the lookups' values of the read-only store, read once per process)."""
    from werkagenda.query.execute import run_named

    try:
        result = run_named(store, lookup(name), values, known)
    except WerkagendaError as e:
        status = 404 if str(e).startswith("unknown query") else 400
        raise Refused(status, _LOCATION.sub("", str(e)) + e.hint("http")) from None
    fmt = pick_format(accept, format_key, neg.RESULT_FORMATS)
    if result.kind == "boolean":
        return Reply(200, fmt.content_type, serialize_ask(fmt, bool(result.boolean)), {})
    if result.kind == "graph":
        raise Refused(400, "Named graph queries are available through /sparql only.")
    return select_reply(fmt, result.columns, result.rows, max_rows=max_rows, max_bytes=max_bytes)
