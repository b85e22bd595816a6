"""The DCAT-AP-NL 3.0 catalogue: catalog, dataset, a distribution per download, the endpoint.

Built from the live statistics and the download list. External IRIs (EU vocabularies, the
licence, Geonames) are typed locally, as the official DCAT-AP-NL example does, so that the
class-range shapes can check them without importing those vocabularies.
"""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from werkagenda.config import ONTOLOGY_IRI
from werkagenda.editions.versions import EditionVersion, latest_agenda
from werkagenda.metadata.downloads import DUMPS, TABLES, Download
from werkagenda.metadata.stats import Site, Stats

VCARD = rdflib.Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE = rdflib.URIRef("http://creativecommons.org/licenses/by/4.0/deed.nl")
PUBLIC = rdflib.URIRef(EU + "access-right/PUBLIC")
DUTCH = rdflib.URIRef(EU + "language/NLD")
DRENTHE = rdflib.URIRef("http://www.geonames.org/2756631")
EU_THEMES = {
    "HEAL": ("Gezondheid", "Health"),
    "SOCI": ("Bevolking en samenleving", "Population and society"),
    "REGI": ("Regio's en steden", "Regions and cities"),
}
SPARQL_PROTOCOL = rdflib.URIRef("https://www.w3.org/TR/sparql11-protocol/")
TEMPORAL = ("2024-01-01", "2040-12-31")  # the agenda runs from 2024 to its 2040 horizon


def _nl_en(g: rdflib.Graph, node: rdflib.term.Node, prop: rdflib.URIRef, nl: str, en: str) -> None:
    g.add((node, prop, rdflib.Literal(nl, lang="nl")))
    g.add((node, prop, rdflib.Literal(en, lang="en")))


@dataclass(frozen=True)
class _Nodes:
    """The catalogue's own nodes: `#fragments` of the catalogue document."""

    doc: str

    def __call__(self, fragment: str) -> rdflib.URIRef:
        return rdflib.URIRef(f"{self.doc}#{fragment}")


def catalog_graph(
    stats: Stats,
    site: Site,
    themes: list[dict[str, str]],
    files: dict[str, tuple[int, str]] | None = None,
    versions: list[EditionVersion] | None = None,
) -> rdflib.Graph:
    """The catalogue graph; `files` adds byte sizes and SHA-256 checksums per download,
    `versions` the editions as dataset versions (`add_versions`)."""
    g = rdflib.Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("spdx", SPDX),
    ):
        g.bind(prefix, ns)
    n = _Nodes(site.catalog_doc)
    _catalog(g, n, stats, site)
    _dataset(g, n, stats, site, themes)
    for item in (*DUMPS, *TABLES):
        _download(g, n, site, item, (files or {}).get(item.name))
    _sparql(g, n, site)
    _agents(g, n, site)
    if versions is not None:
        add_versions(g, site, versions)
    _local_types(g)
    return g


def _catalog(g: rdflib.Graph, n: _Nodes, stats: Stats, site: Site) -> None:
    catalog = n("catalog")
    g.add((catalog, RDF.type, DCAT.Catalog))
    _nl_en(
        g,
        catalog,
        DCTERMS.title,
        "Catalogus van de werkagenda-kennisgraaf",
        "Catalogue of the work agenda knowledge graph",
    )
    _nl_en(
        g,
        catalog,
        DCTERMS.description,
        "Datasets en diensten van de kennisgraaf van IZA-werkagenda's.",
        "Datasets and services of the knowledge graph of IZA work agendas.",
    )
    g.add((catalog, DCTERMS.publisher, n("publisher")))
    g.add((catalog, DCAT.contactPoint, n("contact")))
    g.add((catalog, DCAT.dataset, n("dataset")))
    g.add((catalog, DCAT.service, n("sparql-endpoint")))
    g.add((catalog, DCTERMS.language, DUTCH))
    g.add((catalog, DCTERMS.license, LICENCE))
    g.add((catalog, FOAF.homepage, rdflib.URIRef(site.site_url)))
    g.add((catalog, DCAT.themeTaxonomy, rdflib.URIRef(EU + "data-theme")))
    _dates(g, catalog, stats)


