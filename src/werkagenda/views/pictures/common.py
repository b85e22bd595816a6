"""What the four pictures share: the inspanningen in scope and the picture's title."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from werkagenda.errors import InputError
from werkagenda.views.pictures import data
from werkagenda.views.pictures.labels import text


@dataclass(frozen=True)
class Inspanning:
    iri: str
    code: str
    title: str
    theme: str  # theme IRI
    theme_code: str


def inspanningen(store: ox.Store, scope: data.Scope) -> list[Inspanning]:
    """The inspanningen of the scope, in theme and number order."""
    return [
        Inspanning(
            str(r["i"]), str(r["code"]), str(r["title"]), str(r["theme"]), str(r["themeCode"])
        )
        for r in data.select(store, "inspanningen", scope)
    ]


def title(store: ox.Store, scope: data.Scope, name: str) -> str:
    """`<name>.title`, or `<name>.title.theme` naming the theme ('VOW — Vitaal ouder worden')."""
    if scope.theme is None:
        return text(scope.lang, f"{name}.title")
    found = data.themes(store, scope).get(scope.theme)
    if found is None:
        raise InputError(f"{scope.theme} is not a theme of the agenda {scope.agenda}")
    code, label = found
    return text(scope.lang, f"{name}.title.theme", theme=f"{code} — {label}")


def joined(items: list[str], lang: str) -> str:
    """'a, b en c' / 'a, b and c'; '' for none."""
    if len(items) < 2:
        return "".join(items)
    last = " en " if lang == "nl" else " and "
    return ", ".join(items[:-1]) + last + items[-1]
