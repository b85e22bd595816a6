"""Canonical Turtle for the hand-edited files (`data/**/*.ttl`, `ontology/*.ttl`).

The canonical form is rdflib's deterministic `longturtle` serialisation with the file's own
prefixes and blank nodes labelled by RDF canonicalisation (RDFC-1.0), so sibling blank
nodes always come out in the same order and formatting is idempotent. Comments are not
RDF: the header block (comments before the first statement) is kept at the top and a
comment block above a named subject (section rulers included) stays above that subject,
which may now sit elsewhere since subjects are sorted; comments above prefix lines or
blank-node subjects, inside statements and at line ends are dropped and counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer

from werkagenda.config import DATA_DIR, ONTOLOGY_DIR, ROOT
from werkagenda.errors import InputError, ParseError
from werkagenda.rdf.atomic import write_text
from werkagenda.rdf.terms import to_rdflib

_SUBJECT = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")
_DIRECTIVE = re.compile(r"^(@prefix|@base|PREFIX|BASE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Formatted:
    """The canonical text of one file and how many comment lines it could not keep."""

    path: Path
    text: str
    changed: bool
    dropped_comments: int


def turtle_files(root: Path | None = None) -> list[Path]:
    """The files `werkagenda fmt` owns: data/**/*.ttl and ontology/*.ttl."""
    if root is None:
        data, ontology = DATA_DIR, ONTOLOGY_DIR
    else:
        data, ontology = root / "data", root / "ontology"
    return sorted(data.rglob("*.ttl")) + sorted(ontology.glob("*.ttl"))


def canonical(path: Path, *, comments_from: str | None = None) -> Formatted:
    """The canonical Turtle of one file (nothing is written).

    `comments_from`: take the comment blocks from this text (an earlier version of the file,
    e.g. when `sheet import` rewrites it) instead of from the file itself.
    """
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"{_display(path)}: cannot read: {e.strerror}") from None
    parser = ox.parse(source, format=ox.RdfFormat.TURTLE)
    try:
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in parser)
    except SyntaxError as e:
        raise ParseError(_display(path), e.lineno, e.offset, e.msg) from None
    commented = source if comments_from is None else comments_from
    text, dropped = _canonical_text(dataset, dict(parser.prefixes), commented)
    return Formatted(path, text, text != source, dropped)


def canonical_triples(
    triples: Iterable[ox.Triple], prefixes: dict[str, str], *, comments_from: str = ""
) -> str:
    """The canonical Turtle of these triples with these prefixes: the text `canonical`
    gives for a file holding them (`sheet import` formats its mapped triples without
    writing and re-reading them; tests/core/test_tools.py holds the two byte-identical).

    >>> t = ox.Triple(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("v"))
    >>> print(canonical_triples([t], {"x": "http://x/"}), end="")
    PREFIX x: <http://x/>
    <BLANKLINE>
    x:a
        x:p "v" ;
    .
    """
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return _canonical_text(dataset, prefixes, comments_from)[0]


def _canonical_text(
    dataset: ox.Dataset, prefixes: dict[str, str], commented: str
) -> tuple[str, int]:
    """(canonical text, comment lines dropped) of a parsed file, its comments from `commented`."""
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    terms: dict[object, object] = {}  # each term converted once (IRIs recur on every line)
    # sorted: a Dataset iterates in a different order each time it is built, and the
    # order the triples are added in can change the prefixes longturtle generates
    graph = _Indexed(
        (_term(q.subject, terms), _term(q.predicate, terms), _term(q.object, terms))
        for q in sorted(dataset, key=str)
    )
    for prefix, iri in sorted(prefixes.items()):
        graph.bind(prefix, iri, override=True, replace=True)
    body = serialize_longturtle(graph)
    header, attached, dropped = _comments(commented, prefixes)
    return _place_comments(body, header, attached, prefixes), dropped


def serialize_longturtle(graph: Graph) -> str:
    """`graph.serialize(format="longturtle")`, the same bytes, in about half the time."""
    stream = BytesIO()
    _LongTurtle(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


class _LongTurtle(LongTurtleSerializer):
    """rdflib's longturtle serialiser with two of its costs removed, its output unchanged
    (tests/core/test_tools.py compares the bytes with rdflib's on every file and on
    synthetic agendas). `get_pname` (a qname lookup, prefix bookkeeping and two regex
    substitutions) runs for every term of every triple, twice: a found name is remembered
    per (node, gen_prefix) for the document; its prefix was registered by the first call
    and the serialiser's prefix table only grows, so a repeat call would return the same.
    `write` encodes many short strings: they are joined and encoded once at the end.
    """

    def reset(self) -> None:
        super().reset()
        self._pnames: dict[tuple[object, bool], str] = {}
        self._parts: list[str] = []

    def get_pname(self, uri: Any, gen_prefix: bool = True) -> str | None:  # noqa: ANN401
        key = (uri, gen_prefix)
        name = self._pnames.get(key)
        if name is None:
            name = super().get_pname(uri, gen_prefix)
            if name is not None:
                self._pnames[key] = name
        return name

    def write(self, text: str) -> None:
        self._parts.append(text)

    def serialize(self, stream: IO[bytes], *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().serialize(stream, *args, **kwargs)
        stream.write("".join(self._parts).encode(self.encoding, "replace"))
        self._parts = []


class _Indexed(Graph):
    """The triples the longturtle serialiser reads, from a dict by subject instead of
    rdflib's Memory store (whose `add` and context bookkeeping cost about a third of
    formatting a file). The serialiser asks only for triple patterns (`triples`, and
    `subjects`, `objects`, `value`, `predicate_objects` through it) and the namespaces,
    which stay the Graph's. It sorts everything it writes itself, except the prefixes it
    makes up for undeclared namespaces (`ns1`, `ns2`, …): these are numbered in the order
    its first pass, over every triple, meets them, and the Memory store gives that pass a
    copy of a set the triples were added to one by one, so `_all` is such a set.
    tests/core/test_tools.py compares the text with rdflib's on every file and on files
    with undeclared namespaces.
    """

    def __init__(self, triples: Iterable[tuple[Any, Any, Any]]) -> None:
        super().__init__(bind_namespaces="none")
        self._all: set[tuple[Any, Any, Any]] = set()
        self._by_subject: dict[Any, dict[tuple[Any, Any, Any], None]] = {}
        for t in triples:
            self._all.add(t)
            self._by_subject.setdefault(t[0], {})[t] = None

    def triples(self, triple: Any) -> Any:  # noqa: ANN401
        s, p, o = triple
        if s is None and p is None and o is None:
            yield from self._all.copy()  # Memory.triples iterates a copy of its set
            return
        rows = (
            self._by_subject.get(s, {})
            if s is not None
            else (t for ts in self._by_subject.values() for t in ts)
        )
        for t in rows:
            if (p is None or t[1] == p) and (o is None or t[2] == o):
                yield t

    def __len__(self) -> int:
        return len(self._all)


def _term(term: object, seen: dict[object, object]) -> object:
    converted = seen.get(term)
    if converted is None:
        converted = seen[term] = to_rdflib(term)  # type: ignore[arg-type]
    return converted


def check(paths: list[Path]) -> list[Formatted]:
    """The files whose text is not canonical."""
    return [f for f in map(canonical, paths) if f.changed]


def rewrite(paths: list[Path]) -> list[Formatted]:
    """Rewrite every non-canonical file atomically (temp file, then rename); return them."""
    changed = check(paths)
    for f in changed:
        write_text(f.path, f.text)
    return changed


def _comments(source: str, prefixes: dict[str, str]) -> tuple[list[str], dict[str, list[str]], int]:
    """(header lines, comment blocks by the IRI of the named subject below them, dropped).

    Comments before the first statement (not annotating a prefix line) form the header; a
    later block, blank lines included, belongs to the next statement if its subject is an
    IRI. Comments above prefix lines, inside statements or above blank-node subjects, and
    trailing comments, are dropped.
    """
    header: list[str] = []
    attached: dict[str, list[str]] = {}
    pending: list[str] = []
    dropped = 0
    seen_statement = False
    for line in source.splitlines():
        if line.startswith("#"):
            pending.append(line)
        elif not line.strip():
            if pending and pending[-1]:
                pending.append("")
        elif _DIRECTIVE.match(line) or line[0].isspace():
            dropped += sum(1 for c in pending if c)
            pending = []
        else:
            block = [c for i, c in enumerate(pending) if c or (0 < i < len(pending) - 1)]
            match = _SUBJECT.match(line)
            iri = _expand(match.group(1), prefixes) if match else None
            if not seen_statement:  # the last block, if it touches the statement, is its own
                cut = len(pending) if not pending or not pending[-1] else _last_blank(pending)
                header = "\n".join(pending[:cut]).strip("\n").split("\n") if cut else []
                block = pending[cut:]
            if not seen_statement and (iri is None or not block):
                dropped += sum(1 for c in block if c) if iri is None else 0
            elif iri is not None and block:
                attached.setdefault(iri, []).extend(block)
            else:
                dropped += sum(1 for c in block if c)
            pending = []
            seen_statement = True
    dropped += sum(1 for c in pending if c)
    dropped += sum(1 for ln in source.splitlines() if _trailing_comment(ln))
    return header, attached, dropped


def _last_blank(lines: list[str]) -> int:
    """Index just after the last blank line, or 0."""
    blanks = [i for i, c in enumerate(lines) if not c]
    return blanks[-1] + 1 if blanks else 0


def _place_comments(
    body: str, header: list[str], attached: dict[str, list[str]], prefixes: dict[str, str]
) -> str:
    lines = body.splitlines()
    out: list[str] = []
    placed_header = not header
    for i, line in enumerate(lines):
        after_prefixes = i == 0 or bool(_DIRECTIVE.match(lines[i - 1]))
        if not placed_header and not line.strip() and after_prefixes:
            out += ["", *header]
            placed_header = True
        match = _SUBJECT.match(line) if line and not line[0].isspace() else None
        if match and not _DIRECTIVE.match(line):
            out += attached.get(_expand(match.group(1), prefixes) or "", [])
        out.append(line)
    if not placed_header:
        out = [*header, "", *out]
    return "\n".join(out).rstrip("\n") + "\n"


def _expand(token: str, prefixes: dict[str, str]) -> str | None:
    if token.startswith("<"):
        return token[1:-1]
    prefix, _, local = token.partition(":")
    base = prefixes.get(prefix)
    return base + local.replace("\\", "") if base is not None else None


def _trailing_comment(line: str) -> bool:
    """A `# …` after Turtle on the same line (outside strings and IRIs, roughly)."""
    if line.lstrip().startswith("#"):
        return False
    stripped = re.sub(r'"[^"\\]*(?:\\.[^"\\]*)*"|<[^>]*>', "", line)
    return "#" in stripped


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
