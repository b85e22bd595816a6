"""The VALUES binding used for remote endpoints: safe against injection, and equivalent.

Equivalence is proven without a server: every named query, bound with the VALUES block,
runs on the same pyoxigraph store and must answer exactly what substitution answers.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from werkagenda.errors import InputError
from werkagenda.query.binding import values_block, with_values
from werkagenda.query.execute import execute, run_named, select_columns
from werkagenda.query.params import bind
from werkagenda.query.registry import discover

EVIL = ['x" } # ', '"} UNION { ?s ?p ?o } #', "a'b\"c\nd\\e", "}}}", "#"]


@pytest.mark.parametrize("evil", EVIL)
def test_values_block_keeps_the_value_inside_its_literal(evil: str) -> None:
    block = values_block({"text": ox.Literal(evil)})
    solutions = ox.Store().query("SELECT ?text WHERE { " + block + " }")
    assert [s["text"].value for s in solutions] == [evil]


def test_values_inserted_into_every_top_level_where() -> None:
    text = '# WHERE { in a comment\nSELECT ?x WHERE { ?x <http://p#x> "WHERE {" } ;'
    out = with_values(text, {"x": ox.NamedNode("http://x")})
    assert out.count("VALUES") == 1
    assert "WHERE { VALUES ( ?x ) { ( <http://x> ) }  ?x <http://p#x>" in out
    update = (
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } } ;\n"
        "INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?h { ?s ?p ?o } }"
    )
    assert with_values(update, {"g": ox.NamedNode("http://g")}).count("VALUES") == 2


def test_subselect_group_is_wrapped() -> None:
    out = with_values("SELECT ?x WHERE { SELECT ?x WHERE { ?x ?p ?o } }", {"x": ox.Literal("1")})
    ox.Store().query(out)  # parses
    assert out.startswith('SELECT ?x WHERE { VALUES ( ?x ) { ( "1" ) } { SELECT')


def test_query_without_where_cannot_be_bound() -> None:
    with pytest.raises(InputError, match="no top-level WHERE"):
        with_values("SELECT * { ?s ?p ?o }", {"x": ox.Literal("1")})


@pytest.mark.parametrize("name", sorted(discover()))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_values_binding_answers_like_substitution(
    name: str, lang: str, mini_store: ox.Store, mini_params: dict
) -> None:
    query = discover()[name]
    extra = {"code": "AA-1", "organisation": "Cafe noord", "text": "eerste", "reject": "iza"}
    values = {**mini_params, "lang": lang, **{k: v for k, v in extra.items() if query.param(k)}}
    expected = run_named(mini_store, query, values)
    bound = with_values(query.text, bind(query, values))
    got = select_columns(execute(mini_store, bound), query)
    assert got.rows == expected.rows
    assert expected.rows


def test_injection_through_values_binding(mini_store: ox.Store, mini_params: dict) -> None:
    query = discover()["search"]
    for evil in EVIL:
        bound = with_values(query.text, bind(query, {**mini_params, "text": evil}))
        assert bound.count("VALUES (") == 1
        assert select_columns(execute(mini_store, bound), query).rows == []
