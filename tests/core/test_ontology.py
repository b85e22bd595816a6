"""Every term the ontology defines has a label and a definition in Dutch and English."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from werkagenda.config import ONTOLOGY_DIR, WA

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _terms() -> list[str]:
    graph = Graph().parse(ONTOLOGY_DIR / "werkagenda.ttl")
    return sorted(
        {
            str(s)
            for kind in KINDS
            for s in graph.subjects(RDF.type, kind)
            if isinstance(s, URIRef) and str(s).startswith(WA)
        }
    )


GRAPH = Graph().parse(ONTOLOGY_DIR / "werkagenda.ttl")
TERMS = _terms()


def test_the_ontology_defines_terms() -> None:
    assert len(TERMS) > 50
    assert WA + "IZAAfhankelijkeInspanning" in TERMS


@pytest.mark.parametrize("term", TERMS, ids=lambda t: "wa:" + t.removeprefix(WA))
@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition], ids=["label", "definition"])
def test_term_has_dutch_and_english(term: str, prop: URIRef) -> None:
    langs = {getattr(o, "language", None) for o in GRAPH.objects(URIRef(term), prop)}
    missing = {"nl", "en"} - langs
    assert not missing, (
        f"wa:{term.removeprefix(WA)} lacks {prop.n3(GRAPH.namespace_manager)} in "
        f"{', '.join(sorted(missing))}: add it in ontology/werkagenda.ttl"
    )
