"""Read the real agenda as a sampling template: resources, their blank nodes, inspanning blocks.

An inspanning is cut into blocks that the generator can take from different donors:
`core` (title, texts, goal references, cross-theme links), `actors` (initiators, parties,
qualified associations), `funding` (funding arrangements, applications, preconditions),
`planning` (milestones) and `scale` (scale/focus). A block owns the sub-resources it
points to in its namespaces (e.g. `fin:VOW-9-1`), which travel with it and are renamed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import WA, Agenda
from werkagenda.errors import InputError
from werkagenda.load import RDF_TYPE, parse_turtle
from werkagenda.rdf.terms import value

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
PO = tuple[ox.NamedNode, Term]

_W = WA
_PROV = "http://www.w3.org/ns/prov#"
# block name -> (predicates it takes from the inspanning, namespaces of sub-resources it owns)
BLOCKS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "actors": (
        frozenset(
            _W + p
            for p in (
                "initiatiefnemer",
                "initiatiefnemerTekst",
                "betrokkenPartij",
                "betrokkenPartijenTekst",
                "penvoerder",
                "opdrachtnemer",
            )
        )
        | {_PROV + "qualifiedAssociation"},
        (),
    ),
    "funding": (
        frozenset(
            _W + p
            for p in (
                "financiering",
                "aanvraag",
                "middelenTekst",
                "randvoorwaarde",
                "randvoorwaardenTekst",
            )
        ),
        ("financiering", "aanvraag", "randvoorwaarde"),
    ),
    "planning": (frozenset(_W + p for p in ("planning", "planningTekst")), ("mijlpaal",)),
    "scale": (frozenset(_W + p for p in ("schaal", "schaalTekst")), ("schaal",)),
}
CORE_NAMESPACES = ("doelverwijzing",)
SLOT_KEYS = frozenset((_W + "code", _W + "nummer"))  # always the slot's own


@dataclass
class Block:
    """Some properties of one inspanning plus the sub-resources they own."""

    props: list[PO]
    owned: list[ox.NamedNode]


@dataclass
class Inspanning:
    iri: ox.NamedNode
    code: str
    theme: ox.NamedNode
    slot_props: list[PO]
    blocks: dict[str, Block] = field(default_factory=dict)


@dataclass
class Template:
    """The real agenda, indexed for sampling."""

    agenda: Agenda
    agenda_iri: str
    region_base: str  # ".../id/<region>/"
    describe: dict[Term, list[PO]]  # subject -> its triples, in file order
    roots: list[ox.NamedNode]  # IRI subjects copied as they are (not inspanning-owned)
    inspanningen: list[Inspanning]
    documents: list[tuple[ox.NamedNode, str]]  # (document IRI, path in the agenda folder)
    digest: str

    @property
    def themes(self) -> list[ox.NamedNode]:
        return list(dict.fromkeys(i.theme for i in self.inspanningen))

    def slots_of(self, theme: ox.NamedNode) -> list[Inspanning]:
        return [i for i in self.inspanningen if i.theme == theme]


def load_template(agenda: Agenda) -> Template:
    """Parse an agenda folder and cut it into copyable resources and inspanning blocks."""
    graph = ox.NamedNode(agenda.iri)
    quads = [q for path in agenda.turtle_files for q in parse_turtle(path, graph)]
    if not quads:
        raise InputError(f"{agenda.folder}: the template agenda holds no triples")
    digest = hashlib.sha256()
    for path in agenda.turtle_files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    describe: dict[Term, list[PO]] = {}
    for q in quads:
        describe.setdefault(q.subject, []).append((q.predicate, q.object))
    insp_class = ox.NamedNode(_W + "Inspanning")
    inspanningen = [
        _cut(s, describe, agenda.iri + "/")
        for s, pos in describe.items()
        if isinstance(s, ox.NamedNode) and (RDF_TYPE, insp_class) in pos
    ]
    if not inspanningen:
        raise InputError(f"{agenda.folder}: the template agenda has no wa:Inspanning to sample")
    owned = {o for i in inspanningen for b in i.blocks.values() for o in b.owned}
    owned |= {i.iri for i in inspanningen}
    roots = [s for s in describe if isinstance(s, ox.NamedNode) and s not in owned]
    path_pred = ox.NamedNode(_W + "bestandspad")
    documents = [
        (s, value(o))
        for s, pos in describe.items()
        for p, o in pos
        if p == path_pred and isinstance(s, ox.NamedNode)
    ]
    region_base = agenda.iri.rsplit("/", 1)[0] + "/"
    return Template(
        agenda,
        agenda.iri,
        region_base,
        describe,
        roots,
        inspanningen,
        documents,
        digest.hexdigest(),
    )


def _cut(iri: ox.NamedNode, describe: dict[Term, list[PO]], scope: str) -> Inspanning:
    pos = describe[iri]
    code = next((value(o) for p, o in pos if p.value == _W + "code"), None)
    theme = next((o for p, o in pos if p.value == _W + "binnenOpgave"), None)
    if code is None or not isinstance(theme, ox.NamedNode):
        raise InputError(f"template inspanning {iri.value} lacks wa:code or wa:binnenOpgave")
    taken: set[str] = set(SLOT_KEYS)
    insp = Inspanning(iri, code, theme, [(p, o) for p, o in pos if p.value in SLOT_KEYS])
    for name, (preds, spaces) in BLOCKS.items():
        props = [(p, o) for p, o in pos if p.value in preds]
        taken |= preds
        insp.blocks[name] = Block(props, _owned(props, describe, scope, spaces))
    core = [(p, o) for p, o in pos if p.value not in taken]
    insp.blocks["core"] = Block(core, _owned(core, describe, scope, CORE_NAMESPACES))
    return insp


def _owned(
    props: list[PO], describe: dict[Term, list[PO]], scope: str, spaces: tuple[str, ...]
) -> list[ox.NamedNode]:
    """Sub-resources in `spaces` reachable from `props` (following links among them)."""
    prefixes = tuple(scope + s + "/" for s in spaces)
    found: dict[ox.NamedNode, None] = {}
    todo = [o for _, o in props]
    while todo:
        o = todo.pop(0)
        if (
            isinstance(o, ox.NamedNode)
            and o.value.startswith(prefixes)
            and o not in found
            and o in describe
        ):
            found[o] = None
            todo += [x for _, x in describe[o]]
    return list(found)
