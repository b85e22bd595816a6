"""What every kind page's facts share: the queries, labels and texts in the page's language."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from werkagenda.views.describe import DESCRIPTIONS, Describer, pick_language
from werkagenda.views.facts.rows import PageRows, Row, Term
from werkagenda.views.links import Linker
from werkagenda.views.pictures.data import AgendaMemo
from werkagenda.views.pictures.labels import NO_FUNDING, least_settled, status_token, text

WA = "https://w3id.org/iza-werkagenda/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@dataclass(frozen=True)
class Context:
    """The store, describer, linker, query rows and agenda memo of one page, in one language."""

    store: ox.Store
    d: Describer
    lk: Linker
    iri: str
    lang: str
    page_rows: PageRows
    memo: AgendaMemo

    def rows(self, name: str, node: str | None = None) -> list[Row]:
        """Rows of `queries/internal/views/pages/<name>.rq` with `?node` bound."""
        return self.page_rows.of(name, node or self.iri)

    def ref(self, term: Term | None) -> dict[str, Any] | None:
        """A link to `term` with its human label (None for an unbound or literal term)."""
        if not isinstance(term, ox.NamedNode):
            return None
        return {
            "iri": term.value,
            "href": self.lk.href(term.value),
            "label": self.d.label(term, self.lang),
        }

    def label(self, term: Term | None) -> str:
        if term is None:
            return ""
        return self.d.label(term, self.lang) if isinstance(term, ox.NamedNode) else term.value

    def text(self, node: str, *preds: str) -> str:
        """The best literal of `node` among `preds` (default: descriptions) in the language."""
        wanted = [ox.NamedNode(p) for p in preds] if preds else DESCRIPTIONS
        found = pick_language(self.d.literals(ox.NamedNode(node), wanted), self.lang)
        return found.value if found else ""

    def texts(self, node: str, pred: str) -> list[str]:
        return sorted(
            {lit.value for lit in self.d.literals(ox.NamedNode(node), [ox.NamedNode(pred)])}
        )

    def notes(self, node: str | None = None) -> list[dict[str, Any]]:
        """The data-quality notes concerning `node` (or a part of it), with their kind."""
        out = []
        for r in self.rows("notes", node):
            note = r["note"]
            assert isinstance(note, ox.NamedNode)
            out.append(
                {
                    "ref": self.ref(note),
                    "kind": self.label(r["kind"]),
                    "text": self.text(note.value),
                }
            )
        return out


STATUS = "https://w3id.org/iza-werkagenda/id/concept/financieringsstatus/"


def status_label(c: Context, token: str) -> str:
    """The label of a funding status token (its concept's label; none stated: say so)."""
    if token == NO_FUNDING:
        return text(c.lang, "status.none")
    return c.d.label(ox.NamedNode(STATUS + token), c.lang)


def value(row: Row, key: str) -> str:
    term = row.get(key)
    return term.value if term is not None else ""


def number_key(code: str, number: str) -> tuple[float, str]:
    try:
        return float(number), code
    except ValueError:
        return float("inf"), code


def inspanning_list(c: Context, rows: list[Row]) -> list[dict[str, Any]]:
    """Inspanningen (one per IRI, in theme and number order) with title, theme, ties, status
    (the least settled of its arrangements' statuses; `inspanningen.rq` gives one row per tie
    × arrangement × status)."""
    statuses: dict[str, dict[tuple[str, str], None]] = defaultdict(dict)
    for r in rows:
        if r.get("funding") is not None:
            statuses[value(r, "i")][value(r, "funding"), value(r, "statusNotation")] = None
    tokens = {
        iri: [status_token(notation or None) for _, notation in pairs]
        for iri, pairs in statuses.items()
    }
    items: dict[str, dict[str, Any]] = {}
    for r in rows:
        iri = value(r, "i")
        item = items.setdefault(
            iri,
            {
                "ref": c.ref(r["i"]),
                "code": value(r, "code"),
                "title": c.text(iri, "http://purl.org/dc/terms/title") or value(r, "code"),
                "theme": c.ref(r.get("theme")),
                "theme_code": value(r, "themeCode"),
                "number": value(r, "nummer"),
                "ties": [],
                "status": least_settled(tokens.get(iri, [])),
                "status_label": status_label(c, least_settled(tokens.get(iri, []))),
            },
        )
        if value(r, "tie") not in item["ties"]:
            item["ties"].append(value(r, "tie"))
    return list(items.values())


def by_theme(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items grouped by their theme (in code order), each group with its count."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        key = item["theme_code"]
        groups.setdefault(key, {"theme": item["theme"], "code": key, "items": []})["items"].append(
            item
        )
    return [groups[k] for k in sorted(groups)]
