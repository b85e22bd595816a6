"""`whatif.html` and `static/whatif.js` of the published site (the page: views/whatif_static.py)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from werkagenda.views.links import Linker
from werkagenda.views.pages import Site
from werkagenda.views.whatif_static import SCRIPT, static_page


def write(store: ox.Store, out: Path, bases: tuple[str, ...]) -> None:
    """The what-if page for the default agenda, evaluated in the browser from embedded data."""
    lk = Linker(bases, static_from="whatif")
    body = static_page(
        store,
        lang="nl",
        agenda=None,
        href=lk.href,
        nav=Site.static_site(bases).nav("nl", "whatif", toggle=""),  # Dutch only
        script=lk.static("static/whatif.js"),
    )
    (out / "whatif.html").write_bytes(body)
    (out / "static").mkdir(exist_ok=True)
    (out / "static" / "whatif.js").write_bytes(SCRIPT.read_bytes())
