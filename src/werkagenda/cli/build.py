"""Commands of the build pipeline: build, validate, reason, export, stats, fmt, diagram, docs.

Thin wrappers over the Python API: parse options, call the library, print its results.
Exit codes: 0 ok · 1 data non-conformant · 2 usage or input error · 3 internal failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from werkagenda.cli import main
from werkagenda.cli.ui import Progress
from werkagenda.config import DEFAULT_BASE, MAX_PRERENDERED, Agenda

REPORT_FORMATS = ("text", "ttl", "json")
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "rdfxml", "nq")


def dist_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--dist",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Build folder (default: dist/).",
    )(f)


def agenda_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--agenda",
        "agenda_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="An agenda folder <region>-<edition> (repeatable; default: every one under data/).",
    )(f)


def shapes_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--shapes",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="SHACL shapes file (default: ontology/shapes.ttl).",
    )(f)


def _agendas(dirs: tuple[Path, ...]) -> list[Agenda]:
    from werkagenda.build import agenda_at
    from werkagenda.config import discover_agendas

    return [agenda_at(d) for d in dirs] if dirs else discover_agendas()


@main.command()
@dist_option
@agenda_option
@shapes_option
@click.option(
    "--base-iri", default=DEFAULT_BASE, show_default=True, help="Base IRI for agenda resources."
)
@click.option(
    "--no-reason-check", is_flag=True, help="Skip the HermiT consistency check (no Java)."
)
@click.option(
    "--allow-empty", is_flag=True, help="Build even when there is no agenda (only the ontology)."
)
@click.option(
    "--no-pages",
    is_flag=True,
    help="Do not pre-render the resource pages for `serve` (they are then rendered on "
    "demand); pre-rendering takes minutes at national scale.",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    default=MAX_PRERENDERED,
    show_default=True,
    help="Pre-render only a store with at most this many resources (about four agendas); "
    "larger stores render their pages on demand.",
)
@click.pass_context
def build(
    ctx: click.Context,
    dist: Path | None,
    agenda_dirs: tuple[Path, ...],
    shapes: Path | None,
    base_iri: str,
    no_reason_check: bool,
    allow_empty: bool,
    no_pages: bool,
    max_pages: int,
) -> None:
    """Load ontology + data, validate, materialise, check with HermiT, write the store
    (with every resource page pre-rendered for `serve`)."""
    from functools import partial

    from werkagenda.build import build as run_build
    from werkagenda.serve.prebuilt import write_pages
    from werkagenda.validate.report import ShapeViolationError

    try:
        with Progress("build") as progress:
            path = run_build(
                dist=dist,
                agendas=_agendas(agenda_dirs),
                base_iri=base_iri,
                shapes=shapes,
                reason_check=not no_reason_check,
                progress=progress,
                allow_empty=allow_empty,
                after_write=None if no_pages else partial(write_pages, max_pages=max_pages),
            )
    except ShapeViolationError as e:
        from werkagenda.validate.render import render

        click.echo(render(e.reports, "text"), err=True, nl=False)
        click.echo(
            "werkagenda: build refused: the data violates the shapes; nothing written", err=True
        )
        ctx.exit(1)
    click.echo(f"built {path}")


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True
)
@agenda_option
@shapes_option
@click.option("--shapes-only", is_flag=True, help="Only meta-validate the shapes (SHACL-SHACL).")
@click.option(
    "--reference",
    is_flag=True,
    help="Validate with pySHACL, the reference engine, instead of pyrudof and the build cache.",
)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"], case_sensitive=False),
    default="nl",
    show_default=True,
    help="Language of the messages and labels (Dutch first, or English first).",
)
@click.pass_context
def validate(
    ctx: click.Context,
    fmt: str,
    agenda_dirs: tuple[Path, ...],
    shapes: Path | None,
    shapes_only: bool,
    reference: bool,
    lang: str,
) -> None:
    """Validate each agenda (with the vocabulary) against the SHACL shapes.

    Takes the last build's verdict for an agenda whose inputs are unchanged (text and json),
    else validates with pyrudof; `--reference` always runs pySHACL. Messages are Dutch
    (the shapes' @nl sh:message, Dutch labels) unless `--lang en`.
    """
    from werkagenda.config import DIST_DIR
    from werkagenda.validate import check_shapes
    from werkagenda.validate.agendas import validate_agendas
    from werkagenda.validate.render import render

    with Progress("validate") as progress:
        if shapes_only:
            with progress.step("meta-validating the shapes"):
                reports = [check_shapes(shapes)]
        else:
            agendas = _agendas(agenda_dirs)
            with progress.step("validating agendas", total=len(agendas)):
                reports = validate_agendas(
                    agendas,
                    shapes=shapes,
                    engine="pyshacl" if reference else "pyrudof",
                    cache_dir=None if reference or fmt == "ttl" else DIST_DIR,
                    advance=progress.advance,
                )
    click.echo(render(reports, fmt, lang.lower()), nl=False)
    if not all(r.conforms for r in reports):
        ctx.exit(1)


@main.command()
@dist_option
@agenda_option
@click.option("--force", is_flag=True, help="Run HermiT even if the content is unchanged.")
def reason(dist: Path | None, agenda_dirs: tuple[Path, ...], force: bool) -> None:
    """Check consistency with HermiT and list the members of each defined class."""
    from werkagenda.load import vocabulary_quads

    vocabulary = vocabulary_quads()
    agendas = _agendas(agenda_dirs)
    with Progress("reason") as progress, progress.step("HermiT", total=len(agendas)):
        for agenda in agendas:
            _reason_one(agenda, vocabulary, dist, force)
            progress.advance()


def _reason_one(agenda: Any, vocabulary: list[Any], dist: Path | None, force: bool) -> None:
    """HermiT on one agenda; prints its verdict and the defined classes' members."""
    import functools
    import time

    import pyoxigraph as ox

    from werkagenda.config import DIST_DIR
    from werkagenda.load import agenda_quads
    from werkagenda.rdf.curies import converter
    from werkagenda.reason import materialise, reason_check

    quads = agenda_quads(agenda)
    store = ox.Store()
    store.extend([*vocabulary, *quads])
    short = functools.partial(converter(agenda).compact, bracket=True)
    started = time.perf_counter()
    result = reason_check(
        agenda,
        vocabulary=vocabulary,
        agenda_quads=quads,
        materialised=materialise(store, agenda.iri).memberships,
        cache_dir=None if force else (dist or DIST_DIR),
        short=short,
    )
    how = (
        "unchanged since the last check"
        if result.cached
        else f"{time.perf_counter() - started:.1f} s"
    )
    click.echo(f"{agenda.key}: consistent (HermiT, {how}); the CONSTRUCT rules agree")
    for cls, members in result.memberships.items():
        names = sorted(map(short, members), key=_natural)
        click.echo(f"  {short(cls)} ({len(members)}): " + ", ".join(names))


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here (atomically) instead of to stdout.",
)
@click.option(
    "--pretty/--compact",
    default=None,
    help="JSON-LD: indent it (default: on a terminal, not in a pipe or file).",
)
@dist_option
def export(fmt: str, output: Path | None, pretty: bool | None, dist: Path | None) -> None:
    """Export the compiled store (nq/jsonld keep the named graphs; others merge them).

    JSON-LD is compact, with the project's @context (ontology/context.jsonld).
    """
    import sys

    from werkagenda.export import export as run_export
    from werkagenda.rdf.atomic import write_bytes
    from werkagenda.rdf.curies import prefix_map

    if pretty is None:
        pretty = output is None and sys.stdout.isatty()
    data = run_export(_open(dist), fmt, prefixes=prefix_map(), pretty=pretty)
    if output is None:
        click.echo(data, nl=False)  # bytes go to the binary stdout
    else:
        click.echo(f"wrote {write_bytes(output, data)}", err=True)