def _dataset(
    g: rdflib.Graph, n: _Nodes, stats: Stats, site: Site, themes: list[dict[str, str]]
) -> None:
    dataset = n("dataset")
    agenda = latest_agenda(stats.agendas)  # the latest edition of the first region
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.identifier, rdflib.Literal(str(dataset))))
    _nl_en(
        g,
        dataset,
        DCTERMS.title,
        "Kennisgraaf " + agenda.get("title_nl", "werkagenda"),
        "Knowledge graph of the " + agenda.get("title_en", "work agenda"),
    )
    _nl_en(
        g,
        dataset,
        DCTERMS.description,
        agenda.get("description_nl", "") + f" Als RDF: {stats.triples} triples, elk gegeven "
        "herleidbaar tot de bronregel.",
        agenda.get("description_en", "") + f" As RDF: {stats.triples} triples, every fact "
        "traceable to its source line.",
    )
    for prop in (DCTERMS.publisher, DCTERMS.creator):
        g.add((dataset, prop, n("publisher")))
    g.add((dataset, DCAT.contactPoint, n("contact")))
    g.add((dataset, DCTERMS.accessRights, PUBLIC))
    for code in EU_THEMES:
        g.add((dataset, DCAT.theme, rdflib.URIRef(EU + "data-theme/" + code)))
    for theme in themes:
        g.add((dataset, DCAT.keyword, rdflib.Literal(theme.get("label_nl", ""), lang="nl")))
    g.add((dataset, DCTERMS.language, DUTCH))
    g.add((dataset, DCTERMS.spatial, DRENTHE))
    g.add((dataset, DCTERMS.temporal, n("period")))
    g.add((n("period"), RDF.type, DCTERMS.PeriodOfTime))
    g.add((n("period"), DCAT.startDate, rdflib.Literal(TEMPORAL[0], datatype=XSD.date)))
    g.add((n("period"), DCAT.endDate, rdflib.Literal(TEMPORAL[1], datatype=XSD.date)))
    g.add((dataset, DCTERMS.conformsTo, rdflib.URIRef(ONTOLOGY_IRI)))
    g.add((dataset, DCAT.landingPage, rdflib.URIRef(site.site_url)))
    if agenda.get("agenda"):
        g.add((dataset, RDFS.seeAlso, rdflib.URIRef(agenda["agenda"])))
    _dates(g, dataset, stats)


def _download(
    g: rdflib.Graph, n: _Nodes, site: Site, item: Download, file: tuple[int, str] | None
) -> None:
    """One distribution per download; with `file` (size, sha256) its byte size and checksum."""
    slug = item.name.replace(".", "-")
    dist = rdflib.URIRef(f"{n.doc}#download-{slug}")
    g.add((n("dataset"), DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    _nl_en(g, dist, DCTERMS.title, item.title_nl, item.title_en)
    url = rdflib.URIRef(site.download(item.name))
    g.add((dist, DCAT.accessURL, url))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCAT.mediaType, rdflib.URIRef(IANA + item.media_type)))
    g.add((dist, DCTERMS.format, rdflib.URIRef(EU + "file-type/" + item.file_type)))
    g.add((dist, DCTERMS.license, LICENCE))
    g.add((dist, DCTERMS.language, DUTCH))
    if file is not None:
        size, digest = file
        g.add((dist, DCAT.byteSize, rdflib.Literal(size, datatype=XSD.nonNegativeInteger)))
        checksum = rdflib.URIRef(f"{n.doc}#checksum-{slug}")
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, rdflib.Literal(digest, datatype=XSD.hexBinary)))
    _local_type(g, rdflib.URIRef(IANA + item.media_type), DCTERMS.MediaType)
    _local_type(g, rdflib.URIRef(EU + "file-type/" + item.file_type), DCTERMS.MediaTypeOrExtent)


