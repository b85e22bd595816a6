"""fmt (canonical Turtle), diagram (Mermaid in README) and docs (pyLODE)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph

from tests.conftest import CORE_FIXTURES
from werkagenda.cli import main
from werkagenda.docs import mermaid, update_readme
from werkagenda.fmt import canonical, canonical_triples, serialize_longturtle, turtle_files
from werkagenda.rdf.terms import to_rdflib_triple
from werkagenda.synth import generate


def _canonical_quads(path: Path) -> set[bytes]:
    dataset = ox.Dataset(
        ox.Quad(t.subject, t.predicate, t.object)
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(ox.serialize(dataset, format=ox.RdfFormat.N_QUADS).splitlines())


def test_repository_turtle_is_canonical() -> None:
    """Fails until the curated files are formatted: run `werkagenda fmt` (or `make format`)."""
    result = CliRunner().invoke(main, ["fmt", "--check"])
    assert result.exit_code == 0, result.output


def test_fmt_rewrites_keeps_the_graph_and_is_idempotent(tmp_path: Path) -> None:
    src = CORE_FIXTURES / "mini-2024" / "agenda.ttl"
    copy = tmp_path / "agenda.ttl"
    shutil.copy(src, copy)
    check = CliRunner().invoke(main, ["fmt", "--check", str(copy)])
    assert check.exit_code == 1
    assert f"not canonical: {copy}" in check.output
    assert "run `werkagenda fmt` to fix" in check.output
    done = CliRunner().invoke(main, ["fmt", str(copy)])
    assert done.exit_code == 0, done.output
    assert _canonical_quads(copy) == _canonical_quads(src)
    text = copy.read_text(encoding="utf-8")
    assert "# A hand-written agenda with four inspanningen" in text  # header comment kept
    assert CliRunner().invoke(main, ["fmt", "--check", str(copy)]).exit_code == 0
    assert not canonical(copy).changed


def test_fmt_orders_blank_nodes_canonically(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    head = "@prefix ex: <http://example.org/> .\n"
    a.write_text(head + "ex:s ex:p [ ex:q 1 ] , [ ex:q 2 ] .\n", encoding="utf-8")
    b.write_text(head + "ex:s ex:p [ ex:q 2 ] , [ ex:q 1 ] .\n", encoding="utf-8")
    assert canonical(a).text == canonical(b).text


def test_fmt_refuses_malformed_turtle() -> None:
    result = CliRunner().invoke(
        main, ["fmt", "--check", str(CORE_FIXTURES / "malformed-2024" / "agenda.ttl")]
    )
    assert result.exit_code == 2
    assert "agenda.ttl:7:1:" in result.output


_AWKWARD = """@prefix ex: <http://example.org/> .
@prefix u: <http://example.org/under/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:s ex:list ( 1 "two"@nl ex:three [ ex:q 4 ] ) ; ex:p [ ex:q ex:r ; ex:n [ ex:m 5.0 ] ] ;
  ex:o "x"^^xsd:token , "y"^^<http://example.org/dt/y> , <http://example.org/end.> ,
  u:a , <http://other.org/z> ;
  <http://other.org/p#v> "a (b)" , ex:with%25pct , <http://example.org/a(b)> .
u:a ex:back ex:s ; a ex:Thing .
[] ex:alone "blank subject" .
"""

# no list: nested, shared and root blank nodes, several objects each, escapes and shortened literals
_AWKWARD_WALK = """@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:C a rdfs:Class ; rdfs:label "C" .
ex:s ex:one [ ex:q [ ex:deep "d" ] ] ; ex:many [ ex:q 1 ] , ex:t , [ ex:q 2 ] , "z" ;
  ex:shared _:twice , _:twice2 ; ex:o <http://other.org/o> , "p"^^<http://other.org/dt> ,
  <http://example.org/end.> , <http://example.org/a(b)> , "tab\\there\\n"@en-GB , 1e3 , true .
