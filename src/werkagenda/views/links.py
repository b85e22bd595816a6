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
import re
from urllib.parse import quote, urlsplit

from werkagenda.config import DEFAULT_BASE

# The site's own files: no resource may be written over them, whatever its IRI (compared
# case-insensitively, for file systems that fold case). A folder here is the site's alone.
RESERVED_NAMES = frozenset(
    {"", "index", "def", "def/index", "def/en", "def/werkagenda", "catalog", "void", "search"}
    | {"whatif", "query", "sparql", "sha256sums"}
)
RESERVED_FOLDERS = frozenset({"views", "lists", "static", "downloads", "feed", "api"})
# One clean path segment: IRI characters that need no escaping in a file name, no leading
# dot (no `..`, no hidden files), at most 200 bytes (file systems allow 255).
_SEGMENT = re.compile(r"[A-Za-z0-9_~!$&'()*+,;=:@%-][A-Za-z0-9._~!$&'()*+,;=:@%-]{0,199}")


def resource_file(local: str, suffix: str) -> str | None:
    """The site-relative file for a resource's local path with `suffix`, or None when data may
    not have one: not a clean relative path, or one of the site's own names.

    >>> resource_file("id/drenthe/actor/treant", ".ttl")
    'id/drenthe/actor/treant.ttl'
    >>> [resource_file(p, ".html") for p in ("/etc/x", "id//x", "id/../x", "index", "static/style")]
    [None, None, None, None, None]

    A last segment ending in `.en` would be another page's English file (`x.en.html`):
    >>> resource_file("index.en", ".html"), resource_file("id/drenthe/actor/treant.EN", ".html")
    (None, None)
    """
    segments = local.split("/")
    if not all(_SEGMENT.fullmatch(s) for s in segments):
        return None
    folded = local.lower()
    if folded in RESERVED_NAMES or segments[0].lower() in RESERVED_FOLDERS:
        return None
    if folded.endswith(".en"):
        return None
    return local + suffix


def mapped_bases(base_iri: str) -> tuple[str, ...]:
    """The base IRIs a site maps onto itself: the store's base, then the shared default."""
    found = [base_iri] + ([DEFAULT_BASE] if base_iri != DEFAULT_BASE else [])
    return tuple(sorted(found, key=len, reverse=True))


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
        if path not in ("", "def") and resource_file(path, ".html") is None:
            return iri if is_web_iri(iri) else None  # the static site has no page for it
        return self.static(self.page_file(target)) + anchor

    def static(self, target_file: str) -> str:
        """A site-relative file path, relative to the page being written (static mode)."""
        if self.static_from is None:
            return "/" + target_file
        here = posixpath.dirname(self.page_file(self.static_from))
        return posixpath.relpath(target_file, here or ".")

    resource_file = staticmethod(resource_file)

    @staticmethod
    def page_file(path: str) -> str:
        """Where the static site keeps the HTML of local path `path` (the site's own pages
        included); for data, `resource_file` says whether the page may be written at all."""
        if path in ("", "/"):
            return "index.html"
        if path == "def":
            return "def/index.html"
        return path.rstrip("/") + ".html"
