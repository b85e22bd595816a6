"""Stores of the W3C test data, served by a real `werkagenda serve` (and, as the reference
that tells engine gaps from ours, a real `oxigraph serve-read-only`) on free loopback ports."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import stop, wait_until_up
from tests.serve.conftest import free_port, running_server
from tests.standards.manifests import (
    PROTOCOL_MANIFESTS,
    QUERY_FOLDERS,
    SUITE,
    protocol_cases,
    suite_iri,
)
from werkagenda.store import write_store

DATA_SUFFIXES = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def _file_quads(path: Path, graph: str) -> list[ox.Quad]:
    name = ox.NamedNode(graph)
    triples = ox.parse(path=str(path), format=DATA_SUFFIXES[path.suffix], base_iri=suite_iri(path))
    return [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]


def query_quads() -> list[ox.Quad]:
    """Every data file of the query folders, each in the named graph of its own IRI: a test
    picks its dataset with `default-graph-uri` / `named-graph-uri` (or its own FROM)."""
    quads: list[ox.Quad] = []
    for folder in QUERY_FOLDERS:
        for path in sorted((SUITE / folder).iterdir()):
            if path.suffix in DATA_SUFFIXES and path.name != "manifest.ttl":
                quads += _file_quads(path, suite_iri(path))
    return quads


def protocol_quads() -> list[ox.Quad]:
    """The protocol tests' `ut:graphData`: data1..3.nt under their kasei.us names."""
    graphs = {g for m in PROTOCOL_MANIFESTS for c in protocol_cases(m) for g in c.graphs}
    names = {name: data for name, data in graphs}  # both revisions hold identical files
    return [q for name, data in sorted(names.items()) for q in _file_quads(_local(data), name)]


def _local(iri: str) -> Path:
    from tests.standards.manifests import local

    return local(iri)


@pytest.fixture(scope="session")
def w3c_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dist with two stores: query/store (evaluation data) and protocol/store."""
    root = tmp_path_factory.mktemp("w3c")
    stamp = {"base_iri": "https://w3id.org/iza-werkagenda/", "agendas": []}
    write_store(query_quads(), root / "query" / "store", stamp)
    write_store(protocol_quads(), root / "protocol" / "store", stamp)
    return root


@pytest.fixture(scope="session")
def query_endpoint(w3c_dist: Path) -> Iterator[str]:
    with running_server(w3c_dist / "query", "--max-rows", "100000") as url:
        yield url + "sparql"


@pytest.fixture(scope="session")
def protocol_endpoint(w3c_dist: Path) -> Iterator[str]:
    with running_server(w3c_dist / "protocol") as url:
        yield url + "sparql"


@contextlib.contextmanager
def oxigraph_server(store: Path) -> Iterator[str]:
    """`oxigraph serve-read-only` (the `oxigraph` package's binary) over `store`."""
    binary = Path(sys.executable).with_name("oxigraph")
    found = str(binary) if binary.exists() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [found, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_up(proc, url, params={"query": "ASK {}"}, what="oxigraph serve-read-only")
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def oxigraph_query_endpoint(w3c_dist: Path) -> Iterator[str]:
    with oxigraph_server(w3c_dist / "query" / "store") as url:
        yield url


@pytest.fixture(scope="session")
def oxigraph_protocol_endpoint(w3c_dist: Path) -> Iterator[str]:
    with oxigraph_server(w3c_dist / "protocol" / "store") as url:
        yield url
