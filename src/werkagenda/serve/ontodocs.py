"""Ontology documentation: the ontology's own triples out of the store, rendered by pyLODE.

pyLODE has no language switch, so each language gets its own copy of the ontology with only
the literals in that language (and untagged ones) before rendering.
"""

from __future__ import annotations

import importlib.metadata
import logging
import re
import sys
import types
from html import escape

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, VOCABULARY_GRAPH, WA

SWITCH = '<p class="lang-switch" style="margin:1em"><a href="{href}" hreflang="{to}">{name}</a></p>'
LANG_SWITCH = {"nl": ("en", "English"), "en": ("nl", "Nederlands")}


def ontology_triples(store: ox.Store) -> list[ox.Triple]:
    """The vocabulary graph minus the concept schemes: the ontology and its blank nodes."""
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    quads = list(store.quads_for_pattern(None, None, None, graph))
    concept_space = DEFAULT_BASE + "id/"
    exclude: set = set()
    todo = [
        q.subject
        for q in quads
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(concept_space)
    ]
    by_subject: dict = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
    while todo:
        node = todo.pop()
        if node in exclude:
            continue
        exclude.add(node)
        todo += [q.object for q in by_subject.get(node, []) if isinstance(q.object, ox.BlankNode)]
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.subject not in exclude]


def _import_pylode():  # type: ignore[no-untyped-def]
    # pyLODE 3.4 reads its version from a pyproject.toml that its wheel does not ship.
    if "pylode.version" not in sys.modules:
        shim = types.ModuleType("pylode.version")
        shim.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = shim
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from pylode import OntPub  # its import configures the root logger at DEBUG: undo that

    root.handlers[:] = handlers
    root.setLevel(level)
    return OntPub


def ontology_html(store: ox.Store, lang: str, switch_href: str = "") -> bytes:
    """pyLODE HTML of the ontology with only `lang` (and untagged) literals."""
    import rdflib

    from werkagenda.rdf.terms import to_rdflib_triple

    graph = rdflib.Graph()
    for t in ontology_triples(store):
        obj = t.object
        if isinstance(obj, ox.Literal) and obj.language and obj.language != lang:
            continue
        graph.add(to_rdflib_triple(t))
    html = _anchor_local_names(_import_pylode()(ontology=graph).make_html())
    if switch_href:
        to, name = LANG_SWITCH[lang]
        switch = SWITCH.format(href=escape(switch_href, quote=True), to=to, name=name)
        html = html.replace("<body>", "<body>" + switch, 1)
    html = html.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    return html.encode("utf-8")


_ENTITY = re.compile(r'<div class="[^"]*\bentity\b[^"]*" id="[^"]*">')
_CODE = re.compile(r"<code>([^<]*)</code>")


def _anchor_local_names(html: str) -> str:
    """pyLODE ids come from (language-dependent) labels; add `#LocalName` anchors too."""
    out, last = [], 0
    for m in _ENTITY.finditer(html):
        code = _CODE.search(html, m.end(), m.end() + 600)
        out.append(html[last : m.end()])
        last = m.end()
        if code and code.group(1).startswith(WA):
            out.append(f'<span id="{escape(code.group(1)[len(WA) :], quote=True)}"></span>')
    return "".join(out) + html[last:]
