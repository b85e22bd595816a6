"""The view model of a resource page: label, types, links out and in, and its source text."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from werkagenda.views.describe import DESCRIPTIONS, LABELS, TYPE, Describer, pick_language
from werkagenda.views.links import Linker

PAGE_SIZE = 100  # incoming links per property per page
COLLAPSE_OVER = 12  # groups longer than this start collapsed
MAX_DEPTH = 3  # nesting of blank nodes shown inline


PARAGRAPH_TAGS = re.compile(r"\s*</?(?:p|br)\s*/?>\s*", re.I)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a source cell, its `<p>`/`<br>` markup read as breaks (other text stays).

    >>> paragraphs("<p>9. De buurt</p> <p>Zie toets</p>"), paragraphs("a <script>x</script>")
    (['9. De buurt', 'Zie toets'], ['a <script>x</script>'])
    """
    return [part for part in PARAGRAPH_TAGS.split(text) if part.strip()] or [text]


def link(d: Describer, lk: Linker, term: ox.NamedNode, lang: str) -> dict:
    return {
        "kind": "iri",
        "iri": term.value,
        "href": lk.href(term.value),
        "label": d.label(term, lang),
        "short": d.short(term.value),
    }


def value(d: Describer, lk: Linker, term, lang: str, depth: int = 0) -> dict:  # type: ignore[no-untyped-def]
    if isinstance(term, ox.NamedNode):
        return link(d, lk, term, lang)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        plain = term.language or dt.endswith("#string") or dt.endswith("#langString")
        return {
            "kind": "literal",
            "text": term.value,
            "paragraphs": paragraphs(term.value),
            "lang": term.language or "",
            "datatype": "" if plain else d.short(dt),
        }
    if isinstance(term, ox.BlankNode) and depth < MAX_DEPTH:
        return {"kind": "bnode", "groups": groups(d, lk, d.outgoing(term), lang, depth + 1)}
    return {"kind": "literal", "text": str(term), "lang": "", "datatype": ""}


def groups(
    d: Describer,
    lk: Linker,
    triples: list[ox.Triple],
    lang: str,
    depth: int = 0,
    skip: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Outgoing values grouped by property, properties sorted by their label."""
    by_prop: dict[ox.NamedNode, list] = defaultdict(list)
    for t in triples:
        if t.predicate.value not in skip:
            by_prop[t.predicate].append(t.object)
    out: list[dict[str, Any]] = []
    for prop, objects in by_prop.items():
        values = [value(d, lk, o, lang, depth) for o in objects]
        values.sort(key=lambda v: (v["kind"], v.get("label") or v.get("text") or ""))
        out.append(
            {
                "prop": link(d, lk, prop, lang),
                "values": values,
                "verbatim": prop.value in d.verbatim_props,
                "collapsed": len(values) > COLLAPSE_OVER,
            }
        )
    out.sort(key=lambda g: g["prop"]["label"].lower())
    return out


def incoming_groups(
    d: Describer, lk: Linker, node: ox.NamedNode, lang: str, page: int, page_size: int = PAGE_SIZE
) -> tuple[list[dict[str, Any]], bool]:
    """Links pointing here, grouped by property; each group sliced to page `page`."""
    by_prop: dict[ox.NamedNode, list[ox.NamedNode | ox.BlankNode]] = defaultdict(list)
    for t in d.incoming(node):
        if isinstance(t.subject, ox.NamedNode | ox.BlankNode):
            by_prop[t.predicate].append(t.subject)
    out: list[dict[str, Any]] = []
    more = False
    for prop, subjects in by_prop.items():
        named = sorted((s for s in subjects if isinstance(s, ox.NamedNode)), key=lambda s: s.value)
        start = page * page_size
        shown = named[start : start + page_size]
        more = more or len(named) > start + page_size
        items = sorted((link(d, lk, s, lang) for s in shown), key=lambda v: v["label"].lower())
        out.append(
            {
                "prop": link(d, lk, prop, lang),
                "values": items,
                "count": len(named),
                "anonymous": len(subjects) - len(named),
                "first": start + 1,
                "collapsed": len(named) > COLLAPSE_OVER,
            }
        )
    out.sort(key=lambda g: g["prop"]["label"].lower())
    return out, more


def sources(d: Describer, lk: Linker, node: ox.NamedNode, lang: str) -> list[dict]:
    """The verbatim source lines the resource was curated from, per document."""
    docs: dict[str, dict] = {}
    for line, number, text, doc in d.source_lines(node):
        key = doc.value if doc else ""
        if key not in docs:
            docs[key] = {"doc": link(d, lk, doc, lang) if doc else None, "lines": []}
        docs[key]["lines"].append(
            {
                "href": lk.href(line.value),
                "iri": line.value,
                "number": number,
                "text": text,
                "paragraphs": paragraphs(text),
            }
        )
    return list(docs.values())


def jsonld_for_script(triples: list[ox.Triple]) -> str:
    """JSON-LD safe to inline in <script>: <, > and & become JSON \\u escapes.

    >>> jsonld_for_script([ox.Triple(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
    ...                              ox.Literal("</script>"))])
    '[{"@id":"http://e/a","http://e/p":[{"@value":"\\\\u003c/script\\\\u003e"}]}]'
    """
    text = (ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"").decode("utf-8")
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def resource_model(
    d: Describer, lk: Linker, iri: str, lang: str, page: int = 0, page_size: int = PAGE_SIZE
) -> dict:
    """Everything resource.html shows about `iri`."""
    node = ox.NamedNode(iri)
    out = d.closure(node)
    mine = [t for t in out if t.subject == node]
    labels = [
        t.object for t in mine if t.predicate in LABELS[:4] and isinstance(t.object, ox.Literal)
    ]
    descriptions = [
        t.object for t in mine if t.predicate in DESCRIPTIONS and isinstance(t.object, ox.Literal)
    ]
    best_desc = pick_language(descriptions, lang)
    incoming, more = incoming_groups(d, lk, node, lang, page, page_size)
    skip = frozenset({TYPE.value})
    return {
        "iri": iri,
        "label": d.label(node, lang),
        "labels": [value(d, lk, lit, lang) for lit in labels],
        "types": sorted(
            (
                link(d, lk, t.object, lang)
                for t in mine
                if t.predicate == TYPE and isinstance(t.object, ox.NamedNode)
            ),
            key=lambda v: v["label"],
        ),
        "description": best_desc.value if best_desc else "",
        "outgoing": groups(d, lk, mine, lang, skip=skip),
        "incoming": incoming,
        "page": page,
        "more": more,
        "sources": sources(d, lk, node, lang),
        "jsonld": jsonld_for_script(out),
    }
