"""A nesting bound on SPARQL text, checked before any parser or evaluator sees it: thousands
of nested `{ }` or `( )` overflow the engine's recursive descent and crash the worker."""

from __future__ import annotations

from werkagenda.query.dataset import blank_opaque

MAX_DEPTH = 64  # group patterns and parentheses, nested; far beyond any hand-written query


def nesting_depth(text: str) -> int:
    """Deepest nesting of braces and parentheses outside strings, IRIs and comments.

    >>> nesting_depth("SELECT * { { ?s ?p ?o } FILTER((1)) }")
    3
    >>> nesting_depth('ASK { ?s ?p "{{{{" }')
    1
    """
    depth = deepest = 0
    for ch in blank_opaque(text):
        if ch in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})":
            depth -= 1
    return deepest


def too_deep(text: str, limit: int = MAX_DEPTH) -> str | None:
    """A sentence when the text nests deeper than `limit`, else None."""
    found = nesting_depth(text)
    if found <= limit:
        return None
    return f"Query refused: it nests {found} levels of {{ }} / ( ); at most {limit} are accepted."
