"""`werkagenda sheet export` and `sheet template`: an agenda (or none) as a workbook."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, PREFIXES, Agenda, discover_agendas
from werkagenda.errors import InputError
from werkagenda.load import vocabulary_quads
from werkagenda.rdf.atomic import write_bytes
from werkagenda.sheets.codec import Context
from werkagenda.sheets.layout import layout
from werkagenda.sheets.naming import scheme_prefixes
from werkagenda.sheets.source import AgendaFiles, read_agenda
from werkagenda.sheets.vocab import Actors, Curies, code_lists
from werkagenda.sheets.workbook import Meta, render

LANGS = ("nl", "en")
ACTOR_TYPES = (
    "Organisatie",
    "Collectief",
    "GezondeMarkeOrgaan",
    "Samenwerkingsverband",
    "Functionaris",
)


def find_agenda(key: str | None) -> Agenda:
    agendas = discover_agendas()
    if key is None:
        key = "drenthe/2024" if any(a.key == "drenthe/2024" for a in agendas) else None
    for agenda in agendas:
        if agenda.key == key:
            return agenda
    known = ", ".join(a.key for a in agendas) or "none"
    raise InputError(f"no agenda {key!r} under data/ (known: {known})")


def export_workbook(target: Path, *, agenda_key: str | None = None, lang: str = "nl") -> Path:
    """Write the agenda as a workbook at `target` (atomically); return the path."""
    _check_lang(lang)
    agenda = find_agenda(agenda_key)
    files = read_agenda(agenda)
    return write_bytes(target, workbook_bytes(files, lang))


def workbook_bytes(files: AgendaFiles, lang: str = "nl") -> bytes:
    prefixes: dict[str, str] = dict(PREFIXES)
    for names in files.prefixes.values():
        prefixes.update(names)
    vocabulary = vocabulary_quads()
    ctx = Context(Curies(prefixes), code_lists(vocabulary, lang), _actors(files), lang)
    by_sheet, other = layout(files, ctx)
    region, _, edition = files.key.rpartition("/")
    rows = _prefix_rows(prefixes, files.prefixes)
    return render(by_sheet, other, ctx.codes, rows, Meta(files.key, lang, region, edition))


def template_workbook(target: Path, *, region: str, year: int, lang: str = "nl") -> Path:
    """An empty workbook with every sheet, header and dropdown, for a new region or edition."""
    _check_lang(lang)
    region_slug = _region_slug(region)
    key = f"{region_slug}/{year}"
    prefixes = {**PREFIXES, **scheme_prefixes(key)}
    vocabulary = vocabulary_quads()
    ctx = Context(Curies(prefixes), code_lists(vocabulary, lang), Actors(), lang)
    files = AgendaFiles(key, f"{DEFAULT_BASE}id/{key}", {}, {})
    by_sheet, other = layout(files, ctx)
    rows = [(p, ns, "*") for p, ns in sorted(prefixes.items())]
    data = render(by_sheet, other, ctx.codes, rows, Meta(key, lang, region_slug, str(year)))
    return write_bytes(target, data)


def _region_slug(region: str) -> str:
    from werkagenda.sheets.vocab import slug

    value = slug(region)
    if not value:
        raise InputError(f"--region {region!r}: give a region name, e.g. Drenthe")
    return value


def _prefix_rows(
    merged: dict[str, str], per_file: dict[str, dict[str, str]]
) -> list[tuple[str, str, str]]:
    rows = []
    for prefix, ns in sorted(merged.items()):
        holders = sorted(f for f, names in per_file.items() if names.get(prefix) == ns)
        rows.append((prefix, ns, ", ".join(holders)))
    return rows


def _actors(files: AgendaFiles) -> Actors:
    from werkagenda.sheets.vocab import RDF_TYPE

    wa = PREFIXES["wa"]
    skos = PREFIXES["skos"]
    kinds = {wa + t for t in ACTOR_TYPES}
    triples = [t for ts in files.triples.values() for t in ts]
    iris = {
        t.subject.value
        for t in triples
        if t.predicate.value == RDF_TYPE
        and isinstance(t.object, ox.NamedNode)
        and t.object.value in kinds
    }
    names: dict[str, str] = {}
    variants: dict[str, list[str]] = {}
    for t in triples:
        s, o = t.subject.value, t.object
        if s in iris and isinstance(o, ox.Literal) and o.language == "nl":
            if t.predicate.value == skos + "prefLabel":
                names[s] = o.value
            elif t.predicate.value == skos + "altLabel":
                variants.setdefault(s, []).append(o.value)
    actors = Actors()
    for iri in sorted(iris):
        actors.add(iri, names.get(iri), variants.get(iri, []))
    return actors


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise InputError(f"--lang {lang!r}: choose nl or en")
