"""What the changelog compares: one facet per internal query (queries/internal/editions/).

A facet's rows are keyed by (owner, item): the owner is the code or identity that matches
a resource across editions (inspanning code, goal notation, organisation IRI, note name),
never the edition-specific IRI. `changed` maps a value column to the change kind its change
is (None: a change there is not reported). Facets with `within` are parts of an owner of
that facet: when the owner itself is added or removed, its parts are not listed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VALUES = ("v1", "v2", "v3")


@dataclass(frozen=True)
class Facet:
    name: str
    query: str  # file stem under queries/internal/editions/
    added: str
    removed: str
    changed: dict[str, str] = field(default_factory=dict)
    within: str | None = None


FACETS: tuple[Facet, ...] = (
    Facet(
        "inspanning",
        "inspanningen",
        "inspanning-added",
        "inspanning-removed",
        {"v1": "inspanning-renamed"},
    ),
    Facet("party", "partijen", "party-added", "party-removed", within="inspanning"),
    Facet(
        "funding",
        "financiering",
        "funding-added",
        "funding-removed",
        {
            "v1": "funding-source-changed",
            "v2": "funding-status-changed",
            "v3": "funding-certainty-changed",
        },
        within="inspanning",
    ),
    Facet(
        "application",
        "aanvragen",
        "application-added",
        "application-removed",
        {"v1": "application-status-changed"},
        within="inspanning",
    ),
    Facet(
        "milestone",
        "planning",
        "milestone-added",
        "milestone-removed",
        {"v1": "planning-moved", "v2": "milestone-reworded"},
        within="inspanning",
    ),
    Facet("link", "koppelingen", "link-added", "link-removed", within="inspanning"),
    Facet("goal", "doelen", "goal-added", "goal-removed", {"v1": "goal-reworded"}),
    Facet(
        "organisation",
        "organisaties",
        "organisation-added",
        "organisation-removed",
        {"v1": "organisation-renamed", "v2": "organisation-merged"},
    ),
    Facet("note", "kwaliteitsnotities", "note-added", "note-resolved", {"v1": "note-changed"}),
)
