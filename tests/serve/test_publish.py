"""`werkagenda publish`: the static release, its DCAT-AP-NL catalogue, checksums, atomicity."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
import rdflib
import rdflib.compare
from click.testing import CliRunner

from werkagenda.cli import main
from werkagenda.views import static_site as pages

DCAT_AP_NL = Path(__file__).resolve().parents[1] / "standards" / "dcat-ap-nl-3.0"  # vendored
AGENDA = "https://w3id.org/iza-werkagenda/id/drenthe/2024"
SHAPE_FILES = (
    "dcat-ap-SHACL.ttl",
    "dcat-ap-nl-SHACL.ttl",
    "dcat-ap-nl-SHACL-klassebereik.ttl",
    "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl",
)


@pytest.fixture(scope="module")
def release(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "release"
    result = CliRunner().invoke(
        main,
        [
            "publish",
            str(out),
            "--store",
            str(dist / "store"),
            "--site-url",
            "https://example.org/werkagenda/",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def test_release_layout(release: Path) -> None:
    for name in (
        "index.html",
        "catalog.ttl",
        "catalog.jsonld",
        "void.ttl",
        "def/index.html",
        "def/en.html",
        "def/werkagenda.ttl",
        "def/context.jsonld",
        "static/style.css",
        "SHA256SUMS",
        "id/drenthe/2024.html",
        "id/drenthe/2024/bron/werkagenda/L3.html",
        "downloads/werkagenda.ttl",
        "downloads/werkagenda.nt",
        "downloads/werkagenda.jsonld",
        "downloads/werkagenda.rdf",
        "downloads/inspanningen.csv",
        "downloads/organisaties.csv",
        "downloads/doelen.csv",
        "downloads/financiering.csv",
        "downloads/csv-metadata.json",
    ):
        assert (release / name).is_file(), name
    page = (release / "id/drenthe/2024.html").read_text()
    assert 'href="2024/bron/werkagenda/L3.html"' in page  # relative links work from any host
    assert 'href="../../static/style.css"' in page
    for dump, fmt in (("werkagenda.ttl", "turtle"), ("werkagenda.rdf", "xml")):
        assert len(rdflib.Graph().parse(release / "downloads" / dump, format=fmt)) > 1000
    # JSON-LD keeps the named graphs (an independent parser: rdflib's Dataset)
    dataset = rdflib.Dataset().parse(release / "downloads" / "werkagenda.jsonld", format="json-ld")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/iza-werkagenda/id/drenthe/2024" in names
    assert sum(len(g) for g in dataset.graphs()) > 1000


def test_published_jsonld_context_reads_the_dump(release: Path) -> None:
    """def/context.jsonld: the terms of the compact dumps (dct: is Dublin Core, wa: ours)."""
    published = json.loads((release / "def" / "context.jsonld").read_text(encoding="utf-8"))
    terms = published["@context"]
    assert terms["dct"] == "http://purl.org/dc/terms/"
    assert terms["wa"] == "https://w3id.org/iza-werkagenda/def#"
    dump = json.loads((release / "downloads" / "werkagenda.jsonld").read_text(encoding="utf-8"))
    as_is = rdflib.Dataset().parse(data=json.dumps(dump), format="json-ld")
    dump["@context"] = terms  # the published context in place of the inline one
    again = rdflib.Dataset().parse(data=json.dumps(dump), format="json-ld")
    assert len(again) == len(as_is) > 1000
    named = {str(g.identifier) for g in again.graphs() if len(g)}
    assert AGENDA in named


def test_catalogue_page_shows_each_download_with_its_size(release: Path) -> None:
    """The static catalogue page names the size of every download file, as on disk."""
    import lxml.html

    doc = lxml.html.fromstring((release / "catalog.html").read_bytes())
    assert doc.xpath("//th[.='Grootte']")
    rows = doc.xpath("//section[@aria-labelledby='dist-h']//tbody/tr[.//a[@download]]")
    files = {f"downloads/{f.name}" for f in (release / "downloads").iterdir()}
    files.discard("downloads/csv-metadata.json")  # describes the CSV tables; no distribution
    assert {row.xpath(".//a[@download]/@href")[0] for row in rows} == files
    for row in rows:
        href = row.xpath(".//a[@download]/@href")[0]
        size = row.xpath(".//data/@value")
        assert size == [str((release / href).stat().st_size)], href
        assert row.xpath(".//data/text()")[0].endswith(("kB", "MB", "bytes")), href


def test_checksum_manifest(release: Path) -> None:
    listed = {}
    for line in (release / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert set(listed) == files - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name


def test_csv_and_csvw(release: Path) -> None:
    meta = json.loads((release / "downloads/csv-metadata.json").read_text())
    for table in meta["tables"]:
        text = (release / "downloads" / table["url"]).read_text()
        header = next(csv.reader(io.StringIO(text)))
        assert header == [c["name"] for c in table["tableSchema"]["columns"]], table["url"]
    inspanningen = (release / "downloads/inspanningen.csv").read_text()
    assert "'=HYPERLINK" in inspanningen


def test_catalog_passes_the_dcat_ap_nl_shapes(release: Path) -> None:
    import pyshacl

    shapes = rdflib.Graph()
    for name in SHAPE_FILES:
        shapes.parse(DCAT_AP_NL / name, format="turtle")
    data = rdflib.Graph().parse(release / "catalog.ttl", format="turtle")
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = list(report.subjects(sh.resultSeverity, sh.Violation))
    assert conforms and not violations, text
    dcat = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    dists = set(data.subjects(rdflib.RDF.type, dcat.Distribution))
    assert len(dists) == 11  # 5 dumps + 4 CSV tables + the SPARQL endpoint + the change feed
    assert (None, rdflib.RDF.type, dcat.DataService) in data
    heal = rdflib.URIRef("http://publications.europa.eu/resource/authority/data-theme/HEAL")
    assert (None, dcat.theme, heal) in data
    sizes = {int(o) for o in data.objects(None, dcat.byteSize)}
    assert (release / "downloads/werkagenda.ttl").stat().st_size in sizes


def test_interrupted_publish_keeps_the_previous_release(
    release: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p.relative_to(release): p.read_bytes() for p in release.rglob("*") if p.is_file()}
    written = []

    def half_then_fail(store, out, bases):  # type: ignore[no-untyped-def]
        (out / "id").mkdir(exist_ok=True)
        (out / "id" / "partial.html").write_text("half")
        written.append(out)
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(pages, "write_resource_pages", half_then_fail)
    result = CliRunner().invoke(main, ["publish", str(release), "--store", str(dist / "store")])
    assert result.exit_code != 0 and written
    after = {p.relative_to(release): p.read_bytes() for p in release.rglob("*") if p.is_file()}
    assert after == before
    assert not written[0].exists(), "the half-written copy must be removed"
    assert [p.name for p in release.parent.iterdir()] == ["release"]
