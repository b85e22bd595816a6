"""Parse SPARQL answers independently of the engine (rdflib, csv) and compare them as the
W3C suites mean: solutions as multisets, equal up to a renaming of blank nodes; graphs
isomorphic; booleans equal."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic
from rdflib.query import Result

rdflib.NORMALIZE_LITERALS = False  # compare lexical forms as sent, not rdflib's re-spelling

Value = tuple[
    str, ...
]  # ("iri", v) | ("lit", lexical, datatype, lang) | ("bnode", label) | ("csv", text)
Row = frozenset[tuple[str, Value]]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
PARSERS = {"json": "json", "xml": "xml", "tsv": "tsv", "srj": "json", "srx": "xml"}


XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = (
    "integer nonPositiveInteger negativeInteger long int short byte nonNegativeInteger "
    "unsignedLong unsignedInt unsignedShort unsignedByte positiveInteger"
)
DECIMALS = {XSD + "decimal"} | {XSD + t for t in _INTEGERS.split()}
FLOATS = {XSD + "double", XSD + "float"}


def number(lexical: str, datatype: str) -> str | None:
    """A canonical key for a numeric or boolean lexical form: the suites' results spell
    `3.21E4` where an engine may say `32100` (the same xsd:double); compared by value."""
    try:
        if datatype in DECIMALS or datatype in FLOATS:
            return repr(float(Decimal(lexical.strip()) if datatype in DECIMALS else lexical))
    except (InvalidOperation, ValueError):
        return None
    if datatype == XSD + "boolean" and lexical in ("true", "false", "1", "0"):
        return "true" if lexical in ("true", "1") else "false"
    return None


_DURATION = re.compile(r"-?P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?")


def zero_duration(text: str) -> str:
    """A zero duration in one spelling: the suites write `P0D` where an engine (and XSD 1.1's
    canonical form) writes `PT0S`; the same value. rdflib's own rendering of the expected
    literal also depends on which datatype converters are loaded, so both sides pass here."""
    if _DURATION.fullmatch(text) and not re.search(r"[1-9]", text) and text != "P":
        return "PT0S"
    return text


def value(term: rdflib.term.Node) -> Value:
    if isinstance(term, rdflib.BNode):
        return ("bnode", str(term))
    if isinstance(term, rdflib.Literal):
        datatype = (
            str(term.datatype) if term.datatype else (RDF_LANG if term.language else XSD_STRING)
        )
        lexical = str(term)
        return (
            "lit",
            number(lexical, datatype) or zero_duration(lexical),
            datatype,
            (term.language or "").lower(),
        )
    return ("iri", str(term))


def csv_value(v: Value) -> Value:
    """How SPARQL 1.1 CSV spells a term: IRIs and lexical forms bare, blank nodes `_:label`."""
    if v[0] == "bnode":
        return v
    return ("csv", zero_duration(_csv_number(v[1])))


def _csv_number(text: str) -> str:
    """CSV drops datatypes: a cell that reads as a number is compared by value."""
    try:
        return repr(float(text)) if text.strip() and text.strip() == text else text
    except ValueError:
        return text


class Answer:
    """A parsed answer: a boolean, a solution sequence, or a graph."""

    def __init__(
        self,
        *,
        boolean: bool | None = None,
        variables: Sequence[str] = (),
        rows: Iterable[Row] = (),
        graph: rdflib.Graph | None = None,
    ) -> None:
        self.boolean, self.variables, self.rows, self.graph = (
            boolean,
            list(variables),
            list(rows),
            graph,
        )

    @property
    def kind(self) -> str:
        return (
            "graph" if self.graph is not None else "boolean" if self.boolean is not None else "rows"
        )

    def as_csv(self) -> Answer:
        """As CSV can say it: no datatypes, and an empty string reads as unbound."""
        rows = [
            frozenset((k, csv_value(v)) for k, v in r if v[:2] != ("lit", "")) for r in self.rows
        ]
        return Answer(boolean=self.boolean, variables=self.variables, rows=rows)


def _from_result(result: Result) -> Answer:
    if result.type == "ASK":
        return Answer(boolean=bool(result.askAnswer))
    variables = [str(v) for v in result.vars or ()]
    rows = []
    for binding in result.bindings:
        rows.append(frozenset((str(k), value(t)) for k, t in binding.items() if t is not None))
    return Answer(variables=variables, rows=rows)


def _csv_cell(text: str) -> Value:
    return ("csv", zero_duration(_csv_number(text)))


def parse_csv(text: str) -> Answer:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows = []
    for record in reader:
        cells = zip(header, record or [""] * len(header), strict=True)
        rows.append(
            frozenset(
                (k, ("bnode", c[2:]) if c.startswith("_:") else _csv_cell(c))
                for k, c in cells
                if c != ""
            )
        )
    return Answer(variables=header, rows=rows)


def parse(data: bytes, kind: str, base: str | None = None) -> Answer:
    """`kind`: json, xml, tsv, csv (results) or an rdflib graph format; "text-boolean" for
    this server's CSV/TSV answer to ASK (the formats define none: a bare true/false)."""
    if kind == "csv":
        return parse_csv(data.decode("utf-8"))
    if kind == "text-boolean":
        text = data.decode("utf-8").strip()
        assert text in ("true", "false"), f"not a boolean: {text[:80]!r}"
        return Answer(boolean=text == "true")
    if kind == "tsv" and data.startswith(b"\n"):  # no variables: rdflib cannot read it
        return Answer(rows=[frozenset()] * (data.count(b"\n") - 1))
    if kind in PARSERS:
        answer = _from_result(Result.parse(io.BytesIO(data), format=PARSERS[kind]))
        if PARSERS[kind] == "tsv":  # rdflib skips the blank lines of all-unbound solutions
            blank = data.decode("utf-8").split("\n")[1:-1].count("")
            answer.rows += [frozenset()] * blank
        return answer
    graph_format = "xml" if kind == "rdfxml" else kind
    return Answer(graph=rdflib.Graph().parse(data=data, format=graph_format, publicID=base))


