"""`sheet template` for a new region: filled in by the test, imported, built and queried as a
new agenda by the real command line in a repository-shaped folder."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.sheets.conftest import ROOT, column, werkagenda

BASE = "https://w3id.org/iza-werkagenda/id/twente/2025"
SOURCE = [  # the new agenda's own source text (written by the test, cited by line)
    "Werkagenda 2025 Gezond Twente",
    "Opgave: Vitaal ouder worden. Ambitie: langer vitaal thuis wonen",
    "1. Valpreventie in de wijk | Initiatiefnemer: Zorgnetwerk Twente | "
    "Middelen: bestaande middelen",
]
ROWS = {
    "Agenda": [
        {
            "ID (niet wijzigen)": f"<{BASE}>",
            "Klasse": "wa:Werkagenda",
            "Titel": "Werkagenda 2025 Gezond Twente",
            "Titel (en)": "Healthy Twente work agenda 2025",
            "Label": "Werkagenda 2025 Gezond Twente",
            "Label (en)": "Healthy Twente work agenda 2025",
            "Regio": "Twente",
            "Editie": "2025",
            "Brondocument": f"<{BASE}/bron/werkagenda>",
            "Samenwerkingsverband": "Gezond Twente",
            "Bronregels": "bron:L1",
        },
        {
            "ID (niet wijzigen)": f"<{BASE}/opgaven>",
            "Klasse": "skos:ConceptScheme",
            "Naam": "Opgaven Gezond Twente",
            "Naam (en)": "Themes of Healthy Twente",
            "Werkagenda": f"<{BASE}>",
            "Topbegrippen": "opgave:VOW",
            "Bronregels": "bron:L2",
        },
    ],
    "Bronnen": [
        {
            "ID (niet wijzigen)": f"<{BASE}/bron/werkagenda>",
            "Klasse": "wa:BronDocument",
            "Titel": "Werkagenda 2025 Gezond Twente (testtekst)",
            "Titel (en)": "Test text",
            "Bestandspad": "sources/werkagenda.txt",
        },
    ],
    "Opgaven en doelen": [
        {
            "Klasse": "wa:PrioritaireOpgave",
            "Code": "VOW",
            "Notatie": "VOW",
            "Naam": "Vitaal ouder worden",
            "Naam (en)": "Healthy ageing",
            "Ambitie": "langer vitaal thuis wonen",
            "In schema": f"<{BASE}/opgaven>",
            "Topbegrip van": f"<{BASE}/opgaven>",
            "Werkagenda": f"<{BASE}>",
            "Bronregels": "bron:L2",
        },
    ],
    "Inspanningen": [
        {
            "Klasse": "wa:Inspanning",
            "Opgave": "opgave:VOW",
            "Code": "VOW-1",
            "Nummer": "1",
            "Titel": "Valpreventie in de wijk",
            "Inspanning": "1. Valpreventie in de wijk",
            "Initiatiefnemer": "Zorgnetwerk Twente",
            "Initiatiefnemers": "Zorgnetwerk Twente",
            "Middelen": "bestaande middelen",
            "Bronregels": "bron:L3",
        },
    ],
    "Financiering": [
        {
            "Klasse": "wa:Financiering",
            "Inspanning": "insp:VOW-1",
            "Financieringsbron": "eigen-middelen",
            "Status": "beschikbaar",
            "Zekerheid": "zeker",
            "Brontekst": "bestaande middelen",
            "Bronregels": "bron:L3",
        },
    ],
    "Organisaties": [
        {
            "Klasse": "wa:Samenwerkingsverband",
            "Naam": "Gezond Twente",
            "Organisatiesoort": "netwerk",
            "Bronregels": "bron:L1",
        },
        {
            "Klasse": "wa:Organisatie",
            "Naam": "Zorgnetwerk Twente",
            "Organisatiesoort": "netwerk",
            "Bronregels": "bron:L3",
        },
    ],
}


def _fill(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    for sheet, rows in ROWS.items():
        ws = wb[sheet]
        assert ws.max_row == 1, f"template sheet {sheet} is not empty"
        for r, values in enumerate(rows, start=2):
            for header, value in values.items():
                ws.cell(row=r, column=column(ws, header), value=value)
    wb.save(path)


def test_a_filled_template_builds_validates_and_answers_as_a_new_agenda(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for name in ("ontology", "queries"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(ROOT / name)
    folder = root / "data" / "twente-2025"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "werkagenda.txt").write_text("\n".join(SOURCE) + "\n")
    env = {"WERKAGENDA_ROOT": str(root), "WERKAGENDA_DIST": str(root / "dist")}
    book = tmp_path / "twente.xlsx"
    made = werkagenda(
        "sheet", "template", str(book), "--region", "Twente", "--year", "2025", env=env
    )
    assert made.returncode == 0, made.stderr
    _fill(book)
    imported = werkagenda("sheet", "import", str(book), "--into", str(folder), env=env)
    assert imported.returncode == 0, imported.stderr + imported.stdout
    assert "0 violations, 0 warnings" in imported.stdout
    assert (folder / "sources" / "werkagenda.txt").exists()
    assert sorted(p.name for p in folder.glob("*.ttl")) == [
        "agenda.ttl",
        "organisations.ttl",
        "vow.ttl",
    ]
    answer = werkagenda(
        "query",
        "inspanningen",
        "-p",
        "region=twente",
        "-p",
        "edition=2025",
        "--format",
        "json",
        env=env,
    )
    assert answer.returncode == 0, answer.stderr
    rows = json.loads(answer.stdout)
    assert [(r["code"], r["title"]) for r in rows] == [("VOW-1", "Valpreventie in de wijk")]
