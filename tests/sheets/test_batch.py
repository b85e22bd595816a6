"""A batch of workbooks (the real agenda's export and synthetic agendas) imported by the pool
of worker processes: each folder the graph of its source; one bad workbook → nothing
written anywhere, the message naming it; two naming one agenda → refused."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from rdflib.compare import isomorphic

from tests.sheets.conftest import REAL, column, edit, find_row, folder_graph, werkagenda
from werkagenda.config import discover_agendas
from werkagenda.sheets.batch import BatchDataError, BatchInputError, import_workbooks
from werkagenda.sheets.export import workbook_bytes
from werkagenda.sheets.source import read_agenda
from werkagenda.synth import generate

SYNTH = ["synth-r001-2024", "synth-r001-2025"]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory, exported: Path) -> Path:
    """pristine/: two synthetic agendas as generated; books/: their workbooks and the real
    agenda's. Copy pristine/ before importing into it."""
    root = tmp_path_factory.mktemp("national")
    generate(root / "pristine", scale=2, seed=7)
    (root / "books").mkdir()
    for agenda in discover_agendas(root / "pristine"):
        book = root / "books" / f"{agenda.folder.name}.xlsx"
        book.write_bytes(workbook_bytes(read_agenda(agenda)))
    shutil.copy(exported, root / "books" / "drenthe-2024.xlsx")
    assert sorted(p.stem for p in (root / "books").iterdir()) == ["drenthe-2024", *SYNTH]
    return root


def _data(national: Path, tmp_path: Path) -> Path:
    """A data folder holding the synthetic agendas (their sources/ included), not the real one."""
    return Path(shutil.copytree(national / "pristine", tmp_path / "data"))


def _books(national: Path, tmp_path: Path) -> list[Path]:
    return [
        Path(shutil.copy(national / "books" / f"{name}.xlsx", tmp_path / f"{name}.xlsx"))
        for name in ["drenthe-2024", *SYNTH]
    ]


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file and folder, hidden ones (a staging folder left behind) included."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in folder.rglob("*")
    }


def test_a_batch_imports_each_workbook_into_its_folder_in_worker_processes(
    national: Path, tmp_path: Path
) -> None:
    data = _data(national, tmp_path)
    results = import_workbooks(
        _books(national, tmp_path), data, allow_warnings=True, reuse_unchanged=False, workers=2
    )
    assert [r.folder for r in results] == [data / "drenthe-2024", *(data / n for n in SYNTH)]
    assert all(r.worker not in (0, os.getpid()) for r in results)  # staged in the pool
    sources = [REAL, *(national / "pristine" / n for n in SYNTH)]
    for result, source in zip(results, sources, strict=True):
        # every file written by the canonical formatter from the workbook, none copied
        assert result.changed == sorted(p.name for p in source.glob("*.ttl"))
        original, imported = folder_graph(source), folder_graph(result.folder)
        assert len(imported) == len(original) > 5_000, result.folder
        assert isomorphic(original, imported), result.folder
    assert not [p for p in data.iterdir() if p.name.startswith(".")]  # no staging left


def _first_row(sheet: str, header: str, value: str) -> Callable[[openpyxl.Workbook], None]:
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[sheet]
        ws.cell(row=2, column=column(ws, header)).value = value

    return change


def _unknown_status(book: Path) -> list[str]:
    edit(book, _first_row("Financiering", "Status", "bijna klaar"))
    return [
        f"workbook {book.name}: 1 problem in the workbook:\n  sheet 'Financiering', row 2, "
        "column 'Status', value 'bijna klaar': not a value of the list 'Financieringsstatus'"
    ]


def _unprinted_organisation(book: Path) -> list[str]:
    """Passes the cells and the shapes; fails a check row while staging (in a worker)."""

    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Inspanningen"]
        ws.cell(
            row=find_row(ws, "insp:VOW-9"), column=column(ws, "Initiatiefnemers")
        ).value = "Icare\nBuurtzorgg"

    edit(book, change)
    return [
        f"workbook {book.name}: 1 controle(s) van queries/checks geschonden in drenthe/2024",
        "label-not-in-source-violation: actor:buurtzorgg",
        "actor:buurtzorgg: sheet 'Inspanningen', row ",
    ]