def _sparql(g: rdflib.Graph, n: _Nodes, site: Site) -> None:
    """The SPARQL endpoint: a distribution of the dataset and a data service."""
    dist, service = n("sparql-distribution"), n("sparql-endpoint")
    g.add((n("dataset"), DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    _nl_en(g, dist, DCTERMS.title, "SPARQL-endpoint", "SPARQL endpoint")
    g.add((dist, DCAT.accessURL, rdflib.URIRef(site.sparql_url)))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCTERMS.license, LICENCE))

    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.identifier, rdflib.Literal(str(service))))
    _nl_en(
        g,
        service,
        DCTERMS.title,
        "SPARQL-endpoint van de werkagenda-kennisgraaf",
        "SPARQL endpoint of the work agenda knowledge graph",
    )
    _nl_en(
        g,
        service,
        DCTERMS.description,
        "Alleen-lezen SPARQL 1.1-endpoint over de hele kennisgraaf (standaardgraaf = vereniging "
        "van de benoemde grafen).",
        "Read-only SPARQL 1.1 endpoint over the whole knowledge graph (default graph = union "
        "of the named graphs).",
    )
    g.add((service, DCAT.endpointURL, rdflib.URIRef(site.sparql_url)))
    g.add((service, DCAT.endpointDescription, rdflib.URIRef(site.sparql_url)))
    g.add((service, DCAT.servesDataset, n("dataset")))
    g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    g.add((service, DCTERMS.accessRights, PUBLIC))
    g.add((service, DCTERMS.license, LICENCE))
    g.add((service, DCTERMS.publisher, n("publisher")))
    g.add((service, DCAT.contactPoint, n("contact")))
    g.add((service, DCAT.theme, rdflib.URIRef(EU + "data-theme/HEAL")))
    g.add((service, DCTERMS.language, DUTCH))


def _agents(g: rdflib.Graph, n: _Nodes, site: Site) -> None:
    g.add((n("publisher"), RDF.type, FOAF.Agent))
    _nl_en(
        g,
        n("publisher"),
        FOAF.name,
        "Project Werkagenda-kennisgraaf",
        "Work agenda knowledge graph project",
    )
    g.add((n("contact"), RDF.type, VCARD.Organization))
    g.add((n("contact"), RDF.type, VCARD.Kind))
    g.add((n("contact"), VCARD.fn, rdflib.Literal("Project Werkagenda-kennisgraaf", lang="nl")))
    g.add((n("contact"), VCARD.hasURL, rdflib.URIRef(site.site_url)))


def _dates(g: rdflib.Graph, node: rdflib.URIRef, stats: Stats) -> None:
    if stats.created:
        g.add((node, DCTERMS.issued, rdflib.Literal(stats.created, datatype=XSD.date)))
    if stats.modified:
        g.add((node, DCTERMS.modified, rdflib.Literal(stats.modified, datatype=XSD.date)))


def _local_type(g: rdflib.Graph, node: rdflib.term.Node, cls: rdflib.URIRef) -> None:
    g.add((node, RDF.type, cls))


def _local_types(g: rdflib.Graph) -> None:
    """Type the external IRIs we use, as the DCAT-AP-NL example does (P11)."""
    _local_type(g, PUBLIC, DCTERMS.RightsStatement)
    _local_type(g, DUTCH, DCTERMS.LinguisticSystem)
    _local_type(g, LICENCE, DCTERMS.LicenseDocument)
    _local_type(g, DRENTHE, DCTERMS.Location)
    _local_type(g, rdflib.URIRef(ONTOLOGY_IRI), DCTERMS.Standard)
    _local_type(g, SPARQL_PROTOCOL, DCTERMS.Standard)
    scheme = rdflib.URIRef(EU + "data-theme")
    _local_type(g, scheme, SKOS.ConceptScheme)
    _nl_en(g, scheme, DCTERMS.title, "Datathema's", "Data themes")
    for code, (nl, en) in EU_THEMES.items():
        theme = rdflib.URIRef(EU + "data-theme/" + code)
        _local_type(g, theme, SKOS.Concept)
        _nl_en(g, theme, SKOS.prefLabel, nl, en)
        g.add((theme, SKOS.inScheme, scheme))
    _local_type(g, SPDX.checksumAlgorithm_sha256, SPDX.ChecksumAlgorithm)
    for prop in (DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL, DCAT.endpointDescription):
        for url in set(g.objects(None, prop)):
            _local_type(g, url, RDFS.Resource)
    for prop in (DCAT.landingPage, FOAF.homepage):
        for page in set(g.objects(None, prop)):
            _local_type(g, page, FOAF.Document)


