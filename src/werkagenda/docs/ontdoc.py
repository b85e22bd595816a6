"""Ontology documentation with pyLODE, one page per language (nl, en) plus an index."""

from __future__ import annotations

import html
import logging
import sys
import types
from importlib.metadata import version
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

from werkagenda.config import ONTOLOGY_DIR
from werkagenda.errors import InternalError
from werkagenda.rdf.atomic import write_text

LANGUAGES = ("nl", "en")


def render_docs(outdir: Path, *, ontology: Path | None = None) -> list[Path]:
    """Write `outdir/<lang>/index.html` for each language and `outdir/index.html`.

    Each page is pyLODE's OntPub rendering of the ontology with the language-tagged
    literals of the other language removed, so labels and definitions read in one language.
    """
    source = Graph()
    source.parse(ontology or ONTOLOGY_DIR / "werkagenda.ttl")
    OntPub = _import_pylode()
    written = []
    for lang in LANGUAGES:
        page = outdir / lang / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        try:
            text = OntPub(ontology=_only_language(source, lang)).make_html()
        except Exception as e:  # pyLODE raises bare exceptions on unexpected input
            raise InternalError(f"pyLODE could not render the ontology ({lang}): {e}") from e
        write_text(page, text)
        written.append(page)
    links = "".join(f'<li><a href="{x}/index.html">{x}</a></li>' for x in LANGUAGES)
    titles = [
        t for t in source.objects(None, DCTERMS.title) if getattr(t, "language", None) == "en"
    ]
    title = html.escape(str(titles[0]) if titles else "Ontology")
    head = f"<!doctype html><meta charset=utf-8><title>{title}</title>"
    write_text(outdir / "index.html", f"{head}<h1>{title}</h1><ul>{links}</ul>\n")
    return [*written, outdir / "index.html"]


def _only_language(graph: Graph, lang: str) -> Graph:
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language and o.language != lang:
            continue
        out.add((s, p, o))
    return out


def _import_pylode():  # type: ignore[no-untyped-def]
    """Import pyLODE's OntPub, working around pyLODE 3.4.1's version module.

    pyLODE 3.4.1 reads `pyproject.toml` from site-packages at import time and fails when
    installed from a wheel (RDFLib/pyLODE#260, fixed upstream after 3.4.1); we provide its
    version from the package metadata instead. pyLODE also sets the root logger to DEBUG
    on import; we restore the previous level.
    """
    root = logging.getLogger()
    level = root.level
    if "pylode.version" not in sys.modules:
        stub = types.ModuleType("pylode.version")
        stub.__version__ = version("pylode")  # type: ignore[attr-defined]
        sys.modules["pylode.version"] = stub
    try:
        from pylode import OntPub
    finally:
        root.setLevel(level)
    return OntPub
