"""Version members of the change feed: per edition, one member per changed resource.

Agenda resources carry their edition in their IRI (`…/id/drenthe/2024/inspanning/ZT-10`).
A resource *across* editions is named by the same IRI without the edition segment
(`…/id/drenthe/inspanning/ZT-10`): that is the versioned object (`dct:isVersionOf`) of
its members, and a member's description uses such edition-neutral IRIs throughout, so a
replica that keeps the latest version of every object (LDES version materialisation)
holds the latest edition's graph under edition-neutral IRIs. A member is emitted when a
resource's description (with its blank-node closure) differs from the previous edition's
(compared by the one canonical hash); a resource gone from an edition gets a tombstone
(`rdf:type as:Delete`).

Members are N-Triples lines: the edition's graph is dumped by the store, its edition IRIs
rewritten, and its lines grouped by subject (a line-level pass, no per-term objects).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.config import PREFIXES, VOCABULARY_GRAPH
from werkagenda.rdf.canonical import digest

AGENDA_GRAPH = re.compile(r"^(?P<region>.*/id/[^/]+)/(?P<edition>[0-9]+)$")
BNODE = re.compile(r"_:[A-Za-z0-9_\-.]+")
DCT = PREFIXES["dct"]
# the terms of a version member; the feed's root names the same ones as its paths
VERSION_OF = ox.NamedNode(DCT + "isVersionOf")
GENERATED_AT = ox.NamedNode(PREFIXES["prov"] + "generatedAtTime")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
DELETE = ox.NamedNode("https://www.w3.org/ns/activitystreams#Delete")
XSD_DATETIME = ox.NamedNode(PREFIXES["xsd"] + "dateTime")
Written = ox.NamedNode | ox.BlankNode | ox.Literal | str  # str: a term already written


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
    """One version member: its IRI, the versioned object, and its N-Triples lines."""

    iri: str
    work: str
    lines: list[str]
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


def neutral_ntriples(store: ox.Store, edition: EditionGraph) -> list[str]:
    """The edition's graph as N-Triples lines with edition-neutral IRIs."""
    body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(edition.iri))
    old, new = ox.NamedNode(edition.iri), ox.NamedNode(edition.region_iri)
    under = (
        str(ox.NamedNode(edition.iri + "/"))[:-1],
        str(ox.NamedNode(edition.region_iri + "/"))[:-1],
    )
    pairs = (under, (str(old), str(new)))  # `<…/2025/` (IRIs under it), `<…/2025>`
    return [_neutral(line, pairs) for line in (body or b"").decode("utf-8").split("\n") if line]


def _neutral(line: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """One N-Triples line with the edition's IRIs replaced outside its literal, whose text is
    data (a `<…>` in it is not an IRI): the literal starts at the line's first `"`."""
    head, quote, literal = line.partition('"')
    for old, new in pairs:
        head = head.replace(old, new)
    if not quote:
        return head
    text, close, datatype = literal.rpartition('"')
    for old, new in pairs:  # `^^<…>` after the literal: a datatype IRI
        datatype = datatype.replace(old, new)
    return head + quote + text + close + datatype


def _object_bnode(line: str) -> str | None:
    last = line[:-2].rsplit(" ", 1)[-1]  # a line ends with " ."
    return last if last.startswith("_:") and BNODE.fullmatch(last) else None


def descriptions(lines: Iterable[str]) -> dict[str, list[str]]:
    """Work IRI -> the lines of its description, blank-node closure included."""
    named: dict[str, list[str]] = defaultdict(list)
    blank: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        subject = line[: line.index(" ")]
        if subject.startswith("_:"):
            blank[subject].append(line)
        else:
            named[subject[1:-1]].append(line)
    if blank:
        for own in named.values():
            own.extend(_closure(own, blank))
    return dict(named)


def _closure(own: list[str], blank: dict[str, list[str]]) -> Iterator[str]:
    seen: set[str] = set()
    todo = [b for line in own if "_:" in line and (b := _object_bnode(line))]
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for line in blank.get(node, ()):
            yield line
            inner = _object_bnode(line)
            if inner:
                todo.append(inner)


def same(a: list[str], b: list[str]) -> bool:
    """Equal descriptions, whatever their blank-node labels."""
    if len(a) != len(b):
        return False
    if not any("_:" in line for line in a) and not any("_:" in line for line in b):
        return sorted(a) == sorted(b)
    return _digest(a) == _digest(b)


def _digest(lines: list[str]) -> str:
    data = "\n".join(lines).encode("utf-8")
    return digest(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))


def timestamp(store: ox.Store, edition: EditionGraph) -> str:
    """The edition's `dct:issued` as an xsd:dateTime (first of the month or year)."""
    graph = ox.NamedNode(edition.iri)
    issued = store.quads_for_pattern(graph, ox.NamedNode(DCT + "issued"), None, graph)
    for q in issued:
        value = q.object.value if isinstance(q.object, ox.Literal) else ""
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return f"{value}T00:00:00Z"
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            return f"{value}-01T00:00:00Z"
    return f"{edition.edition}-01-01T00:00:00Z"


def version_members(
    store: ox.Store, region: Iterable[EditionGraph]
) -> Iterator[tuple[EditionGraph, str, list[Member]]]:
    """For each edition of one region, oldest first: its timestamp and its members."""
    before: dict[str, list[str]] = {}
    for edition in region:
        stamp = timestamp(store, edition)
        now = descriptions(neutral_ntriples(store, edition))
        members = [
            _member(work, edition, stamp, now[work])
            for work in sorted(now)
            if work not in before or not same(before[work], now[work])
        ]
        gone = sorted(before.keys() - now.keys())
        members += [_tombstone(work, edition, stamp) for work in gone]
        yield edition, stamp, members
        before = now


def line(subject: Written, predicate: ox.NamedNode, obj: Written) -> str:
    r"""One N-Triples-style line: pyoxigraph writes each term (a `str` is taken as written:
    the feed's checked relative page IRIs, `editions.feed.Relative`).

    >>> print(line(ox.NamedNode("urn:x:a"), DELETE, ox.Literal('a "b"', language="en")))
    <urn:x:a> <https://www.w3.org/ns/activitystreams#Delete> "a \"b\""@en .
    """
    return " ".join(map(str, (subject, predicate, obj))) + " ."


def _head(iri: str, work: str, stamp: str) -> list[str]:
    node = ox.NamedNode(iri)
    return [
        line(node, VERSION_OF, ox.NamedNode(work)),
        line(node, GENERATED_AT, ox.Literal(stamp, datatype=XSD_DATETIME)),
    ]


def _member(work: str, edition: EditionGraph, stamp: str, lines: list[str]) -> Member:
    iri = f"{work}#{edition.edition}"
    subject, node = str(ox.NamedNode(work)) + " ", str(ox.NamedNode(iri)) + " "
    out = _head(iri, work, stamp)
    out += [node + line[len(subject) :] if line.startswith(subject) else line for line in lines]
    return Member(iri, work, out)


def _tombstone(work: str, edition: EditionGraph, stamp: str) -> Member:
    iri = f"{work}#{edition.edition}"
    out = [line(ox.NamedNode(iri), RDF_TYPE, DELETE), *_head(iri, work, stamp)]
    return Member(iri, work, out, deleted=True)
