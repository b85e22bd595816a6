"""Classifying request text with real SPARQL parsers: query or update, and which SERVICEs.

pyoxigraph parses (and runs) queries; only when it refuses the text do we ask rdflib's parser
whether it is an update, so that a read-only refusal (403) is told apart from a typo (400).
SERVICE clauses are found in rdflib's algebra. The algebra is built only when the text could
hold the keyword: it contains "service", or a \\u escape that may spell it (SPARQL expands
codepoint escapes before parsing).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


class Refused(Exception):
    """A request we will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def is_update(text: str) -> bool:
    """True when the text parses as a SPARQL 1.1 Update.

    >>> is_update("INSERT DATA { <http://a> <http://b> <http://c> }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - any parser failure means "not an update"
        return False
    return True


_IRI_OR_STRING = re.compile(
    r"<[^<>\"{}|^`\\\s]*>|'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\""
)
_COMMENT = re.compile(r"#[^\n]*")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(text: str) -> str | None:
    """The form of a query by its first keyword outside IRIs, strings and comments; a guess
    that only decides the lane a query is tried in first (`serve.http.call`), never access.

    >>> query_form("PREFIX a: <http://x/#SELECT> # SELECT\\nask { ?s ?p 'SELECT' }")
    'ASK'
    >>> query_form("SELECT * { ?s ?p ?o }"), query_form("nonsense")
    ('SELECT', None)
    """
    bare = _COMMENT.sub(" ", _IRI_OR_STRING.sub(" ", text))
    found = _FORM.search(bare)
    return found.group(1).upper() if found else None


def may_use_service(text: str) -> bool:
    lowered = text.lower()
    return "service" in lowered or "\\u" in lowered


def service_targets(text: str) -> list[str]:
    """Every SERVICE target of a query, from its algebra (variables as `?name`).

    >>> service_targets("SELECT * { SERVICE <http://x.org/sparql> { ?s ?p ?o } }")
    ['http://x.org/sparql']
    >>> service_targets('SELECT * { ?s ?p "SERVICE <http://x.org/>" }')
    []
    """
    from rdflib.plugins.sparql.algebra import translateQuery, traverse
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.term import Variable

    found: list[str] = []

    def visit(node):  # type: ignore[no-untyped-def]
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = node.get("term")
            found.append(f"?{term}" if isinstance(term, Variable) else str(term))

    traverse(translateQuery(parseQuery(text)).algebra, visitPre=visit)
    return found


def check_service(text: str, allowed_hosts: tuple[str, ...]) -> None:
    """Refuse a query whose SERVICE targets are not on the allowed hosts (none by default)."""
    if not may_use_service(text):
        return
    try:
        targets = service_targets(text)
    except Exception:  # noqa: BLE001 - rdflib cannot parse it: we cannot vouch for it
        raise Refused(
            403,
            "Query refused: it may contain SERVICE, which this endpoint could not "
            "verify; federation is off.",
        ) from None
    for target in targets:
        host = urlsplit(target).hostname if not target.startswith("?") else None
        if host is None or host not in allowed_hosts:
            raise Refused(
                403,
                f"Query refused: SERVICE <{target}> is not allowed; federated "
                "queries are off unless the server allows that host.",
            )
