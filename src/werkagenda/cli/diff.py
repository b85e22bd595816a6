"""`werkagenda diff OLD NEW`: the semantic changelog between two editions of an agenda."""

from __future__ import annotations

import sys

import click

from werkagenda.cli import main

FORMATS = ("text", "md", "json", "ttl", "jsonld", "nt")


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--lang", type=click.Choice(("nl", "en")), default="nl", show_default=True)
@click.option("--across-regions", is_flag=True, help="Compare agendas of different regions.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes (for scripts).")
def diff(old: str, new: str, fmt: str, lang: str, across_regions: bool, exit_code: bool) -> None:
    """Changes from edition OLD to NEW (agenda keys drenthe/2024, folders, or agenda IRIs).

    Resources are matched by their codes and identities, not by IRI; every change names
    its source line in both editions. Exit 0 with or without changes (1 with --exit-code).
    """
    from werkagenda.editions import changelog, render

    log = changelog(old, new, across_regions=across_regions)
    if fmt == "text":
        click.echo(render.text(log, lang), nl=False)
    elif fmt == "md":
        click.echo(render.markdown(log, lang), nl=False)
    elif fmt == "json":
        click.echo(render.as_json(log), nl=False)
    else:
        from werkagenda.editions.changes_rdf import serialize  # rdflib only for RDF output

        click.echo(serialize(log, fmt), nl=False)
    if exit_code and log.changes:
        sys.exit(1)
