"""An agenda folder as the workbook sees it: the triples of each Turtle file and its prefixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from werkagenda.config import Agenda
from werkagenda.errors import InputError, ParseError


class Statement(NamedTuple):
    """A triple of curated Turtle (no RDF-star): the terms typed as they can occur."""

    subject: ox.NamedNode | ox.BlankNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class AgendaFiles:
    """Triples by file name (blank nodes distinct per file) and each file's prefixes."""

    key: str
    iri: str
    triples: dict[str, list[Statement]]
    prefixes: dict[str, dict[str, str]]


def read_agenda(agenda: Agenda) -> AgendaFiles:
    triples: dict[str, list[Statement]] = {}
    prefixes: dict[str, dict[str, str]] = {}
    for path in agenda.turtle_files:
        triples[path.name], prefixes[path.name] = _parse(path)
    if not triples:
        raise InputError(f"{agenda.folder}: no Turtle files")
    return AgendaFiles(agenda.key, agenda.iri, triples, prefixes)


def _parse(path: Path) -> tuple[list[Statement], dict[str, str]]:
    try:
        parser = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
        triples = [_statement(t, path) for t in parser]
    except SyntaxError as e:
        raise ParseError(str(path), e.lineno, e.offset, e.msg) from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    return triples, dict(parser.prefixes)


def _statement(t: ox.Triple | ox.Quad, path: Path) -> Statement:
    s, o = t.subject, t.object
    if isinstance(s, ox.Triple) or isinstance(o, ox.Triple):
        raise InputError(f"{path}: quoted triples (RDF-star) have no place in a workbook")
    return Statement(s, t.predicate, o)
