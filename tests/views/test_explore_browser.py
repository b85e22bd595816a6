"""The explorer pages in headless Chromium, served and static (file://): axe-core finds no
violation, nothing scrolls sideways at 390 px, and screenshots at 1280 and 390 px land under
test-output/ to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.serve.conftest import OUTPUT, client, dist, server  # noqa: F401
from tests.serve.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.serve.test_whatif_browser import axe_violations
from tests.views.test_picture_screens import save_full_page
from werkagenda.views.pages import lang_file

pytestmark = [pytest.mark.server, pytest.mark.browser]
VIEWS = ("matrix", "funding", "network", "timeline")
SERVED = {
    "landing": "",
    **{f"{v}-agenda": f"views/{v}" for v in VIEWS},
    **{f"{v}-VOW": f"views/{v}?theme=VOW" for v in VIEWS},
    "views-index": "views/",
    "search": "search?q=zorgverzekeraar",
    "search-empty": "search",
    "list-inspanningen": "lists/inspanningen",
    "list-organisaties": "lists/organisaties",
    "catalog": "catalog",
    "void": "void",
    "editor": "query",
    "def": "def",
}
STATIC = {
    "landing": "index.html",
    **{f"{v}-agenda": f"views/{v}.html" for v in VIEWS},
    **{f"{v}-VOW": f"views/{v}-VOW.html" for v in VIEWS},
    "matrix-VOW-en": "views/matrix-VOW.en.html",
    "views-index": "views/index.html",
    "search": "search.html?q=zorgverzekeraar",
    "search-empty": "search.html",
    "list-inspanningen": "lists/inspanningen.html",
    "catalog": "catalog.html",
    "void": "void.html",
}


def check_page(driver, name: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    """axe, 390 px without horizontal scroll, screenshots at 1280 and 390."""
    driver.set_window_size(1280, 1000)
    assert axe_violations(driver) == [], name
    save_full_page(driver, OUTPUT / f"{prefix}-{name}-1280.png", 1280)
    driver.set_window_size(390, 900)
    inner = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"{name} scrolls sideways at 390 px ({scroll} > {inner})"
    save_full_page(driver, OUTPUT / f"{prefix}-{name}-390.png", 390)
    driver.set_window_size(1280, 1000)


@pytest.mark.parametrize("name", list(SERVED))
def test_served_page(browser, server: str, name: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    browser.get(server + SERVED[name])
    assert browser.execute_script("return document.documentElement.lang") in ("nl", "en")
    check_page(browser, name, "explore")


def test_catalog_is_a_page_in_a_browser(browser, server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(server + "catalog")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Catalogus")
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a[download]")]
    assert any(h.endswith("/downloads/werkagenda.ttl") or "/downloads/" in h for h in links)


def test_search_from_the_header(browser, server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "views/matrix")
    box = browser.find_element(By.CSS_SELECTOR, "header input[name=q]")
    box.send_keys("Ecosystéem")
    box.submit()
    WebDriverWait(browser, 20).until(lambda d: "/search" in d.current_url)
    links = browser.find_elements(By.CSS_SELECTOR, "ol.search-results a")
    assert any(a.get_attribute("href").endswith("/inspanning/VOW-9") for a in links)
    browser.find_element(By.LINK_TEXT, "VOW-9 De buurt als Ecosysteem").click()
    WebDriverWait(browser, 20).until(lambda d: d.current_url.endswith("/inspanning/VOW-9"))


def test_hostile_labels_stay_text(browser, server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(server + "search?q=%3Cscript%3E")
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "ol.search-results mark")]
    assert "<script>" in marks
    assert browser.execute_script("return typeof window.alert") == "function"
    assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img")


@pytest.fixture(scope="module")
def site(dist, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]  # noqa: F811
    from werkagenda.publish.site import publish

    return publish(tmp_path_factory.mktemp("explore-site") / "out", store=dist / "store")


def static_url(site: Path, path: str) -> str:
    file, _, query = path.partition("?")
    return (site / file).as_uri() + ("?" + query if query else "")


@pytest.mark.parametrize("name", list(STATIC))
def test_static_page(browser, site: Path, name: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    browser.get(static_url(site, STATIC[name]))
    check_page(browser, name, "explore-static")


def test_static_views_match_the_served_ones(browser, site: Path, client) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The static matrix of VOW shows the same table, and its CSV is the served CSV."""
    from selenium.webdriver.common.by import By

    browser.get(static_url(site, "views/matrix-VOW.html"))
    heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "table.view-table thead th")]
    served = client.get("/views/matrix.csv", params={"theme": "VOW"}).content
    assert (site / "views" / "matrix-VOW.csv").read_bytes() == served
    header = served.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[:2] == heads[:2]
    for view in VIEWS:
        assert (site / "views" / f"{view}.csv").read_bytes() == client.get(
            f"/views/{view}.csv"
        ).content


