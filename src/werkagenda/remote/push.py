"""Push a compiled graph into a remote store (SPARQL 1.1 Graph Store Protocol) and verify it.

0. remove stale staging graphs that interrupted pushes left (`remove_stale_staging`);
1. PUT the graph as N-Triples into a fresh staging graph
   (`urn:werkagenda:staging:<unix seconds>-<uuid>`);
2. move it onto the target graph with one SPARQL 1.1 `MOVE` (queries/internal/remote/move-graph.ru);
3. verify: the remote triple count and canonical hash (`werkagenda.rdf.canonical.digest`,
   RDFC-1.0) equal the local ones, else RemoteError.

What is guaranteed, and where:

* A failed upload never touches the target: step 1 writes only the staging graph, and step 2
  runs only after step 1 succeeded. The staging graph is deleted afterwards whatever the
  outcome (best effort; after a MOVE that worked it is already gone).
* Step 2 is one update request holding one operation. Stores that apply an update request as
  one transaction (Oxigraph does) replace the target atomically: readers see the old graph or
  the new one, and a failed move leaves the old one.
* Virtuoso 7 does not: its `/sparql` endpoint commits whatever an update did before it failed
  (`WS.WS."/!sparql/"` runs `commit work` after `exec` whatever the outcome), and its MOVE is
  three statements (clear the target, `insert soft … select` from the staging graph, clear the
  staging graph). A move that fails half-way there can leave the target empty or partial.
* Never silently: every push ends with step 3 on the target itself, and any failure (of the
  move or of the verification) is a RemoteError, exit 3. Pushing again repairs the target.

Why MOVE and not DELETE/INSERT with the graphs bound by a VALUES block: Virtuoso 7.2 compiles
an INSERT whose template graph is a variable bound by VALUES into `SPARQL_INSERT_QUAD_DICT_CONTENT
(SPARQL_INSERT_CTOR (…), …)`: the rows are inserted, then the call fails with HTTP 500
`SR002: Function string_output_string needs a string output as argument 1, not an arg of type
INTEGER` (on a 3-triple graph as on a large one), after the target was already cleared. MOVE
binds no variable; its two IRIs are validated pyoxigraph NamedNodes, serialised by pyoxigraph.

The copy for the hash is read one predicate at a time when the store caps the size of an
answer (Virtuoso's `ResultSetMaxRows`, 10000 in its stock configuration) and the CONSTRUCT
returned fewer triples than the count (`remote_copy`).

For Oxigraph the GSP and update endpoints derive from the query endpoint: `<base>/store`
and `<base>/update`, where `<base>` is the query URL without a trailing `/query` or `/sparql`.
For Virtuoso pass `--gsp <base>/sparql-graph-crud --update-endpoint <base>/sparql`.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.config import VOCABULARY_GRAPH
from werkagenda.errors import InputError, RemoteError
from werkagenda.query.binding import with_values
from werkagenda.query.files import read_query
from werkagenda.rdf.canonical import digest
from werkagenda.rdf.terms import value
from werkagenda.remote.client import Endpoint, run_text

STAGING = "urn:werkagenda:staging:"
# A staging graph older than this was left by a push that was killed: a live push moves its
# graph within seconds. Younger ones may belong to a push running elsewhere, so they stay.
STALE_AFTER = 3600.0
_STAGING_NAME = re.compile(r"urn:werkagenda:staging:(?:([0-9]{1,12})-)?[0-9a-f]{32}")
_PLACEHOLDER = re.compile(r"<urn:werkagenda:param:([A-Za-z_][A-Za-z0-9_]*)>")


@dataclass(frozen=True)
class PushReport:
    """What was pushed where, and what the remote store holds afterwards."""

    graph: str
    triples: int
    digest: str
    remote_triples: int
    remote_digest: str

    @property
    def ok(self) -> bool:
        return self.triples == self.remote_triples and self.digest == self.remote_digest


def derived_urls(query_url: str) -> tuple[str, str]:
    """(GSP URL, update URL) for an Oxigraph-style server from its query URL.

    >>> derived_urls("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/store', 'http://127.0.0.1:7878/update')
    """
    base = query_url.rstrip("/")
    for suffix in ("/query", "/sparql"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
    return base + "/store", base + "/update"


def push(
    store: ox.Store,
    endpoint: Endpoint,
    *,
    source_graph: str,
    target_graph: str | None = None,
    gsp_url: str | None = None,
    update_url: str | None = None,
    vocabulary: bool = True,
) -> list[PushReport]:
    """Push `source_graph` (and the vocabulary graph) of `store`; verified reports, in order."""
    default_gsp, default_update = derived_urls(endpoint.url)
    pairs = [(source_graph, target_graph or source_graph)]
    if vocabulary and source_graph != VOCABULARY_GRAPH:
        pairs.append((VOCABULARY_GRAPH, VOCABULARY_GRAPH))
    reports = []
    for local, remote in pairs:
        report = push_graph(
            store, endpoint, local, remote, gsp_url or default_gsp, update_url or default_update
        )
        if not report.ok:
            raise RemoteError(
                f"{endpoint.url}: verification of <{remote}> failed: local {report.triples} "
                f"triples sha256 {report.digest[:12]}, remote {report.remote_triples} triples "
                f"sha256 {report.remote_digest[:12]}"
            )
        reports.append(report)
    return reports


def push_graph(
    store: ox.Store, endpoint: Endpoint, local: str, remote: str, gsp_url: str, update_url: str
) -> PushReport:
    import httpx

    triples = [q.triple for q in store.quads_for_pattern(None, None, None, _iri(local, "graph"))]
    if not triples:
        raise InputError(f"graph <{local}> is empty or absent in the compiled store")
    target = _iri(remote, "--graph")
    staging = ox.NamedNode(f"{STAGING}{int(time.time())}-{uuid.uuid4().hex}")
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    auth = httpx.BasicAuth(*endpoint.auth) if endpoint.auth else None
    move = bind_graphs(_text("move-graph.ru"), {"staging": staging, "target": target})
    with httpx.Client(auth=auth, timeout=endpoint.timeout) as client:
        remove_stale_staging(endpoint, client, gsp_url)
        try:
            _send(
                client,
                "PUT",
                gsp_url,
                params={"graph": staging.value},
                content=body,
                headers={"Content-Type": "application/n-triples"},
            )
            try:
                _send(
                    client,
                    "POST",
                    update_url,
                    content=move.encode(),
                    headers={"Content-Type": "application/sparql-update"},
                )
            except RemoteError as e:
                raise RemoteError(
                    f"{e} (where updates are not transactional, e.g. Virtuoso, <{remote}> may "
                    "be left partly replaced: push again)"
                ) from None
        finally:  # a MOVE that worked left no staging graph; anything else may have
            _discard(client, gsp_url, staging)
    remote_triples = remote_count(endpoint, target)
    copy = remote_copy(endpoint, target, remote_triples)
    return PushReport(remote, len(triples), digest(triples), remote_triples, digest(copy))


def stale_staging(names: list[str], now: float) -> list[str]:
    """The staging graphs of this naming scheme that no running push can still own: older
    than STALE_AFTER, or named by the earlier scheme without a time (`<prefix><uuid>`).

    >>> old = STAGING + "100-" + "a" * 32
    >>> stale_staging([old, STAGING + "5000-" + "b" * 32, STAGING + "x", "urn:other"], 4000)
    ['urn:werkagenda:staging:100-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']
    """
    out = []
    for name in names:
        if (m := _STAGING_NAME.fullmatch(name)) and (m[1] is None or now - int(m[1]) > STALE_AFTER):
            out.append(name)
    return out


def remove_stale_staging(endpoint: Endpoint, client: object, gsp_url: str) -> None:
    """Delete the staging graphs interrupted pushes left on the remote (best effort: a store
    that cannot list them keeps them, and the push goes on)."""
    try:
        rows = run_text(endpoint, _text("staging-graphs.rq")).rows or []
    except RemoteError:
        return
    names = [value(row[0]) for row in rows if row and isinstance(row[0], ox.NamedNode)]
    for name in stale_staging(names, time.time()):
        _discard(client, gsp_url, ox.NamedNode(name))


def remote_count(endpoint: Endpoint, graph: ox.NamedNode) -> int:
    """The number of triples the remote `graph` holds; an answer that is not one
    non-negative integer is a RemoteError (exit 3), never a traceback."""
    count = run_text(endpoint, _bound("graph-count.rq", graph))
    rows = count.rows or []
    if not rows or not rows[0] or rows[0][0] is None:
        return 0
    text = value(rows[0][0]).strip()
    if len(rows) != 1 or not re.fullmatch(r"[0-9]{1,18}", text):
        raise RemoteError(
            f"{endpoint.url}: answered {text[:40]!r} as the triple count of <{graph.value}>, "
            "not a number: cannot verify the push"
        )
    return int(text)


def remote_copy(endpoint: Endpoint, graph: ox.NamedNode, count: int) -> list[ox.Triple]:
    """Every triple of the remote `graph` (which holds `count`), even where answers are capped.

    A store that caps the size of an answer (Virtuoso's `ResultSetMaxRows`) returns fewer
    triples than `count`; the graph is then read one predicate at a time (Virtuoso refuses
    ORDER BY with OFFSET past its `MaxSortedTopRows`, so no ordered pages). Virtuoso keeps a
    blank node's label across answers, so the parts hash as one graph; a store that does not
    fails the verification (reported, never silent).
    """
    copy = run_text(endpoint, _bound("graph-triples.rq", graph)).triples or []
    if len(copy) >= count:
        return copy
    predicates = run_text(endpoint, _bound("graph-predicates.rq", graph)).rows
    text = _text("graph-triples.rq")
    parts: list[ox.Triple] = []
    for (predicate,) in predicates:
        if not isinstance(predicate, ox.NamedNode):
            raise RemoteError(f"{endpoint.url}: answered {predicate} as a predicate of <{graph}>")
        part = run_text(endpoint, with_values(text, {"graph": graph, "p": predicate}))
        parts += part.triples or []
    if len(parts) < count:
        raise RemoteError(
            f"{endpoint.url}: cannot read <{graph.value}> back to verify it: {count} triples, "
            f"answers capped at {len(copy)} (raise the store's result limit, e.g. Virtuoso's "
            "ResultSetMaxRows)"
        )
    return parts


def bind_graphs(text: str, graphs: Mapping[str, ox.NamedNode]) -> str:
    """Replace each `<urn:werkagenda:param:NAME>` of `text` by the IRI `graphs[NAME]`.

    For operations without a WHERE group (MOVE). Each IRI is a pyoxigraph NamedNode, so it is
    validated (it cannot hold `>`, a space or a quote) and serialised by pyoxigraph.

    >>> bind_graphs("MOVE GRAPH <urn:werkagenda:param:a> TO DEFAULT",
    ...             {"a": ox.NamedNode("http://example.org/g")})
    'MOVE GRAPH <http://example.org/g> TO DEFAULT'
    """
    names = set(_PLACEHOLDER.findall(text))
    if names != set(graphs):
        raise InputError(f"graphs {sorted(graphs)} do not match placeholders {sorted(names)}")
    return _PLACEHOLDER.sub(lambda m: str(graphs[m[1]]), text)


def _text(name: str) -> str:
    return read_query(f"internal/remote/{name}")


def _bound(name: str, graph: ox.NamedNode) -> str:
    return with_values(_text(name), {"graph": graph})


def _iri(value: str, what: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as e:
        raise InputError(f"{what} must be an absolute IRI, got {value!r} ({e})") from None


def _send(client: object, method: str, url: str, **kwargs: object) -> None:
    import httpx

    try:
        response = client.request(method, url, **kwargs)  # type: ignore[attr-defined]
    except httpx.TimeoutException:
        raise RemoteError(f"{url}: no answer in time (timeout)") from None
    except httpx.HTTPError as e:
        raise RemoteError(f"{url}: cannot reach endpoint: {e}") from None
    if response.status_code in (401, 403):
        cause = "authentication failed" if response.status_code == 401 else "access forbidden"
        raise RemoteError(f"{url}: {cause} (HTTP {response.status_code}); check --user/--password")
    if response.status_code >= 300:
        detail = " ".join(response.text.split())[:200]
        raise RemoteError(f"{url}: {method} failed with HTTP {response.status_code}: {detail}")


def _discard(client: object, gsp_url: str, staging: ox.NamedNode) -> None:
    import httpx

    with contextlib.suppress(httpx.HTTPError):  # best effort: the status is not checked
        client.request("DELETE", gsp_url, params={"graph": staging.value})  # type: ignore[attr-defined]
