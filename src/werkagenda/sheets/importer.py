"""`werkagenda sheet import`: a workbook → a validated agenda folder of canonical Turtle.

Nothing is written unless every cell reads and the result passes the build's gates (the shapes
and the queries/checks rows): the folder is staged beside the target and swapped in whole
(werkagenda.rdf.atomic). `map_workbook` and `stage` are the two halves a batch import
(batch.py) runs in its worker processes.
"""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda.checks import CHECK_DATA_DIRNAME
from werkagenda.config import DATA_DIR, DEFAULT_BASE, PREFIXES
from werkagenda.rdf.atomic import staging_dir, swap_in
from werkagenda.sheets import checks, provenance
from werkagenda.sheets.codec import Context
from werkagenda.sheets.errors import SheetDataError, WorkbookError
from werkagenda.sheets.ingest import ImportedRow, Ingest
from werkagenda.sheets.mapping import SHEETS
from werkagenda.sheets.reader import RawWorkbook, read_workbook
from werkagenda.sheets.turtle import write_files
from werkagenda.sheets.validation import gate_folder, vocabulary
from werkagenda.sheets.vocab import Actors, Curies, code_lists, slug

WA, SKOS = PREFIXES["wa"], PREFIXES["skos"]
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*/[0-9]+")


@dataclass(frozen=True)
class Imported:
    folder: Path
    files: list[str]
    changed: list[str]  # files whose triples differ from what the folder held
    triples: int
    edited_rows: int
    new_organisations: list[str]
    summary: str  # the SHACL report's line
    worker: int = 0  # the process that staged it, in a batch (sheets/batch.py)


def import_workbook(
    path: Path,
    into: Path,
    *,
    allow_warnings: bool = False,
    new_organisations: bool = False,
    reuse_unchanged: bool = True,
) -> Imported:
    """Read the workbook at `path` into the agenda folder `into` (staged, validated, swapped).

    With `reuse_unchanged`, a file whose graph equals that of the same file in `into` (or,
    for a new folder, in the agenda's folder under data/) is copied byte for byte, comments
    included; every other file is formatted by `werkagenda fmt`'s canonical formatter.
    """
    mapped = map_workbook(path, new_organisations=new_organisations)
    staged = staging_dir(into)
    try:
        result = stage(
            mapped, into, staged, allow_warnings=allow_warnings, reuse_unchanged=reuse_unchanged
        )
        swap_in(staged, into)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return result


@dataclass(frozen=True)
class Mapped:
    """A workbook read and mapped to triples per file; every cell problem already refused."""

    key: str  # the agenda key its 'Werkmap' sheet names, e.g. drenthe/2024
    rows: list[ImportedRow]
    by_file: dict[str, list[ox.Triple]]
    prefixes: dict[str, dict[str, str]]


def map_workbook(path: Path, *, new_organisations: bool = False) -> Mapped:
    """Read and map the workbook (nothing is written); SheetDataError names every bad cell."""
    raw = read_workbook(path)
    key = agenda_key(raw.meta, path)
    ctx = _context(raw)
    ingest = Ingest(ctx, key, new_organisations)
    ingest.taken = {
        iri
        for sheet in raw.sheets.values()
        for _, cells in sheet.rows
        if (iri := ctx.curies.expand(cells.get("id", "").strip()))
    }
    rows = _read_rows(raw, ingest)
    ingest.problems += checks.duplicates(rows, raw, ctx)
    ingest.problems += checks.goal_letters(rows, raw, ctx)
    if ingest.problems:
        raise SheetDataError(ingest.problems)
    by_file = _by_file(rows, raw, key)
    return Mapped(key, rows, by_file, _file_prefixes(raw, by_file))


def agenda_key(meta: dict[str, str], path: Path) -> str:
    """The agenda key of the 'Werkmap' sheet, refused unless it reads <region>/<edition>
    (it names the folder a batch import writes: no other path may come of it)."""
    key = meta.get("agenda", "").strip()
    if not _KEY.fullmatch(key):
        shown = f"'{key}'" if key else "no agenda"
        raise WorkbookError(
            f"{path.name}: sheet 'Werkmap' names {shown}; the agenda key reads "
            "<region>/<edition>, e.g. drenthe/2024"
        )
    return key


def stage(
    mapped: Mapped,
    into: Path,
    staged: Path,
    *,
    allow_warnings: bool = False,
    reuse_unchanged: bool = True,
) -> Imported:
    """Write the mapped workbook as the agenda folder `staged` (a staging sibling of `into`)
    and gate it as `build` will (shapes, then the queries/checks rows); nothing outside
    `staged` is written."""
    _copy_non_turtle(into, staged)
    _bring_sources(staged, mapped.key)
    previous = _previous(into, mapped.key) if reuse_unchanged else None
    changed = write_files(staged, mapped.by_file, mapped.prefixes, previous)
    report = gate_folder(
        staged, mapped.key, allow_warnings=allow_warnings, where=_locator(mapped.rows)
    )
    rows = mapped.rows
    return Imported(
        into,
        sorted(mapped.by_file),
        changed,
        sum(len(ts) for ts in mapped.by_file.values()),
        sum(1 for r in rows if r.edited and r.sheet),
        [iri for r in rows for iri, _ in r.new_actors],
        report,
    )


