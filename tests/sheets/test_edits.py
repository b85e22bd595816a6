"""A workbook edited as a person would (a cell changed, a row added, a row deleted) imports
with exactly those changes, each edited or added row carrying its provenance note."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from tests.sheets.conftest import ID, REAL, WA, column, copy_agenda, delta, edit, find_row
from werkagenda.fmt import check
from werkagenda.sheets.importer import import_workbook

PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CONCEPT = "https://w3id.org/iza-werkagenda/id/concept/"
BOOK = URIRef(ID + "werkmap/werkagenda")


def _provenance(subject: URIRef, sheet_key: str, sheet: str, row: int) -> set:  # type: ignore[type-arg]
    cell = URIRef(f"{BOOK}/{sheet_key}/{row}")
    rdfs, dct = "http://www.w3.org/2000/01/rdf-schema#", "http://purl.org/dc/terms/"
    return {
        (subject, URIRef(PROV + "wasDerivedFrom"), cell),
        (cell, RDF_TYPE, URIRef(PROV + "Entity")),
        (
            cell,
            URIRef(rdfs + "label"),
            Literal(f"Werkmap werkagenda.xlsx, blad {sheet}, rij {row}", lang="nl"),
        ),
        (
            cell,
            URIRef(rdfs + "label"),
            Literal(f"Workbook werkagenda.xlsx, sheet {sheet}, row {row}", lang="en"),
        ),
        (cell, URIRef(dct + "isPartOf"), BOOK),
        (BOOK, RDF_TYPE, URIRef(PROV + "Entity")),
        (BOOK, URIRef(dct + "title"), Literal("werkagenda.xlsx")),
    }


def test_changed_cell_added_row_and_deleted_row_import_as_exactly_those_changes(
    workbook_copy: Path, tmp_path: Path
) -> None:
    rows: dict[str, int] = {}

    def change(wb):  # type: ignore[no-untyped-def]
        # 1. Funding VOW-9-1 (line 178: 'IZA Transformatie aanvraag …', waiting): now approved.
        ws = wb["Financiering"]
        rows["fin"] = find_row(ws, "fin:VOW-9-1")
        status = ws.cell(row=rows["fin"], column=column(ws, "Status"))
        assert status.value == "wacht op goedkeuring"
        status.value = "goedgekeurd"
        # 2. A new milestone for VOW-9, no ID: the naming scheme gives mijlpaal:VOW-9-3.
        ws = wb["Planning"]
        rows["new"] = ws.max_row + 1
        for header, value in (
            ("Inspanning", "insp:VOW-9"),
            ("Mijlpaal", "Evaluatie"),
            ("Soort", "oplevering"),
            ("Kwartalen", "2024-Q4"),
            ("Bronregels", "bron:L178"),
            ("Klasse", "wa:Mijlpaal"),
            ("Brontekst", "Evaluatie eind 2024"),
        ):
            ws.cell(row=rows["new"], column=column(ws, header), value=value)
        # 3. The note on VOW-22's unclosed parenthesis is deleted.
        ws = wb["Kwaliteitsnotities"]
        ws.delete_rows(find_row(ws, "kn:VOW-22-haakje"))

    edit(workbook_copy, change)
    out = copy_agenda(tmp_path / "drenthe-2024")
    result = import_workbook(workbook_copy, out, allow_warnings=True)
    assert result.edited_rows == 2
    assert result.changed == ["vow.ttl"]
    removed, added = delta(REAL, out)

    fin = URIRef(ID + "financiering/VOW-9-1")
    status = URIRef(WA + "financieringsstatus")
    note = URIRef(ID + "kwaliteit/VOW-22-haakje")
    original = Graph().parse(REAL / "vow.ttl")
    note_triples = set(original.triples((note, None, None)))
    assert len(note_triples) == 7  # type, kind, nl + en description, 2 x betreft, line 201
    assert (
        removed
        == {(fin, status, URIRef(CONCEPT + "financieringsstatus/wacht-op-goedkeuring"))}
        | note_triples
    )

    milestone = URIRef(ID + "mijlpaal/VOW-9-3")
    expected = {
        (fin, status, URIRef(CONCEPT + "financieringsstatus/goedgekeurd")),
        (URIRef(ID + "inspanning/VOW-9"), URIRef(WA + "planning"), milestone),
        (milestone, RDF_TYPE, URIRef(WA + "Mijlpaal")),
        (
            milestone,
            URIRef("http://purl.org/dc/terms/description"),
            Literal("Evaluatie", lang="nl"),
        ),
        (milestone, URIRef(WA + "mijlpaalSoort"), URIRef(CONCEPT + "mijlpaalsoort/oplevering")),
        (
            milestone,
            URIRef(WA + "kwartaal"),
            URIRef("https://w3id.org/iza-werkagenda/id/tijd/2024-Q4"),
        ),
        (milestone, URIRef(WA + "bronregel"), URIRef(ID + "bron/werkagenda/L178")),
        (milestone, URIRef(WA + "bronTekst"), Literal("Evaluatie eind 2024")),
    }
    expected |= _provenance(fin, "financiering", "Financiering", rows["fin"])
    expected |= _provenance(milestone, "planning", "Planning", rows["new"])
    assert added == expected
    # the rewritten file is canonical and keeps the curators' section comments
    assert check([out / "vow.ttl"]) == []
    comments = [ln for ln in (REAL / "vow.ttl").read_text().splitlines() if ln.startswith("#")]
    kept = [ln for ln in (out / "vow.ttl").read_text().splitlines() if ln.startswith("#")]
    assert (
        "# Inspanningen werkagenda 2024 (lijst regels 144–173, tabellen 177–201, voetnoten 203–207)"
        in kept
    )
    assert sorted(kept) == sorted(comments)  # subjects (and their blocks) may move: fmt sorts
