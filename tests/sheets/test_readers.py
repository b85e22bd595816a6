"""The exported workbook read by other programs: LibreOffice (CSV, re-saved xlsx) and openpyxl."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic

from tests.sheets.conftest import REAL, folder_graph
from tests.sheets.lo import ALL_SHEETS_CSV, convert, needs_libreoffice
from werkagenda.config import ONTOLOGY_DIR
from werkagenda.sheets.importer import import_workbook

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


def _csv(files: list[Path], sheet: str) -> list[dict[str, str]]:
    path = next(p for p in files if p.name.endswith(f"-{sheet}.csv"))
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@needs_libreoffice
def test_libreoffice_reads_every_sheet_with_the_agendas_own_tables(
    exported: Path, tmp_path: Path
) -> None:
    files = convert(exported, ALL_SHEETS_CSV, tmp_path / "csv")
    inspanningen = _csv(files, "Inspanningen")
    assert len(inspanningen) == 52  # the agenda's 52 inspanningen
    vow9 = next(r for r in inspanningen if r["ID (niet wijzigen)"] == "insp:VOW-9")
    # source line 178, the columns Inspanning · Initiatiefnemer of the agenda's table
    assert vow9["Titel"] == "De buurt als Ecosysteem"
    assert vow9["Initiatiefnemer"] == "Icare, Buurtzorg (Wijkverpleging Alliantie landelijk)"
    assert vow9["Bronregels"].split("\n")[0] == "bron:L146"
    assert len(_csv(files, "Aandachtspunten")) == 7
    assert len(_csv(files, "Organisaties")) == 138
    themes = [r for r in _csv(files, "Opgaven en doelen") if r["Klasse"] == "wa:PrioritaireOpgave"]
    assert sorted(r["Code"] for r in themes) == ["AM", "GL", "KI", "MG", "VOW", "ZT"]
    lists = _csv(files, "Lijsten")
    concepts = Graph().parse(ONTOLOGY_DIR / "concepts.ttl")
    fstat = "https://w3id.org/iza-werkagenda/id/concept/financieringsstatus/"
    labels = {
        str(o)
        for s, o in concepts.subject_objects(SKOS.prefLabel)
        if str(s).startswith(fstat) and o.language == "nl"
    }
    assert {r["Financieringsstatus"] for r in lists if r["Financieringsstatus"]} == labels


def test_dropdowns_frozen_header_and_locked_ids(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb["Financiering"]
    assert ws.freeze_panes == "B2"
    headers = {c.value: c.column_letter for c in ws[1]}
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
        for dv in ws.data_validations.dataValidation
    }
    for header in ("Financieringsbron", "Status", "Zekerheid"):
        assert lists[headers[header]].startswith("='Lijsten'!$")
    assert wb["Lijsten"].sheet_state == "hidden"
    assert ws["A2"].fill.fgColor.rgb.endswith("E7E6E6")  # the ID column is marked
    assert ws.column_dimensions[headers["Brontekst"]].width >= 30
    assert ws["H2"].alignment.wrap_text
    for sheet in ("Financiering", "Inspanningen", "Organisaties", "Overig"):
        sh = wb[sheet]
        n = sh.max_row
        assert sh.protection.sheet, sheet  # protected, so locked cells refuse edits
        assert all(sh.cell(row=r, column=1).protection.locked for r in range(1, n + 1))  # IDs
        assert sh.cell(row=1, column=2).protection.locked  # the header row
        data = [c for row in sh.iter_rows(min_row=2, min_col=2) for c in row if c.value]
        assert data and not any(c.protection.locked for c in data), sheet  # the rest editable
        assert not sh.column_dimensions["A"].protection.locked  # new rows below: ID writable
        assert not sh.protection.insertRows and not sh.protection.sort  # still allowed


@needs_libreoffice
def test_a_workbook_resaved_by_libreoffice_with_extra_sheets_and_styles_imports_the_same(
    workbook_copy: Path, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(workbook_copy)
    notes = wb.create_sheet("Mijn notities", 0)
    notes["A1"] = "Vragen voor het programmateam"
    for ws in (wb["Inspanningen"], wb["Planning"]):
        ws["A1"].font = Font(italic=True, color="FF0000")
        ws["C3"].fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(workbook_copy)
    saved = convert(workbook_copy, "xlsx", tmp_path / "libreoffice")
    resaved = next(p for p in saved if p.suffix == ".xlsx")
    out = tmp_path / "drenthe-2024"
    result = import_workbook(resaved, out, allow_warnings=True)
    assert result.edited_rows == 0
    assert isomorphic(folder_graph(REAL), folder_graph(out))


ODF = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}


@needs_libreoffice
def test_libreoffice_sees_the_id_column_locked_and_the_rest_editable(
    exported: Path, tmp_path: Path
) -> None:
    import xml.etree.ElementTree as ET

    fods = next(p for p in convert(exported, "fods", tmp_path / "fods") if p.suffix == ".fods")
    root = ET.parse(fods).getroot()
    t, s = (f"{{{ODF[k]}}}" for k in ("table", "style"))
    protect = {}  # style name -> cell-protect (ODF's default, absent, is "protected")
    for st in root.iter(s + "style"):
        props = st.find("style:table-cell-properties", ODF)
        value = props.get(s + "cell-protect") if props is not None else None
        protect[st.get(s + "name")] = value or "protected"
    table = next(x for x in root.iter(t + "table") if x.get(t + "name") == "Inspanningen")
    assert table.get(t + "protected") == "true"
    rows = table.findall(".//table:table-row", ODF)
    header, *body = rows[:53]  # the header and the agenda's 52 inspanningen
    for row in body:
        cells = row.findall("table:table-cell", ODF)
        assert "".join(cells[0].itertext()).strip().startswith("insp:")
        assert protect[cells[0].get(t + "style-name")] == "protected"
        assert protect[cells[1].get(t + "style-name")] == "none"  # Opgave: editable
    first = header.findall("table:table-cell", ODF)[0]
    assert protect[first.get(t + "style-name")] == "protected"
    columns = table.findall(".//table:table-column", ODF)
    assert protect[columns[0].get(t + "default-cell-style-name")] == "none"  # new rows
