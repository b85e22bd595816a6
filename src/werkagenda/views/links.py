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

from werkagenda.config import DEFAULT_BASE


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
