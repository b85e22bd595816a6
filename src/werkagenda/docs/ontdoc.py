"""Ontology documentation with pyLODE: the one path behind `docs`, `serve` (/def) and `publish`.

pyLODE has no language switch, so each language gets its own copy of the ontology with only
the literals in that language (and untagged ones) before rendering; every page links to the
other language and carries `#LocalName` anchors besides pyLODE's label-based ids.
"""

from __future__ import annotations

import html
import logging
import re
import sys
import types
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from werkagenda.config import DEFAULT_BASE, ONTOLOGY_DIR, VOCABULARY_GRAPH, WA
from werkagenda.errors import InputError, InternalError, ParseError
from werkagenda.rdf.atomic import write_text

__all__ = ["LANGUAGES", "ontology_html", "ontology_triples", "render_docs"]

LANGUAGES = ("nl", "en")
SWITCH = '<p class="lang-switch" style="margin:1em"><a href="{href}" hreflang="{to}">{name}</a></p>'
ACCESSIBLE_CSS = (
    "#pylode { color: #595959; } main a, main code { overflow-wrap: anywhere; }"
    # on a phone pyLODE's fixed table of contents covers the text: let it flow above it
    " @media (max-width: 900px) { #toc { position: static; width: auto; height: auto; }"
    " #content { width: auto; } #pylode { position: static; transform: none; } }"
)
LANG_SWITCH = {"nl": ("en", "English"), "en": ("nl", "Nederlands")}
# the site's search box, as in every other page's header (views/templates/base.html)
SEARCH = (
    '<form role="search" action="{action}" method="get" style="margin:1em">'
    '<label for="q-def">{label}</label> <input id="q-def" type="search" name="q">{hidden} '
    '<button type="submit">{button}</button></form>'
)
SEARCH_TEXT = {"nl": ("Zoek in de werkagenda", "Zoeken"), "en": ("Search the agenda", "Search")}
_ENTITY = re.compile(r'<div class="[^"]*\bentity\b[^"]*" id="[^"]*">')
_CODE = re.compile(r"<code>([^<]*)</code>")
_HTML = re.compile(r"<html\b[^>]*>")


def ontology_triples(store: ox.Store) -> list[ox.Triple]:
    """The vocabulary graph minus the concept schemes: the ontology and its blank nodes."""
    quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(VOCABULARY_GRAPH)))
    by_subject: dict[object, list[ox.Quad]] = {}
    for q in quads:
        by_subject.setdefault(q.subject, []).append(q)
    todo: list[object] = [
        q.subject
        for q in quads
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(DEFAULT_BASE + "id/")
    ]
    exclude: set[object] = set()
    while todo:
        node = todo.pop()
        if node not in exclude:
            exclude.add(node)
            todo += [
                q.object for q in by_subject.get(node, []) if isinstance(q.object, ox.BlankNode)
            ]
    return [q.triple for q in quads if q.subject not in exclude]


def ontology_html(
    source: ox.Store | Iterable[ox.Triple],
    lang: str,
    switch_href: str = "",
    search_href: str = "",
) -> bytes:
    """pyLODE HTML of the ontology (of a store, or given triples) in `lang` only; with
    `search_href`, the site's search box in its header."""
    import rdflib

    from werkagenda.rdf.terms import to_rdflib_triple

    triples = ontology_triples(source) if isinstance(source, ox.Store) else source
    graph = rdflib.Graph()
    for t in triples:
        if isinstance(t.object, ox.Literal) and t.object.language not in ("", None, lang):
            continue
        graph.add(to_rdflib_triple(t))
    try:
        page = _import_pylode()(ontology=graph).make_html()
    except Exception as e:  # pyLODE raises bare exceptions on unexpected input
        raise InternalError(f"pyLODE could not render the ontology ({lang}): {e}") from e
    page = _anchor_local_names(page)
    switch = ""
    if switch_href:
        to, name = LANG_SWITCH[lang]
        switch = SWITCH.format(href=html.escape(switch_href, quote=True), to=to, name=name)
    if search_href:
        label, button = SEARCH_TEXT[lang]
        served_en = lang == "en" and not search_href.endswith(".html")
        switch += SEARCH.format(
            action=html.escape(search_href, quote=True),
            label=label,
            button=button,
            hidden='<input type="hidden" name="lang" value="en">' if served_en else "",
        )
    # landmarks (axe: every content in a landmark, one <main>), a readable credit line and a
    # phone layout:
    # pyLODE prints it in CSS `grey` (3.9:1 on white); #595959 is 7:1
    page = page.replace("<body>", f"<body><header>{switch}</header><main>", 1)
    page = page.replace("</body>", "</main></body>", 1)
    page = page.replace("</head>", f"<style>{ACCESSIBLE_CSS}</style></head>", 1)
    page = _HTML.sub(f'<html lang="{lang}">', page, count=1)
    return page.encode("utf-8")


def render_docs(outdir: Path, *, ontology: Path | None = None) -> list[Path]:
    """Write `outdir/<lang>/index.html` for each language and `outdir/index.html`."""
    path = ontology or ONTOLOGY_DIR / "werkagenda.ttl"
    triples = _read(path)
    written = []
    for lang in LANGUAGES:
        other = LANG_SWITCH[lang][0]
        page = outdir / lang / "index.html"
        write_text(page, ontology_html(triples, lang, f"../{other}/index.html").decode("utf-8"))
        written.append(page)
    titles = [
        t.object.value
        for t in triples
        if t.predicate.value == "http://purl.org/dc/terms/title"
        and isinstance(t.object, ox.Literal)
        and t.object.language == "en"
    ]
    title = html.escape(titles[0] if titles else "Ontology")
    links = "".join(f'<li><a href="{x}/index.html">{x}</a></li>' for x in LANGUAGES)
    head = f"<!doctype html><meta charset=utf-8><title>{title}</title>"
    write_text(outdir / "index.html", f"{head}<h1>{title}</h1><ul>{links}</ul>\n")
    return [*written, outdir / "index.html"]


def _read(path: Path) -> list[ox.Triple]:
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except SyntaxError as e:
        raise ParseError(str(path), e.lineno, e.offset, e.msg) from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None


def _anchor_local_names(page: str) -> str:
    """pyLODE ids come from (language-dependent) labels; add `#LocalName` anchors too."""
    out, last = [], 0
    for m in _ENTITY.finditer(page):
        code = _CODE.search(page, m.end(), m.end() + 600)
        out.append(page[last : m.end()])
        last = m.end()
        if code and code.group(1).startswith(WA):
            out.append(f'<span id="{html.escape(code.group(1)[len(WA) :], quote=True)}"></span>')
    return "".join(out) + page[last:]


def _import_pylode() -> Any:
    """pyLODE's OntPub, imported around two quirks of pyLODE 3.4.1.

    It reads `pyproject.toml` from site-packages at import time, which its wheel does not
    ship (RDFLib/pyLODE#260, fixed upstream after 3.4.1): we provide its version from the
    package metadata. Its import sets the root logger to DEBUG: we restore handlers and level.
    """
    if "pylode.version" not in sys.modules:
        stub = types.ModuleType("pylode.version")
        stub.__dict__["__version__"] = version("pylode")
        sys.modules["pylode.version"] = stub
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub
