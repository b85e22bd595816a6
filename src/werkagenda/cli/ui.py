"""What the CLI shows besides results: verbosity, table width, and progress on a terminal.

Progress goes to stderr through rich, and only when stderr is a terminal and `--quiet` is not
given: pipes and CI logs see results and errors, never spinners. `--verbose` adds one line per
finished step (also in pipes).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import click


@dataclass
class Verbosity:
    quiet: bool = False
    verbose: bool = False


VERBOSITY = Verbosity()


def set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        VERBOSITY.quiet = True


def set_verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        VERBOSITY.verbose = True


def verbosity_params() -> list[click.Option]:
    """`-q/--quiet` and `-v/--verbose`, added to every command by the group."""
    return [
        click.Option(
            ["-q", "--quiet"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=set_quiet,
            help="Show results and errors only (no progress, no notes).",
        ),
        click.Option(
            ["-v", "--verbose"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=set_verbose,
            help="Also report each finished step with its time.",
        ),
    ]


def note(message: str) -> None:
    """A one-line note on stderr (e.g. 'using the last conformant store'), unless --quiet."""
    if not VERBOSITY.quiet:
        click.echo(f"werkagenda: {message}", err=True)


def table_width(wide: bool = False) -> int | None:
    """Width to fit tables to: the terminal's, or $COLUMNS; none in a pipe or with --wide."""
    if wide:
        return None
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((80, 24)).columns)
    columns = os.environ.get("COLUMNS", "")
    return max(40, int(columns)) if columns.isdigit() else None


def help_width() -> int:
    """--help follows the terminal (80 when there is none)."""
    return max(60, shutil.get_terminal_size((80, 24)).columns)


class Progress:
    """Steps and counts of a long command: a rich progress line on a terminal, else silent.

    >>> with Progress("build") as p:
    ...     with p.step("compile", total=2):
    ...         p.advance()
    ...         p.advance()
    """

    def __init__(self, command: str) -> None:
        self.command = command
        self.live = not VERBOSITY.quiet and sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.live:
            from rich.console import Console
            from rich.progress import (
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import (
                Progress as Bar,
            )

            self._bar = Bar(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(f"{self.command}: starting", total=None)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    @contextmanager
    def step(self, name: str, total: int | None = None) -> Iterator[None]:
        """Show `name` (with done/total when counted) while the block runs."""
        began = time.perf_counter()
        self.start(name, total)
        yield
        self.finished(name, time.perf_counter() - began, "")

    def start(self, name: str, total: int | None = None) -> None:
        if self._bar is not None:
            self._bar.update(
                self._task, description=f"{self.command}: {name}", total=total, completed=0
            )

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def finished(self, name: str, seconds: float, detail: str) -> None:
        """A step ended: one line with --verbose (the build's callback lands here too)."""
        if VERBOSITY.verbose and not VERBOSITY.quiet:
            click.echo(f"{name}: {seconds:.2f} s" + (f" ({detail})" if detail else ""), err=True)


def keep_words_whole_in_help() -> None:
    """--help never splits an IRI or a name: click wraps help text with textwrap's default
    `break_long_words=True` and offers no setting, so its wrapper class gets our defaults
    (checked by tests/cli/test_newcomer.py; click imports the class at each wrap)."""
    import click._textwrap as textwrap_module

    base = textwrap_module.TextWrapper
    if getattr(base, "keeps_words", False):
        return

    class KeepWords(base):  # type: ignore[misc, valid-type]
        keeps_words = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_long_words", False)
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

    textwrap_module.TextWrapper = KeepWords  # type: ignore[misc]
