"""Source lines left out of pyrudof's data change nothing (werkagenda.validate.unseen).

pyrudof with the lines left out and pyrudof given every line report the same results on the
real agenda and on every broken variant; shapes or data that could see a line keep them all.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.shacl.test_engines_agree import BROKEN, broken, signature
from werkagenda.config import WA
from werkagenda.validate import Shapes, validator
from werkagenda.validate import rudof as rudof_module
from werkagenda.validate.unseen import line_rule, unseen_lines

PREFIXES = """PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX wa: <https://w3id.org/iza-werkagenda/def#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX ex: <http://example.org/>
"""
LINES = """ex:S a sh:NodeShape ; sh:targetClass wa:Bronregel ;
    sh:property [ sh:path wa:regelnummer ; sh:datatype xsd:positiveInteger ;
                  sh:minCount 1 ; sh:maxCount 1 ] ,
                [ sh:path wa:regeltekst ; sh:datatype xsd:string ] ,
                [ sh:path wa:bronDocument ; sh:class wa:BronDocument ; sh:maxCount 1 ] .
"""


def triples(turtle: str) -> list[ox.Triple]:
    return list(ox.parse(PREFIXES + turtle, format=ox.RdfFormat.TURTLE))


@pytest.fixture(scope="module")
def every_line(shapes: Shapes):  # type: ignore[no-untyped-def]
    """pyrudof as it was: every source line in its data."""
    fast = validator(shapes, "pyrudof")
    real = rudof_module.line_rule
    rudof_module.line_rule = lambda *_: None
    try:
        yield fast
    finally:
        rudof_module.line_rule = real


def test_our_shapes_let_uncited_lines_go(shapes, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    rule = line_rule(shapes.triples, vocabulary)
    assert rule is not None, "ontology/shapes.ttl now looks at source lines; see validate/unseen.py"
    kept = unseen_lines(real_quads, rule, vocabulary)
    lines = {q.subject for q in real_quads if q.object == ox.NamedNode(WA + "Bronregel")}
    cited = {q.object for q in real_quads if q.predicate == ox.NamedNode(WA + "bronregel")}
    left = {q.subject for q in kept} & lines
    assert cited <= left < lines, "every cited line stays, some uncited ones go"
    assert len(real_quads) - len(kept) == 4 * (len(lines) - len(left))


def test_real_data_same_report(shapes, every_line, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    fast = validator(shapes, "pyrudof")
    quads = vocabulary + real_quads
    assert signature(fast.validate(quads)) == signature(every_line.validate(quads))


@pytest.mark.parametrize("update", BROKEN, ids=lambda p: p.stem)
def test_broken_variant_same_report(  # type: ignore[no-untyped-def]
    update: Path, shapes, every_line, vocabulary, real_quads
) -> None:
    fast = validator(shapes, "pyrudof")
    quads = broken(vocabulary, real_quads, update)
    got, want = fast.validate(quads), every_line.validate(quads)
    assert want.violations
    assert signature(got) == signature(want)
    assert sorted(r.message for r in got.results) == sorted(r.message for r in want.results)


def test_a_shape_on_every_line_sees_every_line(vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    """A constraint a generated line can fail turns the lever off: one result per long line."""
    text = PREFIXES + LINES.replace("sh:datatype xsd:string", "sh:maxLength 5")
    shapes = Shapes(None, triples(text.removeprefix(PREFIXES)), {})
    assert line_rule(shapes.triples, vocabulary) is None
    report = validator(shapes, "pyrudof").validate(vocabulary + real_quads)
    long = {
        q.subject
        for q in real_quads
        if q.predicate == ox.NamedNode(WA + "regeltekst") and len(q.object.value) > 5
    }
    assert len(long) > 100
    assert {r.focus.strip("<>") for r in report.violations} == {s.value for s in long}


@pytest.mark.parametrize(
    "extra",
    [
        "ex:T a sh:NodeShape ; sh:targetNode ex:x ; sh:nodeKind sh:IRI .",
        "ex:T a sh:NodeShape ; sh:targetSubjectsOf wa:regeltekst ; sh:nodeKind sh:IRI .",
        "ex:T a sh:NodeShape ; sh:targetObjectsOf wa:bronDocument ;"
        " sh:property [ sh:path [ sh:inversePath wa:bronDocument ] ; sh:maxCount 3 ] .",
        "ex:T a sh:NodeShape ; sh:targetClass wa:BronDocument ;"
        " sh:property [ sh:path [ sh:inversePath wa:bronDocument ] ; sh:maxCount 3 ] .",
        "ex:T a sh:NodeShape ; sh:targetClass prov:Entity ; sh:nodeKind sh:BlankNode .",
        "ex:T a sh:NodeShape ; sh:targetClass wa:Inspanning ; sh:sparql [ sh:select"
        ' "SELECT $this WHERE { ?s ?p ?o }" ] .',
        "ex:T a sh:NodeShape ; sh:targetClass wa:Inspanning ; sh:sparql [ sh:select"
        ' "SELECT $this WHERE { ?l a ?c }" ] .',
        "ex:T a sh:NodeShape ; sh:targetClass wa:Inspanning ; sh:sparql [ sh:select"
        ' "SELECT $this WHERE { ?l wa:regeltekst ?t }" ] .',
        "ex:S sh:closed true .",
        "ex:S sh:property [ sh:path wa:regeltekst ; sh:minCount 2 ] .",
        "ex:S sh:property [ sh:path wa:regelnummer ; sh:datatype xsd:integer ] .",
        "ex:S sh:property [ sh:path wa:bronDocument ; sh:datatype xsd:string ] .",
        "ex:S sh:property [ sh:path wa:other ; sh:minCount 1 ] .",
    ],
)
def test_shapes_that_may_see_a_line_keep_them(extra: str, vocabulary) -> None:  # type: ignore[no-untyped-def]
    assert line_rule(triples(LINES), vocabulary) is not None
    assert line_rule(triples(LINES + extra), vocabulary) is None


def line(n: int, *, text: ox.Literal | None = None) -> list[ox.Quad]:
    s, doc = ox.NamedNode(f"http://example.org/doc/L{n}"), ox.NamedNode("http://example.org/doc")
    number = ox.Literal(
        str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#positiveInteger")
    )
    return [
        ox.Quad(
            s,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(WA + "Bronregel"),
        ),
        ox.Quad(s, ox.NamedNode(WA + "bronDocument"), doc),
        ox.Quad(s, ox.NamedNode(WA + "regelnummer"), number),
        ox.Quad(s, ox.NamedNode(WA + "regeltekst"), text or ox.Literal(f"line {n}")),
    ]


def test_only_loader_shaped_uncited_lines_of_typed_documents_go(vocabulary) -> None:  # type: ignore[no-untyped-def]
    rule = line_rule(triples(LINES), vocabulary)
    assert rule is not None
    doc = ox.NamedNode("http://example.org/doc")
    typed = ox.Quad(
        doc,
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(WA + "BronDocument"),
    )
    cite = ox.Quad(
        ox.NamedNode("http://example.org/x"),
        ox.NamedNode(WA + "bronregel"),
        ox.NamedNode("http://example.org/doc/L2"),
    )
    extra = ox.Quad(
        ox.NamedNode("http://example.org/doc/L3"), ox.NamedNode(WA + "note"), ox.Literal("x")
    )
    nl = line(4, text=ox.Literal("regel", language="nl"))  # not the xsd:string the shape asks
    data = [typed, cite, extra, *line(1), *line(2), *line(3), *nl]
    left = {
        q.subject.value.rsplit("/", 1)[-1]
        for q in unseen_lines(data, rule)
        if "/L" in q.subject.value
    }
    assert left == {"L2", "L3", "L4"}
    untyped = [q for q in data if q != typed]
    assert unseen_lines(untyped, rule) == untyped  # sh:class wa:BronDocument could fail on each