def test_static_search_finds_like_the_server(browser, site: Path, client) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    import lxml.html
    from selenium.webdriver.common.by import By

    for q in ("zorgverzekeraar", "ECOSYSTÉEM", "cliënt", "client", "<script>", "qqxqq"):
        browser.get(
            static_url(site, "search.html") + "?q=" + q.replace("<", "%3C").replace(">", "%3E")
        )
        shown = [
            a.get_attribute("href").rsplit("/id/", 1)[-1].removesuffix(".html")
            for a in browser.find_elements(By.CSS_SELECTOR, "ol.search-results a")
        ]
        doc = lxml.html.fromstring(client.get("/search", params={"q": q}).text)
        expected = [
            a.get("href").rsplit("/id/", 1)[-1]
            for a in doc.xpath("//ol[@class='search-results']//a")
        ]
        assert shown == expected, q
        marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "mark")]
        served = [m.text_content() for m in doc.xpath("//mark")]
        assert marks == served, q
        status = browser.find_element(By.ID, "search-status").text
        assert status == doc.xpath("//*[@id='search-status']")[0].text_content(), q
    assert browser.execute_script("return typeof window.alert") == "function"


def test_static_search_index_file(site: Path) -> None:
    import json

    data = json.loads((site / "search-index.json").read_text(encoding="utf-8"))
    labels = [v for e in data["entries"] for v in e["labels"].values()]
    assert any("<script>" in label for label in labels)  # kept as data, escaped in the page
    page = (site / "search.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "\\u003cscript\\u003e" in page


def test_static_ontology_docs_search_the_static_site(browser, site: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """def/index.html (pyLODE) has the header search box; it reaches the static search page."""
    from selenium.webdriver.common.by import By

    for page, lang in (("def/index.html", "nl"), ("def/en.html", "en")):
        browser.get(static_url(site, page))
        box = browser.find_element(By.CSS_SELECTOR, "header form[role=search] input[name=q]")
        box.send_keys("zorgverzekeraar")
        box.submit()
        assert browser.current_url.split("?")[0].endswith(lang_file("search.html", lang))
        assert browser.find_elements(By.CSS_SELECTOR, "ol.search-results a"), lang


def test_static_landing_links_work(browser, site: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(static_url(site, "index.html"))
    hrefs = [
        a.get_attribute("href")
        for a in browser.find_elements(By.CSS_SELECTOR, "section.lists a, section.views a")
    ]
    assert len(hrefs) == 9
    for href in hrefs:
        assert Path(href.removeprefix("file://")).is_file(), href
    browser.find_element(By.CSS_SELECTOR, "header input[name=q]").send_keys("Ecosysteem")
    browser.find_element(By.CSS_SELECTOR, "header form.search button").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "ol.search-results a")
    )
    assert "search.html?q=Ecosysteem" in browser.current_url


def test_editor_with_results_fits_a_phone(browser, server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """/query at 390 px, with a named query's parameters and results shown: no sideways scroll."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.set_window_size(390, 900)
    browser.get(server + "query")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#named option")) > 1)
    Select(browser.find_element(By.ID, "named")).select_by_value("initiator-counts")
    browser.find_element(By.ID, "run").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results table.results")))
    inner = browser.execute_script("return window.innerWidth")
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= inner, f"the editor scrolls sideways at 390 px ({scroll} > {inner})"
    assert axe_violations(browser) == []
    save_full_page(browser, OUTPUT / "explore-editor-results-390.png", 390)
    browser.set_window_size(1280, 1000)


@pytest.mark.parametrize("theme", [None, "VOW"])
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_static_view_tables_are_the_served_ones(site: Path, client, view, theme, lang) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The same facts (every table cell, the empty/uncovered marks) on disk as on the server."""
    import lxml.html

    def cells(doc: lxml.html.HtmlElement) -> list[list[tuple[str, str]]]:
        rows = doc.xpath("//table[contains(@class, 'view-table')]//tr")
        return [
            [
                (" ".join(c.text_content().split()), c.get("class") or "")
                for c in r.xpath("./th|./td")
            ]
            for r in rows
        ]

    params = {"theme": theme} if theme else {}
    served = client.get(
        f"/views/{view}", params={**params, **({"lang": "en"} if lang == "en" else {})}
    )
    name = f"views/{view}{'-' + theme if theme else ''}{'.en' if lang == 'en' else ''}.html"
    static = lxml.html.fromstring((site / name).read_text(encoding="utf-8"))
    assert cells(static) == cells(lxml.html.fromstring(served.text))
    assert cells(static), name
    links = static.xpath("//table[contains(@class, 'view-table')]//a/@href")
    assert links and all((site / name).parent.joinpath(h).resolve().is_file() for h in links)
