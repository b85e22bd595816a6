"""Resource pages rendered once, when the store is built, and served from the ASGI front.

A resource page is a pure function of the store, the site and the IRI (`views.pages`), and the
store cannot change while it is served, so every `/id/…` answer the server would compute on
its first request is computed at build time instead: HTML in each language and the
description in each RDF format the server offers, by the very job a query worker runs
(`jobs.page`), so the bytes are the same by construction (a test compares them anyway).

They are kept in one SQLite file (`pages.sqlite`, stdlib `sqlite3`) inside the store folder,
so the build's atomic swap replaces store and pages together and a killed build leaves both
as they were. Each row is (IRI, variant, ETag, gzip body); the ETag is a content hash, so a
page whose data changed gets a new one. The server opens the file read-only and answers a
hit with the gzip bytes (`Content-Encoding: gzip`) when the client accepts them, else
decompressed by zlib-ng (about twice stdlib zlib's speed, a tenth of an HTML page's time in
the server; `benchmarks/gunzip_bench.py`); `If-None-Match` with a matching ETag gets 304.
Pages past the first (`?page=N`), unknown IRIs and unknown suffixes go to the workers.

>>> accepts_gzip("gzip, deflate, br"), accepts_gzip("br;q=1, gzip;q=0"), accepts_gzip(None)
(True, False, False)
>>> accepts_gzip("*"), accepts_gzip("identity"), accepts_gzip("GZip;q=0.5")
(True, False, True)
>>> matches('"a", W/"b"', '"b"'), matches("*", '"x"'), matches('"a"', '"b"')
(True, True, False)
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from zlib_ng import zlib_ng

from werkagenda.config import MAX_PRERENDERED, QUERIES_DIR
from werkagenda.serve import negotiation as neg
from werkagenda.serve.cache import Cached
from werkagenda.serve.conditional import resource_headers
from werkagenda.serve.http import secure
from werkagenda.serve.prerender import variant
from werkagenda.views.links import Linker

PAGES_NAME = "pages.sqlite"
SCHEMA_VERSION = "1"
VARY = b"Accept, Accept-Encoding"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pages (
    iri TEXT NOT NULL, variant TEXT NOT NULL, etag TEXT NOT NULL, body BLOB NOT NULL,
    UNIQUE (iri, variant)
);
"""


