"""Funding what-if: which inspanningen and goals fall when instruments or plans are not granted.

A scenario rejects funding sources (concepts of the funding-source scheme, by notation or
slug; `iza` is the concept and every narrower one) and IZA applications (by identifier,
`VOW-9-tp`, or as `VOW-9:transformatieplan` / `VOW-9:snelle-toets`). The rules live in the
named queries `whatif-inspanningen` and `whatif-goals` (see their headers); this module
checks the names, runs both queries and returns typed rows plus a summary per theme.

>>> from werkagenda.whatif import run
>>> scenario = run(reject=["iza-transformatieplan"])  # doctest: +SKIP
>>> [i.code for i in scenario.lost]                    # doctest: +SKIP
['AM-6', 'VOW-16', 'VOW-19']
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from werkagenda.config import DEFAULT_BASE, QUERIES_DIR
from werkagenda.errors import InputError
from werkagenda.query.params import agenda_of

if TYPE_CHECKING:
    import pyoxigraph as ox

    from werkagenda.query.registry import NamedQuery

Effect = Literal["lost", "weakened", "unrecorded"]  # unrecorded: no funding recorded
TARGETS_QUERY = "targets"
INTERNAL = QUERIES_DIR / "internal" / "whatif"


@dataclass(frozen=True)
class Target:
    """A name a scenario can reject: a funding-source concept or one IZA application."""

    name: str
    kind: Literal["source", "application"]
    iri: str
    label_nl: str
    label_en: str
    agenda: str | None = None  # the agenda graph of an application

    def label(self, lang: str = "nl") -> str:
        return (self.label_en if lang == "en" else "") or self.label_nl or self.name


@dataclass(frozen=True)
class AffectedInspanning:
    """An inspanning whose funding falls in the scenario (or has none recorded)."""

    theme: str
    code: str
    title: str
    effect: Effect
    fallen: tuple[str, ...]
    remaining: tuple[str, ...]
    iri: str


@dataclass(frozen=True)
class AffectedGoal:
    """An operational goal some or all of whose serving inspanningen lose their funding."""

    theme: str
    goal: str
    label: str
    effect: Literal["lost", "weakened"]
    inspanningen: int
    losing: tuple[str, ...]
    keeping: tuple[str, ...]
    iri: str


@dataclass(frozen=True)
class ThemeSummary:
    """Per priority theme: how many inspanningen and goals the scenario affects."""

    theme: str
    inspanningen_lost: int
    inspanningen_weakened: int
    goals_lost: int
    goals_weakened: int


@dataclass(frozen=True)
class Scenario:
    """The answer to one what-if: typed rows, in the queries' order."""

    agenda: str
    lang: str
    reject: tuple[Target, ...]
    inspanningen: tuple[AffectedInspanning, ...]  # lost and weakened
    no_funding_recorded: tuple[AffectedInspanning, ...]
    goals: tuple[AffectedGoal, ...]
    themes: tuple[ThemeSummary, ...]

    @property
    def lost(self) -> tuple[AffectedInspanning, ...]:
        return tuple(i for i in self.inspanningen if i.effect == "lost")

    @property
    def weakened(self) -> tuple[AffectedInspanning, ...]:
        return tuple(i for i in self.inspanningen if i.effect == "weakened")

    @property
    def reject_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.reject)


def run(
    reject: Iterable[str],
    *,
    agenda: str | None = None,
    lang: str = "nl",
    store: ox.Store | None = None,
) -> Scenario:
    """The scenario in which every name in `reject` is not granted, on agenda `agenda`.

    Unknown names are an InputError listing the nearest valid names; an application that
    only another agenda holds is an InputError naming that agenda.
    """
    db = store if store is not None else _store()
    agenda_iri = agenda_of(agenda, db)
    chosen = resolve_in(db, reject, agenda_iri)
    names = [t.name for t in chosen]
    params: dict[str, object] = {"agenda": agenda_iri, "lang": lang, "reject": names}
    rows = _records(db, "whatif-inspanningen", params)
    goal_rows = _records(db, "whatif-goals", params)
    affected = [_inspanning(r) for r in rows]
    goals = tuple(_goal(r) for r in goal_rows)
    hit = tuple(i for i in affected if i.effect != "unrecorded")
    return Scenario(
        agenda=agenda_iri,
        lang=lang,
        reject=tuple(chosen),
        inspanningen=hit,
        no_funding_recorded=tuple(i for i in affected if i.effect == "unrecorded"),
        goals=goals,
        themes=summarise(hit, goals),
    )


def agenda_key(iri: str) -> str:
    """`…/id/drenthe/2024` -> `drenthe/2024` (other IRIs unchanged)."""
    prefix = DEFAULT_BASE + "id/"
    return iri[len(prefix) :] if iri.startswith(prefix) else iri


