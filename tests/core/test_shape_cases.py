"""Report typing as data: each tests/core/fixtures/shape-cases/*.ttl holds data, shapes and the
results it must give (severity, focus, path, Dutch-first sentence, and the English-first one
where the case gives `tc:messageEn`)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace

from tests.conftest import CORE_FIXTURES
from werkagenda.rdf.curies import file_prefixes
from werkagenda.validate import ENGINES, load_shapes, validator

CASES = sorted((CORE_FIXTURES / "shape-cases").glob("*.ttl"))
TC = Namespace("https://w3id.org/iza-werkagenda/test/case#")


def test_all_cases_are_collected() -> None:
    assert len(CASES) == 5


def test_cases_give_english_sentences_too() -> None:
    with_english = [c for c in CASES if "tc:messageEn" in c.read_text(encoding="utf-8")]
    assert len(with_english) == 4, [c.name for c in with_english]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_shape_case(case: Path, engine: str) -> None:
    graph = Graph().parse(case, publicID=case.as_uri())
    keys = ("severity", "focus", "path", "message")
    expected = {
        tuple(str(graph.value(e, TC[k])) for k in keys) for e in graph.objects(None, TC.expect)
    }
    english = {
        (str(graph.value(e, TC.focus)), str(en))
        for e in graph.objects(None, TC.expect)
        if (en := graph.value(e, TC.messageEn)) is not None
    }
    data = list(ox.parse(path=str(case), format=ox.RdfFormat.TURTLE, base_iri=case.as_uri()))
    quads = [ox.Quad(t.subject, t.predicate, t.object) for t in data]
    report = validator(load_shapes(case), engine).validate(quads, prefixes=file_prefixes(case))
    got = {(r.severity.value, r.focus_short, r.path or "-", r.message) for r in report.results}
    assert got == expected
    got_en = {(r.focus_short, r.sentence("en")) for r in report.results}
    assert english <= got_en, sorted(got_en)
    assert report.conforms == all(sev != "Violation" for sev, *_ in expected)
