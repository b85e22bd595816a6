"""Bad workbooks: a message naming sheet, row, column and value; exit 1 (data) or 2 (input);
and nothing written — the target folder keeps every byte, no staging folder is left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sheets.conftest import column, copy_agenda, edit, find_row, werkagenda


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _set(sheet: str, ident: str, header: str, value: str | None) -> Callable:  # type: ignore[type-arg]
    def change(wb):  # type: ignore[no-untyped-def]
        ws = wb[sheet]
        ws.cell(row=find_row(ws, ident), column=column(ws, header)).value = value

    return change


def _rename(wb):  # type: ignore[no-untyped-def]
    wb["Planning"].title = "Planning 2024"


def _drop(wb):  # type: ignore[no-untyped-def]
    del wb["Rollen"]


def _drop_column(wb):  # type: ignore[no-untyped-def]
    ws = wb["Financiering"]
    ws.delete_cols(column(ws, "Zekerheid"))


CASES = {
    "unknown coded value": (
        _set("Financiering", "fin:VOW-9-1", "Status", "bijna klaar"),
        1,
        [
            "sheet 'Financiering', row",
            "column 'Status', value 'bijna klaar'",
            "not a value of the list 'Financieringsstatus'",
        ],
    ),
    "duplicate identifier": (
        _set("Inspanningen", "insp:VOW-10", "ID (niet wijzigen)", "insp:VOW-9"),
        1,
        ["sheet 'Inspanningen', row", "value 'insp:VOW-9'", "duplicate identifier"],
    ),
    "goal letter not in its theme": (
        _set("Doelverwijzingen", "dv:VOW-9-1", "Letter", "Z"),
        1,
        [
            "sheet 'Doelverwijzingen', row",
            "column 'Letter', value 'Z'",
            "theme opgave:VOW has no goal with this letter (its letters: A, B, C, D, E, F, G, H)",
        ],
    ),
    "organisation matching none": (
        _set("Inspanningen", "insp:VOW-9", "Initiatiefnemers", "Icare\nBuurtzorgg"),
        1,
        [
            "sheet 'Inspanningen', row",
            "column 'Initiatiefnemers', value 'Buurtzorgg'",
            "nearest: 'Buurtzorg'",
            "--new-organisation",
        ],
    ),
    "required cell empty": (
        _set("Inspanningen", "insp:VOW-9", "Titel", None),
        1,
        ["sheet 'Inspanningen', row", "column 'Titel', value ''", "a value is required"],
    ),
    "sheet renamed": (
        _rename,
        2,
        ["sheet 'Planning' is missing; was it renamed to 'Planning 2024'?"],
    ),
    "sheet missing": (_drop, 2, ["sheet 'Rollen' is missing"]),
    "column missing": (
        _drop_column,
        2,
        ["sheet 'Financiering', row 1: column 'Zekerheid' is missing"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_workbook_is_refused_and_nothing_written(
    case: str, workbook_copy: Path, tmp_path: Path
) -> None:
    change, code, parts = CASES[case]
    edit(workbook_copy, change)
    folder = copy_agenda(tmp_path / "drenthe-2024")
    before = _snapshot(folder)
    result = werkagenda(
        "sheet", "import", str(workbook_copy), "--into", str(folder), "--allow-warnings"
    )
    assert result.returncode == code, result.stderr
    for part in parts:
        assert part in result.stderr
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drenthe-2024", "werkagenda.xlsx"]


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    fake = tmp_path / "agenda.xlsx"
    fake.write_text("Inspanning;Initiatiefnemer\n9. De buurt als Ecosysteem;Icare\n")
    result = werkagenda("sheet", "import", str(fake), "--into", str(tmp_path / "x-2024"))
    assert result.returncode == 2
    assert "agenda.xlsx: not a workbook" in result.stderr
    assert not (tmp_path / "x-2024").exists()


def _new_organisation(folder: Path, book: Path, name: str):  # type: ignore[no-untyped-def]
    edit(book, _set("Inspanningen", "insp:VOW-9", "Initiatiefnemers", f"Icare\n{name}"))
    return werkagenda(
        "sheet",
        "import",
        str(book),
        "--into",
        str(folder),
        "--allow-warnings",
        "--new-organisation",
    )


def test_new_organisation_is_accepted_when_asked(workbook_copy: Path, tmp_path: Path) -> None:
    # A name the row's source lines print (L203), so the label check holds too.
    folder = copy_agenda(tmp_path / "drenthe-2024")
    result = _new_organisation(folder, workbook_copy, "Zorgzame Gemeenschappen")
    assert result.returncode == 0, result.stderr
    actor = "https://w3id.org/iza-werkagenda/id/drenthe/actor/zorgzame-gemeenschappen"
    assert f"new organisation: {actor}" in result.stdout
    text = (folder / "organisations.ttl").read_text()
    assert "actor:zorgzame-gemeenschappen\n    a wa:Organisatie ;" in text
    assert "insp:VOW-9" not in text
    assert "actor:zorgzame-gemeenschappen" in (folder / "vow.ttl").read_text()


def test_a_workbook_that_passes_the_shapes_but_not_a_check_is_refused(
    workbook_copy: Path, tmp_path: Path
) -> None:
    """The build's second gate (queries/checks rows) decides an import too: a new
    organisation is valid for the shapes, but a name its source lines do not print fails
    label-not-in-source, as `build` would; nothing is written."""
    folder = copy_agenda(tmp_path / "drenthe-2024")
    before = _snapshot(folder)
    result = _new_organisation(folder, workbook_copy, "Buurtzorgg")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(  # SHACL passed (it is asked first): a check refused it
        "werkagenda: 1 controle(s) van queries/checks geschonden in drenthe/2024:\n"
        "  label-not-in-source-violation: actor:buurtzorgg — het label 'Buurtzorgg' staat in "
        "geen van de geciteerde bronregels van de werkagenda"
    )
    assert "in the workbook:\n  actor:buurtzorgg: sheet 'Inspanningen', row " in result.stderr
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drenthe-2024", "werkagenda.xlsx"]
