"""Rendering every resource page of a store, in one pass, on every core (`serve.prebuilt`).

Each page is rendered by the job a query worker runs on demand (`jobs.page`) over a
`WorkerState` whose kind-page rows are preloaded once (`views.facts.rows`), so the bytes are
those of the on-demand path. Past `PARALLEL_FROM` resources the IRIs are split over one
process per core: each opens the store read-only (RocksDB allows it beside the build's open
writer) and sends back finished rows; the caller writes them. Workers are spawned, so a
script that calls this needs the `if __name__ == "__main__":` guard (the CLI has it).
"""

from __future__ import annotations

import gzip
import hashlib
import multiprocessing
import os
from collections.abc import Iterator

import pyoxigraph as ox

from werkagenda.serve import negotiation as neg
from werkagenda.views.render import LANGS

# Below this many resources one process renders: starting a worker (imports, store, preload)
# costs about a second, which a store of the real agenda (~2,400 resources) just repays.
PARALLEL_FROM = 2_000
CHUNK = 250  # IRIs per task: small enough to spread the kinds' uneven costs over the workers
HTML_VARIANTS = {lang: f"html:{lang}" for lang in LANGS}
Row = tuple[str, str, str, bytes]  # (IRI, variant, ETag, gzip body)


def variant(format_key: str, lang: str) -> str:
    """The row name of one answer: `html:nl`, `html:en`, or an RDF format key (`turtle`)."""
    return HTML_VARIANTS[lang] if format_key == "html" else format_key


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def rendered(
    store: ox.Store, folder: str, bases: tuple[str, ...], iris: list[str]
) -> Iterator[list[Row]]:
    """The rows of each page of `iris` (every variant), in no fixed order of pages."""
    workers = min(os.cpu_count() or 1, -(-len(iris) // CHUNK))
    if workers <= 1 or len(iris) < PARALLEL_FROM:
        yield from _Renderer(store, bases).pages(iris)
        return
    chunks = [iris[i : i + CHUNK] for i in range(0, len(iris), CHUNK)]
    # spawned, not forked: the caller holds RocksDB open (its threads must not be inherited);
    # and spawned workers are the caller's own children, so its rusage counts their CPU
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _install, (folder, bases)) as pool:
        for done in pool.imap_unordered(_render_chunk, chunks):
            yield from done


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


_RENDERER: _Renderer | None = None


def _install(folder: str, bases: tuple[str, ...]) -> None:
    global _RENDERER
    _RENDERER = _Renderer(ox.Store.read_only(folder), bases)


def _render_chunk(iris: list[str]) -> list[list[Row]]:
    assert _RENDERER is not None, "a page worker renders only after _install"
    return list(_RENDERER.pages(iris))
