"""The `werkagenda` command: a thin click group over the Python API.

Exit codes: 0 ok · 1 data non-conformant · 2 usage or input error · 3 internal or remote
failure · 130 interrupted (Ctrl-C). Each area registers its commands from its own module
(cli/<area>.py); the group then gives every command `-h`, `-q/--quiet`, `-v/--verbose` and
case-insensitive choices, so no area can forget them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

import click

from werkagenda.cli.ui import VERBOSITY, help_width, keep_words_whole_in_help, verbosity_params
from werkagenda.errors import WerkagendaError

INTERRUPTED = 130


ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}


class _Group(click.Group):
    """Maps library exceptions to one-line messages and exit codes (no tracebacks)."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        VERBOSITY.quiet = VERBOSITY.verbose = False  # per invocation (tests run many in-process)
        try:
            return super().invoke(ctx)
        except WerkagendaError as e:
            click.echo(f"werkagenda: {e}{e.hint('cli')}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("werkagenda: interrupted", err=True)
            sys.exit(INTERRUPTED)
        except OSError as e:  # the machine, not the input: a full disk, a read-only folder
            if e.errno not in ENVIRONMENT_ERRNOS:
                raise
            where = f" {e.filename}" if e.filename else ""
            click.echo(f"werkagenda: cannot write{where}: {e.strerror}", err=True)
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more may be flushed there
            sys.exit(3)
        except MemoryError:
            click.echo("werkagenda: out of memory", err=True)
            sys.exit(3)


keep_words_whole_in_help()
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": help_width()}


@click.group(cls=_Group, context_settings=CONTEXT)
@click.version_option(package_name="werkagenda", message="werkagenda %(version)s")
def main() -> None:
    """Werkagenda knowledge graph: build, validate, reason, query and serve."""


def _harden(command: click.Command) -> None:
    """Every command: verbosity flags and choices that ignore case (recursing into groups)."""
    names = {opt for p in command.params for opt in getattr(p, "opts", ())}
    if "--quiet" not in names and "-q" not in names:
        command.params.extend(verbosity_params())
    for param in command.params:
        if isinstance(param.type, click.Choice):
            param.type.case_sensitive = False
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _harden(sub)


def _register() -> None:
    from werkagenda.cli import build as _build  # noqa: F401

    for area in ("query", "serve", "publish", "bench", "whatif", "diff", "sheet"):
        try:
            __import__(f"werkagenda.cli.{area}")
        except ModuleNotFoundError as e:
            if e.name != f"werkagenda.cli.{area}":
                raise
    for command in main.commands.values():
        _harden(command)


_register()
