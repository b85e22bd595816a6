"""A named query described for a person: title, description, every parameter, its columns."""

from __future__ import annotations

import textwrap

from werkagenda.config import DEFAULT_AGENDA_KEY
from werkagenda.query.registry import NamedQuery, Param

# Every query with `agenda` also takes these (query.params.select_agenda).
AGENDA_ALIASES = (
    ("region", "string", "drenthe", "region of the agenda (with `edition`, instead of `agenda`)"),
    ("edition", "string", "the latest", "edition (year) of the agenda (with `region`)"),
)


def describe(query: NamedQuery, lang: str = "nl", width: int = 88) -> str:
    """The query's contract as text: what `werkagenda queries NAME` prints.

    >>> from werkagenda.query.registry import get
    >>> print(describe(get("inspanning-goals")).splitlines()[0])
    inspanning-goals — Doelen van een inspanning
    """
    out = [f"{query.name} — {query.title_in(lang)}", ""]
    out += textwrap.wrap(query.description, width, break_long_words=False) + ["", "Parameters:"]
    for p in query.params:
        out.append(_param_line(p))
        if p.name == "agenda":
            out += [f"  {n} ({t}, default {d}): {text}" for n, t, d, text in AGENDA_ALIASES]
    out += ["", "Columns:"]
    out += [f"  {c.name}{' (list)' if c.is_list else ''}: {c.description}" for c in query.columns]
    example = " ".join(f"-p {p.name}=…" for p in query.params if p.required)
    out += ["", f"Run: werkagenda query {query.name}" + (f" {example}" if example else "")]
    return "\n".join(out)


def _param_line(p: Param) -> str:
    default = f"default {p.default}"
    if p.name == "agenda":  # query.params.select_agenda: the header's IRI is the last resort
        default = f"default the latest edition of {DEFAULT_AGENDA_KEY.partition('/')[0]}"
    facts = [p.type, "required" if p.required else default]
    if p.choices:
        facts.append("one of " + " ".join(p.choices))
    if p.lookup:
        facts.append(f"a known {p.lookup[:-1] if p.lookup.endswith('s') else p.lookup}")
    return f"  {p.name} ({', '.join(facts)}): {p.description}"
