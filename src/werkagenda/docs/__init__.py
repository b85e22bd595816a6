"""Derived documentation: the Mermaid class diagram in README.md and pyLODE pages."""

from werkagenda.docs.diagram import mermaid, update_readme
from werkagenda.docs.ontdoc import LANGUAGES, render_docs

__all__ = ["LANGUAGES", "mermaid", "render_docs", "update_readme"]
