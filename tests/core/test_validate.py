"""SHACL validation: typed results with severity, focus, path, value and a sentence; exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from tests.conftest import CORE_FIXTURES, MINI_SHAPES
from werkagenda.build import agenda_at
from werkagenda.cli import main
from werkagenda.config import SHAPES_FILE, Agenda, discover_agendas
from werkagenda.load import agenda_quads
from werkagenda.validate import Severity, agenda_prefixes, check_shapes, load_shapes, validator

BAD = CORE_FIXTURES / "shacl-bad-2024"
INSP = "https://w3id.org/iza-werkagenda/id/shacl-bad/2024/inspanning/"
FIN = "https://w3id.org/iza-werkagenda/id/shacl-bad/2024/financiering/"

# (severity, focus, path, value, sentence) of every result the bad fixture must produce: Dutch
# first (the shapes' @nl sh:message, else the @en one; built sentences in Dutch).
EXPECTED = {
    (
        "Violation",
        f"<{FIN}SB-1-1>",
        "wa:financieringsbron",
        None,
        "fin:SB-1-1: wa:financieringsbron ontbreekt (ten minste 1 vereist)",
    ),
    (
        "Violation",
        f"<{FIN}SB-1-2>",
        "wa:financieringsbron",
        None,
        "fin:SB-1-2: wa:financieringsbron heeft te veel waarden (hoogstens 1 toegestaan)",
    ),
    (
        "Violation",
        f"<{INSP}SB-1>",
        "dct:title",
        None,
        "insp:SB-1: Een inspanning heeft een titel nodig. [dct:title]",
    ),
    (
        "Violation",
        f"<{INSP}SB-1>",
        "wa:code",
        '"sb-1"',
        'insp:SB-1: wa:code: waarde "sb-1" past niet bij het patroon "^[A-Z]{2,4}-[0-9]+$"',
    ),
    (
        "Violation",
        f"<{INSP}SB-2>",
        "wa:financiering",
        "insp:SB-3",
        "insp:SB-2 (Tweede): wa:financiering: waarde insp:SB-3 is geen wa:Financiering",
    ),
    (
        "Violation",
        f"<{INSP}SB-2>",
        None,
        '"SB-9"',
        "insp:SB-2 (Tweede): Code SB-9 is used by more than one inspanning.",
    ),
    (
        "Violation",
        f"<{INSP}SB-3>",
        None,
        '"SB-9"',
        "insp:SB-3 (Derde): Code SB-9 is used by more than one inspanning.",
    ),
    (
        "Warning",
        f"<{INSP}SB-1>",
        "wa:initiatiefnemer",
        None,
        "insp:SB-1: The inspanning has no initiator. [wa:initiatiefnemer]",
    ),
    (
        "Warning",
        f"<{INSP}SB-2>",
        "wa:initiatiefnemer",
        None,
        "insp:SB-2 (Tweede): The inspanning has no initiator. [wa:initiatiefnemer]",
    ),
    (
        "Warning",
        f"<{INSP}SB-3>",
        "wa:initiatiefnemer",
        None,
        "insp:SB-3 (Derde): The inspanning has no initiator. [wa:initiatiefnemer]",
    ),
}


# The English-first sentences (`--lang en`) where they differ from the Dutch ones.
EXPECTED_EN = {
    "fin:SB-1-1: wa:financieringsbron is missing (at least 1 required)",
    "fin:SB-1-2: wa:financieringsbron has too many values (at most 1 allowed)",
    "insp:SB-1: An inspanning needs a title. [dct:title]",
    'insp:SB-1: wa:code value "sb-1" does not match the pattern "^[A-Z]{2,4}-[0-9]+$"',
    "insp:SB-2 (Tweede): wa:financiering value insp:SB-3 is not a wa:Financiering",
}


@pytest.fixture(scope="module")
def bad_report(vocabulary):  # type: ignore[no-untyped-def]
    agenda = agenda_at(BAD)
    return validator(load_shapes(MINI_SHAPES)).validate(
        [*vocabulary, *agenda_quads(agenda)], subject=agenda.key, prefixes=agenda_prefixes(agenda)
    )


def test_each_result_keeps_severity_focus_path_value_and_sentence(bad_report) -> None:  # type: ignore[no-untyped-def]
    got = {(r.severity.value, r.focus, r.path, r.value, r.message) for r in bad_report.results}
    assert got == EXPECTED
    assert not bad_report.conforms
    assert bad_report.count(Severity.VIOLATION) == 7
    assert bad_report.summary() == "7 violations, 3 warnings, 0 infos in shacl-bad/2024"


def test_results_name_their_source_shape(bad_report) -> None:  # type: ignore[no-untyped-def]
    shapes = {r.shape for r in bad_report.results}
    assert "ts:FinancieringShape / wa:financieringsbron" in shapes
    assert "ts:InspanningShape" in shapes  # the SPARQL constraint's node shape


def test_validate_cli_text_lists_every_result_and_exits_1() -> None:
    result = CliRunner().invoke(
        main, ["validate", "--agenda", str(BAD), "--shapes", str(MINI_SHAPES)]
    )
    assert result.exit_code == 1, result.output
    for severity, _, _, _, sentence in EXPECTED:
        assert f"{severity:<9} {sentence}" in result.output
    assert "does not conform: 7 violations, 3 warnings, 0 infos in shacl-bad/2024" in result.output


def test_validate_cli_lang_en_gives_the_english_sentences() -> None:
    args = ["validate", "--agenda", str(BAD), "--shapes", str(MINI_SHAPES), "--lang", "en"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    for sentence in EXPECTED_EN:
        assert sentence in result.output
    assert "Een inspanning heeft een titel nodig" not in result.output
    assert "ontbreekt" not in result.output


def test_validate_cli_json_message_follows_lang() -> None:
    base = ["validate", "--format", "json", "--agenda", str(BAD), "--shapes", str(MINI_SHAPES)]
    messages = {}
    for lang in ("nl", "en"):
        doc = json.loads(CliRunner().invoke(main, [*base, "--lang", lang]).output)
        messages[lang] = {r["message"] for r in doc["reports"][0]["results"]}
    assert {e[4] for e in EXPECTED} == messages["nl"]
    assert messages["en"] >= EXPECTED_EN


def test_every_shape_message_is_dutch_and_english() -> None:
    """ontology/shapes.ttl: each node with an sh:message has one in Dutch and one in English."""
    shapes = rdflib.Graph().parse(SHAPES_FILE)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    holders = set(shapes.subjects(sh.message, None))
    assert len(holders) > 90
    for node in holders:
        langs = sorted(str(m.language) for m in shapes.objects(node, sh.message))
        assert langs == ["en", "nl"], f"{node}: sh:message languages {langs}; add the missing one"


def test_real_agenda_report_is_dutch_unless_lang_en() -> None:
    """The real agenda's infos: goals whose text was an image (the @nl / @en sh:message)."""
    real = discover_agendas()[0].folder
    nl = CliRunner().invoke(main, ["validate", "--agenda", str(real)])
    en = CliRunner().invoke(main, ["validate", "--agenda", str(real), "--lang", "en"])
    assert nl.exit_code == en.exit_code == 0, nl.output + en.output
    assert "De tekst van het doel ontbreekt in de bron" in nl.output
    assert "The goal's text is missing from the source" not in nl.output
    assert "The goal's text is missing from the source" in en.output


