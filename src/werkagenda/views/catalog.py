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


def _distributions(
    catalog: rdflib.Graph, dataset: rdflib.term.Node, lang: str, site_url: str, local: Local
) -> list[dict[str, Any]]:
    """Downloads first, then other access points; each by title."""
    out = []
    for dist in sorted(catalog.objects(dataset, DCAT.distribution), key=str):
        url = _one(catalog, dist, DCAT.downloadURL) or _one(catalog, dist, DCAT.accessURL)
        out.append(
            {
                "title": _text(catalog, dist, DCTERMS.title, lang),
                "href": _link(url, local, site_url),
                "url": url,
                "media": _one(catalog, dist, DCAT.mediaType).rsplit("/media-types/", 1)[-1],
                "size": size_label(_one(catalog, dist, DCAT.byteSize), lang),
                "bytes": _one(catalog, dist, DCAT.byteSize),
                "download": bool(_one(catalog, dist, DCAT.downloadURL)),
            }
        )
    return sorted(out, key=lambda d: (not d["download"], d["title"]))


def size_label(size: str, lang: str) -> str:
    """A byte count as people read it, in kB or MB (decimal, as file managers show them).

    The served catalogue knows no sizes (its downloads are made when asked): "" then.

    >>> size_label("1234567", "nl"), size_label("1234567", "en"), size_label("512", "en")
    ('1,2 MB', '1.2 MB', '512 bytes')
    >>> size_label("", "nl")
    ''
    """
    if not size.isdigit():
        return ""
    n = int(size)
    if n < 1000:
        return f"{n} bytes"
    value, unit = (n / 1e6, "MB") if n >= 1e6 else (n / 1e3, "kB")
    text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
    return (text.replace(".", ",") if lang == "nl" else text) + " " + unit


def _editions(catalog: rdflib.Graph, dataset: rdflib.term.Node, lang: str) -> list[dict[str, str]]:
    """The dataset's versions, newest first."""
    editions = [
        {
            "title": _text(catalog, v, DCTERMS.title, lang),
            "version": _one(catalog, v, DCAT3.version),
            "notes": _text(catalog, v, DCTERMS.description, lang),
            "iri": _one(catalog, v, DCTERMS.identifier),
        }
        for v in catalog.objects(dataset, DCAT3.hasVersion)
    ]
    return sorted(editions, key=lambda e: e["version"], reverse=True)


def _void(void: rdflib.Graph) -> dict[str, Any]:
    """The VoID counts of the whole dataset and of each named graph."""
    root = next(void.subjects(VOID.triples, None), None)
    if root is None:
        return {"triples": "", "endpoint": "", "uri_space": "", "vocabularies": [], "graphs": []}
    graphs = [
        {
            "name": _one(void, sub, SD_NAME),
            "triples": _one(void, sub, VOID.triples),
            "subjects": _one(void, sub, VOID.distinctSubjects),
            "properties": _one(void, sub, VOID.properties),
        }
        for sub in void.objects(root, VOID.subset)
    ]
    return {
        "triples": _one(void, root, VOID.triples),
        "endpoint": _one(void, root, VOID.sparqlEndpoint),
        "uri_space": _one(void, root, VOID.uriSpace),
        "vocabularies": sorted(str(v) for v in void.objects(root, VOID.vocabulary)),
        "graphs": sorted(graphs, key=lambda g: g["name"]),
    }


def catalog_model(
    catalog: rdflib.Graph, void: rdflib.Graph, *, lang: str, site_url: str, local: Local
) -> dict[str, Any]:
    """Catalogue, dataset, editions, distributions, endpoint and the VoID counts."""
    root = next(catalog.subjects(RDF.type, DCAT.Catalog))
    dataset = next(catalog.objects(root, DCAT.dataset))
    publisher = next(catalog.objects(root, DCTERMS.publisher), None)
    licence = _one(catalog, root, DCTERMS.license)
    services = [
        {
            "title": _text(catalog, s, DCTERMS.title, lang),
            "endpoint": _one(catalog, s, DCAT.endpointURL),
            "href": _link(_one(catalog, s, DCAT.endpointURL), local, site_url),
        }
        for s in catalog.objects(root, DCAT.service)
    ]
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
        "editions": _editions(catalog, dataset, lang),
        "distributions": _distributions(catalog, dataset, lang, site_url, local),
        "services": services,
        "void": _void(void),
    }
