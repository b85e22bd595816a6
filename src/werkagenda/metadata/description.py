"""The SPARQL service description of the endpoint, built from the live store statistics."""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF, XSD

from werkagenda.metadata.stats import Stats

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
FORMATS = rdflib.Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(stats: Stats, endpoint: str) -> rdflib.Graph:
    """sd:Service for `endpoint`: language, formats, features and the dataset's graphs."""
    g = rdflib.Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    service = rdflib.URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[fmt]))
    dataset = rdflib.BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = rdflib.BNode("default")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, VOID.triples, rdflib.Literal(stats.triples, datatype=XSD.integer)))
    for i, (name, (triples, subjects, _)) in enumerate(sorted(stats.graphs.items())):
        named, graph = rdflib.BNode(f"named{i}"), rdflib.BNode(f"graph{i}")
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, rdflib.URIRef(name)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, rdflib.Literal(triples, datatype=XSD.integer)))
        g.add((graph, VOID.distinctSubjects, rdflib.Literal(subjects, datatype=XSD.integer)))
    return g
