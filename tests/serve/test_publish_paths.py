"""Regression (issue 17, hole 1): data cannot make `publish` write outside OUTDIR or over the
site's own pages, whatever its IRIs look like."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.config import DEFAULT_BASE
from werkagenda.publish import publish
from werkagenda.views.links import Linker, resource_file

MARKER = "PWNED-by-data"
RESERVED_LOCALS = ("index", "Index", "def/index", "def/en", "catalog", "void", "whatif")
RESERVED_LOCALS += ("static/style", "views/x", "lists/x", "downloads/werkagenda", "feed/index")


@pytest.fixture(scope="module")
def hostile(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The test store plus resources whose IRIs aim outside the site or at its own pages."""
    root = tmp_path_factory.mktemp("hole1")
    outside = root / "outside"
    outside.mkdir()
    store_dir = root / "store"
    shutil.copytree(dist / "store", store_dir)
    store = ox.Store(str(store_dir))
    graph = next(iter(store.named_graphs()))
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    locals_ = [
        "/" + str(outside / "PWNED"),  # `…//tmp/…/PWNED`: an absolute path after the base
        "id/../../escape",
        "id/.hidden",
        "id//double",
        *RESERVED_LOCALS,
    ]
    for local in locals_:
        node = ox.NamedNode(DEFAULT_BASE + local)
        store.add(ox.Quad(node, label, ox.Literal(MARKER), graph))
    store.flush()
    del store
    release = root / "site" / "release"
    publish(release, store=store_dir)
    return release, outside


def test_absolute_resource_path_writes_nothing_outside(hostile: tuple[Path, Path]) -> None:
    release, outside = hostile
    assert list(outside.iterdir()) == []
    written = {p for p in release.parent.parent.rglob("*") if p.is_file()}
    strays = [p for p in written if not p.is_relative_to(release) and "store" not in p.parts]
    assert strays == []
    assert not (release.parent / "escape.html").exists()


def test_reserved_pages_stay_the_sites_own(hostile: tuple[Path, Path]) -> None:
    release, _ = hostile
    for name in ("index.html", "def/index.html", "def/en.html", "whatif.html", "catalog.ttl"):
        assert MARKER not in (release / name).read_text(encoding="utf-8"), name
    css = files("werkagenda.views").joinpath("static").joinpath("style.css").read_bytes()
    assert (release / "static" / "style.css").read_bytes() == css
    unwritten = ("static/style.html", "views/x.html", "lists/x.html", "Index.html")
    for name in (*unwritten, "id/.hidden.html"):
        assert not (release / name).exists(), name
    assert not (release / "id" / "double.html").exists()


def test_every_page_with_the_marker_is_a_clean_resource_page(hostile: tuple[Path, Path]) -> None:
    release, _ = hostile
    marked = sorted(
        p.relative_to(release).as_posix()
        for p in release.rglob("*.html")
        if MARKER in p.read_text(encoding="utf-8")
    )
    assert marked == [], marked  # every hostile resource got no page of its own


@pytest.mark.parametrize("local", RESERVED_LOCALS)
@pytest.mark.parametrize("suffix", [".html", ".ttl", ".jsonld"])
def test_resource_file_refuses_reserved_names(local: str, suffix: str) -> None:
    assert resource_file(local, suffix) is None


def test_static_link_to_a_page_that_cannot_exist_stays_the_iri() -> None:
    lk = Linker((DEFAULT_BASE,), static_from="id/drenthe/2024")
    assert lk.href(DEFAULT_BASE + "index") == DEFAULT_BASE + "index"
    assert lk.href(DEFAULT_BASE + "id/drenthe/actor/treant") == "actor/treant.html"
    assert lk.href(DEFAULT_BASE + "def#Inspanning") == "../../def/index.html#Inspanning"
