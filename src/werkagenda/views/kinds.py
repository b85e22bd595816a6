"""Which kind of page a resource gets: dispatch on its rdf:type.

A resource of none of these kinds gets the generic resource page. Each kind has a template
`templates/kinds/<kind>.html` (extending `resource.html`) and a facts function in
`views.facts` that gathers what the template shows, by the queries of
`queries/internal/views/pages/`.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from werkagenda.config import WA
from werkagenda.views.describe import TYPE, Describer
from werkagenda.views.facts.rows import PageRows
from werkagenda.views.links import Linker
from werkagenda.views.pictures.data import AgendaMemo

KINDS: dict[str, str] = {  # class IRI -> kind, first match wins (in this order)
    WA + "Inspanning": "inspanning",
    WA + "PrioritaireOpgave": "theme",
    WA + "OperationeelDoel": "goal",
    WA + "StrategischDoel": "goal",
    WA + "Organisatie": "organisation",
    WA + "Samenwerkingsverband": "organisation",
    WA + "GezondeMarkeOrgaan": "organisation",
    WA + "Collectief": "organisation",
    WA + "Functionaris": "organisation",
}


def kind_of(store: ox.Store, iri: str) -> str | None:
    """The page kind of `iri` ('inspanning', 'theme', 'goal', 'organisation') or None."""
    types = {
        q.object.value
        for q in store.quads_for_pattern(ox.NamedNode(iri), TYPE, None)
        if isinstance(q.object, ox.NamedNode)
    }
    for cls, kind in KINDS.items():
        if cls in types and kind in _facts():
            return kind
    return None


def facts(
    kind: str,
    store: ox.Store,
    d: Describer,
    lk: Linker,
    iri: str,
    lang: str,
    rows: PageRows,
    memo: AgendaMemo,
) -> dict[str, Any]:
    """What the page of kind `kind` shows about `iri`, beyond the generic resource model."""
    from werkagenda.views.facts import Context

    return _facts()[kind](Context(store, d, lk, iri, lang, rows, memo))


def _facts() -> dict[str, Any]:
    from werkagenda.views.facts import BY_KIND

    return BY_KIND
