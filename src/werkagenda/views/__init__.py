"""The one view layer: page models and pictures for the served and the static site.

A page is a function of the store and a resource IRI (plus language); it renders to bytes, so it
can be rendered once at build time and served as stored bytes, or rendered on demand — the same
code either way. Neither `serve` nor `publish` owns this package; both import it.
"""
