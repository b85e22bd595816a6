"""Issue 17, hole 10: a bidi override (U+202E RIGHT-TO-LEFT OVERRIDE) in a label cannot
reorder the text around it: every text from the data on a page sits in a `<bdi>` or in an
element with `dir="auto"` (HTML's isolation), up to the block that holds it.

The hostile agenda of tests/views/fixtures is loaded with every string literal prefixed by
U+202E (and no closing U+202C), then its kind pages, resource pages, view pages, lists and
search results are rendered in-process, served and static."""

from __future__ import annotations

import lxml.html
import pyoxigraph as ox
import pytest

from tests.views.conftest import HOSTILE
from werkagenda.load import agenda_quads, vocabulary_quads
from werkagenda.views import explore
from werkagenda.views.lists import LISTS
from werkagenda.views.pages import Pages, Site
from werkagenda.views.search import build_index
from werkagenda.views.viewpages import VIEWS

RLO = "\u202e"
BASES = ("https://w3id.org/iza-werkagenda/",)
SITES = {"served": Site.served(BASES), "static": Site.static_site(BASES)}
ROOT = "https://w3id.org/iza-werkagenda/id/hostile/"
RESOURCES = [
    "2024",
    "2024/inspanning/HH-1",
    "2024/inspanning/HH-2",
    "2024/opgave/HH",
    "2024/doel/HH-S1-A",
    "actor/a",
    "2024/aanvraag/HH-1-tp",
]
# where a text is its own paragraph or chunk: an override cannot leave it
BLOCKS = {
    "p", "li", "td", "th", "div", "dd", "dt", "caption", "section", "main", "body", "header",
    "footer", "nav", "article", "figure", "figcaption", "blockquote", "pre", "h1", "h2", "h3",
    "h4", "h5", "h6", "summary", "details", "legend", "option", "table", "tr", "ul", "ol",
    "dl", "form", "textarea",
}  # fmt: skip
SVG_CHUNKS = {"text", "title", "desc"}  # each SVG <text>/<title> is a bidi paragraph of its own


def overridden(quad: ox.Quad) -> ox.Quad:
    o = quad.object
    if isinstance(o, ox.Literal) and (o.language or o.datatype.value.endswith("#string")):
        o = (
            ox.Literal(RLO + o.value, language=o.language)
            if o.language
            else ox.Literal(RLO + o.value)
        )
    return ox.Quad(quad.subject, quad.predicate, o, quad.graph_name)


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    store.bulk_extend(vocabulary_quads() + [overridden(q) for q in agenda_quads(HOSTILE)])
    return store


def local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def not_isolated(body: bytes) -> list[str]:
    """Texts holding U+202E that no `<bdi>`/`dir="auto"` isolates within their block."""
    doc = lxml.html.fromstring(body.decode("utf-8"))
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        if element.xpath("ancestor::head"):
            continue
        texts = [(element.text, element)] + [(c.tail, element) for c in element]
        for text, holder in texts:
            if text and RLO in text and not isolated(holder):
                found.append(f"<{holder.tag}>{text.strip()[:40]!r}")
    return found


def isolated(element: lxml.html.HtmlElement) -> bool:
    node = element
    while node is not None:
        tag = local(node.tag)
        if tag == "bdi" or (node.get("dir") or "").lower() == "auto":
            return True
        if tag in SVG_CHUNKS:
            return True
        if tag in BLOCKS:
            return False
        node = node.getparent()
    return False


def check(body: bytes) -> None:
    assert RLO in body.decode("utf-8"), "the page shows the hostile labels"
    assert not_isolated(body) == []


@pytest.mark.parametrize("site", sorted(SITES))
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", RESOURCES)
def test_resource_pages_isolate_labels(store: ox.Store, path: str, lang: str, site: str) -> None:
    check(Pages(store, SITES[site]).resource(ROOT + path, lang) or b"")


@pytest.mark.parametrize("site", sorted(SITES))
@pytest.mark.parametrize("name", VIEWS)
def test_view_pages_isolate_labels(store: ox.Store, name: str, site: str) -> None:
    check(explore.view_page(store, SITES[site], name, theme=None, lang="nl", agenda=HOSTILE.iri))


@pytest.mark.parametrize("kind", LISTS)
def test_lists_isolate_labels(store: ox.Store, kind: str) -> None:
    check(explore.list_page(store, SITES["served"], kind, lang="en", agenda=HOSTILE.iri))


def test_views_index_and_search_results_isolate_labels(store: ox.Store) -> None:
    index = build_index(store)
    for q in ("script", "img", "opgave"):
        check(explore.search_page(index, SITES["served"], query=q, lang="nl"))
    body = explore.views_index(store, SITES["served"], lang="nl", agenda=HOSTILE.iri)
    assert not_isolated(body) == []


def test_the_checker_sees_an_unisolated_override() -> None:
    bad = f"<html><body><p>Inspanning <a href='x'>{RLO}evil</a> (12)</p></body></html>"
    good = f"<html><body><p>Inspanning <a href='x'><bdi>{RLO}evil</bdi></a> (12)</p></body></html>"
    assert not_isolated(bad.encode()) and not not_isolated(good.encode())
