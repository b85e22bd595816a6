"""The streaming build: agendas compiled in worker processes give the same store as one
process; a bad agenda among many stops the build with its own error and writes nothing."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import repo_shaped
from werkagenda.build import build
from werkagenda.config import ROOT, Agenda, discover_agendas
from werkagenda.errors import ParseError
from werkagenda.load import vocabulary_quads
from werkagenda.pipeline import AgendaCompiler, compile_all
from werkagenda.store import read_stamp
from werkagenda.validate import ShapeViolationError


@pytest.fixture(scope="module")
def four_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository-shaped folder with four synthetic agendas (enough to go parallel)."""
    return repo_shaped(tmp_path_factory.mktemp("four"), scale=4, seed=11)


@pytest.fixture
def agendas(four_root: Path, monkeypatch: pytest.MonkeyPatch) -> list[Agenda]:
    import werkagenda.load

    monkeypatch.setattr(werkagenda.load, "ROOT", four_root)  # forked workers inherit it
    found = discover_agendas(four_root / "data")
    assert len(found) == 4
    return found


def _named_quads(store_dir: Path) -> tuple[int, set[ox.Quad]]:
    """Quad count and every quad, blank nodes included: their labels come from the files
    (`load.stable_blank_nodes`), so two builds of the same files give the same store."""
    quads = list(ox.Store.read_only(str(store_dir)))
    return len(quads), set(quads)


def _etags(store_dir: Path) -> dict[tuple[str, str], str]:
    """The ETag of every variant (HTML and RDF) of the first inspanning pages of the store."""
    from werkagenda.serve.prebuilt import page_iris
    from werkagenda.serve.prerender import rendered
    from werkagenda.serve.settings import Settings

    store = ox.Store.read_only(str(store_dir))
    bases = Settings(store=store_dir).bases
    iris = [iri for iri in page_iris(store, bases) if "/inspanning/" in iri][:20]
    return {(iri, v): etag for rows in rendered(store, bases, iris) for iri, v, etag, _ in rows}


def test_parallel_build_gives_the_serial_store(agendas: list[Agenda], tmp_path: Path) -> None:
    serial = build(dist=tmp_path / "serial", agendas=agendas, workers=1)
    parallel = build(dist=tmp_path / "parallel", agendas=agendas, workers=2)
    count, ground = _named_quads(serial)
    assert count > 4 * 10_000
    assert _named_quads(parallel) == (count, ground)
    assert any(isinstance(q.subject, ox.BlankNode) for q in ground)
    # …so every pre-rendered page, RDF with blank-node labels included, has the same ETag
    # (HTTP caches and harvesters revalidate instead of downloading again after a rebuild)
    pages = _etags(serial)
    assert len(pages) > 100 and _etags(parallel) == pages
    stamp = read_stamp(parallel)
    assert stamp is not None and stamp["triples"] == count
    assert sorted(stamp["inferred"]) == sorted(a.key for a in agendas)
    assert all(n > 0 for n in stamp["inferred"].values())


def test_agendas_really_compile_in_worker_processes(agendas: list[Agenda]) -> None:
    compiler = AgendaCompiler(vocabulary_quads())
    results = compile_all(compiler, agendas, workers=2)
    first = next(results)
    assert len(multiprocessing.active_children()) == 2
    rest = list(results)
    assert [c.agenda.key for c in [first, *rest]] == [a.key for a in agendas]
    assert all(c.report is not None and c.report.conforms for c in [first, *rest])


def _copy(four_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Agenda]:
    """The four agendas copied, so a test may edit them; source paths resolve in the copy."""
    import werkagenda.load

    root = tmp_path / "root"
    shutil.copytree(four_root / "data", root / "data")
    for name in ("ontology", "queries"):
        (root / name).symlink_to(ROOT / name)
    monkeypatch.setattr(werkagenda.load, "ROOT", root)
    return discover_agendas(root / "data")


def _drop_titles(agenda: Agenda) -> None:
    """Titles become comments: dct:title is required (sh:minCount 1), so this violates."""
    target = agenda.turtle_files[0]
    text = target.read_text(encoding="utf-8")
    assert "\tdct:title " in text
    target.write_text(text.replace("\tdct:title ", "\trdfs:comment "), encoding="utf-8")


