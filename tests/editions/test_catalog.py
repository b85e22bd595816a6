"""The DCAT-AP-NL catalogue of a release holding two editions: versions, notes, the feed."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib

from tests.serve.test_publish import DCAT_AP_NL, SHAPE_FILES

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
DOC = "https://w3id.org/iza-werkagenda/catalog"


@pytest.fixture(scope="module")
def catalog(editions_release: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(editions_release / "catalog.ttl", format="turtle")


def test_two_editions_pass_the_dcat_ap_nl_shapes(catalog: rdflib.Graph) -> None:
    assert DCAT_AP_NL.is_dir(), f"official shapes missing: {DCAT_AP_NL}"
    shapes = rdflib.Graph()
    for name in SHAPE_FILES:
        shapes.parse(DCAT_AP_NL / name, format="turtle")
    conforms, report, text = pyshacl.validate(
        catalog, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert conforms and not list(report.subjects(sh.resultSeverity, sh.Violation)), text


def test_editions_are_dataset_versions(catalog: rdflib.Graph) -> None:
    dataset = rdflib.URIRef(DOC + "#dataset")
    old, new = (rdflib.URIRef(f"{DOC}#edition-drenthe-{y}") for y in ("2024", "2025"))
    assert set(catalog.objects(dataset, DCAT.hasVersion)) == {old, new}
    latest = rdflib.URIRef("https://w3id.org/iza-werkagenda/id/drenthe/2025")
    assert catalog.value(dataset, rdflib.RDFS.seeAlso) == latest  # the default is the latest
    assert set(catalog.objects(new, DCAT.isVersionOf)) == {dataset}
    assert catalog.value(new, DCAT.previousVersion) == old
    assert catalog.value(old, DCAT.previousVersion) is None
    assert catalog.value(new, DCAT.version) == rdflib.Literal("2025")
    notes = {str(n) for n in catalog.objects(new, ADMS.versionNotes)}
    # the seven documented edits of next_edition (the changelog test asserts them one by one)
    assert "7 wijzigingen ten opzichte van drenthe/2024 (" in next(
        n for n in notes if "wijzig" in n
    )
    assert any("planning moved: 1" in n for n in notes)


def test_feed_is_a_distribution_conforming_to_ldes(catalog: rdflib.Graph) -> None:
    feed = rdflib.URIRef(DOC + "#feed")
    assert catalog.value(feed, DCAT.accessURL) == rdflib.URIRef(
        "https://example.org/werkagenda/feed/index.ttl"
    )
    assert catalog.value(feed, DCT.conformsTo) == rdflib.URIRef(
        "https://w3id.org/ldes/specification"
    )
