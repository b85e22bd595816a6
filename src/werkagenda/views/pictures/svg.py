"""SVG built as an element tree: every text and attribute is escaped by the serialiser.

Labels come from the data and may hold `<script>`, quotes or `]]>`; they only ever enter
the tree as `Element.text` or attribute values, so `xml.etree` escapes them. The root is
`role="img"` with `<title>` and `<desc>` (referenced by `aria-labelledby`), sized by its
`viewBox` with `width="100%"` so it never forces a page wider than its container. No `style`
attribute and no <style>: the pages' Content-Security-Policy (`style-src 'self'`) would block
them; presentation attributes (`fill`, `font-size` …) are not styles and always apply. A page
that wants a picture no wider than its natural size caps the container (`Picture.width`).
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK = "#1f2328"  # body text: contrast 15:1 on white
MUTED = "#57606a"  # secondary text: 6.4:1 on white
ALERT = "#a40e26"  # "no inspanning" text: 7.6:1 on white, 6.1:1 on ALERT_BG
ALERT_BG = "#fde8ea"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Canvas:
    """An <svg> root with its title and description, and helpers to add shapes and text.

    >>> canvas = Canvas.new("x", 100, 20, "<script>", 'a "b"')
    >>> canvas.text(canvas.root, 0, 10, "</script><img onerror=alert(1)>").tag
    'text'
    >>> print(canvas.serialise()[-60:])
    10">&lt;/script&gt;&lt;img onerror=alert(1)&gt;</text></svg>
    """

    root: ET.Element

    @classmethod
    def new(cls, name: str, width: float, height: float, title: str, desc: str) -> Canvas:
        # ids unique per picture (a page may show the matrices of two themes), yet deterministic
        key = f"{name}-{hashlib.sha1((title + desc).encode()).hexdigest()[:8]}"
        root = ET.Element(
            "svg",
            {
                "xmlns": NS,
                "viewBox": f"0 0 {_n(width)} {_n(height)}",
                "width": "100%",
                "role": "img",
                "aria-labelledby": f"{key}-title {key}-desc",
                "class": f"picture picture-{name}",
                "font-family": FONT,
                "font-size": "13",
                "fill": INK,
            },
        )
        ET.SubElement(root, "title", {"id": f"{key}-title"}).text = clean(title)
        ET.SubElement(root, "desc", {"id": f"{key}-desc"}).text = clean(desc)
        return cls(root)

    def group(self, parent: ET.Element | None = None, **attrs: str) -> ET.Element:
        return ET.SubElement(self.root if parent is None else parent, "g", _attrs(attrs))

    def rect(
        self, parent: ET.Element, x: float, y: float, w: float, h: float, **attrs: str
    ) -> ET.Element:
        base = {"x": _n(x), "y": _n(y), "width": _n(w), "height": _n(h)}
        return ET.SubElement(parent, "rect", base | _attrs(attrs))

    def line(
        self, parent: ET.Element, x1: float, y1: float, x2: float, y2: float, **attrs: str
    ) -> ET.Element:
        base = {"x1": _n(x1), "y1": _n(y1), "x2": _n(x2), "y2": _n(y2)}
        return ET.SubElement(parent, "line", base | _attrs(attrs))

    def circle(
        self, parent: ET.Element, cx: float, cy: float, r: float, **attrs: str
    ) -> ET.Element:
        base = {"cx": _n(cx), "cy": _n(cy), "r": _n(r)}
        return ET.SubElement(parent, "circle", base | _attrs(attrs))

    def path(self, parent: ET.Element, d: str, **attrs: str) -> ET.Element:
        return ET.SubElement(parent, "path", {"d": d} | _attrs(attrs))

    def text(self, parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, "text", {"x": _n(x), "y": _n(y)} | _attrs(attrs))
        element.text = clean(text)
        return element

    def tooltip(self, element: ET.Element, text: str) -> None:
        """A <title> child: the full text of a shortened label, for pointer and screen reader."""
        ET.SubElement(element, "title").text = clean(text)

    def serialise(self) -> str:
        return ET.tostring(self.root, encoding="unicode", short_empty_elements=True)


def clean(text: str) -> str:
    r"""Text safe for XML 1.0: characters XML cannot hold removed (escaping is the serialiser's).

    >>> clean("a\x00b\x1fc")
    'abc'
    """
    return _CONTROL.sub("", text)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis.

    >>> shorten("De buurt als Ecosysteem", 14)
    'De buurt als…'
    >>> shorten("kort", 14)
    'kort'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def _attrs(attrs: dict[str, str]) -> dict[str, str]:
    """Keyword names to SVG attribute names: `font_size` -> `font-size`, `class_` -> `class`."""
    return {k.rstrip("_").replace("_", "-"): clean(str(v)) for k, v in attrs.items()}


def _n(value: float) -> str:
    """A coordinate without trailing zeros: 12.0 -> '12', 12.25 -> '12.25'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