def test_a_parse_error_in_a_worker_names_file_and_line(
    four_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _copy(four_root, tmp_path, monkeypatch)
    broken = found[2].turtle_files[0]
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines[9] = lines[9] + " ;;; <not turtle"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dist = tmp_path / "dist"
    previous = build(dist=dist, agendas=found[:1])
    with pytest.raises(ParseError) as caught:
        build(dist=dist, agendas=found, workers=2)
    assert caught.value.path.endswith(broken.name) and caught.value.line == 10
    # the previous store and cache are untouched and no staging directory is left behind
    assert read_stamp(previous)["agendas"] == [found[0].key]  # type: ignore[index]
    assert sorted(p.name for p in dist.iterdir()) == ["agenda-cache", "store"]
    cached = sorted(p.stem for p in (dist / "agenda-cache").iterdir())
    assert cached == [found[0].key.replace("/", "__")] * 2


def test_a_violation_in_one_agenda_stops_the_parallel_build(
    four_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _copy(four_root, tmp_path, monkeypatch)
    _drop_titles(found[3])
    dist = tmp_path / "dist"
    with pytest.raises(ShapeViolationError) as caught:
        build(dist=dist, agendas=found, workers=2)
    bad = [r for r in caught.value.reports if not r.conforms]
    assert [r.subject for r in bad] == [found[3].key]
    assert not dist.exists()


def test_named_queries_select_an_agenda_by_region_and_edition(
    agendas: list[Agenda], tmp_path: Path
) -> None:
    from werkagenda.errors import InputError
    from werkagenda.query.execute import run_named
    from werkagenda.query.registry import get

    store = ox.Store.read_only(str(build(dist=tmp_path, agendas=agendas, workers=1)))
    query = get("inspanningen")
    chosen = agendas[1]
    region, edition = chosen.key.split("/")
    by_iri = run_named(store, query, {"agenda": chosen.iri})
    assert len(by_iri.rows) == 52
    assert run_named(store, query, {"region": region, "edition": edition}).rows == by_iri.rows
    assert run_named(store, query, {"agenda": chosen.key}).rows == by_iri.rows
    earlier = agendas[0].key.split("/")[1]
    assert run_named(store, query, {"region": region, "edition": earlier}).rows != by_iri.rows
    with pytest.raises(InputError, match="not both"):
        run_named(store, query, {"agenda": chosen.iri, "edition": edition})
    with pytest.raises(InputError, match="four digits"):
        run_named(store, query, {"region": region, "edition": "24"})


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which agendas really get compiled (serial builds: workers=1)."""
    calls: list[str] = []
    original = AgendaCompiler.__call__

    def counted(self: AgendaCompiler, agenda: Agenda):  # type: ignore[no-untyped-def]
        calls.append(agenda.key)
        return original(self, agenda)

    monkeypatch.setattr(AgendaCompiler, "__call__", counted)
    return calls


def test_unchanged_agendas_come_from_the_build_cache(
    agendas: list[Agenda], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _named_quads(build(dist=tmp_path, agendas=agendas, workers=1))
    calls = _counting(monkeypatch)
    assert _named_quads(build(dist=tmp_path, agendas=agendas, workers=1)) == first
    assert calls == []


def test_an_edited_agenda_is_compiled_again_and_alone(
    four_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _copy(four_root, tmp_path, monkeypatch)
    dist = tmp_path / "dist"
    build(dist=dist, agendas=found, workers=1)
    calls = _counting(monkeypatch)
    edited = found[2].turtle_files[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    build(dist=dist, agendas=found, workers=1)
    assert calls == [found[2].key]
    # a violation in an agenda is found although every other agenda comes from the cache
    _drop_titles(found[1])
    with pytest.raises(ShapeViolationError):
        build(dist=dist, agendas=found, workers=1)
    assert calls == [found[2].key, found[1].key]


def test_agendas_loaded_chunk_by_chunk_give_the_store_of_one_load(
    agendas: list[Agenda], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent bulk-loads the agendas' N-Quads a chunk at a time (`build.CHUNK_BYTES`):
    a chunk of one agenda each gives the same store as one load of all four."""
    import importlib

    module = importlib.import_module("werkagenda.build")  # the name `build` is the function
    loads: list[int] = []
    real = module._Pending.load

    def counted(pending: object) -> None:
        loads.append(pending.size)  # type: ignore[attr-defined]
        real(pending)

    monkeypatch.setattr(module._Pending, "load", counted)
    whole = build(dist=tmp_path / "whole", agendas=agendas, workers=2)
    assert [n > 0 for n in loads] == [True]  # one load, at the end
    loads.clear()
    monkeypatch.setattr(module, "CHUNK_BYTES", 1)
    chunked = build(dist=tmp_path / "chunked", agendas=agendas, workers=2)
    assert [n > 0 for n in loads] == [True] * 4 + [False]  # one per agenda, then nothing left
    assert _named_quads(chunked) == _named_quads(whole)
    assert not list((tmp_path / "chunked").rglob(module.PENDING_NAME))


def test_a_violation_after_a_loaded_chunk_keeps_the_previous_store(
    four_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks already loaded into the staged store are thrown away with it: the previous
    store, its stamp and quads stay as they were, and nothing is left behind."""
    import importlib

    module = importlib.import_module("werkagenda.build")
    found = _copy(four_root, tmp_path, monkeypatch)
    dist = tmp_path / "dist"
    previous = build(dist=dist, agendas=found[:1])
    before = _named_quads(previous)
    _drop_titles(found[2])
    monkeypatch.setattr(module, "CHUNK_BYTES", 1)  # the first two agendas are loaded first
    with pytest.raises(ShapeViolationError) as caught:
        build(dist=dist, agendas=found, workers=2)
    assert [r.subject for r in caught.value.reports if not r.conforms] == [found[2].key]
    assert read_stamp(previous)["agendas"] == [found[0].key]  # type: ignore[index]
    assert _named_quads(previous) == before
    assert sorted(p.name for p in dist.iterdir()) == ["agenda-cache", "store"]
