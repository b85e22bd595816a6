"""Commands of the build pipeline: build (more to come: validate, reason, export, stats, fmt)."""

from __future__ import annotations

from pathlib import Path

import click

from werkagenda.cli import main
from werkagenda.config import DEFAULT_BASE


@main.command()
@click.option("--dist", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: dist/).")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True,
              help="Base IRI for agenda resources.")
def build(dist: Path | None, base_iri: str) -> None:
    """Load ontology + data, validate, reason and write the compiled store."""
    from werkagenda.build import build as run_build

    path = run_build(dist=dist, base_iri=base_iri)
    click.echo(f"built {path}")
