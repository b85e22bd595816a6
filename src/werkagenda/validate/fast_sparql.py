"""SHACL-SPARQL constraints on the fast path, run on pyoxigraph.

Each constraint's SELECT runs once over the vocabulary graph + the agenda graph as default
graph (pySHACL runs it once per focus node, with $this pre-bound); solutions whose ?this is
not a focus node of the shape are dropped, duplicates are reported once.
"""

from __future__ import annotations

import pyoxigraph as ox

from werkagenda.validate.fast_checks import Raw
from werkagenda.validate.fast_shapes import Part, Shape


def sparql_results(
    shape: Shape, focus: set, store: ox.Store, graphs: list[ox.NamedNode] | None
) -> list[Raw]:
    """SHACL-SPARQL constraints, run once for all focus nodes (pySHACL runs one per node)."""
    out: list[Raw] = []
    for c in shape.sparql:
        seen: set = set()
        solutions = store.query(c.text, default_graph=graphs)
        variables = [v.value for v in solutions.variables]
        for row in solutions:
            bound = {name: row[name] for name in variables if row[name] is not None}
            this = bound.pop("this", None)
            if this not in focus:
                continue
            path, value = bound.pop("path", None), bound.pop("value", None)
            key = (this, path, value, tuple(sorted(bound.items(), key=lambda kv: kv[0])))
            if key in seen:
                continue
            seen.add(key)
            names = {
                **bound,
                "this": this,
                "path": path,
                "value": value if value is not None else this,
            }
            out.append(
                (
                    Part(c.node, None, None, shape.own.severity, shape.own.messages, []),
                    "SPARQL",
                    this,
                    value if value is not None else this,
                    {"node": c, "vars": names},
                )
            )
    return out
