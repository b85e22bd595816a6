"""Running named queries on the miniature agenda: bound parameters, languages, errors."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from werkagenda.errors import InputError
from werkagenda.query import execute_named, execute_sparql, run, run_sparql, to_dataframe
from werkagenda.query.registry import discover


def test_inspanningen_on_the_miniature(mini_store: ox.Store, mini_params: dict) -> None:
    rows = run("inspanningen", store=mini_store, **mini_params)
    assert rows == [
        {
            "code": "AA-1",
            "theme": "AA",
            "title": "Eerste inspanning",
            "initiators": ["Café Noord", "Gemeenten"],
        },
        {"code": "AA-2", "theme": "AA", "title": "Tweede inspanning", "initiators": []},
        {"code": "BB-1", "theme": "BB", "title": "Derde inspanning", "initiators": ["Gemeenten"]},
    ]


def test_lang_picks_labels_with_dutch_fallback(mini_store: ox.Store, mini_params: dict) -> None:
    rows = run("inspanningen", store=mini_store, lang="en", **mini_params)
    assert [r["title"] for r in rows] == [
        "First initiative",
        "Tweede inspanning",
        "Derde inspanning",
    ]
    counts = run("initiator-counts", store=mini_store, lang="en", **mini_params)
    assert counts[0] == {
        "organisation": "Municipalities",
        "kind": ["collective"],
        "inspanningen": 2,
        "themes": ["AA", "BB"],
    }


def test_an_unknown_agenda_is_an_input_error_listing_the_valid_ones(mini_store: ox.Store) -> None:
    with pytest.raises(InputError, match=r"unknown agenda 'http://example.org/none'.*test/2024"):
        run("inspanningen", store=mini_store, agenda="http://example.org/none")


def test_an_unknown_code_names_the_nearest(mini_store: ox.Store, mini_params: dict) -> None:
    with pytest.raises(InputError, match=r"unknown code 'AA-11'; nearest: AA-1"):
        run("inspanning-goals", store=mini_store, code="AA-11", **mini_params)


def test_every_named_query_runs_on_the_miniature(mini_store: ox.Store, mini_params: dict) -> None:
    extra = {"code": "AA-1", "organisation": "cafe noord", "text": "thrive", "reject": "iza"}
    for q in discover().values():
        params = {k: v for k, v in extra.items() if q.param(k)}
        for lang in ("nl", "en"):
            result = execute_named(q.name, store=mini_store, lang=lang, **params, **mini_params)
            assert result.columns == [c.name for c in q.columns], q.name
            assert result.rows, f"{q.name} returns rows on the miniature ({lang})"


def test_injection_in_a_parameter_is_just_text(mini_store: ox.Store, mini_params: dict) -> None:
    for evil in ['x" } # ', '"} UNION { ?s ?p ?o } #', "'''", "\\", 'thrive" || true || "']:
        assert run("search", store=mini_store, text=evil, **mini_params) == [], evil
    # the quote inside the data is found as text, not as syntax
    hits = run("search", store=mini_store, text='"aanhalingstekens"', **mini_params)
    assert [h["code"] for h in hits] == ["AA-1"]


def test_search_is_case_and_accent_insensitive(mini_store: ox.Store, mini_params: dict) -> None:
    for text in ("drèentse", "DREENTSE", "Drëéntsé"):
        hits = run("search", store=mini_store, text=text, **mini_params)
        assert [h["resource"].rsplit("/", 1)[-1] for h in hits] == ["1"], text


def test_portfolio_matches_aliases_case_and_accents(
    mini_store: ox.Store, mini_params: dict
) -> None:
    for name in ("Café Noord", "CAFE NOORD", "cn", "Cafè nöord"):
        rows = run("organisation-portfolio", store=mini_store, organisation=name, **mini_params)
        assert [(r["code"], r["role"]) for r in rows] == [
            ("AA-1", "initiatiefnemer"),
            ("BB-1", "betrokken partij"),
        ], name
    assert run("organisation-portfolio", store=mini_store, organisation="café", **mini_params) == []


def test_syntax_error_carries_line_and_column(mini_store: ox.Store) -> None:
    with pytest.raises(InputError, match=r"^<query>:2:16: the query is incomplete") as e:
        run_sparql("SELECT *\nWHERE { ?s ?p }", store=mini_store)
    assert str(e.value).splitlines()[1:] == ["  WHERE { ?s ?p }", "  " + " " * 15 + "^"]


def test_an_undeclared_prefix_is_named_with_a_caret(mini_store: ox.Store) -> None:
    with pytest.raises(InputError, match=r"^<query>:1:15: unknown prefix `foo:`") as e:
        run_sparql("SELECT * { ?s foo:p ?o }", store=mini_store)
    assert str(e.value).splitlines()[-1] == "  " + " " * 14 + "^"


def test_well_known_prefixes_need_no_declaration(mini_store: ox.Store) -> None:
    rows = run_sparql(
        "SELECT ?code { ?i a wa:Inspanning ; wa:code ?code } ORDER BY ?code", store=mini_store
    )
    assert [r["code"] for r in rows] == ["AA-1", "AA-2", "BB-1"]  # the fixture's inspanningen


def test_a_query_naming_its_dataset_is_answered_from_it(mini_store: ox.Store) -> None:
    union = run_sparql("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", store=mini_store)[0]["n"]
    vocabulary = run_sparql(
        "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/iza-werkagenda/def> { ?s ?p ?o }",
        store=mini_store,
    )[0]["n"]
    assert 0 < vocabulary < union


def test_run_sparql_and_results(mini_store: ox.Store) -> None:
    rows = run_sparql(
        "SELECT ?code ?n WHERE { GRAPH ?g { ?i <https://w3id.org/iza-werkagenda/def#code> ?code } "
        "BIND(STRLEN(?code) AS ?n) } ORDER BY ?code",
        store=mini_store,
    )
    assert rows[0] == {"code": "AA", "n": 2}
    assert execute_sparql("ASK { GRAPH ?g { ?s ?p ?o } }", store=mini_store).boolean is True
    graph = execute_sparql(
        "CONSTRUCT { ?s a ?o } WHERE { GRAPH ?g { ?s a ?o } } LIMIT 2", store=mini_store
    )
    assert graph.kind == "graph" and len(graph.triples or []) == 2


def test_to_dataframe(mini_store: ox.Store, mini_params: dict) -> None:
    pd = pytest.importorskip("pandas")
    frame = to_dataframe("goal-coverage", store=mini_store, **mini_params)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [
        "goal",
        "theme",
        "column",
        "letter",
        "label",
        "numbers",
        "inspanningen",
    ]
    assert dict(zip(frame["goal"], frame["inspanningen"], strict=True)) == {
        "AA-S1-A": 2,
        "AA-S1-B": 0,
        "BB-X-A": 1,
    }
