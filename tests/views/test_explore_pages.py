"""The explorer pages rendered in-process: hostile labels stay text in views, lists, search
results and the search index; the empty agenda gives explicit empty states; search folding."""

from __future__ import annotations

import json

import lxml.html
import pyoxigraph as ox
import pytest

from tests.views.conftest import EMPTY, HOSTILE
from werkagenda.views import explore
from werkagenda.views.lists import LISTS
from werkagenda.views.pages import Site
from werkagenda.views.search import build_index, fold
from werkagenda.views.viewpages import VIEWS
from werkagenda.views.whatif_static import for_script

BASES = ("https://w3id.org/iza-werkagenda/",)
SERVED, STATIC = Site.served(BASES), Site.static_site(BASES)
HOSTILE_GOAL = "\"><img src=x onerror=alert('goal')>"


def parsed(body: bytes) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(body.decode("utf-8"))


def assert_inert(body: bytes) -> lxml.html.HtmlElement:
    """No element or attribute the data could have smuggled in."""
    doc = parsed(body)
    assert not doc.xpath("//main//img | //main//script[not(@type='application/json')]")
    assert not doc.xpath("//@*[starts-with(name(), 'on')]")
    hrefs = doc.xpath("//a/@href")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    return doc


@pytest.mark.parametrize("site", [SERVED, STATIC], ids=["served", "static"])
@pytest.mark.parametrize("name", VIEWS)
def test_hostile_labels_stay_text_in_view_pages(fixture_store: ox.Store, name: str, site) -> None:  # type: ignore[no-untyped-def]
    body = explore.view_page(fixture_store, site, name, theme=None, lang="nl", agenda=HOSTILE.iri)
    doc = assert_inert(body)
    text = doc.text_content()
    assert "<" in text  # the markup is shown as characters
    if name == "matrix":
        cells = [th.text_content() for th in doc.xpath("//table//tbody/tr/th")]
        assert HOSTILE_GOAL in cells


@pytest.mark.parametrize("kind", LISTS)
def test_hostile_labels_stay_text_in_lists(fixture_store: ox.Store, kind: str) -> None:
    body = explore.list_page(fixture_store, SERVED, kind, lang="en", agenda=HOSTILE.iri)
    assert_inert(body)


def test_hostile_labels_stay_text_in_search(fixture_store: ox.Store) -> None:
    index = build_index(fixture_store)
    for q in ("<img", "onerror", "script"):
        body = explore.search_page(index, SERVED, query=q, lang="nl")
        doc = assert_inert(body)
        marks = [m.text_content() for m in doc.xpath("//mark")]
        assert marks, q
        assert all(fold(q) in fold(m) for m in marks)
    data = explore.search_script_data(index, STATIC, "nl", None)
    embedded = str(for_script(data))
    assert "<" not in embedded and ">" not in embedded  # cannot close the <script> element
    assert json.loads(embedded) == json.loads(json.dumps(data))
    labels = [v for e in data["entries"] for v in e["labels"].values()]
    assert HOSTILE_GOAL in labels


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_empty_agenda_gives_the_explicit_message(
    fixture_store: ox.Store, name: str, lang: str
) -> None:
    body = explore.view_page(fixture_store, SERVED, name, theme=None, lang=lang, agenda=EMPTY.iri)
    doc = parsed(body)
    empty = doc.xpath("//p[@class='empty']")
    assert empty and empty[0].text_content().strip()
    assert not doc.xpath("//main//table | //main//svg")


def test_fold_matches_case_and_accents() -> None:
    assert fold("Cliënt") == fold("client") == "client"
    assert fold("ZORGVERZEKERAAR") == "zorgverzekeraar"
    assert fold("Drèentse") == "dreentse"
    assert len(fold("éëèê")) == 4  # one letter for one letter: positions stay


def test_empty_and_unknown_searches(fixture_store: ox.Store) -> None:
    index = build_index(fixture_store)
    empty = parsed(explore.search_page(index, SERVED, query="   ", lang="en"))
    assert "Type a word" in empty.xpath("//*[@id='search-status']")[0].text_content()
    none = parsed(explore.search_page(index, SERVED, query="zzqqzz", lang="en"))
    assert "Nothing found for ‘zzqqzz’" in none.xpath("//*[@id='search-status']")[0].text_content()


def test_a_wildcard_of_zero_beats_a_wider_one() -> None:
    """`text/*;q=0` refuses every text/ format even when `*/*` is acceptable (RFC 9110 §12.5.1:
    the most specific range applies); it used to give text/turtle and text/html 0.1."""
    from werkagenda.serve import negotiation as neg

    assert neg.choose("*/*;q=0.1, text/*;q=0", (*neg.RDF_FORMATS, neg.HTML)) is neg.NTRIPLES
    assert neg.choose("*/*;q=0.1, text/*;q=0", (neg.HTML,)) is None
    assert neg.choose("text/*;q=0.5, */*", (neg.TURTLE, neg.JSONLD)) is neg.JSONLD
