"""Parse the curated sources into quads: ontology, concept schemes, agendas, source lines."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from werkagenda.config import (
    DEFAULT_BASE,
    ONTOLOGY_DIR,
    ONTOLOGY_FILES,
    ROOT,
    VOCABULARY_GRAPH,
    WA,
    Agenda,
    checkout,
    discover_agendas,
)
from werkagenda.errors import InputError, ParseError
from werkagenda.rdf.terms import value

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#positiveInteger")

# Bounds checked as each file is read, before SHACL, rules and HermiT see it: a deep chain of
# blank nodes makes canonicalisation and reasoning explode (500 deep took 13 s, 10,000 deep
# 12 GB). The real data: largest file 126 KB, longest literal a few KB, blank-node depth 13.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_LITERAL_CHARS = 1024 * 1024
MAX_BLANK_DEPTH = 64


def parse_turtle(path: Path, graph: ox.NamedNode | ox.DefaultGraph) -> list[ox.Quad]:
    """Parse one Turtle file into quads of `graph`; a syntax error names file, line and column.

    Blank-node labels are renamed per file (`_:b0` in two files must stay two nodes), to
    labels derived from the graph, the file's name and bytes and the order of appearance: the
    same files give the same store, pages, dumps and ETags on every build, where the parser's
    random labels gave new ones each time.
    """
    try:
        check_size(path)
        data = path.read_bytes()
        triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True))
        check_shape(path, triples)
        triples = stable_blank_nodes(triples, _file_tag(graph, path, data))
        return [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    except SyntaxError as e:
        raise ParseError(_display(path), e.lineno, e.offset, e.msg) from None
    except OSError as e:
        raise InputError(f"{_display(path)}: cannot read: {e.strerror}") from None


def _file_tag(graph: ox.NamedNode | ox.DefaultGraph, path: Path, data: bytes) -> str:
    return hashlib.sha256(f"{graph}\0{path.name}\0".encode() + data).hexdigest()[:16]


def stable_blank_nodes(triples: list[ox.Triple], tag: str) -> list[ox.Triple]:
    """`triples` with each blank node relabelled `b<tag>n<k>`, k its order of appearance.

    >>> a, b = ox.BlankNode(), ox.BlankNode()
    >>> p = ox.NamedNode("http://example.org/p")
    >>> [str(t) for t in stable_blank_nodes([ox.Triple(a, p, b), ox.Triple(b, p, a)], "f")]
    ['_:bfn0 <http://example.org/p> _:bfn1', '_:bfn1 <http://example.org/p> _:bfn0']
    """
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def term(t: Any) -> Any:
        if not isinstance(t, ox.BlankNode):
            return t
        if t not in labels:
            labels[t] = ox.BlankNode(f"b{tag}n{len(labels)}")
        return labels[t]

    return [
        ox.Triple(term(t.subject), t.predicate, term(t.object))
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
        else t
        for t in triples
    ]


def check_size(path: Path) -> None:
    """Refuse a file larger than MAX_FILE_BYTES (InputError naming the file); also applied
    to `--shapes` files (`validate.shapes.load_shapes`)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{_display(path)}: {size / 2**20:.0f} MiB is more than the {MAX_FILE_BYTES // 2**20} "
            "MiB an input file may hold; split it or move bulk text to sources/"
        )


def check_shape(path: Path, triples: list[ox.Triple]) -> None:
    """Refuse literals longer than MAX_LITERAL_CHARS and blank-node chains deeper than
    MAX_BLANK_DEPTH (InputError naming the file)."""
    children: dict[ox.BlankNode, list[ox.BlankNode]] = {}
    for t in triples:
        o = t.object
        if isinstance(o, ox.Literal) and len(o.value) > MAX_LITERAL_CHARS:
            raise InputError(
                f"{_display(path)}: a literal of {len(o.value):,} characters (at most "
                f"{MAX_LITERAL_CHARS:,}); keep long texts in sources/"
            )
        if isinstance(t.subject, ox.BlankNode) and isinstance(o, ox.BlankNode):
            children.setdefault(t.subject, []).append(o)
    if blank_depth(children) > MAX_BLANK_DEPTH:
        raise InputError(
            f"{_display(path)}: blank nodes nested more than {MAX_BLANK_DEPTH} deep; "
            "give the inner resources IRIs"
        )


def blank_depth(children: dict[ox.BlankNode, list[ox.BlankNode]]) -> int:
    """Longest chain of blank nodes (edges subject -> object), without recursion; a cycle
    counts once around.

    >>> a, b, c = ox.BlankNode(), ox.BlankNode(), ox.BlankNode()
    >>> blank_depth({a: [b], b: [c], c: [a]})
    3
    """
    depth: dict[ox.BlankNode, int] = {}
    for root in children:
        stack: list[tuple[ox.BlankNode, int]] = [(root, 0)]
        on_path: set[ox.BlankNode] = set()
        while stack:
            node, i = stack.pop()
            kids = children.get(node, [])
            if i == 0:
                if node in depth:
                    continue
                on_path.add(node)
            j = next((j for j in range(i, len(kids)) if _unseen(kids[j], depth, on_path)), None)
            if j is not None:
                stack.append((node, j + 1))
                stack.append((kids[j], 0))
                continue
            depth[node] = 1 + max((depth.get(k, 0) for k in kids), default=0)
            on_path.discard(node)
    return max(depth.values(), default=0)


