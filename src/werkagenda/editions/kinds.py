"""The change kinds of the changelog, with Dutch and English phrases and the facets they use.

Each kind is also a SKOS concept of the change vocabulary (`vocabulary.ttl`,
`https://w3id.org/iza-werkagenda/id/concept/wijziging/<kind>`), typed with the
ActivityStreams activity it refines (as:Create, as:Delete, as:Update).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    activity: str  # "Create" | "Delete" | "Update" (ActivityStreams)
    nl: str
    en: str


def _k(name: str, activity: str, nl: str, en: str) -> tuple[str, Kind]:
    return name, Kind(name, activity, nl, en)


KINDS: dict[str, Kind] = dict(
    (
        _k("inspanning-added", "Create", "inspanning toegevoegd", "inspanning added"),
        _k("inspanning-removed", "Delete", "inspanning vervallen", "inspanning removed"),
        _k("inspanning-renamed", "Update", "inspanning hernoemd", "inspanning renamed"),
        _k(
            "inspanning-moved-theme",
            "Update",
            "inspanning naar andere opgave",
            "inspanning moved to another theme",
        ),
        _k("party-added", "Create", "partij toegevoegd", "party added"),
        _k("party-removed", "Delete", "partij vervallen", "party removed"),
        _k("funding-added", "Create", "financiering toegevoegd", "funding added"),
        _k("funding-removed", "Delete", "financiering vervallen", "funding removed"),
        _k(
            "funding-source-changed",
            "Update",
            "financieringsbron gewijzigd",
            "funding source changed",
        ),
        _k(
            "funding-status-changed",
            "Update",
            "financieringsstatus gewijzigd",
            "funding status changed",
        ),
        _k(
            "funding-certainty-changed",
            "Update",
            "zekerheid financiering gewijzigd",
            "funding certainty changed",
        ),
        _k("application-added", "Create", "aanvraag toegevoegd", "application added"),
        _k("application-removed", "Delete", "aanvraag vervallen", "application removed"),
        _k(
            "application-status-changed",
            "Update",
            "aanvraagstatus gewijzigd",
            "application status changed",
        ),
        _k("milestone-added", "Create", "mijlpaal toegevoegd", "milestone added"),
        _k("milestone-removed", "Delete", "mijlpaal vervallen", "milestone removed"),
        _k("planning-moved", "Update", "planning verschoven", "planning moved"),
        _k("milestone-reworded", "Update", "mijlpaal anders omschreven", "milestone reworded"),
        _k("link-added", "Create", "koppeling toegevoegd", "link added"),
        _k("link-removed", "Delete", "koppeling vervallen", "link removed"),
        _k("goal-added", "Create", "doel toegevoegd", "goal added"),
        _k("goal-removed", "Delete", "doel vervallen", "goal removed"),
        _k("goal-reworded", "Update", "doel anders geformuleerd", "goal reworded"),
        _k(
            "goal-lost-last-inspanning",
            "Update",
            "doel verloor zijn laatste inspanning",
            "goal lost its last inspanning",
        ),
        _k("organisation-added", "Create", "organisatie toegevoegd", "organisation added"),
        _k("organisation-removed", "Delete", "organisatie vervallen", "organisation removed"),
        _k("organisation-renamed", "Update", "organisatie hernoemd", "organisation renamed"),
        _k("organisation-merged", "Update", "organisatie samengevoegd", "organisation merged"),
        _k("note-added", "Create", "kwaliteitsnotitie toegevoegd", "data-quality note added"),
        _k("note-resolved", "Delete", "kwaliteitsnotitie opgelost", "data-quality note resolved"),
        _k("note-changed", "Update", "kwaliteitsnotitie gewijzigd", "data-quality note changed"),
    )
)