ex:t ex:shared _:twice .
_:twice ex:q "referenced twice" .
_:twice2 ex:q "first of two" ; ex:back _:twice .
[] ex:alone [ ex:q 3 ] , [ ex:q 4 ] .
[] ex:also "second root" .
"""


def _rdflib_graph(text: str) -> Graph:
    parser = ox.parse(text, format=ox.RdfFormat.TURTLE)
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in parser)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    graph = Graph(bind_namespaces="none")
    for prefix, iri in sorted(parser.prefixes.items()):
        graph.bind(prefix, iri, override=True, replace=True)
    for quad in sorted(dataset, key=str):  # fmt's order: it decides the generated prefixes
        graph.add(to_rdflib_triple(quad))
    return graph


@pytest.fixture(scope="module")
def synthetic_turtle(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth") / "data"
    generate(out, scale=2, seed=3)
    return sorted(out.rglob("*.ttl"))


def test_fmt_serialiser_writes_rdflibs_longturtle_bytes(synthetic_turtle: list[Path]) -> None:
    """fmt's faster longturtle serialiser: the very bytes of rdflib's, file by file."""
    texts = [p.read_text(encoding="utf-8") for p in turtle_files() + synthetic_turtle]
    assert len(texts) > len(turtle_files())
    for text in [*texts, _AWKWARD, _AWKWARD_WALK]:
        graph = _rdflib_graph(text)
        assert serialize_longturtle(graph) == graph.serialize(format="longturtle")


def test_fmt_of_triples_is_fmt_of_their_file(synthetic_turtle: list[Path], tmp_path: Path) -> None:
    """`canonical_triples` (sheet import formats mapped triples without re-reading them)
    gives the very text `canonical` gives for a file holding them, comments included."""
    awkward = tmp_path / "awkward.ttl"
    awkward.write_text("# header\n\n" + _AWKWARD, encoding="utf-8")
    # eight undeclared namespaces: their generated prefixes (ns1 … ns8) are numbered in the
    # order the serialiser meets the triples, the Memory store's (hash) order in rdflib
    undeclared = tmp_path / "undeclared.ttl"
    predicates = " ;\n".join(f"  <http://ns{i}.example.org/p> {i}" for i in range(8))
    undeclared.write_text(f"<http://example.org/s>\n{predicates} .\n", encoding="utf-8")
    for path in [*turtle_files(), *synthetic_turtle, awkward, undeclared]:
        text = path.read_text(encoding="utf-8")
        parser = ox.parse(text, format=ox.RdfFormat.TURTLE)
        triples = list(parser)
        expected = canonical(path).text
        assert canonical_triples(triples, dict(parser.prefixes), comments_from=text) == expected
        bare = tmp_path / "bare.ttl"  # no comments: what `sheet import` writes for a new file
        bare.write_bytes(
            ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=parser.prefixes) or b""
        )
        bare_text = canonical_triples(triples, dict(parser.prefixes))
        assert bare_text == canonical(bare).text, path
        rdflib_text = _rdflib_graph(text).serialize(format="longturtle")  # fmt's own graph
        assert bare_text == "\n".join(rdflib_text.splitlines()).rstrip("\n") + "\n", path


def test_fmt_covers_data_and_ontology() -> None:
    names = {p.parent.name + "/" + p.name for p in turtle_files()}
    assert "ontology/werkagenda.ttl" in names and "drenthe-2024/agenda.ttl" in names


def test_diagram_shows_classes_subclasses_and_properties() -> None:
    text = mermaid()
    assert text.startswith("classDiagram\n")
    assert "Doel <|-- StrategischDoel" in text
    assert "Inspanning <|-- IZAAfhankelijkeInspanning" in text
    assert "OperationeelDoel --> StrategischDoel : draagtBijAan" in text
    assert 'class prov_Activity["prov:Activity"]' in text


def test_diagram_goes_between_the_readme_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    result = CliRunner().invoke(main, ["diagram", "--readme", str(readme)])  # absent: created
    assert result.exit_code == 0, result.output
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("<!-- diagram:start -->\n```mermaid\nclassDiagram")
    assert text.endswith("```\n<!-- diagram:end -->\n")
    readme.write_text("# Title\n\n" + text + "\nMore text.\n", encoding="utf-8")
    assert update_readme(readme) is False  # unchanged content is not rewritten
    assert readme.read_text(encoding="utf-8").endswith("\nMore text.\n")


def test_docs_render_both_languages(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["docs", str(tmp_path)])
    assert result.exit_code == 0, result.output
    nl = (tmp_path / "nl" / "index.html").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert "Werkagenda-ontologie" in nl and "inspanning die wacht op een transformatieplan" in nl
    assert "Work agenda ontology" in en and "initiative awaiting a transformation plan" in en
    assert "initiative awaiting a transformation plan" not in nl
    assert (tmp_path / "index.html").exists()
    # the same pages as serve's /def: language attribute, a link to the other language and
    # anchors by local name
    assert '<html lang="nl">' in nl and '<html lang="en">' in en
    assert 'href="../en/index.html" hreflang="en"' in nl
    assert '<span id="Inspanning"></span>' in nl and '<span id="Inspanning"></span>' in en
