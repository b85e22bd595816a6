"""Commands for scale work: `werkagenda synth` writes synthetic agendas for benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from werkagenda.cli import main
from werkagenda.cli.ui import Progress
from werkagenda.errors import InputError


class _Checked(click.ParamType):
    """A click type that runs one of the library's checks, so the message is the library's."""

    def __init__(self, name: str, check: Callable[[object], int]) -> None:
        self.name, self._check = name, check

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        try:
            return self._check(value)
        except InputError as e:
            self.fail(str(e), param, ctx)


def _scale(value: object) -> int:
    from werkagenda.synth import check_scale

    return check_scale(value)


def _seed(value: object) -> int:
    from werkagenda.synth import check_seed

    return check_seed(value)


@main.command()
@click.option(
    "--scale",
    "-n",
    type=_Checked("scale", _scale),
    required=True,
    help="Number of agendas (1 ≈ the real data; 100 ≈ 1 M triples).",
)
@click.option(
    "--seed",
    type=_Checked("seed", _seed),
    default=0,
    show_default=True,
    help="Random seed; the same seed gives identical files.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the agendas (one sub-folder synth-rNNN-YYYY per agenda).",
)
@click.option(
    "--template",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Agenda folder to sample from (default: the real agenda).",
)
def synth(scale: int, seed: int, out: Path, template: Path | None) -> None:
    """Write SCALE synthetic agendas sampled from the real one (for benchmarks)."""
    from werkagenda.config import discover_agendas
    from werkagenda.synth import generate

    chosen = None
    if template is not None:
        found = [a for a in discover_agendas(template.parent) if a.folder == template.resolve()]
        if not found:
            raise InputError(f"{template}: not an agenda folder (data/<region>-<edition>/*.ttl)")
        chosen = found[0]
    with Progress("synth") as progress, progress.step(f"writing {scale} agenda(s)"):
        result = generate(out, scale=scale, seed=seed, template=chosen)
    click.echo(
        f"wrote {len(result.agendas)} agenda(s), {result.triples} curated triples "
        f"(plus source lines at load) to {result.out}"
    )
