"""IRIs for new rows, by the project's naming scheme (data/CURATION.md, 'Naming scheme')."""

from __future__ import annotations

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE
from werkagenda.sheets.vocab import slug

AGENDA_SPACES = {
    "opgave": "opgave/",
    "doel": "doel/",
    "insp": "inspanning/",
    "fin": "financiering/",
    "aanvraag": "aanvraag/",
    "mijlpaal": "mijlpaal/",
    "rv": "randvoorwaarde/",
    "schaal": "schaal/",
    "dv": "doelverwijzing/",
    "vermelding": "vermelding/",
    "ap": "aandachtspunt/",
    "kn": "kwaliteit/",
    "bron": "bron/werkagenda/",
}
REGION_SPACES = {"actor": "actor/", "init": "initiatief/"}
SHARED_SPACES = {
    "fsrc": "concept/financieringsbron/",
    "fstat": "concept/financieringsstatus/",
    "zeker": "concept/zekerheid/",
    "astat": "concept/aanvraagstatus/",
    "rvs": "concept/randvoorwaardesoort/",
    "mps": "concept/mijlpaalsoort/",
    "niveau": "concept/schaalniveau/",
    "osoort": "concept/organisatiesoort/",
    "rol": "concept/rol/",
    "lijst": "concept/lijst/",
    "opl": "concept/oplossing/",
    "nsoort": "concept/notitiesoort/",
    "afl": "concept/afleiding/",
    "tijd": "tijd/",
    "plaats": "plaats/",
    "doelgroep": "doelgroep/",
}
# sheet key → (space, rule)
_SPACE = {
    "inspanningen": "insp",
    "financiering": "fin",
    "planning": "mijlpaal",
    "randvoorwaarden": "rv",
    "schaal": "schaal",
    "doelverwijzingen": "dv",
    "organisaties": "actor",
    "initiatieven": "init",
    "vermeldingen": "vermelding",
}


def scheme_prefixes(key: str) -> dict[str, str]:
    """The naming scheme's prefixes for agenda `key` (region/edition)."""
    region = key.partition("/")[0]
    out = {p: f"{DEFAULT_BASE}id/{key}/{s}" for p, s in AGENDA_SPACES.items()}
    out |= {p: f"{DEFAULT_BASE}id/{region}/{s}" for p, s in REGION_SPACES.items()}
    return out | {p: f"{DEFAULT_BASE}id/{s}" for p, s in SHARED_SPACES.items()}


def local(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    return str(term.value).rstrip("/").rsplit("/", 1)[-1]


def mint(
    rule: str | None,
    sheet: str,
    first: dict[str, ox.NamedNode | ox.Literal],
    key: str,
    taken: set[str],
) -> str | None:
    """A new IRI for a row with no ID, or None when the row lacks what its name needs.

    `first` holds the first value of each column (by key); `taken` the IRIs in use.
    """
    spaces = scheme_prefixes(key)
    if rule == "goal":
        code, notation, kind = first.get("code"), first.get("notatie"), first.get("type")
        theme = kind is not None and str(kind.value).endswith("#PrioritaireOpgave")
        if code is not None and (theme or notation is None):
            return spaces["opgave"] + str(code.value)
        return spaces["doel"] + str(notation.value) if notation is not None else None
    name = _local_name(rule, first)
    if name is None or sheet not in _SPACE:
        return None
    base = spaces[_SPACE[sheet]]
    if rule != "numbered":
        return base + name
    n = 1
    while f"{base}{name}-{n}" in taken:
        n += 1
    return f"{base}{name}-{n}"


def _local_name(rule: str | None, first: dict[str, ox.NamedNode | ox.Literal]) -> str | None:
    parent, theme = first.get("parent"), first.get("opgave")
    number = first.get("nummer")
    if rule == "inspanning" and theme is not None and number is not None:
        return f"{local(theme)}-{number.value}"
    if rule == "listing" and theme is not None and number is not None:
        return f"{local(theme)}-{number.value}"
    if rule in ("numbered", "single") and parent is not None:
        return local(parent)
    if rule == "position" and parent is not None and "positie" in first:
        return f"{_reference_owner(parent, theme)}-{first['positie'].value}"
    if rule in ("actor", "initiative") and "naam" in first:
        return slug(str(first["naam"].value)) or None
    return None


def _reference_owner(parent: ox.NamedNode | ox.Literal, theme: object) -> str:
    """dv:<insp code>-n · dv:<CODE>-L<number>-n (listing) · dv:AP<n>-<CODE>-n (aandachtspunt)."""
    value, name = str(parent.value), local(parent)
    if "/vermelding/" in value:
        code, _, number = name.rpartition("-")
        return f"{code}-L{number}"
    if "/aandachtspunt/" in value and isinstance(theme, ox.NamedNode):
        return f"AP{name}-{local(theme)}"
    return name
