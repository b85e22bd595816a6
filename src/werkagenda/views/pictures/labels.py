"""The words and shades the pictures use, in Dutch and English.

Funding statuses are the concepts of `…/concept/financieringsstatus` (their labels come from
the data); here each gets a shade, a short code printed in the cell (so colour is never the
only carrier) and a rank from least to most settled. Fills are light and text is dark:
every pair has a contrast of at least 7:1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shade:
    rank: int  # 0 = least settled
    fill: str
    code: dict[str, str]  # short code printed in matrix cells, by language


NO_FUNDING = "geen-financiering"

SHADES: dict[str, Shade] = {
    "nader-te-bepalen": Shade(0, "#f6c3c3", {"nl": "?", "en": "?"}),
    "niet-vermeld": Shade(1, "#e4e4e4", {"nl": "nv", "en": "ns"}),
    NO_FUNDING: Shade(2, "#ffffff", {"nl": "–", "en": "–"}),
    "in-te-dienen": Shade(3, "#fbd5ae", {"nl": "in", "en": "ts"}),
    "wacht-op-goedkeuring": Shade(4, "#fde9a3", {"nl": "w", "en": "aw"}),
    "via-ander-traject": Shade(5, "#d3e3f6", {"nl": "at", "en": "ot"}),
    "goedgekeurd": Shade(6, "#cbe8b5", {"nl": "g", "en": "ap"}),
    "beschikbaar": Shade(7, "#a9dcc0", {"nl": "b", "en": "av"}),
    "niet-van-toepassing": Shade(8, "#f3f3f3", {"nl": "nvt", "en": "na"}),
}

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "matrix.title": "Dekkingsmatrix: operationele doelen × inspanningen",
        "matrix.title.theme": "Dekkingsmatrix {theme}: operationele doelen × inspanningen",
        "matrix.desc": (
            "{goals} operationele doelen en {inspanningen} inspanningen; een gevulde cel betekent "
            "dat de inspanning het doel dient, gekleurd en gecodeerd naar de minst zekere "
            "financieringsstatus van de inspanning. {uncovered} doelen hebben geen enkele "
            "inspanning{uncovered_list}. {letter_only} doelen zijn alleen bij hun letter bekend "
            "(kolom onbekend)."
        ),
        "matrix.empty": "Deze agenda heeft geen operationele doelen: er is geen dekkingsmatrix.",
        "matrix.col.goal": "Operationeel doel",
        "matrix.col.theme": "Opgave",
        "matrix.col.column": "Kolom (strategisch doel)",
        "matrix.col.text": "Doeltekst",
        "matrix.col.count": "Aantal inspanningen",
        "matrix.none": "geen inspanning",
        "matrix.letter_only": "alleen letter bekend, kolom onbekend",
        "matrix.not_linked": "niet gekoppeld aan een strategisch doel",
        "matrix.no_text": "doeltekst ontbreekt in de bron",
        "status.none": "geen financiering vermeld",
        "funding.title": "Financieringsafhankelijkheid: inspanningen per instrument",
        "funding.title.theme": "Financieringsafhankelijkheid {theme}: inspanningen per instrument",
        "funding.desc": (
            "{arrangements} financieringen van {inspanningen} inspanningen uit {instruments} "
            "instrumenten. Het meest genoemd: {top}. Een lijn verbindt een instrument met een "
            "inspanning; de lijnsoort en de tekst naast de inspanning geven status en zekerheid."
        ),
        "funding.empty": "Deze agenda noemt geen financiering: er is geen financieringsbeeld.",
        "funding.col.instrument": "Instrument",
        "funding.col.broader": "Valt onder",
        "funding.col.inspanning": "Inspanning",
        "funding.col.title": "Titel",
        "funding.col.theme": "Opgave",
        "funding.col.status": "Status",
        "funding.col.certainty": "Zekerheid",
        "funding.col.application": "Aanvraag",
        "funding.col.application_status": "Status aanvraag",
        "funding.col.goals": "Doelen",
        "funding.col.text": "Letterlijke tekst",
        "funding.unknown": "onbekend",
        "funding.instruments": "Instrumenten",
        "funding.inspanningen": "Inspanningen (status, zekerheid)",
        "funding.line.settled": "doorgetrokken: beschikbaar of goedgekeurd",
        "funding.line.pending": "gestreept: aanvraag in te dienen of wacht op goedkeuring",
        "funding.line.open": "gestippeld: nader te bepalen of niet vermeld",
        "network.title": "Netwerk van organisaties: verbonden door gedeelde inspanningen",
        "network.title.theme": (
            "Netwerk van organisaties {theme}: verbonden door gedeelde inspanningen"
        ),
        "network.desc": (
            "{parties} partijen (initiatiefnemers en betrokken partijen) van {inspanningen} "
            "inspanningen; twee partijen zijn verbonden als ze samen aan een inspanning werken. "
            "Het meest verbonden: {top}.{shown}"
        ),
        "network.shown": (
            " De tekening toont de {n} meest verbonden partijen; de tabel noemt ze allemaal."
        ),
        "network.empty": (
            "Deze agenda noemt geen initiatiefnemers of betrokken partijen: er is geen netwerk."
        ),
        "network.col.party": "Partij",
        "network.col.kind": "Soort",
        "network.col.partners": "Verbonden partijen",
        "network.col.initiates": "Initiatiefnemer van",
        "network.col.involved": "Betrokken bij",
        "network.col.themes": "Opgaven",
        "network.col.top_partners": "Meest gedeelde partners",
        "network.legend": (
            "Cirkel: aantal inspanningen; lijndikte: aantal gedeelde inspanningen; vet: meest "
            "verbonden."
        ),
        "timeline.title": "Planning per kwartaal",
        "timeline.title.theme": "Planning per kwartaal {theme}",
        "timeline.desc": (
            "{planned} van {inspanningen} inspanningen hebben een planning in kwartalen "
            "vanaf {first}; {conditional} starten pas na een goedkeuring ({codes})."
        ),
        "timeline.empty": "Deze agenda heeft geen planning: er is geen tijdlijn.",
        "timeline.col.inspanning": "Inspanning",
        "timeline.col.title": "Titel",
        "timeline.col.theme": "Opgave",
        "timeline.col.unquartered": "Zonder kwartaal",
        "timeline.col.condition": "Voorwaardelijke start",
        "timeline.col.planning": "Planning (letterlijk)",
        "timeline.conditional": "start na goedkeuring",
        "timeline.no_planning": "geen planning vermeld",
        "timeline.legend": (
            "▶ start · ◆ oplevering · ■ activiteit · ↻ loopt al · ∞ continu · ⚑ start pas na "
            "goedkeuring"
        ),
        "none": "geen",
    },
    "en": {
        "matrix.title": "Coverage matrix: operational goals × initiatives",
        "matrix.title.theme": "Coverage matrix {theme}: operational goals × initiatives",
        "matrix.desc": (
            "{goals} operational goals and {inspanningen} initiatives; a filled cell means the "
            "initiative serves the goal, shaded and coded by the initiative's least settled "
            "funding status. {uncovered} goals have no initiative at all{uncovered_list}. "
            "{letter_only} goals are known only by their letter (column unknown)."
        ),
        "matrix.empty": "This agenda has no operational goals: there is no coverage matrix.",
        "matrix.col.goal": "Operational goal",
        "matrix.col.theme": "Theme",
        "matrix.col.column": "Column (strategic goal)",
        "matrix.col.text": "Goal text",
        "matrix.col.count": "Number of initiatives",
        "matrix.none": "no initiative",
        "matrix.letter_only": "letter only, column unknown",
        "matrix.not_linked": "not linked to a strategic goal",
        "matrix.no_text": "goal text missing from the source",
        "status.none": "no funding stated",
        "funding.title": "Funding dependency: initiatives by instrument",
        "funding.title.theme": "Funding dependency {theme}: initiatives by instrument",
        "funding.desc": (
            "{arrangements} funding arrangements of {inspanningen} initiatives from "
            "{instruments} instruments. Most named: {top}. A line joins an instrument to an "
            "initiative; its dash pattern and the text beside the initiative give status and "
            "certainty."
        ),
        "funding.empty": "This agenda names no funding: there is no funding picture.",
        "funding.col.instrument": "Instrument",
        "funding.col.broader": "Part of",
        "funding.col.inspanning": "Initiative",
        "funding.col.title": "Title",
        "funding.col.theme": "Theme",
        "funding.col.status": "Status",
        "funding.col.certainty": "Certainty",
        "funding.col.application": "Application",
        "funding.col.application_status": "Application status",
        "funding.col.goals": "Goals",
        "funding.col.text": "Verbatim text",
        "funding.unknown": "unknown",
        "funding.instruments": "Instruments",
        "funding.inspanningen": "Initiatives (status, certainty)",
        "funding.line.settled": "solid: available or approved",
        "funding.line.pending": "dashed: to be submitted or awaiting approval",
        "funding.line.open": "dotted: to be determined or not stated",
        "network.title": "Organisation network: linked through shared initiatives",
        "network.title.theme": "Organisation network {theme}: linked through shared initiatives",
        "network.desc": (
            "{parties} parties (initiators and involved parties) of {inspanningen} initiatives; "
            "two parties are linked when they work on an initiative together. Most connected: "
            "{top}.{shown}"
        ),
        "network.shown": (
            " The drawing shows the {n} most connected parties; the table lists them all."
        ),
        "network.empty": (
            "This agenda names no initiators or involved parties: there is no network."
        ),
        "network.col.party": "Party",
        "network.col.kind": "Kind",
        "network.col.partners": "Linked parties",
        "network.col.initiates": "Initiator of",
        "network.col.involved": "Involved in",
        "network.col.themes": "Themes",
        "network.col.top_partners": "Most shared partners",
        "network.legend": (
            "Circle: number of initiatives; line width: shared initiatives; bold: most connected."
        ),
        "timeline.title": "Planning by quarter",
        "timeline.title.theme": "Planning by quarter {theme}",
        "timeline.desc": (
            "{planned} of {inspanningen} initiatives have a planning in quarters from {first}; "
            "{conditional} start only after an approval ({codes})."
        ),
        "timeline.empty": "This agenda has no planning: there is no timeline.",
        "timeline.col.inspanning": "Initiative",
        "timeline.col.title": "Title",
        "timeline.col.theme": "Theme",
        "timeline.col.unquartered": "No quarter",
        "timeline.col.condition": "Conditional start",
        "timeline.col.planning": "Planning (verbatim)",
        "timeline.conditional": "starts after approval",
        "timeline.no_planning": "no planning stated",
        "timeline.legend": (
            "▶ start · ◆ delivery · ■ activity · ↻ ongoing · ∞ continuous · ⚑ starts only after "
            "approval"
        ),
        "none": "none",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The phrase `key` in `lang` (Dutch when missing), with `values` filled in."""
    phrase = TEXTS.get(lang, TEXTS["nl"]).get(key) or TEXTS["nl"][key]
    return phrase.format(**values) if values else phrase


def status_token(notation: str | None) -> str:
    """The shading token of a funding status notation (unknown notations count as not stated)."""
    return notation if notation in SHADES else "niet-vermeld"


def least_settled(tokens: list[str]) -> str:
    """The least settled of an inspanning's funding statuses (no funding at all: NO_FUNDING).

    >>> least_settled(["goedgekeurd", "wacht-op-goedkeuring"])
    'wacht-op-goedkeuring'
    >>> least_settled([])
    'geen-financiering'
    """
    return min(tokens, key=lambda t: SHADES[t].rank) if tokens else NO_FUNDING