@main.command()
@click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True
)
@dist_option
def stats(fmt: str, dist: Path | None) -> None:
    """Counts per class and per theme (goals, inspanningen, listings, organisations)."""
    from werkagenda.stats import THEME_COLUMNS
    from werkagenda.stats import stats as run_stats

    found = run_stats(_open(dist))
    if fmt == "json":
        click.echo(json.dumps([s.__dict__ for s in found], indent=2, ensure_ascii=False))
        return
    from werkagenda.rdf.curies import compact

    for s in found:
        click.echo(f"{s.agenda.removeprefix(DEFAULT_BASE + 'id/')} <{s.agenda}>")
        click.echo("  per class:")
        for cls, n in s.classes:
            click.echo(f"    {n:6d}  {compact(cls)}")
        a = s.actors
        click.echo(
            f"  actors: {a['organisations_and_groups']} organisations and groups, "
            f"{a['officials']} officials ({a['actors']} in all)"
        )
        click.echo("  per theme:  " + "  ".join(f"{c:>13}" for c in THEME_COLUMNS))
        for theme, counts in s.themes:
            click.echo(f"    {theme:<9}" + "  ".join(f"{counts[c]:>13}" for c in THEME_COLUMNS))


@main.command()
@click.option("--check", is_flag=True, help="Change nothing; exit 1 listing files not canonical.")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def fmt(ctx: click.Context, check: bool, files: tuple[Path, ...]) -> None:
    """Rewrite data/**/*.ttl and ontology/*.ttl in canonical Turtle (or --check them)."""
    from werkagenda.fmt import check as check_files
    from werkagenda.fmt import rewrite, turtle_files

    paths = list(files) or turtle_files()
    if check:
        bad = check_files(paths)
        for f in bad:
            click.echo(f"not canonical: {_shown(f.path)}", err=True)
        if bad:
            click.echo(f"{len(bad)} file(s) not canonical; run `werkagenda fmt` to fix", err=True)
            ctx.exit(1)
        click.echo(f"{len(paths)} file(s) checked: all canonical")
        return
    changed = rewrite(paths)
    for f in changed:
        dropped = f" ({f.dropped_comments} comment lines dropped)" if f.dropped_comments else ""
        click.echo(f"formatted {_shown(f.path)}{dropped}")
    click.echo(f"{len(changed)} of {len(paths)} file(s) reformatted, the rest already canonical")


