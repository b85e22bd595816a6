"""The change feed: an LDES `ldes:EventStream` of version members, paged with TREE.

Layout (relative to the feed's root, `/feed/` on the server, `feed/index.ttl` in a static
release): the root node lists one `tree:GreaterThanOrEqualToRelation` on
`prov:generatedAtTime` per edition, pointing to the edition's first page
`<region>/<year>/0`; an edition's pages chain with `tree:Relation`. An edition, once
published, never changes, so its pages are immutable (ETag + `Cache-Control: immutable`);
only the root changes when an edition is added. Page IRIs are relative (`<>`, `<1>`), so
the same bytes serve from any host. Pages are Turtle written as N-Triples-style lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, PREFIXES
from werkagenda.editions.members import (
    DELETE,
    GENERATED_AT,
    RDF_TYPE,
    VERSION_OF,
    XSD_DATETIME,
    EditionGraph,
    Member,
    editions,
    line,
    version_members,
)
from werkagenda.rdf.atomic import inside

PAGE_SIZE = 50
LDES = "https://w3id.org/ldes#"
TREE = "https://w3id.org/tree#"
_RELATIVE = re.compile(r"[A-Za-z0-9._~/-]*")  # page paths: no character an IRI must escape


class Relative(str):
    """A relative IRI reference to a feed page (`<>` is the page itself), as N-Triples-style
    Turtle; pyoxigraph's terms hold absolute IRIs only.

    >>> Relative("drenthe/2024/0.ttl"), Relative()
    ('<drenthe/2024/0.ttl>', '<>')
    >>> Relative("0> <x")
    Traceback (most recent call last):
    ValueError: not a feed page path: '0> <x'
    """

    def __new__(cls, path: str = "") -> Relative:
        if not _RELATIVE.fullmatch(path):
            raise ValueError(f"not a feed page path: {path!r}")
        return super().__new__(cls, f"<{path}>")


def _term(name: str, base: str = TREE) -> ox.NamedNode:
    return ox.NamedNode(base + name)


_NODE, _RELATION, _TO, _MEMBER = _term("Node"), _term("relation"), _term("node"), _term("member")
_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
_LABELS = (
    ("Wijzigingenstroom van de werkagenda's", "nl"),
    ("Change feed of the work agendas", "en"),
)
_HERE = Relative()


def _relation(i: int) -> ox.BlankNode:
    return ox.BlankNode(f"feed-relation-{i}")  # labels the store's dump never uses (hex labels)


@dataclass(frozen=True)
class Page:
    """One feed document: its path under the feed root, its Turtle bytes, immutability."""

    path: str  # "" for the root, else "<region>/<year>/<n>"
    body: bytes
    immutable: bool

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'


def stream_iri(base_iri: str) -> str:
    return base_iri + "id/feed"


def pages(store: ox.Store, base_iri: str = DEFAULT_BASE, suffix: str = "") -> Iterator[Page]:
    """Every page of the feed over the store's editions; the root last.

    `suffix` is appended to page file names (".ttl" in a static release).
    """
    stream = ox.NamedNode(stream_iri(base_iri))
    relations: list[tuple[Relative, str]] = []
    for _, group in groupby(editions(store), key=lambda e: e.region_iri):
        for edition, stamp, members in version_members(store, list(group)):
            relations.append((Relative(f"{edition.region}/{edition.edition}/0{suffix}"), stamp))
            yield from _edition_pages(stream, edition, members, suffix)
    yield Page("", _root(stream, relations), immutable=False)


def _edition_pages(
    stream: ox.NamedNode, edition: EditionGraph, members: list[Member], suffix: str
) -> Iterator[Page]:
    chunks = [members[i : i + PAGE_SIZE] for i in range(0, len(members), PAGE_SIZE)] or [[]]
    for i, chunk in enumerate(chunks):
        lines = [line(_HERE, RDF_TYPE, _NODE)]
        if i + 1 < len(chunks):
            rel = _relation(i + 1)
            lines += [
                line(_HERE, _RELATION, rel),
                line(rel, RDF_TYPE, _term("Relation")),
                line(rel, _TO, Relative(f"{i + 1}{suffix}")),
            ]
        for member in chunk:
            lines.append(line(stream, _MEMBER, ox.NamedNode(member.iri)))
            lines += member.lines
        body = ("\n".join(lines) + "\n").encode("utf-8")
        yield Page(f"{edition.region}/{edition.edition}/{i}", body, immutable=True)


def _root(stream: ox.NamedNode, relations: list[tuple[Relative, str]]) -> bytes:
    lines = [
        line(stream, RDF_TYPE, _term("EventStream", LDES)),
        line(stream, _term("timestampPath", LDES), GENERATED_AT),
        line(stream, _term("versionOfPath", LDES), VERSION_OF),
        line(stream, _term("versionDeletePath", LDES), RDF_TYPE),
        line(stream, _term("versionDeleteObject", LDES), DELETE),
        line(stream, _term("view"), _HERE),
        *(line(stream, _LABEL, ox.Literal(text, language=lang)) for text, lang in _LABELS),
        line(_HERE, RDF_TYPE, _NODE),
    ]
    for i, (target, stamp) in enumerate(relations):
        rel = _relation(i)
        lines += [
            line(_HERE, _RELATION, rel),
            line(rel, RDF_TYPE, _term("GreaterThanOrEqualToRelation")),
            line(rel, _TO, target),
            line(rel, _term("path"), GENERATED_AT),
            line(rel, _term("value"), ox.Literal(stamp, datatype=XSD_DATETIME)),
        ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_feed(store: ox.Store, out: Path, base_iri: str = DEFAULT_BASE) -> int:
    """Write the feed into `out/feed/` (the root is `feed/index.ttl`); return the page count."""
    count = 0
    for page in pages(store, base_iri, suffix=".ttl"):
        path = inside(out / "feed", page.path + ".ttl" if page.path else "index.ttl")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(page.body)
        count += 1
    return count
