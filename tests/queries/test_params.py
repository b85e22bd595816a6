"""Parameter parsing: types, defaults; unknown, missing and mistyped values name the parameter."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from werkagenda.errors import InputError
from werkagenda.query.params import bind, parse_assignments
from werkagenda.query.registry import get


def test_defaults_are_bound() -> None:
    terms = bind(get("inspanningen"), {})
    assert terms["agenda"] == ox.NamedNode("https://w3id.org/iza-werkagenda/id/drenthe/2024")
    assert terms["lang"] == ox.Literal("nl")


def test_iri_accepts_angle_brackets() -> None:
    terms = bind(get("inspanningen"), {"agenda": "<http://example.org/g>"})
    assert terms["agenda"] == ox.NamedNode("http://example.org/g")


def test_unknown_parameter() -> None:
    with pytest.raises(InputError, match="unknown parameter 'colour'.*it takes: agenda, lang"):
        bind(get("inspanningen"), {"colour": "red"})


def test_missing_required_parameter() -> None:
    with pytest.raises(InputError, match="missing parameter 'code' \\(string\\)"):
        bind(get("inspanning-goals"), {})


def test_bad_iri() -> None:
    with pytest.raises(InputError, match="parameter 'agenda' must be an absolute IRI"):
        bind(get("inspanningen"), {"agenda": "not an iri"})


def test_choice() -> None:
    with pytest.raises(InputError, match="parameter 'lang' must be one of nl, en, got 'fr'"):
        bind(get("inspanningen"), {"lang": "fr"})


def test_integer_type() -> None:
    from werkagenda.query.registry import Column, NamedQuery, Param

    q = NamedQuery(
        "q",
        None,
        "",
        {"nl": "q"},
        "",
        (Param("n", "integer", default="1"),),  # type: ignore[arg-type]
        (Column("x"),),
    )
    assert bind(q, {"n": "42"})["n"] == ox.Literal(
        "42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    )
    assert bind(q, {"n": 7})["n"].value == "7"
    with pytest.raises(InputError, match="parameter 'n' must be an integer, got 'x1'"):
        bind(q, {"n": "x1"})
    with pytest.raises(InputError, match="parameter 'n' must be an integer"):
        bind(q, {"n": True})


def test_parse_assignments() -> None:
    assert parse_assignments(["a=1", "text=x=y"]) == {"a": "1", "text": "x=y"}
    with pytest.raises(InputError, match="expected NAME=VALUE"):
        parse_assignments(["novalue"])
