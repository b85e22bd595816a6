"""Incremental builds: a conformant agenda's compiled graph, kept in dist/ under its inputs.

The key hashes everything a compiled agenda depends on: the agenda folder's files (its
Turtle and the sources it cites, which must live in it), the ontology, the shapes, the
CONSTRUCT rules, the base IRI, whether SHACL ran, the werkagenda package's own source and
the pyoxigraph version.
Editing any of them misses; a hit skips parsing, validation and materialisation of that
agenda. Only agendas without a violation are kept, so a hit never hides one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from werkagenda.config import ONTOLOGY_DIR, ONTOLOGY_FILES, SHAPES_FILE, Agenda
from werkagenda.pipeline import Compiled
from werkagenda.rdf.atomic import write_bytes

CACHE_DIRNAME = "agenda-cache"
CACHE_VERSION = "v1"
PACKAGE_DIR = Path(__file__).resolve().parent


def _digest_files(digest: hashlib._Hash, root: Path, paths: list[Path]) -> None:
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        data = path.read_bytes()
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)


def shared_key(*, shapes: Path | None, base_iri: str, shacl: bool) -> str:
    """The part of every agenda's key that all agendas share (hashed once per build)."""
    import pyoxigraph

    from werkagenda.checks import check_queries
    from werkagenda.reason.materialise import construct_queries

    seed = f"{CACHE_VERSION}\0{pyoxigraph.__version__}\0{base_iri}\0{shacl}"
    digest = hashlib.sha256(seed.encode())
    _digest_files(digest, ONTOLOGY_DIR, [ONTOLOGY_DIR / n for n in ONTOLOGY_FILES])
    _digest_files(digest, Path("/"), [(shapes or SHAPES_FILE).resolve()])
    _digest_files(digest, Path("/"), construct_queries())
    _digest_files(digest, Path("/"), check_queries())
    _digest_files(digest, PACKAGE_DIR, sorted(PACKAGE_DIR.rglob("*.py")))
    return digest.hexdigest()


def agenda_key(agenda: Agenda, shared: str) -> str:
    digest = hashlib.sha256(f"{shared}\0{agenda.key}".encode())
    _digest_files(digest, agenda.folder, [p for p in agenda.folder.rglob("*") if p.is_file()])
    return digest.hexdigest()


class AgendaCache:
    """One entry per agenda in dist/agenda-cache: `<name>.json` (key, counts) + `<name>.nq`."""

    def __init__(self, dist: Path) -> None:
        self.dir = dist / CACHE_DIRNAME
        self.staging = dist / f".{CACHE_DIRNAME}.tmp-{os.getpid()}"

    def __enter__(self) -> AgendaCache:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)  # entries of a build that failed

    def commit(self) -> None:
        """Move the entries of a build that succeeded into the cache."""
        if not self.staging.exists():
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        staged = sorted(self.staging.iterdir(), key=lambda p: p.suffix != ".nq")  # data first
        for path in staged:
            path.replace(self.dir / path.name)
        self.staging.rmdir()

    def _paths(self, agenda: Agenda) -> tuple[Path, Path]:
        name = agenda.key.replace("/", "__")
        return self.dir / f"{name}.json", self.dir / f"{name}.nq"

    def get(self, agenda: Agenda, key: str) -> Compiled | None:
        meta_path, data_path = self._paths(agenda)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("key") != key:
                return None
            data = data_path.read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None  # a torn or edited entry is a miss, never a wrong store
        memberships = {c: frozenset(m) for c, m in meta["memberships"].items()}
        return Compiled(
            agenda,
            None,
            data,
            meta["parsed"],
            meta["quads"],
            meta["inferred"],
            memberships,
            summary=meta["summary"],
            cached=True,
        )

    def put(self, compiled: Compiled, key: str) -> None:
        """Stage a conformant agenda; `commit` keeps it once the build has succeeded (data
        first, then its meta; the checksum catches a torn pair)."""
        if (compiled.report is not None and not compiled.report.conforms) or compiled.findings:
            return
        self.staging.mkdir(parents=True, exist_ok=True)
        name = compiled.agenda.key.replace("/", "__")
        meta_path, data_path = self.staging / f"{name}.json", self.staging / f"{name}.nq"
        meta = {
            "key": key,
            "sha256": hashlib.sha256(compiled.nquads).hexdigest(),
            "parsed": compiled.parsed,
            "quads": compiled.quads,
            "inferred": compiled.inferred,
            "memberships": {c: sorted(m) for c, m in compiled.memberships.items()},
            "summary": compiled.summary,
        }
        write_bytes(data_path, compiled.nquads)
        write_bytes(meta_path, json.dumps(meta, sort_keys=True).encode())
