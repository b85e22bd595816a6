"""Push a compiled graph into a remote store (SPARQL 1.1 Graph Store Protocol) and verify it.

1. PUT the graph as N-Triples into a fresh staging graph (`urn:werkagenda:staging:<uuid>`);
2. move it onto the target graph with one SPARQL Update request (queries/remote/move-graph.ru),
   so a failed upload never leaves the target empty;
3. verify: the remote triple count and canonical hash (`canonical.digest`) equal the local
   ones, else RemoteError.
For Oxigraph the GSP and update endpoints derive from the query endpoint: `<base>/store`
and `<base>/update`, where `<base>` is the query URL without a trailing `/query` or `/sparql`.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.config import QUERIES_DIR, VOCABULARY_GRAPH
from werkagenda.errors import InputError, RemoteError
from werkagenda.query.binding import with_values
from werkagenda.remote.canonical import digest
from werkagenda.remote.client import Endpoint, run_text

REMOTE_QUERIES = QUERIES_DIR / "remote"


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
    staging = ox.NamedNode("urn:werkagenda:staging:" + uuid.uuid4().hex)
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    auth = httpx.BasicAuth(*endpoint.auth) if endpoint.auth else None
    with httpx.Client(auth=auth, timeout=endpoint.timeout) as client:
        _send(
            client,
            "PUT",
            gsp_url,
            params={"graph": staging.value},
            content=body,
            headers={"Content-Type": "application/n-triples"},
        )
        move = (REMOTE_QUERIES / "move-graph.ru").read_text(encoding="utf-8")
        try:
            _send(
                client,
                "POST",
                update_url,
                content=with_values(move, {"staging": staging, "target": target}).encode(),
                headers={"Content-Type": "application/sparql-update"},
            )
        except RemoteError:
            _discard(client, gsp_url, staging)
            raise
    count = run_text(endpoint, _bound("graph-count.rq", target))
    remote_triples = int(count.rows[0][0].value) if count.rows and count.rows[0][0] else 0
    copy = run_text(endpoint, _bound("graph-triples.rq", target)).triples or []
    return PushReport(remote, len(triples), digest(triples), remote_triples, digest(copy))


def _bound(name: str, graph: ox.NamedNode) -> str:
    return with_values((REMOTE_QUERIES / name).read_text(encoding="utf-8"), {"graph": graph})


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

    with contextlib.suppress(httpx.HTTPError):  # best effort after a failure already reported
        client.request("DELETE", gsp_url, params={"graph": staging.value})  # type: ignore[attr-defined]
