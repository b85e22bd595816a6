"""Name the resources behind an inconsistency: members of two disjoint classes.

HermiT only says "inconsistent". Most of our inconsistencies are disjointness clashes
(a resource typed, or used via a property's domain or range, as two of the classes the
ontology declares disjoint), and those we find directly: every resource's classes are its
rdf:type values plus the rdfs:domain / rdfs:range (object properties) of the properties
it occurs with, closed under rdfs:subClassOf — the RDFS part of what HermiT concludes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
TYPE = RDF + "type"


@dataclass(frozen=True)
class Clash:
    """One resource in two disjoint classes, with how it got each class."""

    resource: str
    class1: str
    via1: str  # "rdf:type", or the property whose domain or range gives the class
    class2: str
    via2: str

    def sentence(self, short: Callable[[str], str] = lambda iri: f"<{iri}>") -> str:
        """'insp:X is both wa:Inspanning (typed) and wa:Organisatie (range of wa:financier) …'."""

        def how(via: str) -> str:
            if via == TYPE:
                return "asserted type"
            kind, _, prop = via.partition(" ")
            return f"{kind} of {short(prop)}"

        return (
            f"{short(self.resource)} is both {short(self.class1)} ({how(self.via1)}) and "
            f"{short(self.class2)} ({how(self.via2)}), classes the ontology declares disjoint"
        )


def disjoint_clashes(quads: Iterable[ox.Quad]) -> list[Clash]:
    """Every resource that falls in two disjoint classes (graph names are ignored).

    >>> wa = "https://w3id.org/iza-werkagenda/def#"
    >>> t = lambda s, p, o: ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))
    >>> clashes = disjoint_clashes([t(wa + "A", OWL + "disjointWith", wa + "B"),
    ...     t("http://e/x", TYPE, wa + "A"), t("http://e/x", TYPE, wa + "B")])
    >>> [c.resource for c in clashes]
    ['http://e/x']
    """
    triples = [(q.subject, q.predicate.value, q.object) for q in quads]
    supers = _closure(_pairs(triples, RDFS + "subClassOf"))
    subprops = _closure(_pairs(triples, RDFS + "subPropertyOf"))
    domains = _inherit(_pairs(triples, RDFS + "domain"), subprops)
    ranges = _inherit(_pairs(triples, RDFS + "range"), subprops)
    disjoint = _disjoint_pairs(triples)
    if not disjoint:
        return []
    typed = _classes_of(triples, supers, domains, ranges)
    return [
        Clash(resource, c1, classes[c1], c2, classes[c2])
        for resource, classes in sorted(typed.items())
        for c1, c2 in sorted(disjoint)
        if c1 in classes and c2 in classes
    ]


def _classes_of(
    triples: list[tuple[Any, str, Any]],
    supers: dict[str, set[str]],
    domains: dict[str, set[str]],
    ranges: dict[str, set[str]],
) -> dict[str, dict[str, str]]:
    """resource -> class -> how it got there (rdf:type, a domain or a range), superclasses too."""
    typed: dict[str, dict[str, str]] = defaultdict(dict)

    def add(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, cls: str, how: str) -> None:
        if isinstance(node, ox.Literal | ox.Triple):
            return
        for c in (cls, *supers.get(cls, ())):
            typed[str(node.value)].setdefault(c, how)

    for s, p, o in triples:
        if p == TYPE and isinstance(o, ox.NamedNode):
            add(s, o.value, TYPE)
        for cls in domains.get(p, ()):
            add(s, cls, f"domain {p}")
        for cls in ranges.get(p, ()):  # literals are skipped: a datatype range is no class
            add(o, cls, f"range {p}")
    return typed


def _pairs(triples: list[tuple], predicate: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == predicate and isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
            found[s.value].add(o.value)
    return found


def _closure(direct: dict[str, set[str]]) -> dict[str, set[str]]:
    """Transitive (not reflexive) closure of a relation given as node -> direct successors."""
    result: dict[str, set[str]] = {}
    for start in direct:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(direct.get(node, ()))
        result[start] = seen
    return result


def _inherit(declared: dict[str, set[str]], subprops: dict[str, set[str]]) -> dict[str, set[str]]:
    """Domains/ranges of each property including those declared on its super-properties."""
    result: dict[str, set[str]] = defaultdict(set)
    for prop, classes in declared.items():
        result[prop] |= classes
    for prop, parents in subprops.items():
        for parent in parents:
            result[prop] |= declared.get(parent, set())
    return result


def _disjoint_pairs(triples: list[tuple]) -> set[tuple[str, str]]:
    first = {s: o for s, p, o in triples if p == RDF + "first"}
    rest = {s: o for s, p, o in triples if p == RDF + "rest"}
    axioms = {s for s, p, o in triples if p == TYPE and o.value == OWL + "AllDisjointClasses"}
    pairs: set[tuple[str, str]] = set()
    for s, p, o in triples:
        if p == OWL + "disjointWith":
            a, b = sorted((s.value, o.value))
            pairs.add((a, b))
        elif p == OWL + "members" and s in axioms:
            members, node = [], o
            while node in first:
                members.append(first[node].value)
                node = rest[node]
            pairs |= {(a, b) for a in members for b in members if a < b}
    return pairs
