"""Discover the named queries (`queries/*.rq`) and parse their header comment blocks.

A named query is a file whose leading comment block declares its contract::

    # title@nl: Alle inspanningen
    # title@en: All initiatives
    # description: Every inspanning of the agenda, code first.
    #   Continuation lines are indented.
    # param agenda (iri, default https://w3id.org/iza-werkagenda/id/drenthe/2024): the agenda graph.
    # param lang (string, default nl, one of nl en): language of labels.
    # param code (string, required, lookup codes): code of the inspanning, e.g. VOW-9.
    # param reject (string, required, many): one or more names, bound as " a b ".
    # column code: code of the inspanning.
    # column themes (list): theme codes, "; "-separated.
    # bind: values

Parameters are SPARQL variables of the same name, bound at run time (never pasted). By
default the embedded store binds them as pyoxigraph `substitutions`; `# bind: values` makes
it bind them with an inline `VALUES` block instead, for the few queries whose plan is
measurably faster that way (`benchmarks/binding_bench.py`; see `query.execute`).
Columns are the result variables, in output order; a `(list)` column holds a "; "-joined
set that the runner sorts, so output never depends on the store's GROUP_CONCAT order.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from werkagenda.config import QUERIES_DIR, checkout
from werkagenda.errors import InputError, UnknownQueryError
from werkagenda.query.files import read_query

PARAM_TYPES = ("string", "iri", "integer")
BINDINGS = ("substitutions", "values")  # how run_named binds parameters on the embedded store
NOT_NAMED = ("construct-",)  # materialisation queries of the build, not analysts' reports

_KEY = re.compile(
    r"^#\s?(?P<key>title@nl|title@en|description|param|column|bind)\b\s*(?P<rest>.*)$"
)
_CONT = re.compile(r"^#\s{2,}(?P<text>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+\((?P<type>[a-z]+)(?:,\s*(?P<opts>[^)]*))?\):\s*(?P<desc>.*)$"
)
_COLUMN = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s+\((?P<kind>list)\))?:\s*(?P<desc>.*)$"
)


@dataclass(frozen=True)
class Param:
    """One declared parameter: a SPARQL variable bound at run time."""

    name: str
    type: str  # string | iri | integer
    description: str = ""
    default: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    lookup: str | None = None  # internal query listing the valid values (queries/internal/lookups)
    many: bool = False  # several values, bound as one literal: " a b " (see queries/README.md)


@dataclass(frozen=True)
class Column:
    """One declared result column."""

    name: str
    description: str = ""
    is_list: bool = False


@dataclass(frozen=True)
class NamedQuery:
    """A query file and its parsed header."""

    name: str
    path: Path
    text: str
    title: dict[str, str]
    description: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    columns: tuple[Column, ...] = field(default_factory=tuple)
    binding: str = "substitutions"  # one of BINDINGS

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("nl") or self.name


def parse_header(name: str, path: Path, text: str) -> NamedQuery:
    """Parse the leading comment block of a query file; a malformed line is an InputError."""
    title: dict[str, str] = {}
    description = ""
    params: list[Param] = []
    columns: list[Column] = []
    binding = "substitutions"
    for key, value, line_no in _header_entries(path, text):
        where = f"{path}:{line_no}"
        if key.startswith("title@"):
            title[key[6:]] = value
        elif key == "description":
            description = value
        elif key == "param":
            params.append(_parse_param(value, where))
        elif key == "bind":
            if value not in BINDINGS:
                raise InputError(f"{where}: bind must be one of {', '.join(BINDINGS)}: {value!r}")
            binding = value
        else:
            columns.append(_parse_column(value, where))
    if not title or not columns:
        raise InputError(f"{path}: header needs at least a title@nl/title@en and columns")
    return NamedQuery(name, path, text, title, description, tuple(params), tuple(columns), binding)


def _header_entries(path: Path, text: str) -> list[list[str]]:
    """[key, value, line number] of each header line, continuation lines joined."""
    entries: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        if (m := _CONT.match(line)) and entries:
            entries[-1][1] += " " + m["text"].strip()
        elif m := _KEY.match(line):
            entries.append([m["key"], m["rest"].lstrip(":").strip(), str(number)])
        elif line.strip("# ").strip():
            raise InputError(f"{path}:{number}: unrecognised header line: {line!r}")
    return entries


def _parse_column(value: str, where: str) -> Column:
    m = _COLUMN.match(value)
    if not m:
        raise InputError(f"{where}: malformed column line: {value!r}")
    return Column(m["name"], m["desc"].strip(), m["kind"] == "list")


def _parse_param(value: str, where: str) -> Param:
    m = _PARAM.match(value)
    if not m or m["type"] not in PARAM_TYPES:
        raise InputError(
            f"{where}: malformed param line {value!r}; expected "
            f"'NAME (TYPE[, default X][, required][, one of A B][, many]): description' "
            f"with TYPE one of {', '.join(PARAM_TYPES)}"
        )
    default, required, choices, lookup, many = None, False, (), None, False
    for opt in filter(None, (o.strip() for o in (m["opts"] or "").split(","))):
        if opt == "required":
            required = True
        elif opt == "many":
            many = True
        elif opt.startswith("default "):
            default = opt[len("default ") :].strip()
        elif opt.startswith("one of "):
            choices = tuple(opt[len("one of ") :].split())
        elif opt.startswith("lookup "):
            lookup = opt[len("lookup ") :].strip()
        else:
            raise InputError(f"{where}: unknown param option {opt!r}")
    if not required and default is None:
        raise InputError(f"{where}: param {m['name']!r} needs a default or 'required'")
    if many and m["type"] != "string":
        raise InputError(f"{where}: only a string param can take 'many' values")
    return Param(m["name"], m["type"], m["desc"].strip(), default, required, choices, lookup, many)


def discover(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every `*.rq` directly in the queries folder, except the build's `construct-*.rq`.

    Sub-folders hold the build's checks and internal queries; they are not listed.
    """
    base = folder or checkout(QUERIES_DIR)
    found = {}
    for path in sorted(base.glob("*.rq")):
        if path.name.startswith(NOT_NAMED):
            continue
        found[path.stem] = parse_header(path.stem, path, read_query(path))
    return found


def get(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query `name`; an unknown name is an InputError with close-match suggestions."""
    queries = discover(folder)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownQueryError(f"unknown query {name!r}{hint}")


def catalogue() -> list[dict]:
    """Every named query with its titles, description, parameters and text."""
    out = []
    for q in discover().values():
        out.append(
            {
                "name": q.name,
                "title": {"nl": q.title_in("nl"), "en": q.title_in("en")},
                "description": q.description,
                "params": [
                    {
                        "name": p.name,
                        "type": p.type,
                        "description": p.description,
                        "default": p.default,
                        "required": p.required,
                        "choices": list(p.choices),
                    }
                    for p in q.params
                ],
                "columns": [c.name for c in q.columns],
                "sparql": q.text,
            }
        )
    return out