@main.command()
@click.option(
    "--readme",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File holding the diagram markers (default: README.md).",
)
def diagram(readme: Path | None) -> None:
    """Write the ontology's Mermaid class diagram into README.md between the markers."""
    from werkagenda.docs import update_readme

    changed = update_readme(readme)
    click.echo(f"{readme or 'README.md'}: diagram {'updated' if changed else 'unchanged'}")


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
def docs(outdir: Path) -> None:
    """Render the ontology documentation with pyLODE (nl and en) into OUTDIR."""
    from werkagenda.docs import render_docs

    for page in render_docs(outdir):
        click.echo(f"wrote {page}")


def _natural(text: str) -> list[Any]:
    """Sort key putting VOW-9 before VOW-10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _shown(path: Path) -> str:
    from werkagenda.config import ROOT

    return (
        str(path.resolve().relative_to(ROOT)) if path.resolve().is_relative_to(ROOT) else str(path)
    )


def _open(dist: Path | None):  # type: ignore[no-untyped-def]
    """The compiled store; the default one is rebuilt when stale, an explicit --dist is not."""
    from werkagenda.errors import InputError
    from werkagenda.store import open_store, store_path

    path = store_path(dist)
    if dist is not None and not path.exists():
        raise InputError(f"{path}: no compiled store; run `werkagenda build --dist {dist}`")
    return open_store(path, ensure_fresh=dist is None)
