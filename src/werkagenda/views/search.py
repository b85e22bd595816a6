"""Search: one index of the agenda's names and texts, matched case- and accent-insensitively.

The index is built once from the store (`queries/internal/views/search-index.rq`: labels,
name variants, titles, codes, goal texts, ambitions, descriptions). The server keeps it per
worker; `werkagenda publish` writes it as `search-index.json`, and `static/search.js` applies
the same matching in the browser. Matching folds both sides character by character
(`fold_char`: lower case, accents removed), so a position in the folded text is a position
in the text as written and the match can be highlighted where it stands.

>>> fold("Cliënt ZORGVERZEKERAAR")
'client zorgverzekeraar'
>>> idx = Index([Entry("https://x/i/1", "inspanning", {"nl": "De Buurt"}, "VOW-9",
...     (Field("title", "nl", "De buurt als Ecosysteem"),), "https://x/a")])
>>> [r.label for g in idx.search("ECOSYSTÉEM").groups for r in g.results]
['De Buurt']
>>> idx.search("ecosysteem").groups[0].results[0].snippet
(('De buurt als ', False), ('Ecosysteem', True))
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox

from werkagenda.query.execute import select
from werkagenda.query.files import read_query

WA = "https://w3id.org/iza-werkagenda/def#"
# Kind of a resource by its most specific class; the order is the order of the groups.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("inspanning", ("Inspanning",)),
    ("theme", ("PrioritaireOpgave",)),
    ("goal", ("OperationeelDoel",)),
    ("strategic", ("StrategischDoel",)),
    (
        "organisation",
        ("Organisatie", "Collectief", "Samenwerkingsverband", "GezondeMarkeOrgaan", "Functionaris"),
    ),
    ("aandachtspunt", ("Aandachtspunt",)),
    ("initiative", ("SnelleToetsAanvraag", "BestaandInitiatief", "GerelateerdInitiatief")),
    ("agenda", ("Werkagenda",)),
)
KIND_OF = {WA + cls: kind for kind, classes in KINDS for cls in classes}
KIND_ORDER = {kind: n for n, (kind, _) in enumerate(KINDS)}
FIELD_ORDER = {"code": 0, "label": 1, "title": 2, "variant": 3, "text": 4}
CONTEXT = 60  # characters of context either side of the first match
MAX_QUERY = 200  # characters of a query that are looked at
MAX_RESULTS = 50  # per kind


@lru_cache(maxsize=4096)  # bounded: a search may bring any characters
def fold_char(c: str) -> str:
    """One character lower-cased without its accents ('' for a combining mark alone).

    >>> fold_char("Ë"), fold_char("ß"), fold_char("\\u0301")
    ('e', 'ß', '')
    """
    decomposed = unicodedata.normalize("NFKD", c.lower())
    return "".join(x for x in decomposed if unicodedata.category(x)[0] != "M")


def fold(text: str) -> str:
    """`text` lower-cased without accents (the same as static/search.js `fold`)."""
    return "".join(fold_char(c) for c in text)


def folded_with_map(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded position, the position in `text` it came from."""
    out: list[str] = []
    where: list[int] = []
    for n, c in enumerate(text):
        f = fold_char(c)
        out.append(f)
        where.extend([n] * len(f))
    return "".join(out), where


def words(query: str) -> list[str]:
    """The folded words of a query (at most MAX_QUERY characters), each once, in order."""
    seen: list[str] = []
    for w in fold(query[:MAX_QUERY]).split():
        if w not in seen:
            seen.append(w)
    return seen


def display(code: str, label: str) -> str:
    """The text of a result's link: the label, after the code unless the label spells it.

    >>> display("VOW-9", "De buurt als Ecosysteem"), display("GL-S2-E", "GL S2-E")
    ('VOW-9 De buurt als Ecosysteem', 'GL S2-E')
    """
    squeeze = "".join(c for c in fold(label) if c.isalnum())
    if not code or squeeze.startswith("".join(c for c in fold(code) if c.isalnum())):
        return label
    return f"{code} {label}"


@dataclass(frozen=True)
class Field:
    name: str  # code | label | title | variant | text
    lang: str
    text: str


@dataclass(frozen=True)
class Entry:
    """One searchable resource."""

    iri: str
    kind: str
    labels: dict[str, str]  # lang -> display label
    code: str
    fields: tuple[Field, ...]
    agenda: str

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("nl") or self.labels.get("") or self.iri


@dataclass(frozen=True)
class Result:
    iri: str
    label: str
    code: str
    field: str  # which kind of text matched
    snippet: tuple[tuple[str, bool], ...]  # (text, is the match)
    score: tuple[int, int, str]


@dataclass(frozen=True)
class Group:
    kind: str
    results: tuple[Result, ...]
    total: int


@dataclass(frozen=True)
class Answer:
    query: str
    words: tuple[str, ...]
    groups: tuple[Group, ...] = ()

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)


