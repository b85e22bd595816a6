"""The rows of the kind-page queries (`queries/internal/views/pages/`), per page resource.

A page asks for the rows of one query with `?node` bound to its resource. On demand that is
one bound query (a few ms: the queries are written so the planner starts from `?node`). When
every page is rendered in one pass (`serve.prebuilt`), `preload` runs each query once with
`?node` unbound and keeps its rows grouped by `?node`, instead of one query per page and
language: at 10 agendas that is ~15 queries instead of ~20,000.

Both ways give a page the same rows in the same order, because every query orders its rows
by all the columns it projects besides `?node` (a test compares the two over every page).
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from werkagenda.query.execute import execute
from werkagenda.query.files import query_file, query_files, read_query

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Term | None]
FOLDER = "internal/views/pages"


class PageRows:
    """The rows of the page queries over one read-only store, bound or all preloaded."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._preloaded: dict[str, dict[str, list[Row]]] = {}

    def of(self, name: str, node: str) -> list[Row]:
        """Rows of `<FOLDER>/<name>.rq` with `?node` bound to `node`."""
        table = self._preloaded.get(name)
        if table is not None:
            return table.get(node, [])
        return self._run(name, {ox.Variable("node"): ox.NamedNode(node)})

    def preload(self) -> None:
        """Run every page query once for all nodes; `of` then answers from memory."""
        for path in query_files(FOLDER):
            table: dict[str, list[Row]] = defaultdict(list)
            for row in self._run(path.stem, None):
                node = row["node"]
                if node is not None:
                    table[node.value].append(row)
            self._preloaded[path.stem] = dict(table)

    def _run(self, name: str, bound: dict[ox.Variable, ox.NamedNode] | None) -> list[Row]:
        path = query_file(f"{FOLDER}/{name}")
        result = execute(
            self.store,
            read_query(path),
            substitutions=bound,
            source=str(path),
            options={"use_default_graph_as_union": True},
        )
        return [dict(zip(result.columns, row, strict=True)) for row in result.rows]  # type: ignore[arg-type]
