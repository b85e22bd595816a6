"""Run one SPARQL query inside a worker and serialize its answer, capped at `max_rows`."""

from __future__ import annotations

from itertools import islice
from typing import NamedTuple

import pyoxigraph as ox

from werkagenda.query.dataset import PROLOGUE_LINES, dataset_options, with_prefixes
from werkagenda.query.depth import too_deep
from werkagenda.query.syntax import explain
from werkagenda.serve import negotiation as neg
from werkagenda.serve.protocol import Refused, check_service, is_update
from werkagenda.serve.results import serialize_ask, serialize_select, truncation_note

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class Reply(NamedTuple):
    """What a worker hands back for the HTTP layer: status, content type, body, extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]


def run_query(
    store: ox.Store,
    text: str,
    *,
    accept: str | None,
    format_key: str | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    substitutions: dict[str, Term] | None = None,
    max_rows: int,
    allowed_hosts: tuple[str, ...] = (),
    base_iri: str | None = None,
) -> Reply:
    """Parse, vet and evaluate `text`; answer in the negotiated format.

    >>> s = ox.Store()
    >>> run_query(s, "ASK {}", accept="application/sparql-results+json", max_rows=5).body
    b'{"head": {}, "boolean": true}'
    """
    if problem := too_deep(text):
        raise Refused(400, problem)
    check_service(text, allowed_hosts)
    options = dataset_options(text, default_graphs, named_graphs)
    if base_iri:  # the service base IRI (Protocol REQ-5.1.2): relative IRIs resolve to it
        options["base_iri"] = base_iri
    if substitutions:
        options["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
    try:
        result = store.query(with_prefixes(text), **options)
    except SyntaxError as e:
        if is_update(text):
            raise Refused(
                403, "This endpoint is read-only: SPARQL Update is not accepted."
            ) from None
        error = explain("query", text, e.msg or str(e), line_offset=PROLOGUE_LINES)
        raise Refused(400, f"SPARQL syntax error at {str(error)}") from None
    except ValueError as e:  # e.g. an invalid IRI in default-graph-uri
        raise Refused(400, f"Bad request: {e}") from None
    if isinstance(result, ox.QueryBoolean):
        fmt = pick_format(accept, format_key, neg.RESULT_FORMATS)
        return Reply(200, fmt.content_type, serialize_ask(fmt, bool(result)), {})
    if isinstance(result, ox.QuerySolutions):
        fmt = pick_format(accept, format_key, neg.RESULT_FORMATS)
        variables = [v.value for v in result.variables]
        rows = [[sol[v] for v in variables] for sol in islice(result, max_rows + 1)]
        truncated = len(rows) > max_rows
        body = serialize_select(
            fmt, variables, rows[:max_rows], truncated=truncated, limit=max_rows
        )
        return Reply(200, fmt.content_type, body, truncation_headers(truncated, max_rows))
    fmt = pick_format(accept, format_key, neg.GRAPH_FORMATS)
    triples = list(islice(result, max_rows + 1))
    truncated = len(triples) > max_rows
    body = serialize_triples(triples[:max_rows], fmt)
    return Reply(200, fmt.content_type, body, truncation_headers(truncated, max_rows))


def serialize_triples(
    triples: list[ox.Triple], fmt: neg.Format, prefixes: dict[str, str] | None = None
) -> bytes:
    """Triples in Turtle, N-Triples, JSON-LD or RDF/XML."""
    target = {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdf": ox.RdfFormat.RDF_XML,
    }[fmt.key]
    if target is ox.RdfFormat.N_TRIPLES:
        prefixes = None
    return ox.serialize(triples, format=target, prefixes=prefixes) or b""


def truncation_headers(truncated: bool, limit: int) -> dict[str, str]:
    if not truncated:
        return {}
    return {
        "X-Result-Truncated": "true",
        "X-Result-Limit": str(limit),
        "Warning": f'199 - "{truncation_note(limit)}"',
    }


def pick_format(accept: str | None, key: str | None, offered: tuple[neg.Format, ...]) -> neg.Format:
    fmt = (neg.by_key(key, offered) if key else None) or neg.choose(accept, offered)
    if fmt is None:
        raise Refused(406, "Not acceptable. This result can be had as: " + neg.listing(offered))
    return fmt