@dataclass
class Index:
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._folded = [
            [(f, *folded_with_map(f.text)) for f in entry.fields] for entry in self.entries
        ]

    def search(self, query: str, *, lang: str = "nl", agenda: str | None = None) -> Answer:
        """Entries whose texts hold every word of `query` (folded), grouped by kind."""
        wanted = words(query)
        if not wanted:
            return Answer(query, ())
        found: dict[str, list[Result]] = {}
        for entry, fields in zip(self.entries, self._folded, strict=True):
            if agenda is not None and entry.agenda != agenda:
                continue
            result = _match(entry, fields, wanted, lang)
            if result is not None:
                found.setdefault(entry.kind, []).append(result)
        groups = tuple(
            Group(kind, tuple(sorted(rs, key=lambda r: r.score)[:MAX_RESULTS]), len(rs))
            for kind, rs in sorted(found.items(), key=lambda kv: KIND_ORDER.get(kv[0], 99))
        )
        return Answer(query, tuple(wanted), groups)

    def as_json(self, href: Callable[[str], str | None]) -> dict:
        """The index for static/search.js: entries with their link, kind, labels and texts."""
        return {
            "entries": [
                {
                    "href": href(e.iri) or "",
                    "kind": e.kind,
                    "labels": e.labels,
                    "code": e.code,
                    "agenda": e.agenda,
                    "fields": [[f.name, f.lang, f.text] for f in e.fields],
                }
                for e in self.entries
            ]
        }


def _match(
    entry: Entry,
    fields: list[tuple[Field, str, list[int]]],
    wanted: list[str],
    lang: str,
) -> Result | None:
    """The entry's best matching field as a Result, or None when a word is missing."""
    missing = set(wanted)
    best: tuple[tuple[int, int, int], Field, str, list[int]] | None = None
    for f, folded, where in fields:
        hits = [w for w in wanted if w in folded]
        if not hits:
            continue
        missing -= set(hits)
        other_lang = 0 if f.lang in ("", lang) else 1
        rank = (-len(hits), other_lang, FIELD_ORDER.get(f.name, 9))
        if best is None or rank < best[0]:
            best = (rank, f, folded, where)
    if missing or best is None:
        return None
    rank, f, folded, where = best
    exact = 0 if fold(entry.label(lang)) == " ".join(wanted) or fold(entry.code) in wanted else 1
    return Result(
        entry.iri,
        entry.label(lang),
        entry.code,
        f.name,
        snippet(f.text, folded, where, wanted),
        (exact, FIELD_ORDER.get(f.name, 9), fold(entry.code or entry.label(lang))),
    )


def snippet(
    text: str, folded: str, where: list[int], wanted: Iterable[str]
) -> tuple[tuple[str, bool], ...]:
    """`text` around its first match, cut at spaces, as (part, is a match) pairs.

    >>> snippet("een Zorgverzekeraar", *folded_with_map("een Zorgverzekeraar"), ["zorg"])
    (('een ', False), ('Zorg', True), ('verzekeraar', False))
    """
    merged = _spans(folded, where, wanted)
    first = merged[0][0] if merged else 0
    lo = max(0, first - CONTEXT)
    hi = min(len(text), (merged[0][1] if merged else 0) + CONTEXT)
    if lo > 0:
        space = text.find(" ", lo, first)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", merged[0][1] if merged else 0, hi)
        hi = space if space > 0 else hi
    parts: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
    at = lo
    for start, end in merged:
        if start >= hi:
            break
        if start > at:
            parts.append((text[at:start], False))
        parts.append((text[max(start, at) : min(end, hi)], True))
        at = min(end, hi)
    if at < hi:
        parts.append((text[at:hi], False))
    if hi < len(text):
        parts.append(("…", False))
    return tuple(_joined(parts))


def _spans(folded: str, where: list[int], wanted: Iterable[str]) -> list[list[int]]:
    """The matches of `wanted` as [start, end) in the original text, overlaps merged."""
    spans: list[tuple[int, int]] = []
    for w in wanted:
        at = folded.find(w)
        while at >= 0:
            spans.append((where[at], where[at + len(w) - 1] + 1))
            at = folded.find(w, at + len(w))
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _joined(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for text, marked in parts:
        if out and out[-1][1] == marked:
            out[-1] = (out[-1][0] + text, marked)
        elif text:
            out.append((text, marked))
    return out


def build_index(store: ox.Store) -> Index:
    """The search index of every agenda in the store."""
    classes: dict[str, set[str]] = {}
    texts: dict[str, list[Field]] = {}
    agendas: dict[str, str] = {}
    for r in select(store, read_query("internal/views/search-index")):
        iri = r["resource"].value
        classes.setdefault(iri, set()).add(r["class"].value)
        agendas.setdefault(iri, r["agenda"].value)
        f = Field(r["field"].value, r["textLang"].value, r["text"].value)
        found = texts.setdefault(iri, [])
        if f not in found:
            found.append(f)
    entries = []
    for iri, fields in texts.items():
        kinds = sorted((KIND_OF[c] for c in classes[iri]), key=lambda k: KIND_ORDER[k])
        labels: dict[str, str] = {}
        for name in ("label", "title"):
            for f in fields:
                if f.name == name:
                    labels.setdefault(f.lang, f.text)
        code = next((f.text for f in fields if f.name == "code"), "")
        ordered = tuple(sorted(fields, key=lambda f: FIELD_ORDER.get(f.name, 9)))
        entries.append(Entry(iri, kinds[0], labels or {"": code}, code, ordered, agendas[iri]))
    entries.sort(key=lambda e: (KIND_ORDER[e.kind], e.iri))
    return Index(entries)