@pytest.mark.parametrize(
    ("bad", "spoil"),
    [(2, _unknown_status), (0, _unprinted_organisation)],
    ids=["a coded cell", "a check row"],
)
def test_one_bad_workbook_and_nothing_is_written_anywhere(
    national: Path, tmp_path: Path, bad: int, spoil: Callable[[Path], list[str]]
) -> None:
    data = _data(national, tmp_path)
    books = _books(national, tmp_path)
    parts = spoil(books[bad])
    before = _snapshot(data)
    with pytest.raises(BatchDataError) as refused:
        import_workbooks(books, data, allow_warnings=True, new_organisations=True, workers=2)
    message = str(refused.value)
    assert message.startswith("1 of 3 workbooks refused; nothing written:\n")
    for part in parts:
        assert part in message
    assert _snapshot(data) == before  # the good ones' folders were staged, then removed
    fresh = tmp_path / "fresh"  # a new data folder (the real agenda's sources come from data/)
    some = [book for i, book in enumerate(books) if i in (0, bad)]
    with pytest.raises(BatchDataError):
        import_workbooks(some, fresh, allow_warnings=True, new_organisations=True, workers=2)
    assert not fresh.exists()


def test_two_workbooks_naming_one_agenda_are_refused(national: Path, tmp_path: Path) -> None:
    book = national / "books" / "drenthe-2024.xlsx"
    again = Path(shutil.copy(book, tmp_path / "copy.xlsx"))
    with pytest.raises(BatchInputError) as refused:
        import_workbooks([book, again], tmp_path / "data")
    assert str(refused.value) == (
        "drenthe-2024.xlsx and copy.xlsx both name the agenda drenthe/2024 (sheet 'Werkmap'); "
        "a batch imports each agenda once: leave one out; nothing written"
    )
    assert refused.value.exit_code == 2
    assert not (tmp_path / "data").exists()


def test_the_command_line_batch(national: Path, tmp_path: Path) -> None:
    """Real processes: the CLI forks its workers (it has not run pyrudof itself)."""
    data = _data(national, tmp_path)
    books = [str(b) for b in _books(national, tmp_path)[1:]]
    done = werkagenda("sheet", "import", *books, "--into", str(data), "--allow-warnings")
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if line.startswith("wrote ")] == [
        f"wrote {data / name}" for name in SYNTH
    ]
    # one workbook, --data-folder: --into is the data folder, not the agenda folder
    real = tmp_path / "drenthe-2024.xlsx"
    done = werkagenda("sheet", "import", str(real), "--into", str(data), "--data-folder")
    assert done.returncode == 1  # the real agenda has SHACL warnings
    assert "--allow-warnings" in done.stderr and "workbook drenthe-2024.xlsx" in done.stderr
    assert not (data / "drenthe-2024").exists()
    done = werkagenda(
        "sheet", "import", str(real), "--into", str(data), "--data-folder", "--allow-warnings"
    )
    assert done.returncode == 0, done.stderr
    assert isomorphic(folder_graph(REAL), folder_graph(data / "drenthe-2024"))
    # not a workbook: exit 2, named, nothing written
    fake = tmp_path / "notes.xlsx"
    fake.write_text("not a workbook")
    before = _snapshot(data)
    done = werkagenda("sheet", "import", books[0], str(fake), "--into", str(data))
    assert done.returncode == 2
    assert "notes.xlsx: not a workbook" in done.stderr
    assert _snapshot(data) == before


@pytest.mark.parametrize("key", ["../../elsewhere/2024", "drenthe", ""])
def test_an_agenda_key_that_is_no_folder_name_is_refused(
    national: Path, tmp_path: Path, key: str
) -> None:
    """The key names the folder a batch writes: nothing but <region>/<edition> may."""
    book = Path(shutil.copy(national / "books" / "drenthe-2024.xlsx", tmp_path / "x.xlsx"))

    def change(wb: openpyxl.Workbook) -> None:
        ws = wb["Werkmap"]
        row = next(r for r in ws.iter_rows() if r[0].value == "agenda")
        row[1].value = key

    edit(book, change)
    with pytest.raises(BatchInputError) as refused:
        import_workbooks([book], tmp_path / "data")
    assert "x.xlsx: sheet 'Werkmap' names" in str(refused.value)
    assert "the agenda key reads <region>/<edition>" in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.xlsx"]
