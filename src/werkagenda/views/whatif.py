"""The what-if page: pick funding sources and plans, see what falls (served and published).

The scenario is the URL: `/whatif?reject=iza-transformatieplan&reject=spuk` (a plain GET
form of checkboxes produces exactly that). The page is a function of the store, the reject
names, the language and the agenda; links to inspanningen and goals come from a Linker, so
the same model serves the live site and the static one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from werkagenda.analysis.whatif import Scenario, Target, agenda_of, resolve_in, targets
from werkagenda.analysis.whatif_format import words
from werkagenda.errors import InputError

if TYPE_CHECKING:
    import pyoxigraph as ox

IZA = "https://w3id.org/iza-werkagenda/id/concept/financieringsbron/iza"

PAGE = {
    "nl": {
        "page_title": "Wat als de financiering niet doorgaat?",
        "intro": (
            "Kies de financieringsbronnen of aanvragen die niet worden toegekend. Een "
            "financiering valt weg als haar bron gekozen is (of valt onder een gekozen bron: "
            "'IZA' omvat alle IZA-instrumenten) of als ze rust op een gekozen aanvraag. Een "
            "inspanning verliest haar financiering als al haar financieringen wegvallen en is "
            "verzwakt als een deel wegvalt. Een operationeel doel verliest zijn dekking als "
            "elke inspanning die eraan werkt haar financiering verliest, en is verzwakt als "
            "een deel dat doet."
        ),
        "sources": "Financieringsbronnen",
        "applications": "Aanvragen (transformatieplannen en snelle toetsen)",
        "show": "Toon het scenario",
        "pick": "Kies bronnen en aanvragen",
        "error": "Onbekende naam",
        "share": "Dit scenario staat in het webadres; deel de link om het te delen.",
        "count": "inspanningen",
    },
    "en": {
        "page_title": "What if the funding is not granted?",
        "intro": (
            "Pick the funding sources or applications that are not granted. A funding "
            "arrangement falls when its source is picked (or lies under a picked source: "
            "'IZA' covers every IZA instrument) or when it rests on a picked application. An "
            "initiative loses its funding when all its arrangements fall and is weakened when "
            "some do. An operational goal loses its coverage when every initiative serving it "
            "loses its funding, and is weakened when some do."
        ),
        "sources": "Funding sources",
        "applications": "Applications (transformation plans and quick scans)",
        "show": "Show the scenario",
        "pick": "Pick sources and applications",
        "error": "Unknown name",
        "share": "This scenario is in the address; share the link to share it.",
        "count": "initiatives",
    },
}


def page_model(
    store: ox.Store,
    reject: Sequence[str],
    *,
    lang: str,
    agenda: str | None,
    href: Callable[[str], str | None],
) -> dict[str, Any]:
    """Everything the template shows; `error` holds the message for unknown names."""
    from werkagenda.analysis.whatif import run

    lang = "en" if lang == "en" else "nl"
    agenda_iri = agenda_of(agenda, store)
    known = targets(store, agenda_iri)
    model: dict[str, Any] = {
        "lang": lang,
        "text": {**words(lang), **PAGE[lang]},
        "agenda": agenda_iri,
        "reject": list(reject),
        "error": "",
        "scenario": None,
    }
    chosen: set[str] = set()
    if any(r.strip() for r in reject):
        try:
            chosen = {t.iri for t in resolve_in(store, reject, agenda_iri, known)}
            scenario = run(reject, agenda=agenda_iri, lang=lang, store=store)
            model["scenario"] = scenario_model(scenario, href)
        except InputError as e:
            model["error"] = str(e)
    model["sources"], model["applications"] = options(known, agenda_iri, lang, chosen)
    return model


def options(
    known: Sequence[Target], agenda: str, lang: str, chosen: set[str]
) -> tuple[list[dict], list[dict]]:
    """One checkbox per target (its preferred name); IZA instruments indented under IZA."""
    seen: dict[str, dict] = {}
    for t in known:
        if t.agenda not in (None, agenda) or t.iri in seen:
            continue
        name = t.name
        seen[t.iri] = {
            "name": name,
            "label": t.label(lang),
            "kind": t.kind,
            "checked": t.iri in chosen,
            "narrower": t.iri.startswith(IZA + "-"),
        }
    for t in known:  # applications: prefer CODE:kind over the identifier
        if t.iri in seen and ":" in t.name and t.agenda == agenda:
            seen[t.iri]["name"] = t.name
    items = list(seen.values())
    sources = sorted((o for o in items if o["kind"] == "source"), key=_source_order)
    applications = sorted((o for o in items if o["kind"] == "application"), key=_code_order)
    return sources, applications


def _source_order(o: dict) -> tuple[int, str]:
    return (0 if o["name"].startswith("iza") else 1, o["name"])


def _code_order(o: dict) -> tuple[str, int, str]:
    code, _, kind = o["name"].partition(":")
    theme, _, number = code.partition("-")
    digits = "".join(c for c in number.split("-")[0] if c.isdigit())
    return (theme, int(digits or 0), kind)


def scenario_model(s: Scenario, href: Callable[[str], str | None]) -> dict[str, Any]:
    """The scenario's rows as dicts, each with the link of its resource."""

    def rows(items: Sequence[Any]) -> list[dict]:
        return [{**asdict(item), "href": href(item.iri) or ""} for item in items]

    return {
        "names": list(s.reject_names),
        "lost": rows(s.lost),
        "weakened": rows(s.weakened),
        "goals": rows(s.goals),
        "themes": [asdict(t) for t in s.themes],
        "no_funding": rows(s.no_funding_recorded),
    }


def page(
    store: ox.Store,
    reject: Sequence[str],
    *,
    lang: str,
    agenda: str | None,
    href: Callable[[str], str | None],
    nav: dict[str, str],
) -> tuple[int, bytes]:
    """(HTTP status, HTML): 400 when a name is unknown (the form is still shown)."""
    from werkagenda.views.render import render

    model = page_model(store, reject, lang=lang, agenda=agenda, href=href)
    body = render("whatif.html", m=model, lang=model["lang"], nav=nav)
    return (400 if model["error"] else 200), body
