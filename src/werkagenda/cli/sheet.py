"""`werkagenda sheet export|import|template`: the agenda as a workbook, and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from werkagenda.cli import main

if TYPE_CHECKING:
    from werkagenda.sheets.importer import Imported

LANG = click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of sheet names, headers and list values.",
)


@main.group()
def sheet() -> None:
    """The agenda as a spreadsheet: export, import (validated), empty template."""


@sheet.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--agenda", "agenda_key", default=None, help="Agenda key, e.g. drenthe/2024.")
@LANG
def export_cmd(file: Path, agenda_key: str | None, lang: str) -> None:
    """Write the agenda as FILE.xlsx (one sheet per table, dropdowns, IDs, source lines)."""
    from werkagenda.sheets.export import export_workbook

    click.echo(f"wrote {export_workbook(file, agenda_key=agenda_key, lang=lang)}")


@sheet.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="One workbook: the agenda folder to write. Several (or --data-folder): the data "
    "folder, each workbook into <into>/<region>-<edition>/ from its 'Werkmap' key.",
)
@click.option(
    "--data-folder",
    is_flag=True,
    help="--into is the data folder even for one workbook (implied by several).",
)
@click.option("--allow-warnings", is_flag=True, help="Write even when SHACL reports warnings.")
@click.option(
    "--new-organisation",
    "new_organisations",
    is_flag=True,
    help="Accept organisation names that match none: add them to organisations.ttl.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes staging a batch (default: one per core, at most one per workbook).",
)
def import_cmd(
    files: tuple[Path, ...],
    into: Path,
    data_folder: bool,
    allow_warnings: bool,
    new_organisations: bool,
    workers: int | None,
) -> None:
    """Read FILES (.xlsx) back into agenda folders of canonical Turtle, all or nothing:
    every workbook is staged and gated (shapes, queries/checks) before any is written."""
    from werkagenda.sheets.importer import import_workbook

    results: list[Imported]
    if len(files) == 1 and not data_folder:
        results = [
            import_workbook(
                files[0], into, allow_warnings=allow_warnings, new_organisations=new_organisations
            )
        ]
    else:
        from werkagenda.sheets.batch import import_workbooks

        results = import_workbooks(
            list(files),
            into,
            allow_warnings=allow_warnings,
            new_organisations=new_organisations,
            workers=workers,
        )
    for result in results:
        _report(result)


def _report(result: Imported) -> None:
    click.echo(f"{result.summary}; {result.triples} triples in {len(result.files)} files")
    click.echo(
        f"changed: {', '.join(result.changed) or 'nothing'}; "
        f"rows edited or added: {result.edited_rows}"
    )
    for iri in result.new_organisations:
        click.echo(f"new organisation: {iri}")
    click.echo(f"wrote {result.folder}")


@sheet.command("template")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--region", required=True, help="Region name, e.g. Twente.")
@click.option("--year", type=click.IntRange(1900, 2999), required=True, help="Edition year.")
@LANG
def template_cmd(file: Path, region: str, year: int, lang: str) -> None:
    """Write an empty workbook with every sheet and dropdown, for a new agenda."""
    from werkagenda.sheets.export import template_workbook

    click.echo(f"wrote {template_workbook(file, region=region, year=year, lang=lang)}")