ADMS = rdflib.Namespace("http://www.w3.org/ns/adms#")
DCAT3 = rdflib.Namespace("http://www.w3.org/ns/dcat#")  # DCAT 3 terms rdflib does not list
LDES_SPEC = rdflib.URIRef("https://w3id.org/ldes/specification")
EDITION_COPIED = (
    DCTERMS.publisher,
    DCTERMS.creator,
    DCAT.contactPoint,
    DCTERMS.accessRights,
    DCAT.theme,
    DCAT.keyword,
    DCTERMS.language,
    DCTERMS.spatial,
    DCTERMS.temporal,
    DCTERMS.conformsTo,
    DCAT.landingPage,
)


def add_versions(g: rdflib.Graph, site: Site, versions: list[EditionVersion]) -> None:
    """Each edition as a version of the dataset, and the change feed as a distribution.

    The dataset (`#dataset`) is the agenda across editions; each edition `#edition-<region>-
    <year>` is `dcat:isVersionOf` it, with `dcat:version`, `dcat:previousVersion` and
    `adms:versionNotes` summarising the changelog against the previous edition. The change
    feed (LDES) is a distribution of the dataset and of every edition.
    """
    g.bind("adms", ADMS)
    doc = site.catalog_doc
    dataset = rdflib.URIRef(doc + "#dataset")
    feed = _feed_distribution(g, site)
    g.add((dataset, DCAT.distribution, feed))
    node_of = {v.iri: rdflib.URIRef(f"{doc}#edition-{v.key.replace('/', '-')}") for v in versions}
    for v in versions:
        node = node_of[v.iri]
        g.add((node, RDF.type, DCAT.Dataset))
        g.add((dataset, DCAT3.hasVersion, node))
        g.add((node, DCAT3.isVersionOf, dataset))
        g.add((node, DCAT3.version, rdflib.Literal(v.version)))
        g.add((node, DCTERMS.identifier, rdflib.Literal(v.iri)))
        g.add((node, RDFS.seeAlso, rdflib.URIRef(v.iri)))
        _nl_en(g, node, DCTERMS.title, f"Werkagenda {v.key}", f"Work agenda {v.key}")
        _nl_en(g, node, DCTERMS.description, v.notes_nl, v.notes_en)
        _nl_en(g, node, ADMS.versionNotes, v.notes_nl, v.notes_en)
        if v.previous in node_of:
            g.add((node, DCAT3.previousVersion, node_of[v.previous]))
        for prop in EDITION_COPIED:
            for value in list(g.objects(dataset, prop)):
                g.add((node, prop, value))
        g.add((node, DCAT.distribution, feed))


def _feed_distribution(g: rdflib.Graph, site: Site) -> rdflib.URIRef:
    node = rdflib.URIRef(site.catalog_doc + "#feed")
    url = rdflib.URIRef(site.page("feed/index.ttl"))
    g.add((node, RDF.type, DCAT.Distribution))
    _nl_en(
        g,
        node,
        DCTERMS.title,
        "Wijzigingenstroom (Linked Data Event Stream)",
        "Change feed (Linked Data Event Stream)",
    )
    _nl_en(
        g,
        node,
        DCTERMS.description,
        "Eén versie per gewijzigde bron per editie, gepagineerd met TREE; een replica die de "
        "stroom afspeelt bevat de laatste editie.",
        "One version member per changed resource per edition, paged with TREE; a replica "
        "replaying the stream holds the latest edition.",
    )
    g.add((node, DCAT.accessURL, url))
    g.add((node, DCAT.mediaType, rdflib.URIRef(IANA + "text/turtle")))
    g.add((node, DCTERMS.format, rdflib.URIRef(EU + "file-type/RDF_TURTLE")))
    g.add((node, DCTERMS.conformsTo, LDES_SPEC))
    g.add((node, DCTERMS.license, LICENCE))
    _local_type(g, rdflib.URIRef(IANA + "text/turtle"), DCTERMS.MediaType)
    _local_type(g, rdflib.URIRef(EU + "file-type/RDF_TURTLE"), DCTERMS.MediaTypeOrExtent)
    _local_type(g, LDES_SPEC, DCTERMS.Standard)
    return node
