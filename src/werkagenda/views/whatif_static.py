"""The what-if page of the published (static) site: the same form, evaluated in the browser.

A static file server ignores `?reject=…`, so `whatif.html` carries the agenda's inspanningen
with their funding arrangements and, per arrangement, every name that makes it fall (the
notation and slug of its source and of each broader concept; the identifier and the
`CODE:kind` names of the application it rests on). `static/whatif.js` applies the rules of
the named queries `whatif-inspanningen` and `whatif-goals` to them (its function `evaluate`);
tests/analysis/test_whatif_static_rules.py runs `evaluate` in node over every reject name,
every pair of targets and all of them, and asserts the rows of the named queries.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from werkagenda.analysis.whatif import INTERNAL, _records, agenda_of, targets
from werkagenda.analysis.whatif_format import words
from werkagenda.views.whatif import PAGE, options

if TYPE_CHECKING:
    import pyoxigraph as ox

SCRIPT = Path(__file__).with_name("whatif.js")


def static_data(
    store: ox.Store, agenda: str | None, lang: str, href: Callable[[str], str | None]
) -> dict[str, Any]:
    """What the script needs: inspanningen with arrangements and their fall names, goals."""
    agenda_iri = agenda_of(agenda, store)
    known = targets(store, agenda_iri)
    names: dict[str, set[str]] = {}
    for t in known:
        names.setdefault(t.iri, set()).add(t.name.lower())
    params: dict[str, object] = {"agenda": agenda_iri, "lang": lang}
    inspanningen: dict[str, dict[str, Any]] = {}
    for r in _records(store, "arrangements", params, folder=INTERNAL):
        code = str(r["code"])
        item = inspanningen.setdefault(
            code,
            {
                "code": code,
                "title": str(r["title"] or ""),
                "theme": str(r["theme"]),
                "href": href(str(r["i"])) or "",
                "order": _number(str(r["nummer"])),
                "arrangements": {},
            },
        )
        if r["f"] is None:
            continue
        arrangement = item["arrangements"].setdefault(
            str(r["f"]), {"text": str(r["text"] or ""), "names": set()}
        )
        for iri in (r["ancestor"], r["application"]):
            if iri is not None:
                arrangement["names"] |= names.get(str(iri), set())
    return {
        "inspanningen": [_plain(i) for i in sorted(inspanningen.values(), key=_order)],
        "goals": _goals(store, params, href),
        "names": sorted(n for group in names.values() for n in group),
        "text": {**words(lang), **PAGE["en" if lang == "en" else "nl"]},
    }


def _goals(
    store: ox.Store, params: dict[str, object], href: Callable[[str], str | None]
) -> list[dict[str, Any]]:
    goals: dict[str, dict[str, Any]] = {}
    for r in _records(store, "goals", params, folder=INTERNAL):
        goal = goals.setdefault(
            str(r["goal"]),
            {
                "goal": str(r["goal"]),
                "label": str(r["label"] or ""),
                "theme": str(r["theme"]),
                "href": href(str(r["g"])) or "",
                "codes": [],
            },
        )
        goal["codes"].append(str(r["code"]))
    return list(goals.values())


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _order(item: dict[str, Any]) -> tuple[str, float, str]:
    return (item["theme"], item["order"], item["code"])


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    arrangements = [
        {"text": a["text"], "names": sorted(a["names"])} for a in item["arrangements"].values()
    ]
    return {**{k: v for k, v in item.items() if k != "order"}, "arrangements": arrangements}


def for_script(data: dict[str, Any]) -> Markup:
    """JSON safe inside <script type="application/json">: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def static_page(
    store: ox.Store,
    *,
    lang: str,
    agenda: str | None,
    href: Callable[[str], str | None],
    nav: dict[str, str],
    script: str,
) -> bytes:
    """`whatif.html` of the static site: the form, the data, and the script's address."""
    from werkagenda.views.render import render

    lang = "en" if lang == "en" else "nl"
    data = static_data(store, agenda, lang, href)
    agenda_iri = agenda_of(agenda, store)
    sources, applications = options(targets(store, agenda_iri), agenda_iri, lang, set())
    model = {
        "lang": lang,
        "text": data["text"],
        "reject": [],
        "error": "",
        "scenario": None,
        "sources": sources,
        "applications": applications,
        "static": {"data": for_script(data), "script": script},
    }
    return render("whatif.html", m=model, lang=lang, nav=nav)
