"""`werkagenda whatif`: what falls if funding instruments or plans are not granted."""

from __future__ import annotations

from pathlib import Path

import click

from werkagenda.cli import main
from werkagenda.cli.query import _open, store_option
from werkagenda.cli.ui import table_width


@main.command("whatif")
@click.option(
    "--reject",
    "reject",
    multiple=True,
    required=True,
    metavar="NAME",
    help="A funding source (notation or slug: iza, iza-transformatieplan, spuk …) or an "
    "application (VOW-9-tp, VOW-9:transformatieplan, VOW-9:snelle-toets); repeatable.",
)
@click.option(
    "--agenda",
    metavar="KEY|IRI",
    default=None,
    help="Agenda: a key region/edition or its IRI (default: the latest edition of drenthe).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "md"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of titles and labels.",
)
@click.option("--wide", is_flag=True, help="Whole cells, one line each (no wrapping).")
@store_option
def whatif_cmd(
    reject: tuple[str, ...],
    agenda: str | None,
    fmt: str,
    lang: str,
    wide: bool,
    store_dir: Path | None,
) -> None:
    """What falls if the REJECTed funding sources or applications are not granted."""
    from werkagenda.analysis.whatif import run
    from werkagenda.analysis.whatif_format import render

    scenario = run(reject, agenda=agenda, lang=lang, store=_open(store_dir))
    click.echo(render(scenario, fmt, width=table_width(wide)), nl=False)
