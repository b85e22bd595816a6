"""The registry: discovery, header contracts, suggestions, malformed headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from werkagenda.config import DEFAULT_AGENDA_IRI
from werkagenda.errors import InputError
from werkagenda.query.registry import discover, get, parse_header

REQUIRED = {
    "inspanningen",
    "iza-awaiting-transformation-plan",
    "funding-undetermined",
    "initiator-counts",
    "organisation-portfolio",
    "goal-coverage",
    "inspanning-goals",
    "cross-theme-links",
    "multi-theme-organisations",
    "planning-by-quarter",
    "conditional-starts",
    "aandachtspunten",
    "related-programmes",
    "theme-overview",
    "data-quality",
    "search",
}


def test_every_required_query_is_discovered() -> None:
    assert set(discover()) >= REQUIRED
    assert len(discover()) == 18


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_header_contract(name: str) -> None:
    q = get(name)
    assert q.title["nl"] and q.title["en"] and q.description
    agenda, lang = q.param("agenda"), q.param("lang")
    assert agenda and agenda.type == "iri" and agenda.default == DEFAULT_AGENDA_IRI
    assert lang and lang.choices == ("nl", "en") and lang.default == "nl"
    assert q.columns, "declares its columns"
    assert "GRAPH ?agenda" in q.text, "selects the agenda graph explicitly"
    for p in q.params:
        assert f"?{p.name}" in q.text.split("WHERE")[0], f"?{p.name} projected (substitution)"


@pytest.mark.parametrize(
    "name",
    [
        "inspanningen",
        "iza-awaiting-transformation-plan",
        "funding-undetermined",
        "inspanning-goals",
        "organisation-portfolio",
        "conditional-starts",
        "planning-by-quarter",
    ],
)
def test_inspanning_results_carry_the_code(name: str) -> None:
    q = get(name)
    code_first = q.columns[0].name == "code"
    code_second = q.name == "planning-by-quarter" and q.columns[1].name == "code"
    assert code_first or code_second


def test_unknown_query_suggests_close_names() -> None:
    with pytest.raises(InputError) as e:
        get("inspaningen")
    assert "unknown query 'inspaningen'" in str(e.value)
    assert "did you mean 'inspanningen'" in str(e.value)


def test_unknown_query_without_close_match() -> None:
    with pytest.raises(InputError, match="unknown query 'zzz'") as e:
        get("zzz")
    assert "did you mean" not in str(e.value)


def test_header_parsing(tmp_path: Path) -> None:
    text = (
        "# title@nl: Proef\n# title@en: Test\n# description: Eerste regel\n"
        "#   en vervolg.\n"
        "# param n (integer, default 3): een getal.\n"
        "# param k (string, required, one of a b): keuze.\n"
        "# column x: de x.\n# column ys (list): de ys.\n"
        "SELECT ?x ?ys ?n ?k WHERE { }\n"
    )
    q = parse_header("proef", tmp_path / "proef.rq", text)
    assert q.title == {"nl": "Proef", "en": "Test"}
    assert q.description == "Eerste regel en vervolg."
    assert [(p.name, p.type, p.default, p.required, p.choices) for p in q.params] == [
        ("n", "integer", "3", False, ()),
        ("k", "string", None, True, ("a", "b")),
    ]
    assert [(c.name, c.is_list) for c in q.columns] == [("x", False), ("ys", True)]
    assert q.binding == "substitutions"
    chosen = parse_header("proef", tmp_path / "proef.rq", "# bind: values\n" + text)
    assert chosen.binding == "values"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# param n (float, default 1): x.", "malformed param line"),
        ("# param n (integer): x.", "needs a default or 'required'"),
        ("# param n (integer, often): x.", "unknown param option"),
        ("# colum x: typo.", "unrecognised header line"),
        ("# bind: paste", "bind must be one of substitutions, values"),
    ],
)
def test_malformed_header_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    text = f"# title@nl: t\n{line}\n# column x: x.\nSELECT ?x WHERE {{}}\n"
    with pytest.raises(InputError, match=message) as e:
        parse_header("bad", tmp_path / "bad.rq", text)
    assert "bad.rq" in str(e.value)
