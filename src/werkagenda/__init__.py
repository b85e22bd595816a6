"""Werkagenda knowledge graph: ontology, curated data, validation, reasoning, queries, serving."""

from werkagenda.build import build
from werkagenda.store import open_store

__all__ = ["build", "open_store"]
