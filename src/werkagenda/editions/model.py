"""The changelog's data: source lines, one change, and the changelog between two editions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class SourceLine:
    """One line of an edition's source text: `data/drenthe-2024/sources/x.txt:652`."""

    path: str
    line: int
    iri: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Change:
    """One change in the agenda's terms, with the source line in each edition.

    `kind` is a change kind of `werkagenda.editions.kinds.KINDS` (e.g. "planning-moved");
    `subject` names the resource by its code ("ZT-10", "ZT-S1-A", an organisation IRI);
    `item` the part that changed ("initiatiefnemer <IRI>", funding position "1");
    `old`/`new` the values before and after (None for additions / removals).
    """

    kind: str
    facet: str
    subject: str
    theme: str
    item: str = ""
    old: tuple[str, ...] | None = None
    new: tuple[str, ...] | None = None
    old_line: SourceLine | None = None
    new_line: SourceLine | None = None

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.theme, self.subject, self.facet, self.item)


@dataclass(frozen=True)
class Collision:
    """Two or more resources of one edition share a code: reported, never paired."""

    edition: str
    facet: str
    code: str
    lines: tuple[SourceLine, ...]


@dataclass
class Changelog:
    """The semantic changes from edition `old` to edition `new` (agenda keys and IRIs)."""

    old: str
    new: str
    old_iri: str
    new_iri: str
    changes: list[Change] = field(default_factory=list)
    collisions: list[Collision] = field(default_factory=list)

    def per_kind(self) -> dict[str, int]:
        return dict(sorted(Counter(c.kind for c in self.changes).items()))

    def per_theme(self) -> dict[str, int]:
        return dict(sorted(Counter(c.theme or "-" for c in self.changes).items()))

    def __bool__(self) -> bool:
        return bool(self.changes)
