"""Name the resources behind an inconsistency: members of two disjoint classes.

HermiT only says "inconsistent". Most of our inconsistencies are disjointness clashes
(a resource typed, or used via a property's domain or range, as two of the classes the
ontology declares disjoint), and those we find directly with the build's check query
`queries/checks/disjoint-classes-violation.rq` (issue 14: the rule lives in one place):
every resource's classes are its rdf:type values plus the rdfs:domain / rdfs:range of the
properties it occurs with, closed under rdfs:subClassOf — the RDFS part of what HermiT
concludes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
    from werkagenda.query.files import read_query

    store = ox.Store()
    store.bulk_extend(quads)
    rows = store.query(
        read_query("checks/disjoint-classes-violation"), use_default_graph_as_union=True
    )
    assert isinstance(rows, ox.QuerySolutions)
    clashes = {
        Clash(
            str(r["focus"].value),
            str(r["value"].value),
            _via(str(r["how1"].value)),
            str(r["other"].value),
            _via(str(r["how2"].value)),
        )
        for r in rows
    }
    return sorted(clashes, key=lambda c: (c.resource, c.class1, c.class2))


def _via(how: str) -> str:
    """The query's "type" / "domain <p>" / "range <p>" as Clash.via ("rdf:type" is TYPE)."""
    return TYPE if how == "type" else how
