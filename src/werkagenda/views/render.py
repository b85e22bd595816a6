"""HTML rendering: one autoescaping Jinja environment, UI strings in Dutch and English."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from werkagenda.views.links import is_web_iri

LANGS = ("nl", "en")
UI = {
    "home": ("Start", "Home"),
    "query": ("Query-editor", "Query editor"),
    "ontology": ("Ontologie", "Ontology"),
    "catalog": ("Catalogus (DCAT)", "Catalogue (DCAT)"),
    "type": ("Type", "Type"),
    "links_out": ("Eigenschappen en verwijzingen", "Properties and links"),
    "links_in": ("Verwijzingen naar deze resource", "Links to this resource"),
    "source": ("Brontekst", "Source text"),
    "source_intro": (
        "Letterlijke regels waaruit deze resource is gecureerd.",
        "Verbatim lines this resource was curated from.",
    ),
    "line": ("regel", "line"),
    "formats": ("Andere formaten", "Other formats"),
    "more": ("meer", "more"),
    "next": ("volgende pagina", "next page"),
    "prev": ("vorige pagina", "previous page"),
    "not_found": ("Niet gevonden", "Not found"),
    "not_found_text": ("Deze IRI bestaat niet in de dataset.", "This IRI is not in the dataset."),
    "suggestions": ("Bedoelde u", "Did you mean"),
    "other_lang": ("English", "Nederlands"),
    "counts": ("Omvang", "Size"),
    "themes": ("De zes prioritaire opgaven", "The six priority themes"),
    "downloads": ("Downloads", "Downloads"),
    "endpoint": ("SPARQL-endpoint", "SPARQL endpoint"),
    "named": ("Benoemde queries", "Named queries"),
    "run": ("Uitvoeren", "Run"),
    "results": ("Resultaten", "Results"),
    "builtin_prefixes": ("Ingebouwde prefixen", "Built-in prefixes"),
    "builtin_prefixes_text": (
        "Deze prefixen kent het endpoint al: een query gebruikt ze zonder PREFIX-regel.",
        "The endpoint knows these prefixes: a query uses them without a PREFIX line.",
    ),
    "anonymous": ("anonieme knopen", "anonymous nodes"),
    "error": ("Fout", "Error"),
}


def t(key: str, lang: str) -> str:
    nl, en = UI[key]
    return en if lang == "en" else nl


def safe_href(value: str | None) -> str:
    """Only http(s) IRIs and our own relative paths may become an href; anything else is '#'.

    >>> safe_href("javascript:alert(1)"), safe_href("//evil.example/"), safe_href("/id/x")
    ('#', '#', '/id/x')
    """
    if not value or value != value.strip() or any(c in value for c in "\\\x00\t\r\n"):
        return "#"
    if value.startswith("//"):
        return "#"  # protocol-relative: another host
    parts = urlsplit(value)
    if not parts.scheme and not parts.netloc:
        return value  # root-, page- or fragment-relative path on our own site
    return value if is_web_iri(value) else "#"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("werkagenda.views", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["href"] = safe_href
    env.globals["t"] = t
    return env


def render(template: str, **context: object) -> bytes:
    """Render a template to UTF-8 bytes; values are escaped unless marked safe by us."""
    if "jsonld" in context and isinstance(context["jsonld"], str):
        context["jsonld"] = Markup(
            context["jsonld"]
        )  # already \\u-escaped: see pages.jsonld_for_script
    return environment().get_template(template).render(**context).encode("utf-8")