def expected(path: Path, base: str) -> Answer:
    suffix = path.suffix.lstrip(".")
    if suffix in ("ttl", "nt", "rdf"):
        fmt = {"ttl": "turtle", "nt": "nt", "rdf": "xml"}[suffix]
        graph = rdflib.Graph().parse(path, format=fmt, publicID=base)
        results = next(graph.subjects(rdflib.RDF.type, RS.ResultSet), None)
        return Answer(graph=graph) if results is None else _result_set(graph, results)
    data = path.read_bytes()
    if suffix == "srx" and b"<boolean>" in data:
        return _from_result(Result.parse(io.BytesIO(data), format="xml"))
    return parse(data, suffix)


RS = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")


def _result_set(g: rdflib.Graph, rs: rdflib.term.Node) -> Answer:
    """The DAWG result-set vocabulary (rs:ResultSet in Turtle) as an answer."""
    if (boolean := g.value(rs, RS.boolean)) is not None:
        return Answer(boolean=bool(boolean.toPython()))
    rows = []
    for solution in g.objects(rs, RS.solution):
        rows.append(
            frozenset(
                (str(g.value(b, RS.variable)), value(g.value(b, RS.value)))  # type: ignore[arg-type]
                for b in g.objects(solution, RS.binding)
            )
        )
    return Answer(variables=[str(v) for v in g.objects(rs, RS.resultVariable)], rows=rows)


def difference(want: Answer, got: Answer) -> str | None:
    """None when `got` answers as `want` does; else a sentence saying how it differs."""
    if want.kind != got.kind:
        return f"expected a {want.kind} answer, got a {got.kind} answer"
    if want.kind == "boolean":
        return (
            None if want.boolean == got.boolean else f"expected {want.boolean}, got {got.boolean}"
        )
    if want.kind == "graph":
        assert want.graph is not None and got.graph is not None
        if isomorphic(want.graph, got.graph):
            return None
        return f"graphs differ: expected {len(want.graph)} triples, got {len(got.graph)}"
    if want.variables and got.variables and set(want.variables) != set(got.variables):
        return f"variables differ: expected {want.variables}, got {got.variables}"
    if not same_multiset(want.rows, got.rows):
        extra = Counter(got.rows) - Counter(want.rows)
        missing = Counter(want.rows) - Counter(got.rows)
        return (
            f"solutions differ ({len(want.rows)} expected, {len(got.rows)} got); "
            f"missing e.g. {_show(missing)}; unexpected e.g. {_show(extra)}"
        )
    return None


def _show(rows: Counter[Row]) -> str:
    return repr(sorted(map(sorted, rows))[:2]) if rows else "none"


def _has_bnode(row: Row) -> bool:
    return any(v[0] == "bnode" for _, v in row)


def same_multiset(want: list[Row], got: list[Row]) -> bool:
    """Equal as multisets up to a bijective renaming of blank nodes (backtracking)."""
    if len(want) != len(got):
        return False
    plain_w = Counter(r for r in want if not _has_bnode(r))
    plain_g = Counter(r for r in got if not _has_bnode(r))
    if plain_w != plain_g:
        return False
    return _match([r for r in want if _has_bnode(r)], [r for r in got if _has_bnode(r)], {}, set())


def _match(want: list[Row], got: list[Row], mapping: dict[str, str], used: set[int]) -> bool:
    if not want:
        return True
    head, rest = want[0], want[1:]
    for i, candidate in enumerate(got):
        if i in used:
            continue
        extended = _extend(head, candidate, mapping)
        if extended is not None and _match(rest, got, extended, used | {i}):
            return True
    return False


def _extend(want: Row, got: Row, mapping: dict[str, str]) -> dict[str, str] | None:
    if {k for k, _ in want} != {k for k, _ in got}:
        return None
    found = dict(got)
    new = dict(mapping)
    taken = set(new.values())
    for key, v in want:
        g = found[key]
        if v[0] != "bnode" or g[0] != "bnode":
            if v != g:
                return None
            continue
        if v[1] in new:
            if new[v[1]] != g[1]:
                return None
        elif g[1] in taken:
            return None
        else:
            new[v[1]] = g[1]
            taken.add(g[1])
    return new
