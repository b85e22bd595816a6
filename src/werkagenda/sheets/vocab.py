"""What cells are read against: the prefix table, the code lists and the organisation names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.errors import InputError
from werkagenda.rdf.curies import Curies as RdfCuries
from werkagenda.sheets.mapping import CODE_LISTS, CodeList

RDF_TYPE = PREFIXES["rdf"] + "type"
_LABELS = (PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label")
_NOTATION = PREFIXES["skos"] + "notation"
_SIMPLE_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-', accents removed (the naming scheme's slugs).

    >>> slug("Zorggroep Paramedie (Drenthe)")
    'zorggroep-paramedie-drenthe'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Curies:
    """Cell spelling of IRIs over the one CURIE converter (werkagenda.rdf.curies), with the
    workbook's prefix table: `prefix:local`, else `<iri>`; unknown text expands to None."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.prefixes = dict(prefixes)
        self._curies = RdfCuries(prefixes)
        self._cache: dict[str, str | None] = {}

    def compact(self, iri: str) -> str:
        return self._curies.compact(iri, bracket=True)

    def expand(self, text: str) -> str | None:
        """The IRI of `prefix:local` or `<iri>`; None when the text is neither."""
        if text in self._cache:
            return self._cache[text]
        iri: str | None = None
        if text.startswith("<") and text.endswith(">") and " " not in text:
            iri = text[1:-1]
        else:
            prefix, sep, local = text.partition(":")
            if sep and prefix in self.prefixes and _SIMPLE_LOCAL.match(local):
                try:
                    iri = self._curies.expand(text)
                except InputError:
                    iri = None
        self._cache[text] = iri
        return iri


@dataclass
class Codes:
    """One code list: IRI → label shown, and every spelling accepted back."""

    spec: CodeList
    shown: dict[str, str]
    accepted: dict[str, str]

    def nearest(self, text: str) -> str | None:
        close = difflib.get_close_matches(text, list(self.shown.values()), n=1, cutoff=0.5)
        return close[0] if close else None


def code_lists(vocabulary: Iterable[ox.Quad], lang: str) -> dict[str, Codes]:
    """Every code list of the mapping, labelled in `lang` (local name where labels clash)."""
    by_subject: dict[str, list[ox.Quad]] = {}
    for q in vocabulary:
        if isinstance(q.subject, ox.NamedNode):
            by_subject.setdefault(q.subject.value, []).append(q)
    out = {}
    for key, spec in CODE_LISTS.items():
        klass = _expand_std(spec.klass) if spec.klass else None
        members = sorted(
            iri
            for iri, qs in by_subject.items()
            if iri.startswith(spec.namespace)
            and (
                klass is None
                or any(
                    q.predicate.value == RDF_TYPE and q.object == ox.NamedNode(klass) for q in qs
                )
            )
        )
        out[key] = _codes(spec, members, by_subject, lang)
    return out


def _codes(spec: CodeList, members: list[str], by_subject: dict, lang: str) -> Codes:
    labels = {iri: _label(by_subject[iri], lang) or iri[len(spec.namespace) :] for iri in members}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    shown = {
        iri: (label if counts[label] == 1 else iri[len(spec.namespace) :])
        for iri, label in labels.items()
    }
    accepted: dict[str, str] = {}
    for iri in members:
        local = iri[len(spec.namespace) :]
        for spelling in (local, *(_all_labels(by_subject[iri]))):
            accepted.setdefault(spelling.casefold(), iri)
    for iri, label in shown.items():
        accepted[label.casefold()] = iri
    return Codes(spec, shown, accepted)


def _label(quads: list[ox.Quad], lang: str) -> str | None:
    for pred in _LABELS:
        for q in quads:
            o = q.object
            if q.predicate.value == pred and isinstance(o, ox.Literal) and o.language == lang:
                return str(o.value)
    return None


def _all_labels(quads: list[ox.Quad]) -> list[str]:
    return [
        str(q.object.value)
        for q in quads
        if q.predicate.value in (*_LABELS, _NOTATION) and isinstance(q.object, ox.Literal)
    ]


def _expand_std(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local


@dataclass
class Actors:
    """Organisation names: IRI → name shown; names and name variants → IRI."""

    names: dict[str, str] = field(default_factory=dict)
    lookup: dict[str, set[str]] = field(default_factory=dict)

    def add(self, iri: str, name: str | None, variants: Iterable[str] = ()) -> None:
        if name is not None:
            self.names[iri] = name
        for spelling in (name, *variants):
            if spelling:
                self.lookup.setdefault(spelling.casefold(), set()).add(iri)

    def shown(self, iri: str) -> str | None:
        """The name, when it leads back to this IRI alone."""
        name = self.names.get(iri)
        if name is None or self.lookup.get(name.casefold()) != {iri}:
            return None
        return name

    def find(self, name: str) -> str | None:
        found = self.lookup.get(name.casefold(), set())
        return next(iter(found)) if len(found) == 1 else None

    def nearest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, list(self.names.values()), n=1, cutoff=0.4)
        return close[0] if close else None
