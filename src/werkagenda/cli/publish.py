"""`werkagenda publish OUTDIR`: the static release (written aside, then swapped in)."""

from __future__ import annotations

from pathlib import Path

import click

from werkagenda.cli import main
from werkagenda.cli.ui import Progress
from werkagenda.config import DEFAULT_BASE


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--site-url",
    default=DEFAULT_BASE,
    show_default=True,
    help="Public URL the release will be served from (downloads and pages live under it).",
)
@click.option(
    "--sparql-url", default=None, help="Public SPARQL endpoint (default: SITE_URL/sparql)."
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Compiled store (default: dist/store, rebuilt first when the sources are newer).",
)
def publish(outdir: Path, site_url: str, sparql_url: str | None, store: Path | None) -> None:
    """Write the static site: pages, dumps, CSV + CSVW, ontology docs, VoID, DCAT, SHA-256 list."""
    from werkagenda.publish import Site
    from werkagenda.publish import publish as run_publish
    from werkagenda.store import open_store, read_stamp, store_path

    path = store or store_path()
    with Progress("publish") as progress:
        if store is None:
            with progress.step("checking the store"):
                open_store(path)  # rebuild when stale
        base = (read_stamp(path) or {}).get("base_iri", DEFAULT_BASE)
        site_url = site_url if site_url.endswith("/") else site_url + "/"
        site = Site(site_url=site_url, sparql_url=sparql_url or site_url + "sparql", base_iri=base)
        with progress.step("writing pages, dumps and metadata"):
            written = run_publish(outdir, store=path, site=site)
    click.echo(f"published {written}")
