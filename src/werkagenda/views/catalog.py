"""The catalogue (DCAT) and the VoID description as human pages, read from their graphs.

The page shows what the RDF says, nothing else: the model is read from the graphs that
`metadata.dcat.catalog_graph` and `metadata.void.void_graph` build, so the HTML and the
Turtle can never disagree. Links to the site's own files go through `local` (relative
in the static site), others stay as they are when they are http(s).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rdflib
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from werkagenda.views.links import is_web_iri

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT3 = rdflib.Namespace("http://www.w3.org/ns/dcat#")
SD_NAME = rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#name")
Local = Callable[[str], str]


def _text(g: rdflib.Graph, node: rdflib.term.Node, prop: rdflib.URIRef, lang: str) -> str:
    """The literal of `prop` in `lang`, else Dutch, else any."""
    found = {getattr(o, "language", None) or "": str(o) for o in g.objects(node, prop)}
    return found.get(lang) or found.get("nl") or next(iter(found.values()), "")


def _one(g: rdflib.Graph, node: rdflib.term.Node, prop: rdflib.URIRef) -> str:
    return next((str(o) for o in g.objects(node, prop)), "")


def _link(url: str, local: Local, site_url: str) -> str:
    if url.startswith(site_url):
        return local(url[len(site_url) :])
    return url if is_web_iri(url) else ""


def catalog_model(
    catalog: rdflib.Graph, void: rdflib.Graph, *, lang: str, site_url: str, local: Local
) -> dict[str, Any]:
    """Catalogue, dataset, editions, distributions, endpoint and the VoID counts."""
    root = next(catalog.subjects(RDF.type, DCAT.Catalog))
    dataset = next(catalog.objects(root, DCAT.dataset))
    publisher = next(catalog.objects(root, DCTERMS.publisher), None)
    licence = _one(catalog, root, DCTERMS.license)
    distributions = []
    for dist in sorted(catalog.objects(dataset, DCAT.distribution), key=str):
        url = _one(catalog, dist, DCAT.downloadURL) or _one(catalog, dist, DCAT.accessURL)
        media = _one(catalog, dist, DCAT.mediaType).rsplit("/media-types/", 1)[-1]
        size = _one(catalog, dist, DCAT.byteSize)
        distributions.append(
            {
                "title": _text(catalog, dist, DCTERMS.title, lang),
                "href": _link(url, local, site_url),
                "url": url,
                "media": media,
                "size": size,
                "download": bool(_one(catalog, dist, DCAT.downloadURL)),
            }
        )
    distributions.sort(key=lambda d: (not d["download"], d["title"]))
    editions = [
        {
            "title": _text(catalog, v, DCTERMS.title, lang),
            "version": _one(catalog, v, DCAT3.version),
            "notes": _text(catalog, v, DCTERMS.description, lang),
            "iri": _one(catalog, v, DCTERMS.identifier),
        }
        for v in catalog.objects(dataset, DCAT3.hasVersion)
    ]
    editions.sort(key=lambda e: e["version"], reverse=True)
    services = [
        {
            "title": _text(catalog, s, DCTERMS.title, lang),
            "endpoint": _one(catalog, s, DCAT.endpointURL),
            "href": _link(_one(catalog, s, DCAT.endpointURL), local, site_url),
        }
        for s in catalog.objects(root, DCAT.service)
    ]
    void_root = next(void.subjects(VOID.triples, None), None)
    graphs = []
    if void_root is not None:
        for sub in void.objects(void_root, VOID.subset):
            graphs.append(
                {
                    "name": _one(void, sub, SD_NAME),
                    "triples": _one(void, sub, VOID.triples),
                    "subjects": _one(void, sub, VOID.distinctSubjects),
                    "properties": _one(void, sub, VOID.properties),
                }
            )
    graphs.sort(key=lambda g: g["name"])
    return {
        "title": _text(catalog, root, DCTERMS.title, lang),
        "description": _text(catalog, root, DCTERMS.description, lang),
        "dataset": {
            "title": _text(catalog, dataset, DCTERMS.title, lang),
            "description": _text(catalog, dataset, DCTERMS.description, lang),
            "issued": _one(catalog, dataset, DCTERMS.issued),
            "modified": _one(catalog, dataset, DCTERMS.modified),
            "keywords": sorted(
                str(k)
                for k in catalog.objects(dataset, DCAT.keyword)
                if getattr(k, "language", None) in (None, lang, "nl")
            ),
        },
        "publisher": _text(catalog, publisher, FOAF.name, lang) if publisher else "",
        "licence": licence if is_web_iri(licence) else "",
        "editions": editions,
        "distributions": distributions,
        "services": services,
        "void": {
            "triples": _one(void, void_root, VOID.triples) if void_root is not None else "",
            "endpoint": _one(void, void_root, VOID.sparqlEndpoint) if void_root else "",
            "uri_space": _one(void, void_root, VOID.uriSpace) if void_root else "",
            "vocabularies": sorted(str(v) for v in void.objects(void_root, VOID.vocabulary))
            if void_root is not None
            else [],
            "graphs": graphs,
        },
    }
