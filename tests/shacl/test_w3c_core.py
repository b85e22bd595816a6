"""The W3C SHACL Core test suite (tests/shacl/w3c/core) on both engines.

Each case's expected sh:ValidationReport is compared with the engine's report: sh:conforms and
the multiset of results by focus node, path, value, constraint component, severity and source
shape (blank nodes, and our named blank property shapes, compared by position only; paths by
structure). Known gaps are listed in XFAIL with their reason; strict, so a fix shows up.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from werkagenda.errors import WerkagendaError
from werkagenda.validate import ENGINES, load_shapes, validator
from werkagenda.validate.results import SKOLEM, _path, _Shortener

SUITE = Path(__file__).parent / "w3c" / "core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# (engine, case) -> why it fails today. Every other case must pass on that engine.
XFAIL: dict[tuple[str, str], str] = {
    ("pyshacl", "property/uniqueLang-002"): (
        'pySHACL 0.40 treats sh:uniqueLang "1"^^xsd:boolean as true; SHACL activates the '
        "constraint only for true, so the data conforms"
    ),
}


def _manifests(path: Path) -> list[Path]:
    """`path` and every manifest it includes (mf:include), depth first."""
    graph = Graph().parse(path, publicID=path.as_uri())
    found = [path]
    for include in sorted(graph.objects(None, MF.include), key=str):
        found += _manifests(Path(str(include).removeprefix("file://")))
    return found


def _cases() -> list[tuple[str, Path, Path, Path]]:
    """(name, manifest file, data file, shapes file) for every sht:Validate entry."""
    out = []
    for manifest in _manifests(SUITE / "manifest.ttl"):
        graph = Graph().parse(manifest, publicID=manifest.as_uri())
        for head in graph.objects(None, MF.entries):
            for entry in Collection(graph, head):
                action = graph.value(entry, MF.action)
                if action is None:
                    continue
                data = Path(str(graph.value(action, SHT.dataGraph)).removeprefix("file://"))
                shapes = Path(str(graph.value(action, SHT.shapesGraph)).removeprefix("file://"))
                name = f"{manifest.parent.name}/{str(entry).rsplit('/', 1)[-1]}"
                out.append((name, manifest, data, shapes))
    return sorted(out)


CASES = _cases()


def test_the_whole_core_suite_is_collected() -> None:
    assert len(CASES) == 98


def _expected(manifest: Path, name: str) -> tuple[bool | None, Counter[tuple[str, ...]]]:
    graph = Graph().parse(manifest, publicID=manifest.as_uri())
    entry = next(e for e in graph.subjects(RDF.type, SHT.Validate) if str(e).endswith(name))
    result = graph.value(entry, MF.result)
    if result == SHT.Failure:
        return None, Counter()
    conforms = graph.value(result, SH.conforms)
    assert isinstance(conforms, Literal)
    return bool(conforms.toPython()), _signature(graph, result)


def _signature(graph: Graph, report: Node) -> Counter[tuple[str, ...]]:
    short = _Shortener({})
    return Counter(
        (
            _term(graph.value(r, SH.focusNode)),
            _shape_path(graph, graph.value(r, SH.resultPath), short),
            _term(graph.value(r, SH.value)),
            _term(graph.value(r, SH.sourceConstraintComponent)),
            _term(graph.value(r, SH.resultSeverity)),
            _term(graph.value(r, SH.sourceShape)),
        )
        for r in graph.objects(report, SH.result)
    )


def _shape_path(graph: Graph, path: Node | None, short: _Shortener) -> str:
    return "-" if path is None else _path(graph, path, short)


def _term(node: Node | None) -> str:
    if node is None:
        return "-"
    if isinstance(node, BNode) or (isinstance(node, URIRef) and str(node).startswith(SKOLEM)):
        return "_:"
    return node.n3()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "manifest", "data", "shapes"), CASES, ids=[c[0] for c in CASES])
def test_w3c_case(
    request: pytest.FixtureRequest, engine: str, name: str, manifest: Path, data: Path, shapes: Path
) -> None:
    reason = XFAIL.get((engine, name))
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))
    conforms, expected = _expected(manifest, name.rsplit("/", 1)[-1])
    triples = ox.parse(path=str(data), format=ox.RdfFormat.TURTLE, base_iri=data.as_uri())
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    if conforms is None:  # sht:Failure: the engine must refuse, never answer
        with pytest.raises(WerkagendaError):
            validator(load_shapes(shapes), engine).validate(quads)
        return
    report = validator(load_shapes(shapes), engine).validate(quads)
    assert report.graph is not None
    (node,) = report.graph.subjects(RDF.type, SH.ValidationReport)
    got = _signature(report.graph, node)
    assert report.graph.value(node, SH.conforms).toPython() is conforms  # type: ignore[union-attr]
    assert got == expected, f"missing: {expected - got}\nextra: {got - expected}"
