"""The kind pages' query rows (`views.facts.rows`): preloaded for all pages at once (the
pre-renderer) they are the rows the bound query gives one page (on demand), in order."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from werkagenda.query.files import query_files, read_query
from werkagenda.views import kinds
from werkagenda.views.facts.rows import FOLDER, PageRows

# the queries each kind's facts run (views/facts/<kind>.py)
QUERIES = {
    "inspanning": [
        "inspanning-parties",
        "inspanning-funding",
        "inspanning-planning",
        "inspanning-conditions",
        "inspanning-scale",
        "inspanning-goals",
        "links",
        "notes",
    ],
    "theme": ["theme-goals", "inspanningen", "related", "notes"],
    "goal": ["goal", "inspanningen", "notes"],
    "organisation": ["organisation", "inspanningen", "notes"],
}


def kind_pages(store: ox.Store) -> dict[str, list[str]]:
    """The IRIs of the real agenda's kind pages, by kind."""
    found: dict[str, set[str]] = {kind: set() for kind in QUERIES}
    for q in store.quads_for_pattern(None, ox.NamedNode(kinds.TYPE.value), None):
        if isinstance(q.subject, ox.NamedNode):
            kind = kinds.kind_of(store, q.subject.value)
            if kind:
                found[kind].add(q.subject.value)
    return {kind: sorted(iris) for kind, iris in found.items()}


def test_every_page_query_orders_by_all_its_columns() -> None:
    """The contract that makes preloaded rows equal bound ones on any data, not only the real
    agenda's (where the planner's order may happen to agree): a total ORDER BY."""
    for path in query_files(FOLDER):
        text = re.sub(r"#.*", "", read_query(path))
        head = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\s+WHERE", text, re.S)
        order = re.search(r"ORDER BY(.*)$", text, re.S)
        assert head and order, f"{path.name}: no SELECT … WHERE or no ORDER BY"
        projected = set(re.findall(r"\?(\w+)", head.group(1))) - {"node"}
        ordered = set(re.findall(r"\?(\w+)", order.group(1)))
        assert projected <= ordered, f"{path.name}: ORDER BY lacks {sorted(projected - ordered)}"


def test_every_page_query_is_listed() -> None:
    listed = {name for names in QUERIES.values() for name in names}
    assert listed == {p.stem for p in query_files(FOLDER)}


@pytest.mark.parametrize("kind", sorted(QUERIES))
def test_preloaded_rows_are_the_bound_rows_of_every_page(real_store: ox.Store, kind: str) -> None:
    pages = kind_pages(real_store)[kind]
    assert len(pages) >= 6, pages  # the real agenda has at least six of each kind
    bound, preloaded = PageRows(real_store), PageRows(real_store)
    preloaded.preload()
    rows = 0
    for name in QUERIES[kind]:
        for iri in pages:
            want = bound.of(name, iri)
            assert preloaded.of(name, iri) == want, (name, iri)
            rows += len(want)
    assert rows > len(pages)  # the comparison saw real rows, not only empty lists
