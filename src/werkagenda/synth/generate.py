"""Write synthetic agendas to a folder: Turtle, source documents and a manifest."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DATA_DIR, Agenda, discover_agendas, prefixes
from werkagenda.errors import InputError
from werkagenda.synth.naming import SynthAgenda, plan
from werkagenda.synth.sample import agenda_triples
from werkagenda.synth.template import load_template

MAX_SCALE = 1000  # ~15 M curated triples; 300x is the largest benchmarked scale
MAX_SEED = 2**63 - 1
MANIFEST = "synth.json"
DATA_FILE = "synthetic.ttl"
PREFIXES = prefixes("wa", "rdf", "rdfs", "xsd", "skos", "dct", "prov", "org", "foaf", "time")
SCOPED = {
    "opgave": "opgave",
    "doel": "doel",
    "insp": "inspanning",
    "fin": "financiering",
    "aanvraag": "aanvraag",
    "mijlpaal": "mijlpaal",
    "rv": "randvoorwaarde",
    "schaal": "schaal",
    "dv": "doelverwijzing",
    "vermelding": "vermelding",
    "ap": "aandachtspunt",
    "kn": "kwaliteit",
}


@dataclass(frozen=True)
class SynthResult:
    """What `generate` wrote: the agendas (as config.Agenda) and the curated triple count."""

    out: Path
    agendas: list[Agenda]
    triples: int


def check_scale(value: object) -> int:
    """A scale is a whole number of agendas, 1 .. MAX_SCALE; anything else is an InputError.

    >>> check_scale("10")
    10
    >>> check_scale("1.5")
    Traceback (most recent call last):
    ...
    werkagenda.errors.InputError: scale must be a whole number of agendas (1, 10, 100 …), got '1.5'
    """
    text = str(value).strip()
    try:
        scale = int(text)
    except ValueError:
        raise InputError(
            f"scale must be a whole number of agendas (1, 10, 100 …), got {text!r}"
        ) from None
    if scale <= 0:
        raise InputError(f"scale must be at least 1 (one agenda ≈ the real data), got {scale}")
    if scale > MAX_SCALE:
        raise InputError(
            f"scale {scale} is beyond the generator's limit of {MAX_SCALE} agendas "
            f"(≈ {scale * 15_000 / 1e6:.0f} M triples); the national benchmark needs at most "
            f"300 — use a real triple store for anything larger"
        )
    return scale


def check_seed(value: object) -> int:
    """A seed is a whole number 0 .. 2**63-1."""
    text = str(value).strip()
    try:
        seed = int(text)
    except ValueError:
        raise InputError(f"seed must be a whole number, got {text!r}") from None
    if not 0 <= seed <= MAX_SEED:
        raise InputError(f"seed must be between 0 and {MAX_SEED}, got {seed}")
    return seed


def default_template() -> Agenda:
    """The real agenda the generator samples from (the first non-synthetic one in data/)."""
    real = [a for a in discover_agendas(DATA_DIR) if not a.folder.name.startswith("synth-")]
    if not real:
        raise InputError(f"{DATA_DIR}: no real agenda to sample from")
    return real[0]


def generate(
    out: Path, *, scale: int, seed: int = 0, template: Agenda | None = None
) -> SynthResult:
    """Write `scale` synthetic agendas sampled from `template` into `out`.

    Same scale, seed and template give identical bytes; agenda n is the same at every scale.
    `out` must be empty, missing, or a folder this generator wrote before (it is replaced).
    """
    scale, seed = check_scale(scale), check_seed(seed)
    source = template or default_template()
    tpl = load_template(source)
    targets = plan(scale)
    _prepare(out, scale, source)
    written: list[Agenda] = []
    total = 0
    for target in targets:
        folder = out / target.folder_name
        (folder / "sources").mkdir(parents=True)
        triples = agenda_triples(tpl, target, seed)
        ox.serialize(
            triples,
            output=str(folder / DATA_FILE),
            format=ox.RdfFormat.TURTLE,
            prefixes=_prefixes(target),
        )
        for _, relative in tpl.documents:
            src = source.folder / relative
            if src.is_file():
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, folder / relative)
        written.append(Agenda(key=target.key, folder=folder))
        total += len(triples)
    manifest = {
        "generator": "werkagenda synth",
        "scale": scale,
        "seed": seed,
        "template": source.key,
        "template_sha256": tpl.digest,
        "agendas": [a.folder.name for a in written],
        "curated_triples": total,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return SynthResult(out, written, total)


def _prefixes(target: SynthAgenda) -> dict[str, str]:
    scoped = {name: f"{target.iri}/{space}/" for name, space in SCOPED.items()}
    return {
        **PREFIXES,
        **scoped,
        "bron": f"{target.iri}/bron/werkagenda/",
        "actor": f"{target.region_base}actor/",
        "init": f"{target.region_base}initiatief/",
    }


def _prepare(out: Path, scale: int, template: Agenda) -> None:
    """Refuse to overwrite foreign files or to fill the disk; clear an earlier synth output."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        manifest = out / MANIFEST
        if not manifest.is_file():
            raise InputError(
                f"{out}: folder is not empty and was not written by "
                f"`werkagenda synth` (no {MANIFEST}); choose an empty or new folder"
            )
        try:
            old = json.loads(manifest.read_text(encoding="utf-8")).get("agendas", [])
        except ValueError:
            old = []
        for name in old:
            if name.startswith("synth-") and "/" not in name:
                shutil.rmtree(out / name, ignore_errors=True)
        manifest.unlink()
        leftovers = [p.name for p in out.iterdir()]
        if leftovers:
            raise InputError(
                f"{out}: holds files the generator did not write "
                f"({', '.join(sorted(leftovers)[:3])}); choose another folder"
            )
    out.mkdir(parents=True, exist_ok=True)
    per_agenda = sum(p.stat().st_size for p in template.turtle_files + template.source_files)
    need = int(per_agenda * scale * 1.3)
    free = shutil.disk_usage(out).free
    if need > free:
        raise InputError(
            f"scale {scale} needs about {need / 1e9:.1f} GB in {out}, "
            f"but only {free / 1e9:.1f} GB is free"
        )
