"""`werkagenda sheet export|import|template`: the agenda as a workbook, and back."""

from __future__ import annotations

from pathlib import Path

import click

from werkagenda.cli import main

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
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Agenda folder to write (staged, validated, then swapped in).",
)
@click.option("--allow-warnings", is_flag=True, help="Write even when SHACL reports warnings.")
@click.option(
    "--new-organisation",
    "new_organisations",
    is_flag=True,
    help="Accept organisation names that match none: add them to organisations.ttl.",
)
def import_cmd(file: Path, into: Path, allow_warnings: bool, new_organisations: bool) -> None:
    """Read FILE.xlsx back into an agenda folder of canonical Turtle."""
    from werkagenda.sheets.importer import import_workbook

    result = import_workbook(
        file, into, allow_warnings=allow_warnings, new_organisations=new_organisations
    )
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
