"""The VALUES binding (remote endpoints, and named queries with `# bind: values`): safe
against injection, and equivalent.

Equivalence is proven without a server: every named query, bound with the VALUES block and
by substitution, runs on the same pyoxigraph store; both must answer the same, and
`run_named` (whichever binding the header chose) must answer that too.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from werkagenda.errors import InputError, InternalError
from werkagenda.query.binding import values_block, with_values
from werkagenda.query.execute import execute, run_named, select_columns
from werkagenda.query.params import bind
from werkagenda.query.registry import discover, parse_header

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


def test_one_text_bound_twice_keeps_each_binding() -> None:
    """Where the block goes is found once per text (`_insertions` is cached); the values are
    each call's own."""
    text = "SELECT ?x ?n WHERE { { SELECT ?x WHERE { BIND(1 AS ?y) } } BIND(1 AS ?n) }"
    one, two = (with_values(text, {"x": ox.Literal(v)}) for v in ("a", "b"))
    assert one == with_values(text, {"x": ox.Literal("a")})
    assert one.replace('"a"', '"b"') == two and one.count('"a"') == 2
    for bound, value in ((one, "a"), (two, "b")):
        assert [s["x"].value for s in ox.Store().query(bound)] == [value]


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
    terms = bind(query, values)
    substitutions = {ox.Variable(k): t for k, t in terms.items()}
    by_subs = select_columns(execute(mini_store, query.text, substitutions=substitutions), query)
    by_values = select_columns(execute(mini_store, with_values(query.text, terms)), query)
    assert by_values.rows == by_subs.rows
    assert run_named(mini_store, query, values).rows == by_subs.rows
    assert by_subs.rows


HEADER = """# title@nl: Proef
# title@en: Probe
# param p (string, required): a value.
# column o: the object.
"""
BODY = "SELECT ?o WHERE { BIND(?p AS ?o) }"  # ?p is not projected


@pytest.mark.parametrize(
    ("bind_line", "answer"), [("# bind: values\n", "a"), ("", "SELECT projection")]
)
def test_header_chooses_the_binding(bind_line: str, answer: str) -> None:
    """Substitution only reaches projected variables; an inline VALUES block reaches all."""
    query = parse_header("probe", Path("probe.rq"), HEADER + bind_line + BODY)
    assert query.binding == ("values" if bind_line else "substitutions")
    if bind_line:
        assert [r[0].value for r in run_named(ox.Store(), query, {"p": "a"}).rows] == [answer]
    else:
        with pytest.raises(InternalError, match=answer):
            run_named(ox.Store(), query, {"p": "a"})


def test_injection_through_values_binding(mini_store: ox.Store, mini_params: dict) -> None:
    query = discover()["search"]
    for evil in EVIL:
        bound = with_values(query.text, bind(query, {**mini_params, "text": evil}))
        assert bound.count("VALUES (") == 1
        assert select_columns(execute(mini_store, bound), query).rows == []