def page_iris(store: ox.Store, bases: tuple[str, ...]) -> Iterator[str]:
    """Every IRI under `bases` the server dereferences to a page (a subject or an object of a
    quad, as `Describer.exists` says), except fragments and the ontology; sorted."""
    linker, seen = Linker(bases), set()
    for q in store.quads_for_pattern(None, None, None, None):
        for term in (q.subject, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(bases):
                seen.add(term.value)
    for iri in sorted(seen):
        local = linker.local_path(iri)
        if local and local.startswith("id/") and "#" not in iri and ".." not in local.split("/"):
            yield iri


def write_pages(
    store: ox.Store,
    folder: Path,
    base_iri: str,
    *,
    inputs: str = "",
    target: Path | None = None,
    max_pages: int = MAX_PRERENDERED,
) -> str:
    """Render every resource page of `store` into `folder/pages.sqlite`; say how many IRIs.

    Past `max_pages` resources no pages file: rendering (~5.5 ms of CPU a resource, all its
    variants) would multiply the 10× and 100× build time, so the server renders those on
    demand instead (`config.MAX_PRERENDERED`).

    `base_iri` is the base the store was built under; the pages are those a server over it
    answers (`Settings(base_iri=…).bases`). `inputs` identifies the store's content (the
    build's digest of its agendas' cache keys, which cover the package's Python code): when
    the pages of the store at `target` were rendered from the same inputs and the same
    templates and queries, they are copied instead (an unchanged rebuild stays fast).
    """
    from werkagenda.serve.prerender import rendered
    from werkagenda.serve.settings import Settings

    bases = Settings(store=folder, base_iri=base_iri).bases
    out = folder / PAGES_NAME
    out.unlink(missing_ok=True)
    key = _render_key(inputs, bases) if inputs else ""
    if key and target is not None and _key_of(target / PAGES_NAME) == key:
        shutil.copyfile(target / PAGES_NAME, out)
        return "unchanged: copied"
    iris = list(page_iris(store, bases))
    if len(iris) > max_pages:
        return f"skipped: {len(iris):,} resources > {max_pages:,}; pages render on demand"
    db = sqlite3.connect(out)
    count = 0
    try:
        db.executescript(_SCHEMA)
        meta = {"version": SCHEMA_VERSION, "bases": json.dumps(list(bases)), "key": key}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        for rows in rendered(store, bases, iris):
            db.executemany("INSERT INTO pages VALUES (?, ?, ?, ?)", rows)
            count += 1
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    return f"{count} resource(s)"


def _render_key(inputs: str, bases: tuple[str, ...]) -> str:
    """`inputs` with everything else a page depends on: templates, static files, queries."""
    import werkagenda.views as views

    digest = hashlib.sha256(f"{SCHEMA_VERSION}\0{inputs}\0{bases}".encode())
    roots = [Path(views.__file__).parent, QUERIES_DIR]
    files = (p for root in roots for p in root.rglob("*") if "__pycache__" not in p.parts)
    for path in sorted(p for p in files if p.is_file()):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _key_of(path: Path) -> str:
    """The render key stored in a pages file ("" when there is none or it is unreadable)."""
    if not path.is_file():
        return ""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return ""
    return found[0] if found else ""


class PrebuiltPages:
    """The pages file of a served store, opened read-only; `answer` is a finished response."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        self.version, self.bases = meta.get("version"), tuple(json.loads(meta.get("bases", "[]")))
        self.hits = 0
        # per (format, gzip): the headers after Content-Length, the same for every page
        self._tails: dict[tuple[str, bool], list[tuple[bytes, bytes]]] = {}
        self._unchanged = secure([])  # what a 304 carries after its ETag and Vary

    @classmethod
    def open(cls, store: Path, bases: tuple[str, ...]) -> PrebuiltPages | None:
        """The pages beside `store` when they were rendered for these bases, else None."""
        path = store / PAGES_NAME
        if not path.is_file():
            return None
        try:
            found = cls(path)
        except sqlite3.Error:
            return None
        if found.version != SCHEMA_VERSION or found.bases != bases:
            found.close()
            return None
        return found

    def close(self) -> None:
        self.db.close()

    def row(self, iri: str, format_key: str, lang: str) -> tuple[str, bytes] | None:
        """(ETag, gzip body) of one page, or None."""
        found = self.db.execute(
            "SELECT etag, body FROM pages WHERE iri = ? AND variant = ?",
            (iri, variant(format_key, lang)),
        ).fetchone()
        return None if found is None else (found[0], found[1])

    def answer(
        self,
        iri: str,
        format_key: str,
        lang: str,
        *,
        accept_encoding: str | None,
        if_none_match: str | None,
    ) -> Cached | None:
        """The response to a GET of this page, or None when it was not pre-rendered."""
        found = self.row(iri, format_key, lang)
        if found is None:
            return None
        self.hits += 1
        etag, packed = found
        fmt = neg.by_key(format_key, neg.PAGE_FORMATS) or neg.HTML
        zipped = accepts_gzip(accept_encoding)
        tag = etag[:-1] + '-gzip"' if zipped else etag
        headers = [(b"etag", tag.encode()), (b"vary", VARY)]
        if if_none_match is not None and (
            matches(if_none_match, etag) or matches(if_none_match, tag)
        ):
            return Cached(304, headers + self._unchanged, b"")
        body = packed if zipped else zlib_ng.decompress(packed, 31)  # 31: a gzip member
        content_type, *tail = self._tail(fmt, zipped)
        headers += [content_type, (b"content-length", str(len(body)).encode()), *tail]
        return Cached(200, headers, body)

    def _tail(self, fmt: neg.Format, zipped: bool) -> list[tuple[bytes, bytes]]:
        """Content-Type, then what follows Content-Length in every page of this format: its
        encoding, the security headers and, in an RDF format, CORS (the rule for `/id/`
        answers, `conditional.resource_headers`), found once rather than per request."""
        key = (fmt.key, zipped)
        found = self._tails.get(key)
        if found is None:
            fixed = [(b"content-type", fmt.content_type.encode())]
            fixed += [(b"content-encoding", b"gzip")] if zipped else []
            found = self._tails[key] = resource_headers(200, secure(fixed))
        return found


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header admits gzip (by name or `*`, with q > 0)."""
    if not header:
        return False
    star = False
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if name in ("gzip", "x-gzip"):
            return q > 0
        if name == "*":
            star = q > 0
    return star


def matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison of an If-None-Match list with one ETag (RFC 9110 §13.1.2)."""
    if if_none_match.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    return etag.removeprefix("W/") in tags
