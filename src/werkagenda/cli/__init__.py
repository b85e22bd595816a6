"""The `werkagenda` command: a thin click group over the Python API.

Exit codes: 0 ok · 1 data non-conformant · 2 usage or input error · 3 internal or remote failure.
Each area registers its commands from its own module (cli/<area>.py).
"""

from __future__ import annotations

import sys

import click

from werkagenda.errors import WerkagendaError


class _Group(click.Group):
    """Maps library exceptions to one-line messages and exit codes (no tracebacks)."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except WerkagendaError as e:
            click.echo(f"werkagenda: {e}", err=True)
            sys.exit(e.exit_code)


@click.group(cls=_Group)
@click.version_option(package_name="werkagenda")
def main() -> None:
    """Werkagenda knowledge graph: build, validate, reason, query and serve."""


def _register() -> None:
    from werkagenda.cli import build as _build  # noqa: F401

    for area in ("query", "serve", "publish", "bench", "sheet"):
        try:
            __import__(f"werkagenda.cli.{area}")
        except ModuleNotFoundError as e:
            if e.name != f"werkagenda.cli.{area}":
                raise


_register()
