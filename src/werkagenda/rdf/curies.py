"""The one CURIE converter (the `curies` package), agenda-aware.

Its prefix map is `config.PREFIXES`, then the prefixes the ontology files declare, then those
of one agenda's data files (`insp:`, `fin:`, `kn:` … scoped to `id/<region>/<edition>/`).
An agenda without files of its own (another edition, a rebuilt IRI) gets the default
agenda's scoped prefixes moved under its own key, so `insp:` means the inspanningen of
whatever agenda an IRI belongs to. The first prefix bound to a namespace wins.

>>> compact("http://purl.org/dc/terms/title")
'dct:title'
>>> compact("https://w3id.org/iza-werkagenda/id/drenthe/2024/inspanning/VOW-1")
'insp:VOW-1'
>>> compact("https://w3id.org/iza-werkagenda/id/groningen/2025/inspanning/GL-3")
'insp:GL-3'
>>> compact("https://example.org/x"), compact("https://example.org/x", bracket=True)
('https://example.org/x', '<https://example.org/x>')
>>> expand("insp:VOW-1", agenda="groningen/2025")
'https://w3id.org/iza-werkagenda/id/groningen/2025/inspanning/VOW-1'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from werkagenda import config
from werkagenda.errors import InputError

if TYPE_CHECKING:  # curies imports pydantic (~0.2 s); loaded on first use
    import curies

__all__ = ["Curies", "compact", "converter", "expand", "file_prefixes", "prefix_map"]

# id/<region>/<edition>/… (agenda-scoped) or id/<region>/<name>/… (region-scoped)
_AGENDA_IRI = re.compile(re.escape(config.DEFAULT_BASE) + r"id/([^/]+)/(?:(\d+)|[^/]+)/")


class Curies:
    """IRI ↔ CURIE for one prefix map; the longest matching namespace wins.

    >>> c = Curies({"wa": "https://w3id.org/iza-werkagenda/def#"})
    >>> c.compact("https://w3id.org/iza-werkagenda/def#Doel"), c.expand("wa:Doel")
    ('wa:Doel', 'https://w3id.org/iza-werkagenda/def#Doel')
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.prefixes = _first_wins(prefixes.items())
        self._converter: curies.Converter | None = None

    @property
    def converter(self) -> curies.Converter:
        """The `curies.Converter` behind this map."""
        if self._converter is None:
            import curies

            self._converter = curies.Converter.from_prefix_map(self.prefixes)
        return self._converter

    def compact(self, iri: str, *, bracket: bool = False) -> str:
        """`prefix:local` (local without `/` or `#`), else the IRI (in `<…>` if `bracket`)."""
        curie = self.converter.compress(iri)
        if curie is not None:
            local = curie.partition(":")[2]
            if local and "/" not in local and "#" not in local:
                return curie
        return f"<{iri}>" if bracket else iri

    def used_by(self, iris: Iterable[str]) -> dict[str, str]:
        """The part of the map that compacts at least one of `iris` (for a Turtle header).

        >>> Curies({"a": "http://a/", "z": "http://z/"}).used_by(["http://a/b"])
        {'a': 'http://a/'}
        """
        names = (self.compact(iri, bracket=True) for iri in iris)
        used = {c.partition(":")[0] for c in names if not c.startswith("<")}
        return {p: ns for p, ns in self.prefixes.items() if p in used}

    def expand(self, curie: str) -> str:
        """The IRI of `prefix:local`; an unknown prefix is an InputError."""
        iri = self.converter.expand(curie)
        if iri is None:
            raise InputError(f"{curie!r}: unknown prefix; known: {', '.join(self.prefixes)}")
        return iri


def file_prefixes(*paths: Path) -> dict[str, str]:
    """The @prefix declarations of Turtle files (read up to the first triple of each)."""
    prefixes: dict[str, str] = {}
    for path in paths:
        parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, lenient=True)
        try:
            next(iter(parser), None)
        except (SyntaxError, OSError):
            continue
        prefixes.update(parser.prefixes)
    return prefixes


def prefix_map(agenda: config.Agenda | str | None = None) -> dict[str, str]:
    """PREFIXES + ontology prefixes + the prefixes of `agenda` (default: the default agenda)."""
    ontology = file_prefixes(*(config.ONTOLOGY_DIR / n for n in config.ONTOLOGY_FILES))
    return _first_wins([*config.PREFIXES.items(), *ontology.items(), *_agenda_prefixes(agenda)])


@functools.lru_cache(maxsize=64)
def converter(agenda: config.Agenda | str | None = None) -> Curies:
    """The converter for one agenda (an Agenda, a key such as 'drenthe/2024', or the default)."""
    return Curies(prefix_map(agenda))


def compact(iri: str, *, agenda: config.Agenda | str | None = None, bracket: bool = False) -> str:
    """A CURIE for display, with the prefixes of `agenda` (default: the agenda in the IRI)."""
    if agenda is None:
        agenda = _agenda_of(iri)
    return converter(agenda).compact(iri, bracket=bracket)


def expand(curie: str, *, agenda: config.Agenda | str | None = None) -> str:
    """The IRI of a CURIE, agenda-scoped prefixes taken from `agenda` (default agenda if None)."""
    return converter(agenda).expand(curie)


def _agenda_of(iri: str) -> str | None:
    """The key of the agenda (or of one agenda of the region) that `iri` belongs to."""
    match = _AGENDA_IRI.match(iri)
    if match is None:
        return None
    region, edition = match.groups()
    if edition:
        return f"{region}/{edition}"
    keys = [a.key for a in _agendas() if a.key.startswith(region + "/")]
    return keys[-1] if keys else f"{region}/{config.DEFAULT_AGENDA_KEY.partition('/')[2]}"


def _agenda_prefixes(agenda: config.Agenda | str | None) -> Iterable[tuple[str, str]]:
    if isinstance(agenda, config.Agenda):
        return file_prefixes(*agenda.turtle_files).items()
    key = agenda or config.DEFAULT_AGENDA_KEY
    known = {a.key: a for a in _agendas()}
    if key in known:
        return file_prefixes(*known[key].turtle_files).items()
    template = known.get(config.DEFAULT_AGENDA_KEY) or next(iter(known.values()), None)
    if template is None:
        return []
    return _moved(file_prefixes(*template.turtle_files), template.key, key)


def _moved(prefixes: dict[str, str], source: str, target: str) -> Iterable[tuple[str, str]]:
    """Agenda- and region-scoped namespaces of agenda `source` moved under agenda `target`."""
    base = config.DEFAULT_BASE + "id/"
    (src_region, _, _), (dst_region, _, _) = source.partition("/"), target.partition("/")
    for prefix, ns in prefixes.items():
        if ns.startswith(base + source + "/"):
            yield prefix, base + target + ns[len(base + source) :]
        elif ns.startswith(base + src_region + "/"):
            yield prefix, base + dst_region + ns[len(base + src_region) :]
        else:
            yield prefix, ns


@functools.lru_cache(maxsize=1)
def _agendas() -> tuple[config.Agenda, ...]:
    try:
        return tuple(config.discover_agendas())
    except (OSError, InputError):  # an installed package without data/
        return ()


def _first_wins(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Drop the empty prefix, a prefix bound twice and a namespace bound twice (first wins)."""
    out: dict[str, str] = {}
    namespaces: set[str] = set()
    for prefix, ns in pairs:
        if prefix and prefix not in out and ns not in namespaces:
            out[prefix] = ns
            namespaces.add(ns)
    return out
