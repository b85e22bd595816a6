"""The change feed: an LDES `ldes:EventStream` of version members, paged with TREE.

Layout (relative to the feed's root, `/feed/` on the server, `feed/index.ttl` in a static
release): the root node lists one `tree:GreaterThanOrEqualToRelation` on
`prov:generatedAtTime` per edition, pointing to the edition's first page
`<region>/<year>/0`; an edition's pages chain with `tree:Relation`. An edition, once
published, never changes, so its pages are immutable (ETag + `Cache-Control: immutable`);
only the root changes when an edition is added. Page IRIs are written relative to the page
so the same bytes serve from any host.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE
from werkagenda.editions.members import (
    GENERATED_AT,
    EditionGraph,
    Member,
    editions,
    version_members,
)

PAGE_SIZE = 500
LDES = "https://w3id.org/ldes#"
TREE = "https://w3id.org/tree#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PLACEHOLDER = "x-werkagenda-feed://feed/"  # replaced by relative IRIs on serialisation
PREFIXES = {
    "ldes": LDES,
    "tree": TREE,
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "as": "https://www.w3.org/ns/activitystreams#",
    "wa": DEFAULT_BASE + "def#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class Page:
    """One feed document: its path under the feed root, its Turtle bytes, immutability."""

    path: str  # "" for the root, else "<region>/<year>/<n>"
    body: bytes
    immutable: bool

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def stream_iri(base_iri: str) -> str:
    return base_iri + "id/feed"


def pages(store: ox.Store, base_iri: str = DEFAULT_BASE, suffix: str = "") -> Iterator[Page]:
    """Every page of the feed over the store's editions; the root last.

    `suffix` is appended to page file names (".ttl" in a static release, where the root
    is `index.ttl`).
    """
    stream = n(stream_iri(base_iri))
    root = PLACEHOLDER + ("index" + suffix if suffix else "")
    relations: list[tuple[str, str]] = []
    for _, group in groupby(editions(store), key=lambda e: e.region_iri):
        for edition, stamp, members in version_members(store, list(group)):
            first = f"{edition.region}/{edition.edition}/0"
            relations.append((first + suffix, stamp))
            yield from _edition_pages(stream, edition, members, suffix)
    yield Page("", _serialize(_root(stream, root, relations, base_iri), root), immutable=False)


def _edition_pages(
    stream: ox.NamedNode, edition: EditionGraph, members: list[Member], suffix: str
) -> Iterator[Page]:
    chunks = [members[i : i + PAGE_SIZE] for i in range(0, len(members), PAGE_SIZE)] or [[]]
    for i, chunk in enumerate(chunks):
        path = f"{edition.region}/{edition.edition}/{i}"
        node = n(PLACEHOLDER + path + suffix)
        triples = [ox.Triple(node, n(RDF + "type"), n(TREE + "Node"))]
        if i + 1 < len(chunks):
            rel = ox.BlankNode()
            triples += [
                ox.Triple(node, n(TREE + "relation"), rel),
                ox.Triple(rel, n(RDF + "type"), n(TREE + "Relation")),
                ox.Triple(
                    rel,
                    n(TREE + "node"),
                    n(f"{PLACEHOLDER}{edition.region}/{edition.edition}/{i + 1}{suffix}"),
                ),
            ]
        for member in chunk:
            triples.append(ox.Triple(stream, n(TREE + "member"), n(member.iri)))
            triples += member.triples
        yield Page(path, _serialize(triples, node.value), immutable=True)


def _root(
    stream: ox.NamedNode, root: str, relations: list[tuple[str, str]], base_iri: str
) -> list[ox.Triple]:
    node = n(root)
    out = [
        ox.Triple(stream, n(RDF + "type"), n(LDES + "EventStream")),
        ox.Triple(stream, n(LDES + "timestampPath"), GENERATED_AT),
        ox.Triple(stream, n(LDES + "versionOfPath"), n(PREFIXES["dct"] + "isVersionOf")),
        ox.Triple(stream, n(LDES + "versionDeletePath"), n(RDF + "type")),
        ox.Triple(stream, n(LDES + "versionDeleteObject"), n(PREFIXES["as"] + "Delete")),
        ox.Triple(stream, n(TREE + "view"), node),
        ox.Triple(
            stream,
            n(PREFIXES["rdfs"] + "label"),
            ox.Literal("Wijzigingenstroom van de werkagenda's", language="nl"),
        ),
        ox.Triple(
            stream,
            n(PREFIXES["rdfs"] + "label"),
            ox.Literal("Change feed of the work agendas", language="en"),
        ),
        ox.Triple(node, n(RDF + "type"), n(TREE + "Node")),
    ]
    for target, stamp in relations:
        rel = ox.BlankNode()
        out += [
            ox.Triple(node, n(TREE + "relation"), rel),
            ox.Triple(rel, n(RDF + "type"), n(TREE + "GreaterThanOrEqualToRelation")),
            ox.Triple(rel, n(TREE + "node"), n(PLACEHOLDER + target)),
            ox.Triple(rel, n(TREE + "path"), GENERATED_AT),
            ox.Triple(
                rel, n(TREE + "value"), ox.Literal(stamp, datatype=n(PREFIXES["xsd"] + "dateTime"))
            ),
        ]
    return out


def _serialize(triples: list[ox.Triple], base: str) -> bytes:
    """Turtle with the page's own IRIs relative (the `@base` line dropped)."""
    body = (
        ox.serialize(triples, format=ox.RdfFormat.TURTLE, base_iri=base, prefixes=PREFIXES) or b""
    )
    lines = [line for line in body.split(b"\n") if not line.startswith(b"@base ")]
    return b"\n".join(lines)


def write_feed(store: ox.Store, out: Path, base_iri: str = DEFAULT_BASE) -> int:
    """Write the feed into `out/feed/` (the root is `feed/index.ttl`); return the page count."""
    count = 0
    for page in pages(store, base_iri, suffix=".ttl"):
        path = out / "feed" / (page.path + ".ttl" if page.path else "index.ttl")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.body)
        count += 1
    return count
