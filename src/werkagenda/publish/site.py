"""`publish`: write a whole release beside the target, then swap it in.

An exception anywhere while writing removes the half-written copy and leaves the previous
release untouched; the swap itself is two renames in the same folder.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from werkagenda.docs.ontdoc import ontology_triples
from werkagenda.editions.feed import write_feed
from werkagenda.editions.versions import edition_versions
from werkagenda.export import CONTEXT_FILE
from werkagenda.metadata import downloads
from werkagenda.metadata.dcat import catalog_graph
from werkagenda.metadata.stats import Site, collect, themes
from werkagenda.metadata.void import void_graph
from werkagenda.publish import whatif
from werkagenda.rdf.atomic import staging_dir, swap_in
from werkagenda.views import explore_static, static_site
from werkagenda.views.links import mapped_bases

MANIFEST = "SHA256SUMS"
RDF_SUFFIXES = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}


def publish(outdir: Path, *, store: Path, site: Site | None = None) -> Path:
    """Write the release for the store at `store` into `outdir`; return `outdir`."""
    site = site or Site()
    target = Path(outdir).resolve()
    tmp = staging_dir(target)
    tmp.mkdir()
    try:
        write_release(ox.Store.read_only(str(store)), tmp, site)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return swap_in(tmp, target)


def write_release(store: ox.Store, out: Path, site: Site) -> None:
    """Everything a release holds, written into `out` (which the caller swaps in)."""
    bases = mapped_bases(site.base_iri)
    sizes = write_downloads(store, out)
    stats = collect(store)
    versions = edition_versions(store)
    catalog = catalog_graph(stats, site, themes(store), sizes, versions)
    void = void_graph(stats, site)
    write_rdf(out / "catalog", catalog)
    write_rdf(out / "void", void)
    static_site.write_ontology_docs(store, out)
    (out / "def" / "werkagenda.ttl").write_bytes(
        ox.serialize(ontology_triples(store), format=ox.RdfFormat.TURTLE) or b""
    )
    (out / "def" / "context.jsonld").write_bytes(CONTEXT_FILE.read_bytes())  # JSON-LD terms
    static = out / "static"
    static.mkdir()
    (static / "style.css").write_bytes(
        files("werkagenda.views").joinpath("static").joinpath("style.css").read_bytes()
    )
    static_site.write_landing(store, out, bases, site.sparql_url)
    static_site.write_resource_pages(store, out, bases)
    whatif.write(store, out, bases)
    explore_static.write_explorer(
        store, out, bases, catalog_graph=catalog, void_graph=void, site_url=site.site_url
    )
    write_feed(store, out, site.base_iri)
    write_manifest(out)


def write_downloads(store: ox.Store, out: Path) -> dict[str, tuple[int, str]]:
    """Dumps, CSV tables and CSVW metadata; returns name -> (bytes, sha256)."""
    folder = out / "downloads"
    folder.mkdir(parents=True)
    sizes = {}
    for name in (*downloads.ALL, downloads.CSVW_NAME):
        body = downloads.produce(store, name)
        (folder / name).write_bytes(body)
        sizes[name] = (len(body), hashlib.sha256(body).hexdigest())
    return sizes


def write_rdf(stem: Path, graph) -> None:  # type: ignore[no-untyped-def]
    for suffix, name in RDF_SUFFIXES.items():
        stem.with_suffix("." + suffix).write_bytes(graph.serialize(format=name, encoding="utf-8"))


def write_manifest(out: Path) -> None:
    """`SHA256SUMS` over every file of the release, in `sha256sum -c` format."""
    lines = []
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = path.relative_to(out).as_posix()
        lines.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}\n")
    (out / MANIFEST).write_text("".join(lines), encoding="utf-8")
