"""The changelog as RDF in the change vocabulary (`vocabulary.ttl`, README "Editions")."""

from __future__ import annotations

from importlib.resources import files
from urllib.parse import quote

import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from werkagenda.config import DEFAULT_BASE
from werkagenda.editions.kinds import KINDS
from werkagenda.editions.model import Change, Changelog

AS = rdflib.Namespace("https://www.w3.org/ns/activitystreams#")
WCH = rdflib.Namespace(DEFAULT_BASE + "def/changes#")
KIND_SCHEME = DEFAULT_BASE + "id/concept/wijziging"
RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


def vocabulary() -> rdflib.Graph:
    text = files("werkagenda.editions").joinpath("vocabulary.ttl").read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


def changelog_graph(log: Changelog) -> rdflib.Graph:
    g = rdflib.Graph()
    for prefix, ns in (("as", AS), ("wch", WCH), ("prov", PROV), ("dct", DCTERMS)):
        g.bind(prefix, ns)
    node = rdflib.URIRef(log.new_iri + "/wijzigingen")
    g.add((node, RDF.type, WCH.Changelog))
    g.add((node, PROV.used, rdflib.URIRef(log.old_iri)))
    g.add((node, PROV.generated, rdflib.URIRef(log.new_iri)))
    g.add((node, DCTERMS.title, rdflib.Literal(f"Wijzigingen {log.old} → {log.new}", lang="nl")))
    g.add((node, DCTERMS.title, rdflib.Literal(f"Changes {log.old} → {log.new}", lang="en")))
    for change in log.changes:
        _change(g, node, change)
    for kind in {c.kind for c in log.changes}:
        concept = rdflib.URIRef(f"{KIND_SCHEME}/{kind}")
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, rdflib.URIRef(KIND_SCHEME)))
        g.add((concept, SKOS.prefLabel, rdflib.Literal(KINDS[kind].nl, lang="nl")))
        g.add((concept, SKOS.prefLabel, rdflib.Literal(KINDS[kind].en, lang="en")))
    return g


def _change(g: rdflib.Graph, log: rdflib.URIRef, c: Change) -> None:
    slug = quote(f"{c.kind}/{c.subject}/{c.item}", safe="")
    node = rdflib.URIRef(f"{log}#{slug}")
    g.add((node, RDF.type, WCH.Change))
    g.add((node, RDF.type, AS[KINDS[c.kind].activity]))
    g.add((node, DCTERMS.isPartOf, log))
    g.add((node, DCTERMS.type, rdflib.URIRef(f"{KIND_SCHEME}/{c.kind}")))
    g.add((node, WCH.code, rdflib.Literal(c.subject)))
    if c.item:
        g.add((node, WCH.part, rdflib.Literal(c.item)))
    for prop, values in ((WCH.oldValue, c.old), (WCH.newValue, c.new)):
        for value in values or ():
            g.add((node, prop, rdflib.Literal(value)))
    for prop, line in ((WCH.oldSourceLine, c.old_line), (WCH.newSourceLine, c.new_line)):
        if line is not None and line.iri:
            g.add((node, prop, rdflib.URIRef(line.iri)))


def serialize(log: Changelog, fmt: str) -> str:
    data = changelog_graph(log).serialize(format=RDF_FORMATS[fmt])
    return data if data.endswith("\n") else data + "\n"
