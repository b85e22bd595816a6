"""Where things live and what they are called: paths, namespaces, agendas, base IRI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The repository root: src/werkagenda/config.py -> ../../
ROOT = Path(os.environ.get("WERKAGENDA_ROOT", Path(__file__).resolve().parents[2]))
ONTOLOGY_DIR = ROOT / "ontology"
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DIST_DIR = Path(os.environ.get("WERKAGENDA_DIST", ROOT / "dist"))

# The persistent-IRI base under which every curated resource is minted. Data files are
# written with this base; `--base-iri` rewrites it at build time (never localhost in data).
DEFAULT_BASE = "https://w3id.org/iza-werkagenda/"
ONTOLOGY_IRI = DEFAULT_BASE + "def"
WA = DEFAULT_BASE + "def#"

# The one prefix map: display (pages, reports) and generated Turtle take subsets of it.
PREFIXES = {
    "wa": WA,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "adms": "http://www.w3.org/ns/adms#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sh": "http://www.w3.org/ns/shacl#",
    "shsh": "http://www.w3.org/ns/shacl-shacl#",
}


def checkout(folder: Path) -> Path:
    """`folder` (one of ROOT's ontology/, data/, queries/), or a one-line error saying why not.

    The package reads its ontology, data and queries from a checkout of the repository; an
    installed wheel alone has none of them.
    """
    if not folder.is_dir():
        from werkagenda.errors import InputError

        raise InputError(
            f"{folder} is missing: werkagenda works on a checkout of the repository "
            "(ontology/, data/, queries/); run it inside a clone or set WERKAGENDA_ROOT to one"
        )
    return folder


def prefixes(*names: str) -> dict[str, str]:
    """A subset of PREFIXES, in the order asked for."""
    return {name: PREFIXES[name] for name in names}


VOCABULARY_GRAPH = ONTOLOGY_IRI  # ontology + concept schemes live in this named graph

ONTOLOGY_FILES = ("werkagenda.ttl", "concepts.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class Agenda:
    """One werkagenda (region x edition): a folder under data/ and a named graph."""

    key: str  # "drenthe/2024"
    folder: Path

    @property
    def iri(self) -> str:
        """The agenda resource IRI, which is also its named-graph IRI."""
        return f"{DEFAULT_BASE}id/{self.key}"

    @property
    def turtle_files(self) -> list[Path]:
        return sorted(self.folder.glob("*.ttl"))

    @property
    def source_files(self) -> list[Path]:
        return sorted((self.folder / "sources").glob("*"))


def discover_agendas(data_dir: Path | None = None) -> list[Agenda]:
    """Every folder `data/<region>-<edition>/` holding Turtle is one agenda."""
    base = checkout(data_dir or DATA_DIR)
    agendas = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        region, _, edition = folder.name.rpartition("-")
        if region and edition.isdigit() and any(folder.glob("*.ttl")):
            agendas.append(Agenda(key=f"{region}/{edition}", folder=folder))
    return agendas


# `build` pre-renders the pages of a store with at most this many resources (the real agenda
# has ~2,400, ten agendas ~20,800); larger stores render pages on demand (serve/prebuilt.py).
# Rendering costs ~5.5 ms of CPU a resource (all six variants; benchmarks/README.md, "Pages"),
# so 10,000 resources are ~55 s: the build budget of the national scale (issue 14: 100
# agendas in 60 s). Ten agendas would add ~115 s, past that budget, so they render on demand.
MAX_PRERENDERED = 10_000

DEFAULT_AGENDA_KEY = "drenthe/2024"
DEFAULT_AGENDA_IRI = f"{DEFAULT_BASE}id/{DEFAULT_AGENDA_KEY}"
