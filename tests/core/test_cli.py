"""The build-pipeline commands in process: exit codes, parse errors, build, export, stats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from tests.conftest import CORE_FIXTURES, MINI_SHAPES
from werkagenda.cli import main
from werkagenda.config import ROOT, WA, Agenda
from werkagenda.rdf.canonical import digest
from werkagenda.store import read_stamp, store_path

MALFORMED = CORE_FIXTURES / "malformed-2024"
MALFORMED_AT = "tests/core/fixtures/malformed-2024/agenda.ttl:7:1: "


def invoke(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_unknown_option_is_a_usage_error() -> None:
    result = invoke("build", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option '--no-such-option'" in result.output


def test_unknown_export_format_is_a_usage_error() -> None:
    result = invoke("export", "--format", "xls")
    assert result.exit_code == 2
    assert "'xls' is not one of" in result.output


@pytest.mark.parametrize("command", ["validate", "build"])
def test_malformed_turtle_names_file_line_column_and_writes_nothing(
    command: str, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "keep.txt").write_text("untouched", encoding="utf-8")
    extra = ["--dist", str(dist), "--no-reason-check"] if command == "build" else []
    result = invoke(command, "--agenda", str(MALFORMED), *extra)
    assert result.exit_code == 2, result.output
    line = result.output.strip()
    assert line.startswith(f"werkagenda: {MALFORMED_AT}"), line
    assert "\n" not in line
    assert sorted(p.name for p in dist.iterdir()) == ["keep.txt"]


def test_agenda_folder_must_be_named_region_edition(tmp_path: Path) -> None:
    folder = tmp_path / "notanagenda"
    folder.mkdir()
    result = invoke("validate", "--agenda", str(folder))
    assert result.exit_code == 2
    assert "<region>-<edition>" in result.output


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout
    return set(out.split())


def test_help_does_not_import_owlready2_or_pyshacl() -> None:
    loaded = _modules_after(
        "from werkagenda.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "werkagenda.cli.build" in loaded
    assert "owlready2" not in loaded and "pyshacl" not in loaded


def test_validate_does_not_import_owlready2() -> None:
    folder = CORE_FIXTURES / "mini-2024"
    loaded = _modules_after(
        "from werkagenda.cli import main\ntry:\n"
        f"    main(['validate', '--agenda', {str(folder)!r}, '--shapes', {str(MINI_SHAPES)!r}])\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code"
    )
    assert "pyshacl" in loaded
    assert "owlready2" not in loaded


def test_build_writes_store_with_materialised_classes(
    compiled_dist: Path, mini_agenda: Agenda
) -> None:
    stamp = read_stamp(store_path(compiled_dist))
    assert stamp is not None
    assert stamp["agendas"] == ["mini/2024"] and stamp["inferred"] == {"mini/2024": 6}
    store = ox.Store.read_only(str(store_path(compiled_dist)))
    typed = store.quads_for_pattern(
        None, None, ox.NamedNode(WA + "IZAAfhankelijkeInspanning"), ox.NamedNode(mini_agenda.iri)
    )
    assert len(list(typed)) == 2


def test_build_cli_without_reason_check(mini_agenda: Agenda, tmp_path: Path) -> None:
    result = invoke(
        "build",
        "--dist",
        str(tmp_path),
        "--agenda",
        str(mini_agenda.folder),
        "--shapes",
        str(MINI_SHAPES),
        "--no-reason-check",
    )
    assert result.exit_code == 0, result.output
    assert f"built {tmp_path / 'store'}" in result.output
    assert read_stamp(tmp_path / "store")["reason_checked"] is False  # type: ignore[index]


def test_build_rebases_agenda_iris(mini_agenda: Agenda, tmp_path: Path) -> None:
    result = invoke(
        "build",
        "--dist",
        str(tmp_path),
        "--agenda",
        str(mini_agenda.folder),
        "--shapes",
        str(MINI_SHAPES),
        "--no-reason-check",
        "--base-iri",
        "http://localhost:8000/",
    )
    assert result.exit_code == 0, result.output
    store = ox.Store.read_only(str(tmp_path / "store"))
    graphs = {g.value for g in store.named_graphs()}
    assert "http://localhost:8000/id/mini/2024" in graphs


@pytest.mark.parametrize(
    ("fmt", "parse_as", "keeps_graphs"),
    [
        ("ttl", "turtle", False),
        ("nt", "nt", False),
        ("rdfxml", "xml", False),
        ("nq", ox.RdfFormat.N_QUADS, True),
        ("jsonld", ox.RdfFormat.JSON_LD, True),
    ],
)
def test_export_round_trips(
    compiled_dist: Path, tmp_path: Path, fmt: str, parse_as: str | ox.RdfFormat, keeps_graphs: bool
) -> None:
    out = tmp_path / f"export.{fmt}"
    result = invoke("export", "--format", fmt, "-o", str(out), "--dist", str(compiled_dist))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temp file left
    store = ox.Store.read_only(str(store_path(compiled_dist)))
    quads = list(store.quads_for_pattern(None, None, None, None))
    if keeps_graphs:  # dataset syntaxes: back through oxigraph, graph names included
        parsed = list(ox.parse(path=str(out), format=parse_as))
        assert digest(parsed) == digest(quads)  # isomorphic (blank-node labels may differ)
    else:  # triple syntaxes: an independent parser (rdflib), graphs merged
        parsed_graph = rdflib.Graph().parse(out, format=parse_as)
        assert len(parsed_graph) == len({(q.subject, q.predicate, q.object) for q in quads})


def test_export_to_stdout(compiled_dist: Path) -> None:
    result = invoke("export", "--format", "nt", "--dist", str(compiled_dist))
    assert result.exit_code == 0
    triples = list(ox.parse(result.stdout_bytes, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) > 100


def test_export_without_a_store_is_an_input_error(tmp_path: Path) -> None:
    result = invoke("export", "--format", "nt", "--dist", str(tmp_path))
    assert result.exit_code == 2
    assert "no compiled store" in result.output


def test_stats_per_class_and_theme(compiled_dist: Path) -> None:
    result = invoke("stats", "--format", "json", "--dist", str(compiled_dist))
    assert result.exit_code == 0, result.output
    (agenda,) = json.loads(result.output)
    assert agenda["agenda"] == "https://w3id.org/iza-werkagenda/id/mini/2024"
    classes = dict(agenda["classes"])
    assert classes[WA + "Inspanning"] == 4 and classes[WA + "Financiering"] == 6
    assert agenda["themes"] == [
        ["TS", {"goals": 2, "inspanningen": 4, "listings": 1, "initiatives": 1, "organisations": 2}]
    ]
    text = invoke("stats", "--dist", str(compiled_dist)).output
    assert "per theme:" in text and "TS" in text


def test_jsonld_is_compact_with_the_shipped_context(compiled_dist: Path) -> None:
    import json

    from werkagenda.export import CONTEXT_FILE

    result = invoke("export", "--format", "jsonld", "--pretty", "--dist", str(compiled_dist))
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["@context"] == json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert result.stdout.startswith('{\n  "@context": {')  # --pretty indents
    graphs = {g["@id"] for g in doc["@graph"]}
    assert {
        "https://w3id.org/iza-werkagenda/def",
        "https://w3id.org/iza-werkagenda/id/mini/2024",
    } <= graphs
    vocabulary = next(g for g in doc["@graph"] if g["@id"].endswith("/def"))
    assert any(node.get("@id") == "wa:Inspanning" for node in vocabulary["@graph"])
    compact = invoke("export", "--format", "jsonld", "--dist", str(compiled_dist)).stdout
    assert "\n" not in compact.strip() and json.loads(compact) == doc


def test_the_context_covers_every_well_known_prefix() -> None:
    import json

    from werkagenda.config import PREFIXES
    from werkagenda.export import CONTEXT_FILE
    from werkagenda.rdf.curies import prefix_map

    shipped = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    assert shipped == dict(sorted(prefix_map().items())), (
        "ontology/context.jsonld is stale: regenerate it from werkagenda.rdf.curies.prefix_map()"
    )
    assert set(PREFIXES) <= set(shipped)
