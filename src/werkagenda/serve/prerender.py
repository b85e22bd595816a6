"""Rendering every resource page of a store in one pass (for `serve.prebuilt`).

Each page is rendered by the job a query worker runs on demand (`jobs.page`), over one
`WorkerState` whose kind-page rows are preloaded once (`views.facts.rows`), so the bytes are
those of the on-demand path (a test compares them over every page).

One process: splitting the pages over spawned workers (each opening the store read-only) was
measured at 10 agendas on the shared 2-core machine and cost 20 % more CPU (a preload and
the imports per worker, the pages pickled back) for no shorter wall time under load.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator

import pyoxigraph as ox

from werkagenda.serve import negotiation as neg
from werkagenda.views.render import LANGS

HTML_VARIANTS = {lang: f"html:{lang}" for lang in LANGS}
Row = tuple[str, str, str, bytes]  # (IRI, variant, ETag, gzip body)


def variant(format_key: str, lang: str) -> str:
    """The row name of one answer: `html:nl`, `html:en`, or an RDF format key (`turtle`)."""
    return HTML_VARIANTS[lang] if format_key == "html" else format_key


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def rendered(store: ox.Store, bases: tuple[str, ...], iris: list[str]) -> Iterator[list[Row]]:
    """The rows of each page of `iris` (every variant) the store knows, in order."""
    yield from _Renderer(store, bases).pages(iris)


class _Renderer:
    """One process's pages: a worker state over the store with every page query preloaded."""

    def __init__(self, store: ox.Store, bases: tuple[str, ...]) -> None:
        from werkagenda.serve import jobs

        self.jobs = jobs
        self.state = jobs.WorkerState(
            store, {"bases": list(bases), "max_rows": 0, "allowed_hosts": []}
        )
        self.state.pages.preload()
        self.variants = [("html", lang) for lang in LANGS] + [
            (f.key, "nl") for f in neg.RDF_FORMATS
        ]

    def pages(self, iris: list[str]) -> Iterator[list[Row]]:
        """The rows of each IRI the store knows (an unknown one is left out)."""
        for iri in iris:
            rows = []
            for format_key, lang in self.variants:
                reply = self.jobs.page(self.state, iri=iri, format_key=format_key, lang=lang)
                if reply is None:
                    break
                body = reply.body
                packed = gzip.compress(body, 6, mtime=0)
                rows.append((iri, variant(format_key, lang), etag_of(body), packed))
            else:
                yield rows
