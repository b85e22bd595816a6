"""Read the vendored W3C SPARQL 1.1 manifests into plain cases (rdflib parses the Turtle)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, Namespace, URIRef
from rdflib.collection import Collection

SUITE = Path(__file__).parent / "w3c-sparql11"
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
QUERY_FOLDERS = (
    "aggregates", "bind", "bindings", "cast", "construct", "exists", "functions",
    "grouping", "negation", "project-expression", "property-path", "subquery",
    "json-res", "csv-tsv-res",
)  # fmt: skip
PROTOCOL_MANIFESTS = ("protocol/manifest.ttl", "protocol-revision/protocol/manifest.ttl")


def local(iri: str) -> Path:
    """The vendored file of a suite IRI."""
    assert iri.startswith(BASE), iri
    return SUITE / iri[len(BASE) :]


def suite_iri(path: Path) -> str:
    return BASE + path.relative_to(SUITE).as_posix()


def _manifest(relative: str) -> tuple[rdflib.Graph, list[URIRef]]:
    path = SUITE / relative
    g = rdflib.Graph().parse(path, format="turtle", publicID=suite_iri(path))
    entries = g.value(URIRef(suite_iri(path)), MF.entries)
    return g, list(Collection(g, entries))  # type: ignore[arg-type]


@dataclass(frozen=True)
class QueryCase:
    """One query-evaluation or syntax test: the query, its dataset and expected result."""

    id: str
    kind: str  # QueryEvaluationTest, CSVResultFormatTest, PositiveSyntaxTest11, ...
    query: str  # IRI of the .rq file
    data: tuple[str, ...] = ()
    graph_data: tuple[str, ...] = ()
    result: str | None = None

    @property
    def text(self) -> str:
        return local(self.query).read_text(encoding="utf-8")


def query_cases() -> list[QueryCase]:
    cases = []
    for folder in QUERY_FOLDERS:
        g, entries = _manifest(f"{folder}/manifest.ttl")
        for test in entries:
            kind = str(g.value(test, RDF.type)).rsplit("#", 1)[-1]
            action = g.value(test, MF.action)
            is_file = isinstance(action, URIRef)
            query = action if is_file else g.value(action, QT.query)
            cases.append(
                QueryCase(
                    id=f"{folder}/{str(test).rsplit('#', 1)[-1]}",
                    kind=kind,
                    query=str(query),
                    data=() if is_file else tuple(sorted(map(str, g.objects(action, QT.data)))),
                    graph_data=()
                    if is_file
                    else tuple(sorted(map(str, g.objects(action, QT.graphData)))),
                    result=str(r) if (r := g.value(test, MF.result)) else None,
                )
            )
    return cases


@dataclass(frozen=True)
class Expect:
    statuses: tuple[str, ...] = ()  # "2", "3", "4": the first digit allowed
    boolean: bool | None = None
    format: str | None = None  # boolean, tabular, RDF
    content_type: str | None = None


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # after the endpoint, e.g. "?query=..."
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    expect: Expect


@dataclass(frozen=True)
class ProtocolCase:
    id: str
    graphs: tuple[tuple[str, str], ...]  # (graph name, data file IRI)
    requests: tuple[Request, ...] = field(default=())

    @property
    def updates(self) -> bool:
        """Whether a request sends an update (this endpoint is read-only by design)."""
        return any(_is_update_request(r) for r in self.requests)


def _is_update_request(r: Request) -> bool:
    ctype = dict((k.lower(), v) for k, v in r.headers).get("content-type", "")
    positive = any(d in ("2", "3") for d in r.expect.statuses)
    sends = "sparql-update" in ctype or b"update=" in (r.body or b"") or "update=" in r.path
    return sends and positive


def _expect(g: rdflib.Graph, resp: rdflib.term.Node) -> Expect:
    statuses = [str(s).rsplit("StatusCode", 1)[-1][0] for s in g.objects(resp, MF.expectedStatus)]
    statuses += [str(s)[0] for s in g.objects(resp, HT.statusCodeValue)]
    boolean = g.value(resp, MF.expectedBoolean)
    fmt = g.value(resp, MF.expectedFormat)
    ctype = None
    if (headers := g.value(resp, HT.headers)) is not None:
        for h in Collection(g, headers):
            if str(g.value(h, HT.fieldName)).lower() == "content-type":
                ctype = str(g.value(h, HT.fieldValue))
    return Expect(
        statuses=tuple(sorted(set(statuses))),
        boolean=None if boolean is None else bool(boolean.toPython()),
        format=None if fmt is None else str(fmt),
        content_type=ctype,
    )


def _request(g: rdflib.Graph, req: rdflib.term.Node) -> Request:
    path = str(g.value(req, HT.absolutePath))
    rest = path.removeprefix("/sparql").removeprefix("/")
    headers = []
    if (hs := g.value(req, HT.headers)) is not None:
        headers = [
            (str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue)))
            for h in Collection(g, hs)
        ]
    body = None
    if (b := g.value(req, HT.body)) is not None:
        encoding = str(g.value(b, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(b, CNT.chars)).encode(encoding)
    return Request(
        method=str(g.value(req, HT.methodName)),
        path=rest,
        headers=tuple(headers),
        body=body,
        expect=_expect(g, g.value(req, HT.resp)),  # type: ignore[arg-type]
    )


def protocol_cases(relative: str) -> list[ProtocolCase]:
    g, entries = _manifest(relative)
    name = relative.split("/")[0]
    cases = []
    for test in entries:
        graphs = tuple(
            sorted(
                (str(g.value(gd, RDFS.label)), str(g.value(gd, UT.graph)))
                for gd in g.objects(test, UT.graphData)
            )
        )
        conn = g.value(test, MF.action)
        requests = tuple(_request(g, r) for r in Collection(g, g.value(conn, HT.requests)))  # type: ignore[arg-type]
        cases.append(ProtocolCase(f"{name}/{str(test).rsplit('#', 1)[-1]}", graphs, requests))
    return cases
