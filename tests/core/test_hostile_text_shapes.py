"""Regression (issue 17, hole 10): the real shapes flag `javascript:` links, bidirectional and
zero-width characters and Latin look-alikes in labels, as Warnings, on both engines."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from werkagenda.validate import ENGINES, load_shapes, validator

DATA = """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<urn:x:bidi> rdfs:label "Zorg \\u202Egnidrob\\u202C Drenthe" .
<urn:x:zerowidth> skos:prefLabel "Gezonde\\u200BMarke" .
<urn:x:cyrillic> dct:title "Dr\\u0435nthe" .
<urn:x:script> foaf:homepage <javascript:alert(1)> .
<urn:x:clean> rdfs:label "Gezonde Marke — Drenthe, één regio" ;
    foaf:homepage <https://example.org/> .
"""
OURS = ("was:Bidi", "was:Confusable", "was:WebLink")


@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_text_and_links_are_warnings(engine: str) -> None:
    quads = [
        ox.Quad(t.subject, t.predicate, t.object)
        for t in ox.parse(DATA, format=ox.RdfFormat.TURTLE)
    ]
    report = validator(load_shapes(), engine).validate(quads)
    ours = [r for r in report.results if r.shape.startswith(OURS)]
    flagged = {(r.focus.strip("<>"), r.shape.split("Shape")[0].split(":")[1][:5]) for r in ours}
    assert {focus for focus, _ in flagged} == {
        "urn:x:bidi",
        "urn:x:zerowidth",
        "urn:x:cyrillic",
        "urn:x:script",
    }, ours
    assert ("urn:x:cyrillic", "Confu") in flagged and ("urn:x:script", "WebLi") in flagged
    assert all(r.severity.value == "Warning" for r in ours)
