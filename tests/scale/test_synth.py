"""The synthetic agenda generator: reproducible, shaped like the real agenda, conformant."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.scale.conftest import load_synthetic
from werkagenda.cli import main
from werkagenda.config import WA, Agenda
from werkagenda.synth import MANIFEST, generate
from werkagenda.validate import validator

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", scale=2, seed=11)
    generate(tmp_path / "b", scale=2, seed=11)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_different_seed_gives_different_agendas(tmp_path: Path) -> None:
    generate(tmp_path / "a", scale=1, seed=1)
    generate(tmp_path / "b", scale=1, seed=2)
    name = "synth-r001-2024/synthetic.ttl"
    assert files(tmp_path / "a")[name] != files(tmp_path / "b")[name]


def test_an_agenda_is_the_same_at_every_scale(tmp_path: Path) -> None:
    generate(tmp_path / "one", scale=1, seed=5)
    generate(tmp_path / "five", scale=5, seed=5)
    name = "synth-r001-2024/synthetic.ttl"
    assert files(tmp_path / "one")[name] == files(tmp_path / "five")[name]
    assert sorted(p.name for p in (tmp_path / "five").iterdir() if p.is_dir()) == [
        "synth-r001-2024",
        "synth-r001-2025",
        "synth-r001-2026",
        "synth-r001-2027",
        "synth-r002-2024",
    ]


def test_regenerating_replaces_an_earlier_output(tmp_path: Path) -> None:
    generate(tmp_path, scale=3, seed=1)
    generate(tmp_path, scale=1, seed=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST, "synth-r001-2024"])


def _types(quads: list[ox.Quad]) -> Counter:
    return Counter(q.object.value.rsplit("#", 1)[-1] for q in quads if q.predicate == RDF_TYPE)


def test_synthetic_agendas_have_the_real_shape(
    synth_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    real_agenda: Agenda,
    real_quads: list[ox.Quad],
) -> None:
    real = _types(real_quads)
    for agenda, quads in load_synthetic(synth_root, monkeypatch):
        assert {g.value for g in {q.graph_name for q in quads}} == {agenda.iri}
        mine = _types(quads)
        for kind in (
            "Inspanning",
            "OperationeelDoel",
            "PrioritaireOpgave",
            "Vermelding",
            "Aandachtspunt",
            "Bronregel",
            "Organisatie",
        ):
            assert mine[kind] == real[kind], kind
        for kind in ("Financiering", "Mijlpaal", "Randvoorwaarde", "DoelVerwijzing"):
            assert 0.6 * real[kind] <= mine[kind] <= 1.5 * real[kind], (
                kind,
                mine[kind],
                real[kind],
            )
        assert 0.8 * len(real_quads) <= len(quads) <= 1.2 * len(real_quads)
        old = real_agenda.iri.rsplit("/", 1)[0] + "/"
        leaked = {
            t.value
            for q in quads
            for t in (q.subject, q.object)
            if isinstance(t, ox.NamedNode) and t.value.startswith(old)
        }
        assert not leaked, f"template IRIs not re-minted: {sorted(leaked)[:3]}"


def test_synthetic_agendas_are_sampled_not_copied(
    synth_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    titles = []
    for _, quads in load_synthetic(synth_root, monkeypatch):
        inspanningen = {q.subject for q in quads if q.object == ox.NamedNode(WA + "Inspanning")}
        titles.append(
            sorted(
                q.object.value
                for q in quads
                if q.subject in inspanningen
                and q.predicate.value == "http://purl.org/dc/terms/title"
            )
        )
    assert titles[0] != titles[1]


def test_synthetic_output_conforms_to_the_shapes(
    synth_root: Path, monkeypatch: pytest.MonkeyPatch, shapes, vocabulary, real_agenda, real_quads
) -> None:  # type: ignore[no-untyped-def]
    """No violation that the real data does not have (the real data has none when curated)."""
    fast = validator(shapes)
    allowed = {(r.shape, r.component) for r in fast.validate(vocabulary + real_quads).violations}
    agendas = load_synthetic(synth_root, monkeypatch)
    for agenda, quads in agendas:
        report = fast.validate(vocabulary + quads, subject=agenda.key)
        new = {(r.shape, r.component) for r in report.violations} - allowed
        assert not new, (
            report.summary() + "\n" + "\n".join(r.message for r in report.violations[:5])
        )
    agenda, quads = agendas[0]  # the reference validator agrees on one agenda
    reference = validator(shapes, "pyshacl").validate(vocabulary + quads, subject=agenda.key)
    assert {(r.shape, r.component) for r in reference.violations} <= allowed


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ("0", "scale must be at least 1"),
        ("-3", "scale must be at least 1"),
        ("1.5", "whole number of agendas"),
        ("ten", "whole number of agendas"),
        ("5000", "beyond the generator's limit of 1000"),
    ],
)
def test_impossible_scales_are_refused(tmp_path: Path, scale: str, message: str) -> None:
    result = CliRunner().invoke(main, ["synth", "--scale", scale, "--out", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_bad_seed_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "-n", "1", "--seed", "x", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "seed must be a whole number" in result.output


def test_a_foreign_folder_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = CliRunner().invoke(main, ["synth", "-n", "1", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "was not written by `werkagenda synth`" in result.output
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_cli_writes_the_agendas(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["synth", "--scale", "2", "--seed", "3", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 2 agenda(s)" in result.output
    assert (tmp_path / "synth-r001-2025" / "sources").is_dir()


def test_synth_then_build_an_agenda_folder_as_readme_says(tmp_path: Path) -> None:
    """`synth --out DIR` then `build --agenda DIR/<agenda>`: no WERKAGENDA_ROOT needed,
    because a document path is relative to its agenda folder."""
    runner = CliRunner()
    out = runner.invoke(
        main, ["synth", "--scale", "1", "--seed", "5", "--out", str(tmp_path / "s")]
    )
    assert out.exit_code == 0, out.output
    folder = next(p for p in sorted((tmp_path / "s").iterdir()) if p.is_dir())
    args = ["build", "--dist", str(tmp_path / "dist"), "--agenda", str(folder), "--no-reason-check"]
    built = runner.invoke(main, args)
    assert built.exit_code == 0, built.output
    store = ox.Store.read_only(str(tmp_path / "dist" / "store"))
    lines = store.query(
        "SELECT (COUNT(*) AS ?n) "
        "{ GRAPH ?g { ?l a <https://w3id.org/iza-werkagenda/def#Bronregel> } }"
    )
    assert int(next(iter(lines))["n"].value) > 700  # the copied source text's lines
