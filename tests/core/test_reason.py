"""Defined classes: SPARQL materialisation and HermiT agree on a hand-written agenda;
inconsistencies name the resources; a missing Java is one line and exit 3."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.conftest import CORE_FIXTURES
from werkagenda.build import agenda_at
from werkagenda.cli import main
from werkagenda.config import ROOT, WA, Agenda
from werkagenda.errors import InternalError
from werkagenda.load import agenda_quads
from werkagenda.reason import (
    DEFINED_CLASSES,
    InconsistentError,
    ReasonMismatchError,
    check_agreement,
    classify,
    materialise,
)
from werkagenda.reason.diagnose import disjoint_clashes
from werkagenda.reason.materialise import construct_queries

INSP = "https://w3id.org/iza-werkagenda/id/mini/2024/inspanning/"
EXPECTED = {
    WA + "IZAAfhankelijkeInspanning": {INSP + "TS-1", INSP + "TS-4"},
    WA + "WachtOpTransformatieplan": {INSP + "TS-1"},
    WA + "InspanningZonderVastgesteldeFinanciering": {INSP + "TS-2", INSP + "TS-4"},
    WA + "VoorwaardelijkeStart": {INSP + "TS-1"},
}
INCONSISTENT = CORE_FIXTURES / "inconsistent-2024"


def test_one_construct_rule_per_defined_class() -> None:
    rules = construct_queries()
    assert len(rules) == len(DEFINED_CLASSES) == 4
    for rule in rules:
        text = rule.read_text(encoding="utf-8")
        assert text.startswith("# title@nl:"), f"{rule.name} needs its header comment"
        assert any(cls.removeprefix(WA) in text for cls in DEFINED_CLASSES)


def test_materialisation_gives_the_expected_members(vocabulary, mini_agenda: Agenda) -> None:  # type: ignore[no-untyped-def]
    store = ox.Store()
    store.extend([*vocabulary, *agenda_quads(mini_agenda)])
    result = materialise(store, mini_agenda.iri)
    assert {c: set(m) for c, m in result.memberships.items()} == EXPECTED
    assert result.added == 6
    # the triples land in the agenda's graph, not in the vocabulary graph
    graph = ox.NamedNode(mini_agenda.iri)
    typed = ox.NamedNode(WA + "VoorwaardelijkeStart")
    assert [q.graph_name for q in store.quads_for_pattern(None, None, typed, None)] == [graph]


def test_materialisation_is_idempotent(vocabulary, mini_agenda: Agenda) -> None:  # type: ignore[no-untyped-def]
    store = ox.Store()
    store.extend([*vocabulary, *agenda_quads(mini_agenda)])
    materialise(store, mini_agenda.iri)
    assert materialise(store, mini_agenda.iri).added == 0


@pytest.mark.java
def test_hermit_gives_the_expected_members(vocabulary, mini_agenda: Agenda, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    quads = [*vocabulary, *agenda_quads(mini_agenda)]
    result = classify(quads, key=mini_agenda.key, cache_dir=tmp_path)
    assert {c: set(m) for c, m in result.memberships.items()} == EXPECTED
    assert not result.cached
    again = classify(quads, key=mini_agenda.key, cache_dir=tmp_path)
    assert again.cached and again.memberships == result.memberships


@pytest.mark.java
def test_reason_cli_lists_members_per_defined_class(mini_agenda: Agenda, tmp_path: Path) -> None:
    args = ["reason", "--agenda", str(mini_agenda.folder), "--dist", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "mini/2024: consistent (HermiT" in result.output
    assert "wa:WachtOpTransformatieplan (1): insp:TS-1" in result.output
    assert "wa:InspanningZonderVastgesteldeFinanciering (2): insp:TS-2, insp:TS-4" in result.output


@pytest.mark.java
def test_inconsistent_agenda_exits_1_naming_the_resource(tmp_path: Path) -> None:
    args = ["reason", "--agenda", str(INCONSISTENT), "--dist", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "inconsistent" in result.output
    assert "IC-1" in result.output and "IC-2" not in result.output
    assert "wa:Inspanning" in result.output and "wa:Organisatie" in result.output


@pytest.mark.java
def test_build_with_reason_check_refuses_an_inconsistent_agenda(tmp_path: Path) -> None:
    empty = tmp_path / "shapes.ttl"
    empty.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    dist = tmp_path / "dist"
    args = ["build", "--agenda", str(INCONSISTENT), "--dist", str(dist), "--shapes", str(empty)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "IC-1" in result.output
    assert not (dist / "store").exists()


def test_disjointness_diagnosis_without_java(vocabulary) -> None:  # type: ignore[no-untyped-def]
    clashes = disjoint_clashes([*vocabulary, *agenda_quads(agenda_at(INCONSISTENT))])
    assert [(c.resource.rsplit("/", 1)[-1], c.class1, c.class2) for c in clashes] == [
        ("IC-1", WA + "Inspanning", WA + "Organisatie")
    ]


def test_disjointness_through_a_range(vocabulary) -> None:  # type: ignore[no-untyped-def]
    """wa:financiering has range wa:Financiering, disjoint with wa:Inspanning."""
    a, b = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b")
    typed = ox.Quad(
        b,
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(WA + "Inspanning"),
    )
    used = ox.Quad(a, ox.NamedNode(WA + "financiering"), b)
    (clash,) = disjoint_clashes([*vocabulary, typed, used])
    assert "range of <https://w3id.org/iza-werkagenda/def#financiering>" in clash.sentence()


def test_mismatch_between_rules_and_owl_is_an_internal_error() -> None:
    with pytest.raises(ReasonMismatchError, match="only HermiT"):
        check_agreement(
            {WA + "VoorwaardelijkeStart": frozenset({"x"})},
            {WA + "VoorwaardelijkeStart": frozenset()},
            agenda="t/1",
        )
    assert issubclass(ReasonMismatchError, InternalError)
    assert issubclass(InconsistentError, Exception)


def _path_without_java() -> str:
    keep = [
        d
        for d in os.environ.get("PATH", "").split(os.pathsep)
        if d and not (Path(d) / "java").exists()
    ]
    return os.pathsep.join(keep)


def test_missing_java_is_one_line_and_exit_3_while_validate_still_works(
    mini_agenda: Agenda, tmp_path: Path
) -> None:
    env = {**os.environ, "PATH": _path_without_java()}
    assert shutil.which("java", path=env["PATH"]) is None
    run = [sys.executable, "-c", "from werkagenda.cli import main; main()"]
    reason = subprocess.run(
        [*run, "reason", "--agenda", str(mini_agenda.folder), "--dist", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert reason.returncode == 3, reason.stderr
    lines = reason.stderr.strip().splitlines()
    assert len(lines) == 1, reason.stderr
    assert lines[0].startswith(
        "werkagenda: HermiT needs Java (java not found on PATH); install a JDK 11+"
    )
    validate = subprocess.run(
        [
            *run,
            "validate",
            "--agenda",
            str(mini_agenda.folder),
            "--shapes",
            str(CORE_FIXTURES / "shapes-mini.ttl"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    bad = subprocess.run(
        [
            *run,
            "validate",
            "--agenda",
            str(CORE_FIXTURES / "shacl-bad-2024"),
            "--shapes",
            str(CORE_FIXTURES / "shapes-mini.ttl"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert bad.returncode == 1


@pytest.mark.java
def test_an_unchanged_agenda_is_not_even_parsed_on_a_cache_hit(  # type: ignore[no-untyped-def]
    vocabulary, mini_agenda: Agenda, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    import werkagenda.load
    from werkagenda.reason import reason_check

    first = reason_check(mini_agenda, vocabulary=vocabulary, cache_dir=tmp_path)
    assert not first.cached

    def no_parsing(agenda: Agenda) -> list:
        raise AssertionError("a fingerprint hit must not parse the agenda")

    monkeypatch.setattr(werkagenda.load, "agenda_quads", no_parsing)
    again = reason_check(mini_agenda, vocabulary=vocabulary, cache_dir=tmp_path)
    assert again.cached and again.memberships == first.memberships
    # the key is the files' bytes: a touched file (same triples) is checked again
    monkeypatch.undo()
    copy = tmp_path / "mini-2024"
    shutil.copytree(mini_agenda.folder, copy)
    (copy / "agenda.ttl").write_text((copy / "agenda.ttl").read_text() + "\n# touched\n")
    third = reason_check(agenda_at(copy), vocabulary=vocabulary, cache_dir=tmp_path)
    assert not third.cached and third.digest != first.digest
    assert third.memberships == first.memberships


def test_a_source_document_outside_its_agenda_folder_is_refused(tmp_path: Path) -> None:
    from werkagenda.errors import InputError

    copy = tmp_path / "mini-2024"
    shutil.copytree(CORE_FIXTURES / "mini-2024", copy)
    assert agenda_quads(agenda_at(copy)), "a copied folder cites its own copy of the text"
    (tmp_path / "elsewhere.txt").write_text("a line\n", encoding="utf-8")
    data = copy / "agenda.ttl"
    text = data.read_text(encoding="utf-8").replace('"sources/tekst.txt"', '"../elsewhere.txt"')
    data.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="outside its agenda folder"):
        agenda_quads(agenda_at(copy))
