"""Names of synthetic agendas (region x edition) and re-minting of the template's IRIs."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, WA

FIRST_EDITION = 2024
EDITIONS_PER_REGION = 4  # 25 regions x 4 editions = 100 agendas (the national scale)
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass(frozen=True)
class SynthAgenda:
    """The n-th synthetic agenda: region `n // 4 + 1`, edition `2024 + n % 4`.

    >>> a = SynthAgenda.number(9)
    >>> a.folder_name, a.key, a.iri
    ('synth-r003-2025', 'synth-r003/2025', 'https://w3id.org/iza-werkagenda/id/synth-r003/2025')
    """

    region: int
    edition: int

    @classmethod
    def number(cls, n: int) -> SynthAgenda:
        return cls(n // EDITIONS_PER_REGION + 1, FIRST_EDITION + n % EDITIONS_PER_REGION)

    @property
    def region_slug(self) -> str:
        return f"synth-r{self.region:03d}"

    @property
    def folder_name(self) -> str:
        return f"{self.region_slug}-{self.edition}"

    @property
    def key(self) -> str:
        return f"{self.region_slug}/{self.edition}"

    @property
    def iri(self) -> str:
        return f"{DEFAULT_BASE}id/{self.key}"

    @property
    def region_base(self) -> str:
        return f"{DEFAULT_BASE}id/{self.region_slug}/"

    @property
    def bnode_prefix(self) -> str:
        return f"r{self.region:03d}e{self.edition}b"


def plan(scale: int) -> list[SynthAgenda]:
    """The agendas of a scale: one per unit, regions filled edition by edition."""
    return [SynthAgenda.number(n) for n in range(scale)]


class Minter:
    """Maps template terms onto one synthetic agenda (IRIs under its region and edition)."""

    def __init__(self, template_agenda: str, template_region: str, target: SynthAgenda) -> None:
        self.old_agenda, self.old_region = template_agenda, template_region
        self.target = target
        self._cache: dict[ox.NamedNode, ox.NamedNode] = {}

    def iri(self, term: ox.NamedNode) -> ox.NamedNode:
        found = self._cache.get(term)
        if found is None:
            v = term.value
            if v == self.old_agenda or v.startswith(self.old_agenda + "/"):
                found = ox.NamedNode(self.target.iri + v[len(self.old_agenda) :])
            elif v.startswith(self.old_region):
                found = ox.NamedNode(self.target.region_base + v[len(self.old_region) :])
            else:
                found = term
            self._cache[term] = found
        return found

    def literal(
        self, subject: ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode, lit: ox.Literal
    ) -> ox.Literal:
        """Literals that name the region or edition; others (paths too) unchanged."""
        p = predicate.value
        if not isinstance(subject, ox.NamedNode) or subject.value != self.old_agenda:
            return lit
        t = self.target
        if p == WA + "regio":
            return ox.Literal(f"Synthetische regio {t.region}")
        if p == WA + "editie":
            return ox.Literal(str(t.edition), datatype=ox.NamedNode(XSD + "gYear"))
        if p in (DCT + "title", RDFS_LABEL):
            if lit.language == "en":
                return ox.Literal(
                    f"Synthetic work agenda {t.edition}, region {t.region}", language="en"
                )
            return ox.Literal(
                f"Synthetische werkagenda {t.edition}, regio {t.region}", language=lit.language
            )
        if p == DCT + "issued" and len(lit.value) >= 4:
            return ox.Literal(f"{t.edition}{lit.value[4:]}", datatype=lit.datatype)
        return lit
