"""Parse and validate query parameters into RDF terms (typed, with defaults).

Values arrive as strings (CLI `--param k=v`) or Python values (API keywords); each becomes
one RDF term for its declared type. Unknown, missing and mistyped parameters are
InputErrors that name the parameter, so a person can fix the call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import pyoxigraph as ox

from werkagenda.config import DEFAULT_AGENDA_KEY, DEFAULT_BASE
from werkagenda.errors import InputError, ParameterError
from werkagenda.query.registry import NamedQuery, Param

XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

Term = ox.NamedNode | ox.Literal


def parse_assignments(pairs: tuple[str, ...] | list[str]) -> dict[str, str | list[str]]:
    """`["code=VOW-9", "lang=en"]` -> `{"code": "VOW-9", "lang": "en"}`; the first `=` splits.

    A name given more than once collects its values in a list (for a `many` parameter):

    >>> parse_assignments(["reject=iza", "reject=spuk"])
    {'reject': ['iza', 'spuk']}
    """
    out: dict[str, str | list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--param {pair!r}: expected NAME=VALUE")
        key = name.strip()
        if key in out:
            previous = out[key]
            out[key] = [*(previous if isinstance(previous, list) else [previous]), value]
        else:
            out[key] = value
    return out


def bind(
    query: NamedQuery,
    values: Mapping[str, object],
    *,
    editions: Callable[[str], str | None] | None = None,
) -> dict[str, Term]:
    """Every declared parameter as a term: given values validated, defaults filled in.

    An `agenda` left out is the latest edition of Gezonde Marke's region: `editions(region)`
    names it (the queried store's newest graph), else the agendas under data/ do.

    >>> from werkagenda.query.registry import Column, NamedQuery, Param
    >>> q = NamedQuery("q", None, "", {"nl": "q"}, "", (Param("n", "integer", default="3"),),
    ...                (Column("x"),))
    >>> bind(q, {})["n"].value
    '3'
    >>> bind(q, {"m": 1})
    Traceback (most recent call last):
    ...
    werkagenda.errors.ParameterError: unknown parameter 'm' for query 'q' (it takes: n).
    """
    known = {p.name: p for p in query.params}
    if "agenda" in known:
        values = select_agenda(values, editions, fill=True)
    unknown = sorted(set(values) - set(known))
    if unknown:
        names = [*known, *(("region", "edition") if "agenda" in known else ())]
        takes = ", ".join(names) or "no parameters"
        raise ParameterError(
            f"unknown parameter {unknown[0]!r} for query {query.name!r} (it takes: {takes}).",
            query=query.name,
        )
    bound: dict[str, Term] = {}
    for param in query.params:
        raw = values.get(param.name)
        if raw is None:
            if param.required:
                raise ParameterError(
                    f"missing parameter {param.name!r} ({param.type}) for query {query.name!r}: "
                    f"{param.description}",
                    query=query.name,
                    param=param.name,
                )
            raw = param.default
        bound[param.name] = to_term(param, raw)
    return bound


_REGION = re.compile(r"[a-z0-9][a-z0-9-]*")
_EDITION = re.compile(r"\d{4}")


def select_agenda(
    values: Mapping[str, object],
    editions: Callable[[str], str | None] | None = None,
    *,
    fill: bool = False,
) -> dict[str, object]:
    """Every query with an `agenda` parameter also takes `region` and `edition` (the region
    defaulting to Gezonde Marke's, the edition to the region's latest: `editions(region)`, else
    the newest folder under data/), or an agenda key `region/edition` for `agenda`. With
    `fill`, no agenda at all means the default region's latest edition too.

    >>> select_agenda({"edition": 2025})["agenda"]
    'https://w3id.org/iza-werkagenda/id/drenthe/2025'
    >>> select_agenda({"agenda": "synth-r001/2024", "lang": "en"})["agenda"]
    'https://w3id.org/iza-werkagenda/id/synth-r001/2024'
    """
    out = dict(values)
    region, edition = out.pop("region", None), out.pop("edition", None)
    agenda = out.get("agenda")
    if region is None and edition is None:
        if isinstance(agenda, str) and "/" in agenda and ":" not in agenda:
            region, _, edition = agenda.partition("/")  # a key such as drenthe/2024
            del out["agenda"]
        elif agenda is not None or not fill:
            return out
    elif agenda is not None:
        raise InputError("give the agenda either as 'agenda' or as 'region'/'edition', not both")
    default_region, _, default_edition = DEFAULT_AGENDA_KEY.partition("/")
    region = str(default_region if region is None else region).strip()
    if edition is None:  # the latest edition of the region is the default
        from werkagenda.editions.resolve import latest_edition

        edition = (editions or latest_edition)(region) or default_edition
    edition = str(edition).strip()
    if not _REGION.fullmatch(region):
        raise InputError(f"region {region!r}: lower-case letters, digits and '-', e.g. drenthe")
    if not _EDITION.fullmatch(edition):
        raise InputError(f"edition {edition!r}: a year of four digits, e.g. 2024")
    out["agenda"] = f"{DEFAULT_BASE}id/{region}/{edition}"
    return out


def agenda_of(agenda: str | None, store: ox.Store | None = None) -> str:
    """An agenda IRI from an IRI, a key `region/edition`, or None: Gezonde Marke's latest
    edition in `store` (without a store: under data/)."""
    if agenda is None:
        from werkagenda.editions.resolve import latest_in_store

        latest = (lambda region: latest_in_store(store, region)) if store is not None else None
        return str(select_agenda({}, latest, fill=True)["agenda"])
    iri = str(select_agenda({"agenda": agenda})["agenda"])
    try:
        ox.NamedNode(iri)
    except ValueError:
        iri = ""
    if not iri.startswith(("http://", "https://")):
        raise InputError(f"agenda {agenda!r}: give an agenda key such as drenthe/2024 or its IRI")
    return iri


def many_term(param: Param, raw: object) -> ox.Literal:
    """The values of a `many` parameter as one literal: `" a b "`, each value padded by a space.

    A query tests membership with `CONTAINS(?p, CONCAT(" ", ?value, " "))`. Values are given
    as a list or as one whitespace-separated string; a value cannot itself hold whitespace.

    >>> many_term(Param("reject", "string", many=True, required=True), ["iza", " spuk"]).value
    ' iza spuk '
    """
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    items = [word for value in values for word in str(value).split()]
    if not items:
        raise InputError(f"parameter {param.name!r} needs at least one value")
    for item in items:
        if param.choices and item not in param.choices:
            raise InputError(
                f"parameter {param.name!r} values must be among {', '.join(param.choices)}, "
                f"got {item!r}"
            )
    return ox.Literal(" " + " ".join(dict.fromkeys(items)) + " ")


def to_term(param: Param, raw: object) -> Term:
    """One value as the RDF term of the parameter's type."""
    if param.many:
        return many_term(param, raw)
    if isinstance(raw, (list, tuple)):
        raise InputError(f"parameter {param.name!r} takes one value, got {len(raw)}")
    text = str(raw).strip() if not isinstance(raw, str) else raw
    if param.choices and text not in param.choices:
        raise InputError(
            f"parameter {param.name!r} must be one of {', '.join(param.choices)}, got {text!r}"
        )
    if param.type == "integer":
        if isinstance(raw, bool):
            raise InputError(f"parameter {param.name!r} must be an integer, got {raw!r}")
        try:
            number = int(text)
        except ValueError:
            raise InputError(f"parameter {param.name!r} must be an integer, got {text!r}") from None
        return ox.Literal(str(number), datatype=XSD_INTEGER)
    if param.type == "iri":
        iri = text.strip()
        if iri.startswith("<") and iri.endswith(">"):
            iri = iri[1:-1]
        try:
            return ox.NamedNode(iri)
        except ValueError as e:
            raise InputError(
                f"parameter {param.name!r} must be an absolute IRI, got {text!r} ({e})"
            ) from None
    return ox.Literal(text)
