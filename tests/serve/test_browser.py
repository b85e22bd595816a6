"""A headless Chromium (Debian's, via selenium + /usr/bin/chromedriver) uses the real server."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve.conftest import OUTPUT

pytestmark = [pytest.mark.server, pytest.mark.browser]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail(
            "Debian chromium and chromium-driver are needed: apt-get install -y chromium "
            "chromium-driver"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="werkagenda-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    OUTPUT.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_landing_page_in_a_browser(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(server)
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.card")) == 6
    assert browser.find_element(By.CSS_SELECTOR, "table.counts").is_displayed()
    browser.save_screenshot(str(OUTPUT / "serve-landing.png"))


def test_resource_page_in_a_browser(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(server + "id/drenthe/2024")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Werkagenda 2024 Gezonde Marke"
    lines = browser.find_elements(By.CSS_SELECTOR, "section.sources ol.lines li")
    assert lines, "the verbatim source lines are shown"
    lines[0].find_element(By.CSS_SELECTOR, "a.lineno").click()
    assert "/bron/" in browser.current_url and "/L" in browser.current_url
    browser.get(server + "id/testregio/2099")
    alerts = browser.execute_script(
        "return typeof window.alert"
    )  # page still intact, no script ran
    assert alerts == "function"
    assert "<script>" in browser.find_element(By.TAG_NAME, "h1").text
    browser.get(server + "id/drenthe/2024")
    browser.save_screenshot(str(OUTPUT / "serve-resource.png"))


def test_query_editor_runs_a_named_query(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(server + "query")
    wait = WebDriverWait(browser, 30)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#named option")) > 1)
    options = [
        o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#named option")
    ]
    named = [o for o in options if o]
    assert named, "named queries are preloaded from the registry"
    Select(browser.find_element(By.ID, "named")).select_by_value(named[0])
    assert browser.find_element(By.ID, "sparql").get_attribute("value").strip()
    browser.find_element(By.ID, "run").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results table.results")))
    headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results th")]
    assert headers
    rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
    status = browser.find_element(By.ID, "status").text
    assert "rows" in status and str(len(rows)) in status
    assert browser.find_element(By.ID, "download-csv").is_enabled()
    browser.save_screenshot(str(OUTPUT / "serve-query-editor.png"))
    # free SPARQL through the endpoint
    text = browser.find_element(By.ID, "sparql")
    text.clear()
    text.send_keys(
        "SELECT ?agenda WHERE { ?agenda a <https://w3id.org/iza-werkagenda/def#Werkagenda> }"
    )
    browser.find_element(By.ID, "run").click()
    wait.until(lambda d: "testregio" in d.find_element(By.ID, "results").text)


def test_editor_never_links_off_site_through_a_double_slash(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, hole 10: `…/iza-werkagenda//evil.example/x` once linked to `//evil.example/x`."""
    from urllib.parse import urlsplit

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "query")
    wait = WebDriverWait(browser, 30)
    text = browser.find_element(By.ID, "sparql")
    wait.until(lambda d: text.get_attribute("value").strip())
    text.clear()
    text.send_keys(
        "SELECT ?x { VALUES ?x { <https://w3id.org/iza-werkagenda//evil.example/x>"
        " <https://w3id.org/iza-werkagenda/id/drenthe/2024> } }"
    )
    browser.find_element(By.ID, "run").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results table.results")))
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#results a")]
    assert len(links) == 2
    assert {urlsplit(h).hostname for h in links} <= {"w3id.org", urlsplit(server).hostname}, links
    assert urlsplit(server).hostname in {urlsplit(h).hostname for h in links}


def test_editor_isolates_result_cells(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 17, hole 10: a bidi override (U+202E) in an answer stays inside its cell."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "query")
    wait = WebDriverWait(browser, 30)
    text = browser.find_element(By.ID, "sparql")
    wait.until(lambda d: text.get_attribute("value").strip())
    text.clear()
    text.send_keys('SELECT ?x ?y { VALUES (?x ?y) { ("\\u202Eevil" "next") } }')
    browser.find_element(By.ID, "run").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#results table.results")))
    cells = browser.find_elements(By.CSS_SELECTOR, "#results tbody td")
    assert [c.text for c in cells][1] == "next"
    assert "\u202e" in cells[0].get_attribute("textContent")
    assert all(c.get_attribute("dir") == "auto" for c in cells)
