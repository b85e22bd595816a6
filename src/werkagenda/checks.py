"""The data checks: every `queries/checks/*-violation.rq` must return zero rows.

Each check query selects `?focus` (the resource at fault), optionally `?value`, and
`?message` / `?message_en` (one sentence, Dutch first). It runs with one agenda graph, the
vocabulary graph and the agenda's check data (`<agenda folder>/checks/*.ttl`: facts about the
source text such as section line ranges, not part of the agenda graph) as the default graph.
`build` fails (exit 1) when any check returns a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import ONTOLOGY_IRI, Agenda
from werkagenda.errors import NonConformantError
from werkagenda.load import parse_turtle
from werkagenda.query.files import query_files, read_query

CHECK_DATA_DIRNAME = "checks"

__all__ = [
    "CheckViolationError",
    "Finding",
    "agenda_checks",
    "check_data_quads",
    "check_queries",
    "raise_on_findings",
    "run_checks",
]


@dataclass(frozen=True)
class Finding:
    """One row of a violation query: which check, which resource, and why."""

    check: str  # the query's stem, e.g. "provenance-section-violation"
    focus: str  # IRI (or blank-node id) of the resource at fault
    value: str  # the offending value (IRI or text), "" when the check gives none
    message: str  # Dutch sentence
    message_en: str = ""

    def sentence(self, short: Callable[[str], str] = lambda iri: f"<{iri}>") -> str:
        """'check: focus — message (value)', names shortened by `short`.

        >>> Finding("x-violation", "http://e/a", "", "zin", "sentence").sentence()
        'x-violation: <http://e/a> — zin / sentence'
        """
        text = _shorten(self.message, short)
        if self.message_en:
            text += " / " + _shorten(self.message_en, short)
        return f"{self.check}: {short(self.focus)} — {text}"


class CheckViolationError(NonConformantError):
    """At least one check query returned rows (exit 1)."""

    def __init__(self, findings: list[Finding], message: str) -> None:
        self.findings = findings
        super().__init__(message)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return CheckViolationError, (self.findings, str(self))


def check_queries(folder: Path | None = None) -> list[Path]:
    """The violation queries, in name order.

    >>> [p.name for p in check_queries()][:1]
    ['disjoint-classes-violation.rq']
    """
    if folder is not None:
        return sorted(folder.glob("*-violation.rq"))
    return query_files("checks", "*-violation.rq")


def check_graph(agenda_iri: str) -> ox.NamedNode:
    """The named graph that holds an agenda's check data while the checks run."""
    return ox.NamedNode(agenda_iri + "/checks")


def check_data_quads(agenda: Agenda) -> list[ox.Quad]:
    """The agenda's check data (`<folder>/checks/*.ttl`) in its check graph."""
    graph = check_graph(agenda.iri)
    quads: list[ox.Quad] = []
    for path in sorted((agenda.folder / CHECK_DATA_DIRNAME).glob("*.ttl")):
        quads.extend(parse_turtle(path, graph))
    return quads


def agenda_checks(store: ox.Store, agenda: Agenda) -> tuple[Finding, ...]:
    """Load the agenda's check data into `store`, run every check, remove the data again.

    `store` holds the vocabulary and the agenda graph (the build's scratch store).
    """
    graph = check_graph(agenda.iri)
    store.bulk_extend(check_data_quads(agenda))
    try:
        return tuple(run_checks(store, agenda.iri))
    finally:
        if store.contains_named_graph(graph):
            store.remove_graph(graph)


def run_checks(
    store: ox.Store,
    agenda_iri: str,
    *,
    queries: Iterable[Path] | None = None,
    check_data: bool = True,
) -> list[Finding]:
    """Run every check query on one agenda graph of `store`; the rows they return.

    The store holds the agenda graph, the vocabulary graph and (when `check_data`) the
    check graph loaded from `check_data_quads`.
    """
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        ox.NamedNode(agenda_iri),
        ox.NamedNode(ONTOLOGY_IRI),
    ]
    if check_data:
        graphs.append(check_graph(agenda_iri))
    # A store holding just these graphs (the build's scratch store) is asked with the union
    # default graph: the same triples, and pyoxigraph evaluates it faster than a graph list.
    union = _only(store, graphs)
    findings: list[Finding] = []
    for path in queries if queries is not None else check_queries():
        text = read_query(path)
        if union:
            rows = store.query(text, use_default_graph_as_union=True)
        else:
            rows = store.query(text, default_graph=graphs)
        assert isinstance(rows, ox.QuerySolutions), f"{path.name} is not a SELECT query"
        findings.extend(_finding(path.stem, row) for row in rows)
    return findings


def _only(store: ox.Store, graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]) -> bool:
    """Whether `store` has nothing outside `graphs` (no default-graph triple, no other graph)."""
    if next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        return False
    return all(g in graphs for g in store.named_graphs())


def _finding(check: str, row: ox.QuerySolution) -> Finding:
    def text(name: str) -> str:
        term = row[name]
        return "" if term is None else str(term.value)

    message = text("message") or "schendt de regel van deze controle"
    return Finding(check, text("focus"), text("value"), message, text("message_en"))


def raise_on_findings(
    findings: list[Finding], *, agenda: str = "", short: Callable[[str], str] | None = None
) -> None:
    """Raise CheckViolationError naming every finding (at most 50), or return."""
    if not findings:
        return
    name = short or (lambda iri: f"<{iri}>")
    lines = [f.sentence(name) for f in findings[:50]]
    more = f"\n  … en nog {len(findings) - 50}" if len(findings) > 50 else ""
    where = f" in {agenda}" if agenda else ""
    head = f"{len(findings)} controle(s) van queries/checks geschonden{where}"
    raise CheckViolationError(findings, head + ":\n  " + "\n  ".join(lines) + more)


def _shorten(text: str, short: Callable[[str], str]) -> str:
    """Replace every <IRI> in a message by its short name."""
    out, rest = [], text
    while "<" in rest and ">" in rest.split("<", 1)[1]:
        before, after = rest.split("<", 1)
        iri, rest = after.split(">", 1)
        out.append(before + (short(iri) if ":" in iri else f"<{iri}>"))
    return "".join(out) + rest
