"""The RDF dataset and prologue of raw SPARQL, the same for `werkagenda sparql` and `/sparql`.

Dataset (SPARQL 1.1 §13 and the Protocol §2.1.4):
- protocol `default-graph-uri` / `named-graph-uri` given: exactly those graphs, and a partial
  protocol dataset isolates too (only default graphs given: no named graphs, and vice versa);
- else the query's own `FROM` / `FROM NAMED`: pyoxigraph honours them when no option is set;
- else the union of every graph is the default graph, and every named graph is available.

Prologue: the project's well-known prefixes (`config.PREFIXES`) may be used without `PREFIX`
lines: they are the parser's default prefixes (pyoxigraph's `prefixes=`), so the query text
is parsed as written and error positions are the user's own.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from werkagenda.config import PREFIXES

# Strings, IRIs and comments, scanned left to right so that "#" inside an IRI or a string is
# not a comment and "FROM" inside a string is not a keyword.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)
DECLARED_PREFIX = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def blank_opaque(text: str) -> str:
    """The query with strings, IRIs and comments blanked (keywords and names remain)."""
    return _OPAQUE.sub(lambda m: "<>" if m[0].startswith("<") else " ", text)


def strip_comments(text: str) -> str:
    """The query without its `#` comments (strings and IRIs kept as they are).

    >>> strip_comments('SELECT * { ?s ?p "#1" } # never dropped')
    'SELECT * { ?s ?p "#1" } '
    """
    return _OPAQUE.sub(lambda m: "" if m[0].startswith("#") else m[0], text)


def names_dataset(text: str) -> bool:
    """Whether the query has its own FROM / FROM NAMED clause.

    >>> names_dataset("SELECT * FROM <http://g> { ?s ?p ?o }")
    True
    >>> names_dataset('SELECT * { ?s ?p "FROM" } # FROM <x>')
    False
    """
    return bool(_FROM.search(blank_opaque(text)))


def dataset_options(
    text: str,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> dict[str, Any]:
    """Keyword arguments of `pyoxigraph.Store.query` for the dataset rules above, with the
    well-known prefixes as the parser's defaults (a query's own PREFIX lines win)."""
    prefixes = {"prefixes": dict(PREFIXES)}
    if default_graphs or named_graphs:
        return prefixes | {
            "default_graph": [ox.NamedNode(g) for g in default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs or ()],
        }
    if names_dataset(text):
        return prefixes
    return prefixes | {"use_default_graph_as_union": True}
