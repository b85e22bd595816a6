"""IRIs to hrefs: resources under our bases resolve on this server (or in the static site).

>>> lk = Linker(("https://w3id.org/iza-werkagenda/",))
>>> lk.href("https://w3id.org/iza-werkagenda/id/drenthe/actor/treant")
'/id/drenthe/actor/treant'
>>> lk.href("javascript:alert(1)") is None
True
>>> Linker(("https://w3id.org/iza-werkagenda/",), static_from="id/drenthe/actor/treant").href(
...     "https://w3id.org/iza-werkagenda/id/drenthe/2024/opgave/VOW")
'../2024/opgave/VOW.html'
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urlsplit

PREFIXES = {
    "wa": "https://w3id.org/iza-werkagenda/def#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "time": "http://www.w3.org/2006/time#",
    "adms": "http://www.w3.org/ns/adms#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
}


def curie(iri: str) -> str:
    """A compact name for display ('dct:title'), or the IRI itself."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def is_web_iri(value: str) -> bool:
    """Only http(s) IRIs become hrefs; javascript:, data: and friends never do."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class Linker:
    """Maps IRIs under `bases` to local paths; others stay external (http/https only)."""

    def __init__(self, bases: tuple[str, ...], *, static_from: str | None = None) -> None:
        self.bases = tuple(sorted(bases, key=len, reverse=True))
        self.static_from = static_from  # the page's own local path, when writing a static site

    def local_path(self, iri: str) -> str | None:
        """`id/drenthe/actor/treant` for an IRI under a base, else None."""
        for base in self.bases:
            if iri.startswith(base):
                return iri[len(base) :]
        return None

    def href(self, iri: str) -> str | None:
        path = self.local_path(iri)
        if path is None:
            return iri if is_web_iri(iri) else None
        path, _, fragment = path.partition("#")
        target = quote(path, safe="/:@!$&'()*+,;=-._~")
        anchor = f"#{quote(fragment, safe='-._~')}" if fragment else ""
        if self.static_from is None:
            return "/" + target + anchor
        return self.static(self.page_file(target)) + anchor

    def static(self, target_file: str) -> str:
        """A site-relative file path, relative to the page being written (static mode)."""
        if self.static_from is None:
            return "/" + target_file
        here = posixpath.dirname(self.page_file(self.static_from))
        return posixpath.relpath(target_file, here or ".")

    @staticmethod
    def page_file(path: str) -> str:
        """Where the static site keeps the HTML of local path `path`."""
        if path in ("", "/"):
            return "index.html"
        if path == "def":
            return "def/index.html"
        return path.rstrip("/") + ".html"