def _locator(rows: list[ImportedRow]) -> dict[str, str]:
    """'sheet …, row …' of each row's resource, to say where a SHACL or check finding sits."""
    out: dict[str, str] = {}
    for row in rows:
        place = f"sheet '{row.sheet}', row {row.number}"
        if isinstance(row.subject, ox.NamedNode):
            out.setdefault(row.subject.value, place)
        for iri, _ in row.new_actors:  # a new organisation: the row that names it
            out.setdefault(iri, place)
    return out


def _context(raw: RawWorkbook) -> Context:
    lang = raw.meta.get("lang", "nl")
    prefixes = {p: ns for p, ns, _ in raw.prefixes}
    ctx = Context(Curies(prefixes), code_lists(vocabulary(), lang), Actors(), lang)
    organisations = raw.sheets["organisaties"]
    for _, cells in organisations.rows:
        name = cells.get("naam", "").strip()
        ident = cells.get("id", "").strip()
        iri = ctx.curies.expand(ident) if ident else None
        if iri is None and name:
            iri = prefixes.get("actor", "") + slug(name) if "actor" in prefixes else None
        variants = [v.strip() for v in cells.get("alt", "").split("\n") if v.strip()]
        if iri:
            ctx.actors.add(iri, name or None, variants)
    return ctx


def _read_rows(raw: RawWorkbook, ingest: Ingest) -> list[ImportedRow]:
    rows: list[ImportedRow] = []
    for sheet in SHEETS:
        rows += ingest.rows(sheet, raw.sheets[sheet.key])
    return rows + ingest.other(raw.sheets["overig"])


def _by_file(rows: list[ImportedRow], raw: RawWorkbook, key: str) -> dict[str, list[ox.Triple]]:
    out: dict[str, list[ox.Triple]] = defaultdict(list)
    keys = {raw.sheets[s.key].title: s.key for s in SHEETS}
    for row in rows:
        out[row.file] += row.triples
        if row.edited and row.sheet in keys:
            out[row.file] += provenance.note(row, key, raw.name, keys[row.sheet])
        for iri, name in row.new_actors:
            out["organisations.ttl"] += _new_actor(iri, name, row, key, raw.name)
    return out


def _new_actor(iri: str, name: str, row: ImportedRow, key: str, book: str) -> list[ox.Triple]:
    actor = ox.NamedNode(iri)
    lines = [
        t.object
        for t in row.triples
        if t.predicate.value == WA + "bronregel" and t.subject == row.subject
    ]
    note = (
        f"Toegevoegd bij het importeren van werkmap {book} (blad {row.sheet}, rij "
        f"{row.number}) met --new-organisation; alleen de naam is bekend, de bronregels "
        "zijn die van de rij die de naam noemt."
    )
    triples = [
        ox.Triple(actor, ox.NamedNode(PREFIXES["rdf"] + "type"), ox.NamedNode(WA + "Organisatie")),
        ox.Triple(actor, ox.NamedNode(SKOS + "prefLabel"), ox.Literal(name, language="nl")),
        ox.Triple(
            actor,
            ox.NamedNode(WA + "organisatieSoort"),
            ox.NamedNode(DEFAULT_BASE + "id/concept/organisatiesoort/overig"),
        ),
        ox.Triple(actor, ox.NamedNode(SKOS + "editorialNote"), ox.Literal(note, language="nl")),
    ]
    triples += [ox.Triple(actor, ox.NamedNode(WA + "bronregel"), line) for line in lines]
    sub = ImportedRow(row.sheet, row.number, actor, "organisations.ttl", [], True)
    return triples + provenance.note(sub, key, book, "organisaties")


def _file_prefixes(
    raw: RawWorkbook, by_file: dict[str, list[ox.Triple]]
) -> dict[str, dict[str, str]]:
    out = {}
    for file in by_file:
        chosen = {p: ns for p, ns, files in raw.prefixes if file in files or "*" in files}
        out[file] = chosen or {p: ns for p, ns, _ in raw.prefixes}
    return out


def _previous(into: Path, key: str) -> Path | None:
    """The folder unchanged files are taken from: the target, else the agenda's own folder."""
    home = DATA_DIR / key.replace("/", "-")
    return into if into.is_dir() else home if home.is_dir() else None


def _bring_sources(staged: Path, key: str) -> None:
    """A new folder gets the cited texts (sources/) and the facts the checks read about them
    (checks/) of the agenda's folder under data/, if there is one: wa:bestandspad is relative
    to the agenda folder (the folder must ship its sources), and without checks/ a check such
    as label-not-in-source would pass here and fail once the folder sits beside its data."""
    home = DATA_DIR / key.replace("/", "-")
    for name in ("sources", CHECK_DATA_DIRNAME):
        if not (staged / name).exists() and (home / name).is_dir():
            shutil.copytree(home / name, staged / name)


def _copy_non_turtle(source: Path, staged: Path) -> None:
    staged.mkdir(parents=True)
    if not source.is_dir():
        return
    for item in source.iterdir():
        if item.suffix == ".ttl" or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, staged / item.name)
        else:
            shutil.copy2(item, staged / item.name)
