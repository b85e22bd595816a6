"""Version members of the change feed: per edition, one member per changed resource.

Agenda resources carry their edition in their IRI (`…/id/drenthe/2024/inspanning/ZT-10`).
A resource *across* editions is named by the same IRI without the edition segment
(`…/id/drenthe/inspanning/ZT-10`): that is the versioned object (`dct:isVersionOf`) of
its members, and a member's description uses such edition-neutral IRIs throughout, so a
replica that keeps the latest version of every object (LDES version materialisation)
holds the latest edition's graph under edition-neutral IRIs. A member is emitted when a
resource's description (with its blank-node closure) differs from the previous edition's;
a resource gone from an edition gets a tombstone (`rdf:type as:Delete`).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import VOCABULARY_GRAPH
from werkagenda.rdf.canonical import digest

AGENDA_GRAPH = re.compile(r"^(?P<region>.*/id/[^/]+)/(?P<edition>[0-9]+)$")
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
IS_VERSION_OF = ox.NamedNode(DCT + "isVersionOf")
GENERATED_AT = ox.NamedNode(PROV + "generatedAtTime")
AS_DELETE = ox.NamedNode("https://www.w3.org/ns/activitystreams#Delete")
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
Subject = ox.NamedNode | ox.BlankNode


@dataclass(frozen=True)
class EditionGraph:
    """One edition in the store: its graph IRI, the region IRI, the edition year."""

    iri: str
    region_iri: str
    edition: str

    @property
    def region(self) -> str:
        return self.region_iri.rsplit("/", 1)[-1]


@dataclass
class Member:
    iri: str
    work: str
    timestamp: str
    triples: list[ox.Triple] = field(default_factory=list)
    deleted: bool = False


def editions(store: ox.Store) -> list[EditionGraph]:
    """Every agenda graph `…/id/<region>/<year>` of the store, by region then year."""
    found = []
    for graph in store.named_graphs():
        if not isinstance(graph, ox.NamedNode) or graph.value == VOCABULARY_GRAPH:
            continue
        m = AGENDA_GRAPH.match(graph.value)
        if m:
            found.append(EditionGraph(graph.value, m["region"], m["edition"]))
    return sorted(found, key=lambda e: (e.region_iri, int(e.edition)))


def neutral_term(term: ox.NamedNode, edition: EditionGraph) -> ox.NamedNode:
    v = term.value
    if v == edition.iri or v.startswith(edition.iri + "/"):
        return ox.NamedNode(edition.region_iri + v[len(edition.iri) :])
    return term


def descriptions(store: ox.Store, edition: EditionGraph) -> dict[str, list[ox.Triple]]:
    """Work IRI -> the resource's edition-neutral triples, blank-node closure included."""
    named: dict[str, list[ox.Triple]] = defaultdict(list)
    blank: dict[ox.BlankNode, list[ox.Triple]] = defaultdict(list)
    cache: dict[ox.NamedNode, ox.NamedNode] = {}

    def n(term):  # type: ignore[no-untyped-def]
        if isinstance(term, ox.NamedNode):
            found = cache.get(term)
            if found is None:
                found = cache[term] = neutral_term(term, edition)
            return found
        return term

    for q in store.quads_for_pattern(None, None, None, ox.NamedNode(edition.iri)):
        t = ox.Triple(n(q.subject), q.predicate, n(q.object))
        if isinstance(t.subject, ox.BlankNode):
            blank[t.subject].append(t)
        elif isinstance(t.subject, ox.NamedNode):
            named[t.subject.value].append(t)
    for triples in named.values():
        triples.extend(_closure(triples, blank))
    return dict(named)


def _closure(
    triples: list[ox.Triple], blank: dict[ox.BlankNode, list[ox.Triple]]
) -> Iterator[ox.Triple]:
    seen: set[ox.BlankNode] = set()
    todo = [t.object for t in triples if isinstance(t.object, ox.BlankNode)]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in blank.get(node, ()):
            yield t
            if isinstance(t.object, ox.BlankNode):
                todo.append(t.object)


def fingerprint(triples: list[ox.Triple]) -> str:
    """Equal for equal descriptions, whatever their blank-node labels."""
    if any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    ):
        return digest(triples)
    lines = sorted(str(t) for t in triples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def timestamp(store: ox.Store, edition: EditionGraph) -> str:
    """The edition's `dct:issued` as an xsd:dateTime (first of the month or year)."""
    issued = store.quads_for_pattern(
        ox.NamedNode(edition.iri), ox.NamedNode(DCT + "issued"), None, ox.NamedNode(edition.iri)
    )
    for q in issued:
        if not isinstance(q.object, ox.Literal):
            continue
        value = q.object.value
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return f"{value}T00:00:00Z"
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            return f"{value}-01T00:00:00Z"
    return f"{edition.edition}-01-01T00:00:00Z"


def version_members(
    store: ox.Store, region: Iterable[EditionGraph]
) -> Iterator[tuple[EditionGraph, str, list[Member]]]:
    """For each edition of one region, oldest first: its timestamp and its members."""
    before: dict[str, str] = {}
    for edition in region:
        stamp = timestamp(store, edition)
        now = descriptions(store, edition)
        prints = {work: fingerprint(triples) for work, triples in now.items()}
        members = [
            _member(work, edition, stamp, now[work])
            for work in sorted(prints)
            if before.get(work) != prints[work]
        ]
        members += [
            _tombstone(work, edition, stamp) for work in sorted(before.keys() - prints.keys())
        ]
        yield edition, stamp, members
        before = prints


def _member(work: str, edition: EditionGraph, stamp: str, triples: list[ox.Triple]) -> Member:
    iri = f"{work}#{edition.edition}"
    node, subject = ox.NamedNode(iri), ox.NamedNode(work)
    out = [
        ox.Triple(node, IS_VERSION_OF, subject),
        ox.Triple(node, GENERATED_AT, ox.Literal(stamp, datatype=XSD_DATETIME)),
    ]
    for t in triples:
        out.append(ox.Triple(node, t.predicate, t.object) if t.subject == subject else t)
    return Member(iri, work, stamp, out)


def _tombstone(work: str, edition: EditionGraph, stamp: str) -> Member:
    iri = f"{work}#{edition.edition}"
    node = ox.NamedNode(iri)
    out = [
        ox.Triple(node, RDF_TYPE, AS_DELETE),
        ox.Triple(node, IS_VERSION_OF, ox.NamedNode(work)),
        ox.Triple(node, GENERATED_AT, ox.Literal(stamp, datatype=XSD_DATETIME)),
    ]
    return Member(iri, work, stamp, out, deleted=True)
