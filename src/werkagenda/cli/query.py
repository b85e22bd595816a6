"""Query commands: `queries`, `query NAME`, `sparql`, `push` (thin wrappers over the API).

The query path stays light: heavy modules are imported inside the commands, and neither
the validators nor the reasoner are ever imported here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from werkagenda.cli import main
from werkagenda.cli.ui import Progress, note, table_width
from werkagenda.config import DEFAULT_AGENDA_IRI

FORMATS = ("table", "csv", "tsv", "json", "jsonld", "ttl")


def format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--wide",
        "--no-truncate",
        "wide",
        is_flag=True,
        help="Tables: whole cells on one line each (no fitting to the terminal).",
    )(f)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(f)


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        "store_dir",
        default=None,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="A compiled store folder (default: dist/store, rebuilt when stale).",
    )(f)


def remote_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        (
            click.option(
                "--endpoint",
                metavar="URL",
                default=None,
                help="Run on this SPARQL 1.1 query endpoint instead of the compiled store.",
            ),
            click.option("--user", default=None, help="HTTP basic user for the endpoint."),
            click.option(
                "--password",
                default=None,
                envvar="WERKAGENDA_PASSWORD",
                help="HTTP basic password (or $WERKAGENDA_PASSWORD).",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0.1),
                default=30.0,
                show_default=True,
                help="Seconds to wait for the endpoint.",
            ),
        )
    ):
        f = option(f)
    return f


@main.command("queries")
@click.argument("name", required=False)
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of the titles.",
)
@click.option("--wide", is_flag=True, help="Whole titles, one line each.")
def queries_cmd(name: str | None, lang: str, wide: bool) -> None:
    """List the named queries (* marks a required parameter), or describe query NAME."""
    from werkagenda.query import list_queries
    from werkagenda.query.format import table

    if name is not None:
        from werkagenda.query.describe import describe
        from werkagenda.query.registry import get

        click.echo(describe(get(name), lang))
        return
    rows = []
    for q in list_queries():
        params = " ".join(
            p.name + ("*" if p.required else "")
            for p in q.params
            if p.name not in ("agenda", "lang")
        )
        rows.append([q.name, q.title_in(lang), params])
    text = table(["query", "title", "parameters"], rows, width=table_width(wide))
    click.echo(text + "Details: werkagenda queries NAME", nl=True)


@main.command("query")
@click.argument("name")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable), e.g. --param code=VOW-9.",
)
@format_option
@click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Language of labels (the query's `lang` parameter; default nl).",
)
@click.option(
    "--agenda",
    metavar="IRI",
    default=None,
    help=(
        f"Agenda graph to query, e.g. {DEFAULT_AGENDA_IRI} "
        "(default: the latest edition of drenthe in the store)."
    ),
)
@store_option
@remote_options
def query_cmd(
    name: str,
    params: tuple[str, ...],
    fmt: str,
    wide: bool,
    lang: str | None,
    agenda: str | None,
    store_dir: Path | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """Run the named query NAME (see `werkagenda queries`)."""
    from werkagenda.query.params import parse_assignments
    from werkagenda.query.registry import get

    values: dict[str, object] = dict(parse_assignments(params))
    if lang is not None:
        values["lang"] = lang
    if agenda is not None:
        values["agenda"] = agenda
    named = get(name)
    if endpoint:
        from werkagenda.remote.client import Endpoint, run_named

        result = run_named(Endpoint(endpoint, user, password, timeout), named, values)
    else:
        from werkagenda.query.execute import run_named as run_local

        result = run_local(_open(store_dir), named, values)
    _emit(result, fmt, wide)


@main.command("sparql")
@click.argument("text", required=False)
@click.option(
    "-f",
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path),
    help="Read the query from this file ('-': standard input).",
)
@format_option
@store_option
@remote_options
def sparql_cmd(
    text: str | None,
    path: Path | None,
    fmt: str,
    wide: bool,
    store_dir: Path | None,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """Run raw SPARQL (TEXT, or -f FILE, or -f - for standard input) as /sparql does.

    The default graph is the union of every graph unless the query names its own (FROM);
    the well-known prefixes (wa:, skos:, dct:, … see `werkagenda queries`) need no PREFIX line.
    """
    from werkagenda.errors import InputError

    if (text is None) == (path is None):
        raise InputError("give the query either as TEXT or with -f FILE (not both)")
    source = "<stdin>" if str(path) == "-" else str(path) if path else "<query>"
    if path is not None and str(path) == "-":
        query_text = sys.stdin.read()  # click.get_text_stream is deprecated in click 8.5
    else:
        query_text = path.read_text(encoding="utf-8") if path else str(text)
    if endpoint:
        from werkagenda.remote.client import Endpoint, run_text

        result = run_text(Endpoint(endpoint, user, password, timeout), query_text)
    else:
        from werkagenda.query.execute import run_text as run_local

        result = run_local(_open(store_dir), query_text, source=source)
    _emit(result, fmt, wide)


@main.command("push")
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    help="SPARQL query endpoint of the remote store, e.g. http://host:7878/query.",
)
@click.option(
    "--graph",
    metavar="IRI",
    default=None,
    help="Target graph in the remote store (default: the agenda IRI).",
)
@click.option(
    "--agenda",
    metavar="IRI",
    default=None,
    help="Graph of the compiled store to push (default: the latest edition of drenthe in it).",
)
@click.option(
    "--gsp",
    "gsp_url",
    metavar="URL",
    default=None,
    help="Graph Store Protocol endpoint (default for Oxigraph: <base>/store).",
)
@click.option(
    "--update-endpoint",
    "update_url",
    metavar="URL",
    default=None,
    help="SPARQL Update endpoint (default for Oxigraph: <base>/update).",
)
@click.option(
    "--vocabulary/--no-vocabulary",
    default=True,
    show_default=True,
    help="Also push the ontology + concept schemes graph (needed for labels).",
)
@click.option("--user", default=None, help="HTTP basic user for the endpoint.")
@click.option(
    "--password",
    default=None,
    envvar="WERKAGENDA_PASSWORD",
    help="HTTP basic password (or $WERKAGENDA_PASSWORD).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
@store_option
def push_cmd(
    endpoint: str,
    graph: str | None,
    agenda: str | None,
    gsp_url: str | None,
    update_url: str | None,
    vocabulary: bool,
    user: str | None,
    password: str | None,
    timeout: float,
    store_dir: Path | None,
) -> None:
    """Load the compiled agenda graph into a remote store via a staging graph, then verify."""
    from werkagenda.query.params import agenda_of
    from werkagenda.remote.client import Endpoint
    from werkagenda.remote.push import push

    store = _open(store_dir)
    agenda = agenda_of(agenda, store)
    with Progress("push") as progress, progress.step(f"loading and verifying {endpoint}"):
        reports = push(
            store,
            Endpoint(endpoint, user, password, timeout),
            source_graph=agenda,
            target_graph=graph,
            gsp_url=gsp_url,
            update_url=update_url,
            vocabulary=vocabulary,
        )
    for r in reports:
        click.echo(
            f"pushed <{r.graph}>: {r.remote_triples} triples, sha256 {r.remote_digest} (verified)"
        )


def _open(store_dir: Path | None) -> Any:
    from werkagenda.errors import InternalError

    try:
        if store_dir is not None:
            import pyoxigraph as ox

            return ox.Store.read_only(str(store_dir))
        from werkagenda.store import open_store

        return open_store(on_stale=note)
    except OSError as e:
        raise InternalError(f"cannot open the compiled store: {e}") from None


def _emit(result: Any, fmt: str, wide: bool) -> None:
    from werkagenda.query.format import render

    width = table_width(wide)
    click.echo(render(result, fmt, width=width, max_lines=None if wide else 4), nl=False)
