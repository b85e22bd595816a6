"""Each picture in headless Chromium at desktop and phone width: no page-wide horizontal
scroll, the SVG drawn at a non-zero size, and a screenshot under test-output/ to look at."""

from __future__ import annotations

import html
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.serve.conftest import OUTPUT
from tests.serve.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.views.conftest import REAL, THEME
from tests.views.test_pictures import PICTURES

pytestmark = [pytest.mark.browser]
WIDTHS = (1280, 390)


def page(title: str, svg: str, width: int, lang: str) -> str:
    """The smallest page a picture is embedded in: a figure capped at the picture's natural
    width (`Picture.width`) whose content may scroll."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>body{{margin:8px;font-family:sans-serif}}"
        f"h1{{font-size:1.25rem;overflow-wrap:anywhere}}"
        f"figure{{margin:0;max-width:{width}px}}figure div{{overflow-x:auto}}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1><figure><div>{svg}</div></figure></main>"
        "</body></html>"
    )


def save_full_page(driver, path: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    """A screenshot of the whole page (not only the viewport), via the DevTools protocol."""
    import base64

    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("theme", [None, "VOW"])
@pytest.mark.parametrize("name", PICTURES)
def test_picture_in_a_browser(browser, real_store: ox.Store, name: str, theme: str | None) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    picture = PICTURES[name].build(real_store, REAL, theme=theme and THEME + theme)
    suffix = theme or "agenda"
    target = OUTPUT / f"picture-{name}-{suffix}.html"
    target.write_text(page(picture.title, picture.svg, picture.width, "nl"), encoding="utf-8")
    for width in WIDTHS:
        browser.set_window_size(width, 1000)
        browser.get(Path(target).as_uri())
        inner = browser.execute_script("return window.innerWidth")
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= inner, f"{name} scrolls sideways at {width}px ({scroll} > {inner})"
        box = browser.execute_script(
            "const r = document.querySelector('svg').getBoundingClientRect();"
            "return [r.width, r.height];"
        )
        assert 0 < box[0] <= inner and box[1] > 0
        assert box[0] <= picture.width  # never blown up past its natural size
        save_full_page(browser, OUTPUT / f"picture-{name}-{suffix}-{width}.png", width)
