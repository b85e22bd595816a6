"""Bind parameters for stores without pyoxigraph substitutions: an inline VALUES block.

Remote endpoints receive the query with one `VALUES (?a ?b) { (<iri> "text") }` block as the
first element of every `WHERE { … }` group, those of sub-selects included: a parameter is a
constant of the whole query, and a sub-select sees only the variables it binds itself (as
with pyoxigraph's substitutions, which reach into sub-selects too). Each value is serialised by
pyoxigraph's RDF term serialiser (N-Triples syntax: quotes, backslashes and newlines
escaped; IRIs validated, so they cannot hold `>` or spaces), never pasted: a value
holding `"`, `}` or `#` stays inside its literal.

An inline block (not a trailing `VALUES` clause) is used because a trailing clause is
joined only after GROUP BY, too late for parameters used inside the WHERE group.

On the embedded store `execute.run_named` binds by substitution unless a query's header
says `bind: values`: pyoxigraph plans an inline block as a hash join, which evaluates
OPTIONAL and UNION parts over every named graph, so substitution is much faster for most
named queries once a store holds many agendas; the header chooses the block for the few
where it measured faster (`benchmarks/binding_bench.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import pyoxigraph as ox

from werkagenda.errors import InputError

_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def values_block(terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """`{"lang": Literal("nl")}` -> `VALUES ( ?lang ) { ( "nl" ) }`.

    >>> values_block({"text": ox.Literal('x" } # y')})
    'VALUES ( ?text ) { ( "x\\\\" } # y" ) }'
    """
    names = list(terms)
    for name in names:
        if not _NAME.fullmatch(name):
            raise InputError(f"parameter name {name!r} is not a SPARQL variable name")
    variables = " ".join("?" + name for name in names)
    row = " ".join(str(terms[name]) for name in names)
    return " ".join(["VALUES", "(", variables, ")", "{", "(", row, ")", "}"])


def with_values(text: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with the VALUES block of `terms` inserted into each WHERE group (any depth)."""
    if not terms:
        return text
    block = values_block(terms)  # every value serialised by pyoxigraph, never pasted
    inserts = {"group": (" ", block, " "), "sub": (" ", block, " {"), "end": ("} ",)}
    parts, last = [], 0
    for pos, kind in _insertions(text):
        parts += [text[last:pos], *inserts[kind]]
        last = pos
    parts.append(text[last:])
    return "".join(parts)


@lru_cache(maxsize=256)
def _insertions(text: str) -> tuple[tuple[int, str], ...]:
    """Where `with_values` puts its block in `text`, in order: found once per query text, as
    finding them (a scan in Python) cost as much as the engine's evaluation of a named query
    (py-spy and cProfile on `inspanning-goals`). A sub-select's group is wrapped (`sub` …
    `end`) so that the block joins its WHERE group, not its projection."""
    edits: list[tuple[int, str]] = []
    for start, end in _where_groups(text):
        body = text[start + 1 : end]
        word = _WORD.match(body.lstrip())
        if word and word[0].upper() == "SELECT":
            edits += [(start + 1, "sub"), (end, "end")]
        else:
            edits.append((start + 1, "group"))
    if not edits:
        raise InputError("cannot bind parameters: the query has no top-level WHERE { … } group")
    return tuple(sorted(edits))


def _where_groups(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of every `{ … }` that follows the keyword WHERE, at any depth."""
    groups: list[tuple[int, int]] = []
    stack: list[tuple[int, bool]] = []
    last_word = ""
    i = 0
    while i < len(text):
        if text[i] in "{}":
            _brace(text, i, stack, groups, where=last_word == "WHERE")
        i, word = _opaque(text, i) or _token(text, i)
        if word is not None:
            last_word = word
    return groups


def _opaque(text: str, i: int) -> tuple[int, str | None] | None:
    """A comment, string, IRI or variable at `i`: its end and the keyword it leaves.

    The keyword is None where the token leaves the previous one standing (comments,
    strings) and "" where it ends it (IRIs, variables); None when no such token is at `i`.
    """
    c = text[i]
    if c == "#":
        end = text.find("\n", i)
        return (len(text) if end < 0 else end), None
    if c in "\"'":
        return _skip_string(text, i), None
    m = _IRI.match(text, i) if c == "<" else _NAME.match(text, i + 1) if c in "?$" else None
    return (m.end(), "") if m else None


def _token(text: str, i: int) -> tuple[int, str | None]:
    """A word, brace or other character at `i`: its end and the keyword it leaves."""
    if m := _WORD.match(text, i):
        prefixed = i > 0 and text[i - 1] in ":_"  # the local part of a prefixed name
        return m.end(), None if prefixed else m[0].upper()
    if text[i].isspace() or text[i] == "}":
        return i + 1, None
    return i + 1, ""


def _brace(
    text: str, i: int, stack: list[tuple[int, bool]], groups: list[tuple[int, int]], where: bool
) -> None:
    if text[i] == "{":
        stack.append((i, where))
        return
    if not stack:
        raise InputError("cannot bind parameters: unbalanced '}' in the query")
    start, is_where = stack.pop()
    if is_where:
        groups.append((start, i))


def _skip_string(text: str, i: int) -> int:
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text.startswith(quote, j):
            return j + len(quote)
        j += 1
    raise InputError("cannot bind parameters: unterminated string in the query")
