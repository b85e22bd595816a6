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
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE
from werkagenda.editions.members import (
    GENERATED_AT,
    RDF_TYPE,
    XSD_DATETIME,
    EditionGraph,
    Member,
    editions,
    version_members,
)
from werkagenda.rdf.atomic import inside

PAGE_SIZE = 50
LDES = "https://w3id.org/ldes#"
TREE = "https://w3id.org/tree#"
TREE_NODE = f"<{TREE}Node>"
RELATION = "_:feed-relation-"  # labels the store's dump never uses (it writes hex labels)


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
    stream = f"<{stream_iri(base_iri)}>"
    relations: list[tuple[str, str]] = []
    for _, group in groupby(editions(store), key=lambda e: e.region_iri):
        for edition, stamp, members in version_members(store, list(group)):
            relations.append((f"{edition.region}/{edition.edition}/0{suffix}", stamp))
            yield from _edition_pages(stream, edition, members, suffix)
    yield Page("", _root(stream, relations), immutable=False)


def _edition_pages(
    stream: str, edition: EditionGraph, members: list[Member], suffix: str
) -> Iterator[Page]:
    chunks = [members[i : i + PAGE_SIZE] for i in range(0, len(members), PAGE_SIZE)] or [[]]
    for i, chunk in enumerate(chunks):
        lines = [f"<> {RDF_TYPE} {TREE_NODE} ."]
        if i + 1 < len(chunks):
            rel = f"{RELATION}{i + 1}"
            lines += [
                f"<> <{TREE}relation> {rel} .",
                f"{rel} {RDF_TYPE} <{TREE}Relation> .",
                f"{rel} <{TREE}node> <{i + 1}{suffix}> .",
            ]
        for member in chunk:
            lines.append(f"{stream} <{TREE}member> <{member.iri}> .")
            lines += member.lines
        body = ("\n".join(lines) + "\n").encode("utf-8")
        yield Page(f"{edition.region}/{edition.edition}/{i}", body, immutable=True)


def _literal(text: str, lang: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@' + lang


def _root(stream: str, relations: list[tuple[str, str]]) -> bytes:
    lines = [
        f"{stream} {RDF_TYPE} <{LDES}EventStream> .",
        f"{stream} <{LDES}timestampPath> {GENERATED_AT} .",
        f"{stream} <{LDES}versionOfPath> <http://purl.org/dc/terms/isVersionOf> .",
        f"{stream} <{LDES}versionDeletePath> {RDF_TYPE} .",
        f"{stream} <{LDES}versionDeleteObject> <https://www.w3.org/ns/activitystreams#Delete> .",
        f"{stream} <{TREE}view> <> .",
        f"{stream} <http://www.w3.org/2000/01/rdf-schema#label> "
        + _literal("Wijzigingenstroom van de werkagenda's", "nl")
        + " .",
        f"{stream} <http://www.w3.org/2000/01/rdf-schema#label> "
        + _literal("Change feed of the work agendas", "en")
        + " .",
        f"<> {RDF_TYPE} {TREE_NODE} .",
    ]
    for i, (target, stamp) in enumerate(relations):
        rel = f"{RELATION}{i}"
        lines += [
            f"<> <{TREE}relation> {rel} .",
            f"{rel} {RDF_TYPE} <{TREE}GreaterThanOrEqualToRelation> .",
            f"{rel} <{TREE}node> <{target}> .",
            f"{rel} <{TREE}path> {GENERATED_AT} .",
            f'{rel} <{TREE}value> "{stamp}"^^{XSD_DATETIME} .',
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
