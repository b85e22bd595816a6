"""Export → import of the real agenda: the same graph, every triple and provenance included."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from tests.sheets.conftest import (
    ACTOR,
    ID,
    REAL,
    WA,
    column,
    copy_agenda,
    delta,
    edit,
    find_row,
    folder_graph,
    werkagenda,
)
from werkagenda.config import Agenda
from werkagenda.fmt import check
from werkagenda.load import vocabulary_quads
from werkagenda.pipeline import AgendaCompiler
from werkagenda.query import run
from werkagenda.query.registry import discover
from werkagenda.sheets.importer import import_workbook


def test_export_import_gives_an_isomorphic_graph_in_canonical_files(
    exported: Path, tmp_path: Path
) -> None:
    out = tmp_path / "drenthe-2024"
    # every file written by the canonical formatter (none copied from data/drenthe-2024)
    result = import_workbook(exported, out, allow_warnings=True, reuse_unchanged=False)
    assert result.changed == sorted(p.name for p in REAL.glob("*.ttl"))
    assert sorted(p.name for p in out.glob("*.ttl")) == sorted(p.name for p in REAL.glob("*.ttl"))
    original, imported = folder_graph(REAL), folder_graph(out)
    assert len(imported) == len(original) > 10_000
    assert isomorphic(original, imported)
    for name in ("vow.ttl", "organisations.ttl"):  # per file too: each triple in its own file
        a = ox.Dataset(
            ox.Quad(t.subject, t.predicate, t.object)
            for t in ox.parse(path=str(REAL / name), format=ox.RdfFormat.TURTLE)
        )
        b = ox.Dataset(
            ox.Quad(t.subject, t.predicate, t.object)
            for t in ox.parse(path=str(out / name), format=ox.RdfFormat.TURTLE)
        )
        a.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        b.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        assert sorted(map(str, a)) == sorted(map(str, b))
    assert check(sorted(out.glob("*.ttl"))) == []  # `werkagenda fmt --check` would pass


def test_the_command_line_import_reports_what_it_did(exported: Path, tmp_path: Path) -> None:
    out = tmp_path / "drenthe-2024"
    result = werkagenda("sheet", "import", str(exported), "--into", str(out), "--allow-warnings")
    assert result.returncode == 0, result.stderr
    assert "0 violations" in result.stdout
    files = sorted(REAL.glob("*.ttl"))
    assert f"{len(folder_graph(REAL))} triples in {len(files)} files" in result.stdout
    assert isomorphic(folder_graph(REAL), folder_graph(out))


def test_import_in_place_of_an_unchanged_workbook_changes_no_byte(
    exported: Path, tmp_path: Path
) -> None:
    folder = copy_agenda(tmp_path / "drenthe-2024")
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = import_workbook(exported, folder, allow_warnings=True)
    assert result.changed == [] and result.edited_rows == 0
    assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_editing_the_initiator_cell_changes_exactly_those_triples(
    workbook_copy: Path, tmp_path: Path
) -> None:
    # Source line 178: VOW-9 'De buurt als Ecosysteem', initiators "Icare, Buurtzorg (…)".
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb["Inspanningen"]
        cell = ws.cell(row=find_row(ws, "insp:VOW-9"), column=column(ws, "Initiatiefnemers"))
        assert sorted(cell.value.split("\n")) == ["Buurtzorg", "Icare"]
        cell.value = "Icare\nAltide"
        change.row = cell.row  # type: ignore[attr-defined]

    edit(workbook_copy, change)
    out = tmp_path / "drenthe-2024"
    import_workbook(workbook_copy, out, allow_warnings=True)
    removed, added = delta(REAL, out)
    insp = URIRef(ID + "inspanning/VOW-9")
    initiator = URIRef(WA + "initiatiefnemer")
    assert removed == {(insp, initiator, URIRef(ACTOR + "buurtzorg"))}
    book = URIRef(ID + "werkmap/werkagenda")
    row = URIRef(f"{book}/inspanningen/{change.row}")  # type: ignore[attr-defined]
    prov, rdfs, dct = (
        "http://www.w3.org/ns/prov#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://purl.org/dc/terms/",
    )
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert added == {
        (insp, initiator, URIRef(ACTOR + "altide")),
        (insp, URIRef(prov + "wasDerivedFrom"), row),
        (row, rdf_type, URIRef(prov + "Entity")),
        (
            row,
            URIRef(rdfs + "label"),
            Literal(f"Werkmap werkagenda.xlsx, blad Inspanningen, rij {change.row}", lang="nl"),
        ),  # type: ignore[attr-defined]
        (
            row,
            URIRef(rdfs + "label"),
            Literal(f"Workbook werkagenda.xlsx, sheet Inspanningen, row {change.row}", lang="en"),
        ),  # type: ignore[attr-defined]
        (row, URIRef(dct + "isPartOf"), book),
        (book, rdf_type, URIRef(prov + "Entity")),
        (book, URIRef(dct + "title"), Literal("werkagenda.xlsx")),
    }


def _store(folder: Path) -> ox.Store:
    """The agenda compiled the way `build` compiles it (rules materialised), in a store."""
    vocabulary = vocabulary_quads()
    agenda = Agenda(key="drenthe/2024", folder=folder)
    compiled = AgendaCompiler(vocabulary, shacl=False)(agenda)
    store = ox.Store()
    store.bulk_extend(vocabulary)
    store.load(compiled.nquads, format=ox.RdfFormat.N_QUADS)
    return store


def _unlabelled(rows: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    """Blank-node labels are arbitrary per parse: compare them as '_:'."""

    def plain(v: object) -> object:
        return "_:" if isinstance(v, str) and v.startswith("_:") else v

    return sorted(({k: plain(v) for k, v in r.items()} for r in rows), key=repr)


def test_named_queries_answer_the_same_on_the_reimported_agenda(
    exported: Path, tmp_path: Path
) -> None:
    out = tmp_path / "drenthe-2024"
    import_workbook(exported, out, allow_warnings=True)
    assert (out / "sources" / "werkagenda-gezonde-marke-2024.txt").is_file()
    original, reimported = _store(REAL), _store(out)
    params = {
        "organisation-portfolio": {"organisation": "Dr. Drenthe"},
        "inspanning-goals": {"code": "ZT-12"},
        "search": {"text": "dementie"},
        "whatif-goals": {"reject": ["iza-transformatieplan"]},
        "whatif-inspanningen": {"reject": ["iza-transformatieplan"]},
    }
    names = sorted(discover())
    assert len(names) >= 15
    for name in names:
        kwargs = params.get(name, {})
        ours, theirs = run(name, store=reimported, **kwargs), run(name, store=original, **kwargs)
        assert _unlabelled(ours) == _unlabelled(theirs), name
    # Source line 178: VOW-9's transformation plan waits for approval ("mits goedgekeurd").
    codes = [r["code"] for r in run("iza-awaiting-transformation-plan", store=reimported)]
    assert "VOW-9" in codes


def test_the_english_workbook_round_trips_too(tmp_path: Path) -> None:
    book = tmp_path / "agenda-en.xlsx"
    made = werkagenda("sheet", "export", str(book), "--lang", "en")
    assert made.returncode == 0, made.stderr
    import openpyxl

    wb = openpyxl.load_workbook(book, read_only=True)
    assert "Initiatives" in wb.sheetnames and "Funding" in wb.sheetnames
    out = tmp_path / "drenthe-2024"
    import_workbook(book, out, allow_warnings=True)
    assert isomorphic(folder_graph(REAL), folder_graph(out))
