"""Output formats: an 80-column table for people, clean csv/tsv/json, RDF for graphs."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from werkagenda.errors import InputError
from werkagenda.query import execute_named, execute_sparql
from werkagenda.query.format import render, table

RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"


@pytest.fixture()
def result(mini_store: ox.Store, mini_params: dict):  # type: ignore[no-untyped-def]
    return execute_named("inspanningen", store=mini_store, **mini_params)


def test_table_fits_80_columns_and_wraps() -> None:
    long = "een heel lange celtekst " * 20
    text = table(["code", "title", "description"], [["X-1", "kort", long], ["X-2", long, "b"]])
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["code", "title", "description"]
    assert any(line.rstrip().endswith("…") for line in lines), "over-long cells are truncated"
    assert lines[-1] == "(2 rows)"


def test_table_of_every_query_fits_unless_an_identifier_cannot(
    mini_store: ox.Store, mini_params: dict
) -> None:
    from werkagenda.query.registry import discover

    extra = {"code": "AA-1", "organisation": "cafe noord", "text": "e", "reject": "iza"}
    for q in discover().values():
        params = {k: v for k, v in extra.items() if q.param(k)}
        out = render(execute_named(q.name, store=mini_store, **params, **mini_params), "table")
        long_ids = [w for w in out.split() if len(w) > 40 and ":" in w]
        if not long_ids:  # an identifier is never broken, even where it cannot fit
            assert max(len(line) for line in out.splitlines()) <= 80, q.name


def test_csv_and_tsv_are_clean(result) -> None:  # type: ignore[no-untyped-def]
    text = render(result, "csv")
    assert "\x1b" not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["code", "theme", "title", "initiators"]
    assert rows[1] == ["AA-1", "AA", "Eerste inspanning", "Café Noord; Gemeenten"]
    tsv = render(result, "tsv").splitlines()
    assert tsv[1].split("\t") == ["AA-1", "AA", "Eerste inspanning", "Café Noord; Gemeenten"]


def test_json_keeps_column_order_and_lists(result) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(render(result, "json"))
    assert list(data[0]) == ["code", "theme", "title", "initiators"]
    assert data[0]["initiators"] == ["Café Noord", "Gemeenten"]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_select_as_rdf_uses_the_result_set_vocabulary(result, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = render(result, fmt)
    rdf = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.JSON_LD
    triples = list(ox.parse(text.encode(), format=rdf))
    solutions = [t for t in triples if t.predicate == ox.NamedNode(RS + "solution")]
    assert len(solutions) == 3
    variables = {
        t.object.value for t in triples if t.predicate == ox.NamedNode(RS + "resultVariable")
    }
    assert variables == {"code", "theme", "title", "initiators"}


def test_construct_as_ttl_and_not_as_csv(mini_store: ox.Store) -> None:
    graph = execute_sparql(
        "CONSTRUCT { ?i <http://example.org/code> ?c } WHERE { GRAPH ?g { "
        "?i <https://w3id.org/iza-werkagenda/def#code> ?c } }",
        store=mini_store,
    )
    assert len(list(ox.parse(render(graph, "ttl").encode(), format=ox.RdfFormat.TURTLE))) == 5
    with pytest.raises(InputError, match="CONSTRUCT result is a graph"):
        render(graph, "csv")


def test_unknown_format(result) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="unknown format 'xml'"):
        render(result, "xml")
