"""Emit one synthetic agenda: copy the skeleton, bootstrap every inspanning from donors.

The skeleton (agenda, documents, themes, goals, listings, aandachtspunten, actors, related
initiatives, data-quality notes) is copied with re-minted IRIs, so themes, goals per theme,
cross-theme links and name variants keep the real distribution. Each inspanning slot keeps
its code and number (goal number lists point at it) and takes its `core` block from a
random inspanning of the same theme, and its actors, funding, planning and scale blocks
each from a random inspanning of any theme (sampling with replacement).
"""

from __future__ import annotations

import random

import pyoxigraph as ox

from werkagenda.errors import InputError
from werkagenda.synth.naming import Minter, SynthAgenda
from werkagenda.synth.template import Inspanning, Template, Term

BLOCK_ORDER = ("core", "actors", "funding", "planning", "scale")


def agenda_triples(template: Template, target: SynthAgenda, seed: int) -> list[ox.Triple]:
    """All curated triples of one synthetic agenda, in a deterministic order."""
    rng = random.Random(f"werkagenda-synth:{seed}:{target.key}")
    emitter = _Emitter(
        template, Minter(template.agenda_iri, template.region_base, target), target.bnode_prefix
    )
    out: list[ox.Triple] = []
    for root in template.roots:
        out += emitter.resource(root, {})
    everyone = template.inspanningen
    for theme in template.themes:
        same_theme = template.slots_of(theme)
        for slot in same_theme:
            donors = {
                name: rng.choice(same_theme if name == "core" else everyone) for name in BLOCK_ORDER
            }
            out += emitter.slot(slot, donors)
    return out


class _Emitter:
    def __init__(self, template: Template, minter: Minter, bnode_prefix: str) -> None:
        self.describe = template.describe
        self.minter = minter
        self.prefix = bnode_prefix
        self.scope = template.agenda_iri + "/"
        self.count = 0

    def resource(
        self, subject: ox.NamedNode | ox.BlankNode, local: dict[ox.NamedNode, ox.NamedNode]
    ) -> list[ox.Triple]:
        """A resource's triples (and its blank nodes') with `local` renames applied first."""
        new_s = self._subject(subject, local)
        out: list[ox.Triple] = []
        for p, o in self.describe.get(subject, ()):
            out += self._triple(subject, new_s, p, o, local)
        return out

    def slot(self, slot: Inspanning, donors: dict[str, Inspanning]) -> list[ox.Triple]:
        subject = self.minter.iri(slot.iri)
        out = [ox.Triple(subject, p, o) for p, o in slot.slot_props]
        for name in BLOCK_ORDER:
            donor = donors[name]
            block = donor.blocks[name]
            local = {sub: self._rename(sub, donor.code, slot.code) for sub in block.owned}
            local[donor.iri] = slot.iri
            for p, o in block.props:
                out += self._triple(donor.iri, subject, p, o, local)
            for sub in block.owned:
                out += self.resource(sub, local)
        return out

    def _triple(
        self,
        old_s: Term,
        new_s: ox.NamedNode | ox.BlankNode,
        p: ox.NamedNode,
        o: Term,
        local: dict[ox.NamedNode, ox.NamedNode],
    ) -> list[ox.Triple]:
        if isinstance(o, ox.BlankNode):
            fresh = self._bnode()
            nested = [
                t
                for pp, oo in self.describe.get(o, ())
                for t in self._triple(o, fresh, pp, oo, local)
            ]
            return [ox.Triple(new_s, p, fresh), *nested]
        if isinstance(o, ox.Literal):
            mapped: Term = (
                self.minter.literal(old_s, p, o) if isinstance(old_s, ox.NamedNode) else o
            )
        elif isinstance(o, ox.NamedNode):
            mapped = self._map(o, local)
        else:
            raise InputError(f"the template holds a quoted triple, which synth cannot copy: {o}")
        return [ox.Triple(new_s, p, mapped)]

    def _subject(
        self, s: ox.NamedNode | ox.BlankNode, local: dict[ox.NamedNode, ox.NamedNode]
    ) -> ox.NamedNode | ox.BlankNode:
        return self._bnode() if isinstance(s, ox.BlankNode) else self._map(s, local)

    def _map(self, term: ox.NamedNode, local: dict[ox.NamedNode, ox.NamedNode]) -> ox.NamedNode:
        return self.minter.iri(local.get(term, term))

    def _bnode(self) -> ox.BlankNode:
        self.count += 1
        return ox.BlankNode(f"{self.prefix}{self.count}")

    def _rename(self, sub: ox.NamedNode, donor_code: str, slot_code: str) -> ox.NamedNode:
        """`fin:VOW-9-1` taken by slot ZT-3 -> `fin:ZT-3-1`; a foreign one -> `fin:ZT-3-<local>`."""
        space, _, local = sub.value[len(self.scope) :].partition("/")
        if local.startswith(donor_code + "-"):
            new = slot_code + local[len(donor_code) :]
        else:
            new = f"{slot_code}-{local}"
        return ox.NamedNode(f"{self.scope}{space}/{new}")
