"""VoID description of the dataset, built from the live statistics."""

from __future__ import annotations

import rdflib
from rdflib.namespace import DCTERMS, RDF, XSD

from werkagenda.config import PREFIXES
from werkagenda.metadata.downloads import DUMPS
from werkagenda.metadata.stats import Site, Stats

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
VOCABULARIES = ("wa", "skos", "dct", "prov", "org", "foaf", "time", "adms", "rdfs", "owl")


def void_graph(stats: Stats, site: Site) -> rdflib.Graph:
    """void:Dataset with size, endpoint, dumps, URI space, vocabularies and one subset per graph."""
    g = rdflib.Graph()
    g.bind("void", VOID)
    g.bind("dct", DCTERMS)
    ds = rdflib.URIRef(site.catalog_doc + "#dataset")
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, rdflib.Literal("Werkagenda-kennisgraaf", lang="nl")))
    g.add((ds, DCTERMS.title, rdflib.Literal("Work agenda knowledge graph", lang="en")))
    g.add((ds, VOID.triples, rdflib.Literal(stats.triples, datatype=XSD.integer)))
    g.add((ds, VOID.sparqlEndpoint, rdflib.URIRef(site.sparql_url)))
    g.add((ds, VOID.uriSpace, rdflib.Literal(site.base_iri)))
    g.add((ds, VOID.rootResource, rdflib.URIRef(site.base_iri + "id/drenthe/2024")))
    for item in DUMPS:
        g.add((ds, VOID.dataDump, rdflib.URIRef(site.download(item.name))))
    for prefix in VOCABULARIES:
        g.add((ds, VOID.vocabulary, rdflib.URIRef(PREFIXES[prefix])))
    for i, (graph, (triples, subjects, properties)) in enumerate(sorted(stats.graphs.items())):
        sub = rdflib.URIRef(f"{site.catalog_doc}#graph-{i + 1}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add(
            (
                sub,
                rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#name"),
                rdflib.URIRef(graph),
            )
        )
        g.add((sub, VOID.triples, rdflib.Literal(triples, datatype=XSD.integer)))
        g.add((sub, VOID.distinctSubjects, rdflib.Literal(subjects, datatype=XSD.integer)))
        g.add((sub, VOID.properties, rdflib.Literal(properties, datatype=XSD.integer)))
    return g