def _unseen(node: ox.BlankNode, depth: dict, on_path: set) -> bool:
    return node not in depth and node not in on_path


def vocabulary_quads(ontology_dir: Path | None = None) -> list[ox.Quad]:
    """The ontology and the shared concept schemes, in the vocabulary graph."""
    folder = ontology_dir or checkout(ONTOLOGY_DIR)
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    quads: list[ox.Quad] = []
    for name in ONTOLOGY_FILES:
        quads += parse_turtle(folder / name, graph)
    return quads


def agenda_quads(agenda: Agenda) -> list[ox.Quad]:
    """All curated Turtle of one agenda plus its source lines, in the agenda's named graph."""
    graph = ox.NamedNode(agenda.iri)
    quads: list[ox.Quad] = []
    for path in agenda.turtle_files:
        quads += parse_turtle(path, graph)
    quads += list(source_line_quads(quads, graph, agenda.folder))
    return quads


def source_line_quads(
    curated: Iterable[ox.Quad], graph: ox.NamedNode, folder: Path | None = None
) -> Iterator[ox.Quad]:
    """Every line of every declared source document as a `wa:Bronregel` resource.

    Documents are declared in the data (`wa:BronDocument` with `wa:bestandspad`, a path
    relative to the agenda folder, e.g. `sources/werkagenda.txt`); the line IRIs are
    `<document IRI>/L<n>`, so a provenance pointer resolves iff the line exists. A document
    must lie inside the folder (an agenda cites the texts it ships), so the agenda folder's
    bytes are all its input (the HermiT cache relies on that) and a copied or generated
    agenda folder builds wherever it is.
    """
    path_pred = ox.NamedNode(WA + "bestandspad")
    for q in curated:
        if q.predicate != path_pred:
            continue
        doc = q.subject
        path = (folder or ROOT) / value(q.object)
        if folder is not None and not path.resolve().is_relative_to(folder.resolve()):
            raise InputError(
                f"{value(q.object)}: source document lies outside its agenda folder "
                f"{_display(folder)}; keep the texts an agenda cites in "
                f"{_display(folder)}/sources/ and give wa:bestandspad relative to the agenda "
                "folder (sources/…)"
            )
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except OSError as e:
            raise InputError(
                f"{value(q.object)}: source document cannot be read: {e.strerror}"
            ) from None
        if lines and lines[-1] == "":
            lines.pop()
        for number, text in enumerate(lines, start=1):
            line = ox.NamedNode(f"{value(doc)}/L{number}")
            yield ox.Quad(line, RDF_TYPE, ox.NamedNode(WA + "Bronregel"), graph)
            yield ox.Quad(line, ox.NamedNode(WA + "bronDocument"), doc, graph)
            yield ox.Quad(
                line,
                ox.NamedNode(WA + "regelnummer"),
                ox.Literal(str(number), datatype=XSD_INT),
                graph,
            )
            yield ox.Quad(line, ox.NamedNode(WA + "regeltekst"), ox.Literal(text), graph)


def all_quads(agendas: list[Agenda] | None = None) -> list[ox.Quad]:
    """Vocabulary plus every agenda (or the given ones)."""
    quads = vocabulary_quads()
    for agenda in agendas if agendas is not None else discover_agendas():
        quads += agenda_quads(agenda)
    return quads


SHARED_ID_SPACES = ("id/concept/", "id/tijd/", "id/plaats/", "id/doelgroep/")


def rebase(quads: Iterable[ox.Quad], base: str) -> Iterator[ox.Quad]:
    """Move agenda resources (`<default base>id/...`) onto another base IRI.

    The ontology namespace and the shared vocabularies keep their IRIs, so named queries,
    which name only those, run unchanged on a rebased store.
    """
    if base == DEFAULT_BASE:
        yield from quads
        return
    old_id = DEFAULT_BASE + "id/"
    keep = tuple(DEFAULT_BASE + s for s in SHARED_ID_SPACES)

    def move(term):  # type: ignore[no-untyped-def]
        v = getattr(term, "value", None)
        if isinstance(term, ox.NamedNode) and v.startswith(old_id) and not v.startswith(keep):
            return ox.NamedNode(base + v[len(DEFAULT_BASE) :])
        return term

    for q in quads:
        yield ox.Quad(move(q.subject), move(q.predicate), move(q.object), move(q.graph_name))


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
