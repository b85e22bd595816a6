"""SPARQL syntax errors a person can act on: line, column, the line itself, a caret, a sentence.

pyoxigraph reports `error at L:C: expected one of …` with the furthest position its parser
reached and the tokens it would have taken there, often Unicode ranges; an undeclared prefix
surfaces as "expected OPTIONAL". We find the common causes ourselves (an undeclared prefix, a
missing query form, a query cut short) and fall back to pyoxigraph's position otherwise.
"""

from __future__ import annotations

import re

from werkagenda.config import PREFIXES
from werkagenda.errors import InputError
from werkagenda.query.dataset import DECLARED_PREFIX, blank_opaque

_WHERE = re.compile(r"(?:error at )?(\d+):(\d+)(?:-\d+:\d+)?:?\s*(.*)", re.S)
_PNAME = re.compile(r"(?<![\w?$.:\-])([A-Za-z](?:[\w.-]*\w)?)?:(?=[\w%\\]|\s|[;,.)\]}])")
_FORMS = re.compile(
    r"^\s*(?:(?:PREFIX|BASE)\b.*?(?:>|\n)\s*)*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.I | re.S
)
_SHORT_LIST = 6  # pyoxigraph's "expected" lists longer than this help nobody


class SparqlSyntaxError(InputError):
    """A query that does not parse; `line`/`column` are 1-based positions in the user's text."""

    def __init__(self, source: str, line: int, column: int, sentence: str, excerpt: str) -> None:
        self.source, self.line, self.column, self.sentence = source, line, column, sentence
        super().__init__(f"{source}:{line}:{column}: {sentence}\n{excerpt}")


def explain(source: str, text: str, message: str) -> SparqlSyntaxError:
    """The error for `text` (as the user wrote it) from pyoxigraph's `message`.

    >>> e = explain("<query>", "SELECT * { ?s foo:p ?o }", "error at 1:20: expected OPTIONAL")
    >>> e.line, e.column, e.sentence.split(" — ")[0]
    (1, 15, 'unknown prefix `foo:`')
    >>> print(str(e).splitlines()[-1])
                    ^
    """
    found = _undeclared_prefix(text)
    if found is not None:
        line, column, prefix = found
        builtin = ", ".join(list(PREFIXES)[:8]) + ", …"
        sentence = (
            f"unknown prefix `{prefix}:` — add `PREFIX {prefix}: <…>` "
            f"or use a built-in prefix ({builtin})"
        )
        return _error(source, text, line, column, sentence)
    if not _FORMS.match(blank_opaque(text)):
        sentence = (
            "a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE (after PREFIX/BASE lines)"
        )
        return _error(source, text, 1, 1, sentence)
    m = _WHERE.match(message)
    if not m:
        return _error(source, text, 1, 1, f"SPARQL syntax error: {message}")
    line, column = max(1, int(m[1])), max(1, int(m[2]))
    lines = text.splitlines() or [""]
    if line > len(lines):  # past the last newline: point just after the last character
        line, column = len(lines), len(lines[-1]) + 1
    return _error(source, text, line, column, _sentence(text, line, column, m[3].strip()))


def _undeclared_prefix(text: str) -> tuple[int, int, str] | None:
    code = blank_opaque(text)
    declared = {m[1] or "" for m in DECLARED_PREFIX.finditer(code)} | set(PREFIXES)
    for m in _PNAME.finditer(code):
        prefix = m[1] or ""
        before = code[: m.start()]
        if prefix in declared or re.search(r"\bPREFIX\s*$", before, re.I):
            continue
        line = before.count("\n") + 1
        return line, m.start() - (before.rfind("\n") + 1) + 1, prefix
    return None


def _sentence(text: str, line: int, column: int, expected: str) -> str:
    lines = text.splitlines() or [""]
    rest = "\n".join(lines[line - 1 :])[column - 1 :] if line <= len(lines) else ""
    if line > len(lines) or not rest.strip():
        return _unbalanced(blank_opaque(text)) or (
            "the query is incomplete: something is missing before its end "
            "(a triple's object, an expression, a closing quote?)"
        )
    token = rest.split()[0][:20]
    items = [i.strip() for i in expected.removeprefix("expected one of").split(",")]
    if expected.startswith("expected") and len(items) <= _SHORT_LIST and "[_]" not in expected:
        return f"unexpected `{token}`; {expected}"
    return f"unexpected `{token}` here"


def _unbalanced(code: str) -> str | None:
    for open_, close in ("{}", "()", "[]"):
        if code.count(close) > code.count(open_):
            return f"there is a `{close}` without a matching `{open_}`"
        if code.count(open_) > code.count(close):
            return f"a `{open_}` is never closed: the query ends before its `{close}`"
    return None


def _error(source: str, text: str, line: int, column: int, sentence: str) -> SparqlSyntaxError:
    lines = text.splitlines() or [""]
    shown = lines[min(line, len(lines)) - 1]
    column = min(column, len(shown) + 1)
    excerpt = f"  {shown}\n  {' ' * (column - 1)}^"
    return SparqlSyntaxError(source, line, column, sentence, excerpt)
