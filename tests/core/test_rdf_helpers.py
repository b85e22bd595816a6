"""werkagenda.rdf: the one CURIE converter, term bridge, canonical hash and atomic writes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from tests.conftest import CORE_FIXTURES
from werkagenda.build import agenda_at
from werkagenda.config import DEFAULT_BASE
from werkagenda.errors import InputError
from werkagenda.rdf import atomic, canonical, curies, terms

ID = DEFAULT_BASE + "id/"


# --- curies ---------------------------------------------------------------------------


def test_prefixes_of_config_ontology_and_agenda_files_compact() -> None:
    assert curies.compact("http://purl.org/dc/terms/title") == "dct:title"  # config.PREFIXES
    assert curies.compact(DEFAULT_BASE + "def#Inspanning") == "wa:Inspanning"
    # declared only in data/drenthe-2024/*.ttl
    assert curies.compact(ID + "drenthe/2024/financiering/x") == "fin:x"
    assert curies.compact(ID + "drenthe/actor/treant") == "actor:treant"


def test_agenda_scoped_prefixes_follow_the_agenda_of_the_iri() -> None:
    mini = agenda_at(CORE_FIXTURES / "mini-2024")
    assert curies.compact(ID + "mini/2024/inspanning/A-1", agenda=mini) == "insp:A-1"
    # an agenda with no files here: drenthe's scoped prefixes moved under its key
    assert curies.compact(ID + "groningen/2030/kwaliteit/k1") == "kn:k1"
    assert curies.compact(ID + "groningen/actor/x") == "actor:x"
    assert (
        curies.expand("insp:GL-3", agenda="groningen/2030") == ID + "groningen/2030/inspanning/GL-3"
    )
    assert curies.expand("insp:GL-3") == ID + "drenthe/2024/inspanning/GL-3"


def test_what_does_not_compact_stays_an_iri() -> None:
    other = "https://example.org/a/b"
    assert curies.compact(other) == other
    assert curies.compact(other, bracket=True) == f"<{other}>"
    # a local part with a slash would not be a valid prefixed name
    assert curies.compact(ID + "drenthe/2024/inspanning/x/y") == ID + "drenthe/2024/inspanning/x/y"
    with pytest.raises(InputError, match="unknown prefix"):
        curies.expand("nope:x")


def test_the_longest_namespace_wins() -> None:
    c = curies.Curies({"a": "http://e/", "ab": "http://e/b/"})
    assert c.compact("http://e/b/c") == "ab:c"
    assert c.compact("http://e/c") == "a:c"
    assert c.used_by(["http://e/b/c"]) == {"ab": "http://e/b/"}


# --- terms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    [
        ox.NamedNode("http://e/x"),
        ox.BlankNode("b1"),
        ox.Literal("plain"),
        ox.Literal("hoi", language="nl"),
        ox.Literal("05", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("yesterday", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ],
)
def test_terms_round_trip_unchanged(term: terms.OxTerm) -> None:
    assert terms.to_ox(terms.to_rdflib(term)) == term


def test_plain_literal_is_plain_in_rdflib_and_lexical_form_is_kept() -> None:
    assert terms.to_rdflib(ox.Literal("x")) == rdflib.Literal("x")
    xsd_int = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert str(terms.to_rdflib(ox.Literal(" 5", datatype=xsd_int))) == " 5"


def test_quoted_triples_are_refused() -> None:
    t = ox.Triple(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"))
    with pytest.raises(TypeError):
        terms.to_rdflib(t)


def test_graph_copy_keeps_every_triple() -> None:
    quads = list(ox.parse(path=str(CORE_FIXTURES / "mini-2024" / "agenda.ttl")))
    graph = terms.to_graph(quads)
    assert len(graph) == len({(q.subject, q.predicate, q.object) for q in quads})
    assert {
        terms.to_ox_triple(t) for t in graph if not any(isinstance(x, rdflib.BNode) for x in t)
    } <= {q.triple for q in quads}


# --- canonical ------------------------------------------------------------------------


def test_digest_ignores_blank_node_labels_and_order() -> None:
    p, q = ox.NamedNode("http://e/p"), ox.NamedNode("http://e/q")
    a = [
        ox.Triple(ox.BlankNode("x"), p, ox.Literal("1")),
        ox.Triple(ox.BlankNode("x"), q, ox.BlankNode("y")),
    ]
    b = [
        ox.Triple(ox.BlankNode("n2"), q, ox.BlankNode("n1")),
        ox.Triple(ox.BlankNode("n2"), p, ox.Literal("1")),
    ]
    assert canonical.digest(a) == canonical.digest(b)
    # the same shape with the blank nodes linked differently is another graph
    c = [
        ox.Triple(ox.BlankNode("x"), p, ox.Literal("1")),
        ox.Triple(ox.BlankNode("y"), q, ox.BlankNode("x")),
    ]
    assert canonical.digest(a) != canonical.digest(c)


def test_digest_of_the_real_agenda_is_stable_across_parses() -> None:
    path = Path("data/drenthe-2024/vow.ttl")
    first = list(ox.parse(path=str(path)))
    again = list(reversed(list(ox.parse(path=str(path)))))
    assert canonical.digest(first) == canonical.digest(again)
    assert canonical.digest(first) != canonical.digest(first[1:])


# --- atomic ---------------------------------------------------------------------------


def test_file_write_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    atomic.write_text(target, "one")
    atomic.write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_directory_swap_never_leaves_the_target_absent(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "v").write_text("0")
    missing: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not (target / "v").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(1, 200):
            staged = atomic.staging_dir(target)
            staged.mkdir()
            (staged / "v").write_text(str(n))
            atomic.swap_in(staged, target)
    finally:
        stop.set()
        watcher.join()
    assert (target / "v").read_text() == "199"
    assert missing == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staging_removes_leftovers_of_dead_processes_only(tmp_path: Path) -> None:
    target = tmp_path / "store"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".store.tmp-{dead_pid}"
    stale.mkdir()
    busy = tmp_path / f".store.tmp-{os.getppid()}"  # a live process (our parent) owns this one
    busy.mkdir()
    staged = atomic.staging_dir(target)
    assert not stale.exists()
    assert busy.exists()
    assert staged.name == f".store.tmp-{os.getpid()}"


def test_a_swap_killed_between_its_renames_gets_its_target_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, hole 10: where no atomic exchange exists, a kill between the two renames of
    `swap_in` left no target; the next run puts the previous one back before staging."""
    from werkagenda.rdf.atomic import staging_dir

    dead = 2**22 + 12345  # above the default pid_max: no such process
    old = tmp_path / f".store.old-{dead}"
    old.mkdir()
    (old / "CURRENT").write_text("previous")
    staged = staging_dir(tmp_path / "store")
    assert (tmp_path / "store" / "CURRENT").read_text() == "previous"
    assert not old.exists() and not staged.exists()