def targets(store: ox.Store, agenda: str | None = None) -> list[Target]:
    """Every rejectable name: funding-source concepts and the applications of every agenda,
    or only of `agenda` (its named graph alone is read, so the time does not grow with the
    number of agendas in the store)."""
    query = _query(TARGETS_QUERY, INTERNAL)
    if agenda is None:
        records = _records(store, TARGETS_QUERY, {}, folder=INTERNAL)
    else:  # ?agenda bound by substitution: `GRAPH ?agenda` reads that one graph
        import pyoxigraph

        from werkagenda.query.execute import execute, select_columns

        bound = {pyoxigraph.Variable("agenda"): pyoxigraph.NamedNode(agenda)}
        raw = execute(store, query.text, substitutions=bound, source=str(query.path))
        records = select_columns(raw, query).records()
    out = []
    for r in records:
        kind: Literal["source", "application"] = (
            "application" if r["kind"] == "application" else "source"
        )
        out.append(
            Target(
                name=str(r["name"]),
                kind=kind,
                iri=str(r["target"]),
                label_nl=str(r["label_nl"] or ""),
                label_en=str(r["label_en"] or ""),
                # a substituted ?agenda is bound on the concept rows too: concepts have none
                agenda=None if r["agenda"] is None or kind == "source" else str(r["agenda"]),
            )
        )
    return out


def resolve_in(
    store: ox.Store, reject: Iterable[str], agenda: str, here: Sequence[Target] | None = None
) -> list[Target]:
    """`resolve` against the targets of `agenda` only (`here`, when already read); when a
    name is not among them, the targets of every agenda are read for the message (the
    agenda that holds it)."""
    reject = list(reject)
    try:
        return resolve(reject, targets(store, agenda) if here is None else here, agenda)
    except InputError:
        return resolve(reject, targets(store), agenda)


def resolve(reject: Iterable[str], known: Sequence[Target], agenda: str) -> list[Target]:
    """The targets `reject` names in `agenda` (case-insensitive), in the order given."""
    words = [word for value in reject for word in str(value).split()]
    if not words:
        raise InputError(
            "give at least one funding source or application to reject, e.g. "
            "--reject iza-transformatieplan"
        )
    here = {t.name.lower(): t for t in known if t.agenda in (None, agenda)}
    chosen: dict[str, Target] = {}
    for word in words:
        found = here.get(word.lower())
        if found is None:
            raise _unknown(word, here, known, agenda)
        chosen.setdefault(found.name, found)
    return list(chosen.values())


def _unknown(
    word: str, here: dict[str, Target], known: Sequence[Target], agenda: str
) -> InputError:
    elsewhere = sorted(
        {agenda_key(t.agenda) for t in known if t.agenda and t.name.lower() == word.lower()}
    )
    if elsewhere:
        return InputError(
            f"{word!r} is not a funding source or application of agenda {agenda_key(agenda)}; "
            f"it exists only in agenda {', '.join(elsewhere)} "
            f"(choose it with --agenda {elsewhere[0]})"
        )
    close = difflib.get_close_matches(word.lower(), list(here), n=5, cutoff=0.5)
    nearest = ", ".join(here[c].name for c in close) or ", ".join(
        sorted(t.name for t in here.values() if t.kind == "source")
    )
    label = "nearest valid names" if close else "funding sources"
    return InputError(
        f"unknown funding source or application {word!r} in agenda {agenda_key(agenda)}; "
        f"{label}: {nearest}"
    )


def summarise(
    inspanningen: Sequence[AffectedInspanning], goals: Sequence[AffectedGoal]
) -> tuple[ThemeSummary, ...]:
    """Counts per theme, themes in alphabetical order of their codes."""
    themes = sorted({i.theme for i in inspanningen} | {g.theme for g in goals})
    return tuple(
        ThemeSummary(
            theme=theme,
            inspanningen_lost=sum(i.theme == theme and i.effect == "lost" for i in inspanningen),
            inspanningen_weakened=sum(
                i.theme == theme and i.effect == "weakened" for i in inspanningen
            ),
            goals_lost=sum(g.theme == theme and g.effect == "lost" for g in goals),
            goals_weakened=sum(g.theme == theme and g.effect == "weakened" for g in goals),
        )
        for theme in themes
    )


def _inspanning(r: dict[str, object]) -> AffectedInspanning:
    effect = str(r["effect"])
    if effect not in ("lost", "weakened", "unrecorded"):
        raise ValueError(f"unexpected effect {effect!r}")
    return AffectedInspanning(
        theme=str(r["theme"]),
        code=str(r["code"]),
        title=str(r["title"] or ""),
        effect=effect,  # type: ignore[arg-type]
        fallen=_items(r["fallen"]),
        remaining=_items(r["remaining"]),
        iri=str(r["inspanning"]),
    )


def _goal(r: dict[str, object]) -> AffectedGoal:
    effect: Literal["lost", "weakened"] = "lost" if r["effect"] == "lost" else "weakened"
    return AffectedGoal(
        theme=str(r["theme"]),
        goal=str(r["goal"]),
        label=str(r["label"] or ""),
        effect=effect,
        inspanningen=int(str(r["inspanningen"])),
        losing=_items(r["losing"]),
        keeping=_items(r["keeping"]),
        iri=str(r["doel"]),
    )


def _items(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _records(
    store: ox.Store, name: str, params: dict[str, object], folder: Path | None = None
) -> list[dict[str, object]]:
    from werkagenda.query.execute import run_named

    return run_named(store, _query(name, folder), params).records()


@cache
def _query(name: str, folder: Path | None) -> NamedQuery:
    """A named query, read once per process (the query files do not change while running)."""
    from werkagenda.query.registry import get

    return get(name, folder)


def _store() -> ox.Store:
    from werkagenda.store import open_store

    return open_store()
