"""Materialise the defined classes with SPARQL CONSTRUCT rules that mirror their OWL definitions.

The rules are the files `queries/rules/construct-*.rq`; each runs with the agenda graph
and the vocabulary graph as its default graph (skos:broader of the funding sources lives
in the vocabulary), and its triples are added to the agenda graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import VOCABULARY_GRAPH, WA
from werkagenda.errors import InputError
from werkagenda.query.execute import construct
from werkagenda.query.files import query_file, query_files, read_query
from werkagenda.rdf.terms import value

RULES, RULE_GLOB = "rules", "construct-*.rq"  # queries/rules/construct-*.rq
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

# The four defined classes (owl:equivalentClass of a class expression), in ontology order.
DEFINED_CLASSES = tuple(
    WA + name
    for name in (
        "IZAAfhankelijkeInspanning",
        "WachtOpTransformatieplan",
        "InspanningZonderVastgesteldeFinanciering",
        "VoorwaardelijkeStart",
    )
)

Memberships = dict[str, frozenset[str]]


@dataclass(frozen=True)
class Materialised:
    """What the CONSTRUCT rules added: the triple count and members per defined class."""

    added: int
    memberships: Memberships


def construct_queries(folder: Path | None = None) -> list[Path]:
    """The CONSTRUCT rule files, sorted by name."""
    found = sorted(folder.glob(RULE_GLOB)) if folder else query_files(RULES, RULE_GLOB)
    if not found:
        raise InputError(f"{folder or query_file(RULES)}: no {RULE_GLOB} rules found")
    return found


def materialise(
    store: ox.Store,
    agenda_graph: str,
    *,
    queries: list[Path] | None = None,
    vocabulary_graph: str = VOCABULARY_GRAPH,
) -> Materialised:
    """Run every CONSTRUCT rule on agenda + vocabulary and add the result to the agenda graph.

    >>> store = ox.Store()
    >>> g = "https://w3id.org/iza-werkagenda/id/x/2024"
    >>> ins = ox.NamedNode(g + "/inspanning/X-1")
    >>> rv = ox.NamedNode(g + "/randvoorwaarde/X-1-1")
    >>> kind = ox.NamedNode("https://w3id.org/iza-werkagenda/id/concept/randvoorwaardesoort/"
    ...                     "start-na-goedkeuring")
    >>> store.extend([ox.Quad(ins, RDF_TYPE, ox.NamedNode(WA + "Inspanning"), ox.NamedNode(g)),
    ...     ox.Quad(ins, ox.NamedNode(WA + "randvoorwaarde"), rv, ox.NamedNode(g)),
    ...     ox.Quad(rv, ox.NamedNode(WA + "randvoorwaardeSoort"), kind, ox.NamedNode(g))])
    >>> sorted(materialise(store, g).memberships[WA + "VoorwaardelijkeStart"])
    ['https://w3id.org/iza-werkagenda/id/x/2024/inspanning/X-1']
    """
    graph = ox.NamedNode(agenda_graph)
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
        graph,
        ox.NamedNode(vocabulary_graph),
    ]
    new: set[ox.Quad] = set()
    for path in queries if queries is not None else construct_queries():
        text = read_query(path)
        try:
            triples = construct(store, text, default_graph=default)
        except SyntaxError as e:
            raise InputError(f"{path}: {e}") from None
        new.update(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    added = [q for q in new if q not in store]
    store.extend(added)
    return Materialised(len(added), memberships_in(store, agenda_graph))


def memberships_in(store: ox.Store, agenda_graph: str) -> Memberships:
    """The members of each defined class as recorded in the agenda graph."""
    graph = ox.NamedNode(agenda_graph)
    found: Memberships = {}
    for cls in DEFINED_CLASSES:
        members = store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(cls), graph)
        found[cls] = frozenset(value(q.subject) for q in members)
    return found
