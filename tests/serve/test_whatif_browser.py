"""The /whatif page in headless Chromium: tick boxes, submit, the scenario is in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.serve.conftest import OUTPUT
from tests.serve.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from werkagenda.config import ROOT

pytestmark = [pytest.mark.server, pytest.mark.browser]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # package.json; `make test` installs it


def axe_violations(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's violations on the current page (rule id: first offending element)."""
    if not AXE.exists():
        pytest.fail(f"axe-core missing at {AXE}: run `npm install` (make test does)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations.map("
        "v => v.id + ': ' + (v.nodes[0] ? v.nodes[0].html : ''))));"
    )
    return list(found)


def test_pick_plans_and_follow_a_link(browser, server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1280, 1000)
    browser.get(server + "whatif")
    for name in ("iza-transformatieplan", "spuk"):
        browser.find_element(By.CSS_SELECTOR, f'input[name="reject"][value="{name}"]').click()
    browser.find_element(By.CSS_SELECTOR, "form.whatif button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: "reject=" in d.current_url)
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.ID, "lost"))
    query = parse_qs(urlsplit(browser.current_url).query)
    assert query["reject"] == ["iza-transformatieplan", "spuk"]
    lost = browser.find_elements(By.CSS_SELECTOR, "#lost + div table tbody tr td:first-child a")
    assert [a.text for a in lost] == ["AM-6", "VOW-16", "VOW-19"]  # L307, L188, L196
    weakened = browser.find_elements(By.CSS_SELECTOR, "#weakened + div tbody td:first-child")
    assert "VOW-15" in [w.text for w in weakened]  # L193 "SPUK, …"
    browser.save_screenshot(str(OUTPUT / "whatif-1280.png"))
    assert axe_violations(browser) == []
    browser.set_window_size(390, 900)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth"), "no horizontal scroll"
    browser.execute_script("document.getElementById('lost').scrollIntoView()")
    browser.save_screenshot(str(OUTPUT / "whatif-390.png"))
    browser.set_window_size(1280, 1000)
    browser.find_element(By.LINK_TEXT, "AM-6").click()
    WebDriverWait(browser, 20).until(lambda d: d.current_url.endswith("/inspanning/AM-6"))
    assert browser.current_url.endswith("/id/drenthe/2024/inspanning/AM-6")
    assert "Regionaal Werkgeverschap" in browser.find_element(By.TAG_NAME, "h1").text


def test_english_and_shared_url(browser, server: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.get(server + "whatif?reject=VOW-19-tp&lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "What if the funding is not granted?"
    box = browser.find_element(By.CSS_SELECTOR, 'input[value="VOW-19:transformatieplan"]')
    assert box.is_selected(), "the plan named by identifier is ticked under its CODE:kind name"
    goals = browser.find_elements(By.CSS_SELECTOR, "#goals + div tbody tr")
    assert len(goals) == 3  # VOW-X-A, C, E weakened (tests/analysis)
    assert axe_violations(browser) == []
    browser.get(server + "whatif")  # the bare form
    assert axe_violations(browser) == []


@pytest.fixture(scope="module")
def site(dist, tmp_path_factory):  # type: ignore[no-untyped-def]
    from werkagenda.publish.site import publish

    return publish(tmp_path_factory.mktemp("site") / "out", store=dist / "store")


def shown(driver, section: str) -> list[str]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    cells = driver.find_elements(By.CSS_SELECTOR, f"#{section} + div tbody td:first-child")
    return [c.text.split("\n")[0] for c in cells]


@pytest.mark.parametrize(
    "reject",
    [("iza",), ("iza-transformatieplan", "spuk"), ("VOW-19-tp",), ("VOW-12:transformatieplan",)],
)
def test_static_page_answers_like_the_server(browser, site, client, reject) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The published whatif.html (script over embedded data) shows the server's rows."""
    query = "&".join(f"reject={r}" for r in reject)
    browser.get((site / "whatif.html").as_uri() + "?" + query)
    served = client.get("/whatif", params=[("reject", r) for r in reject])
    assert served.status_code == 200
    for section, name in (("lost", "whatif-inspanningen"), ("weakened", "whatif-inspanningen")):
        rows = client.get(
            f"/api/queries/{name}/run",
            params=[("reject", r) for r in reject] + [("format", "json")],
        ).json()["results"]["bindings"]
        expected = [b["code"]["value"] for b in rows if b["effect"]["value"] == section]
        assert shown(browser, section) == expected, section
    goals = client.get(
        "/api/queries/whatif-goals/run",
        params=[("reject", r) for r in reject] + [("format", "json")],
    ).json()["results"]["bindings"]
    assert shown(browser, "goals") == [b["goal"]["value"] for b in goals]
    if reject == ("iza-transformatieplan", "spuk"):
        browser.save_screenshot(str(OUTPUT / "whatif-static-1280.png"))
        assert axe_violations(browser) == []