def test_validate_cli_json_has_typed_fields() -> None:
    args = ["validate", "--format", "json", "--agenda", str(BAD), "--shapes", str(MINI_SHAPES)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["conforms"] is False
    (report,) = doc["reports"]
    assert report["counts"] == {"violations": 7, "warnings": 3, "infos": 0}
    first = report["results"][0]
    assert set(first) == {
        "severity",
        "focus",
        "focusLabel",
        "path",
        "value",
        "shape",
        "component",
        "message",
    }


def test_validate_cli_turtle_is_the_shacl_report_graph() -> None:
    args = ["validate", "--format", "ttl", "--agenda", str(BAD), "--shapes", str(MINI_SHAPES)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    graph = rdflib.Graph().parse(data=result.output, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    (report,) = graph.subjects(rdflib.RDF.type, sh.ValidationReport)
    assert graph.value(report, sh.conforms).toPython() is False
    assert len(list(graph.objects(report, sh.result))) == 10


def test_conformant_agenda_exits_0(mini_agenda: Agenda) -> None:
    args = ["validate", "--agenda", str(mini_agenda.folder), "--shapes", str(MINI_SHAPES)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violations" in result.output


def test_build_refuses_violations_and_writes_nothing(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    args = [
        "build",
        "--dist",
        str(dist),
        "--agenda",
        str(BAD),
        "--shapes",
        str(MINI_SHAPES),
        "--no-reason-check",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "insp:SB-1: Een inspanning heeft een titel nodig." in result.output
    assert "nothing written" in result.output
    assert not dist.exists()


def test_shapes_pass_meta_shacl() -> None:
    report = check_shapes()
    assert report.conforms, "\n".join(r.message for r in report.results)


def test_broken_shapes_fail_meta_shacl(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ;\n"
        '    sh:property [ sh:path ex:p ; sh:minCount "one" ] .\n',
        encoding="utf-8",
    )
    assert not check_shapes(broken).conforms
    result = CliRunner().invoke(main, ["validate", "--shapes-only", "--shapes", str(broken)])
    assert result.exit_code == 1
    assert "sh:minCount" in result.output or "minCount" in result.output


@pytest.mark.parametrize("agenda", discover_agendas(), ids=lambda a: a.key)
def test_real_data_has_no_violations(agenda: Agenda, vocabulary) -> None:  # type: ignore[no-untyped-def]
    """The curated agendas under data/ conform to ontology/shapes.ttl (warnings allowed)."""
    report = validator(load_shapes()).validate(
        [*vocabulary, *agenda_quads(agenda)], subject=agenda.key, prefixes=agenda_prefixes(agenda)
    )
    assert report.conforms, "fix these in data/ (run `werkagenda validate`):\n" + "\n".join(
        r.message for r in report.violations
    )
