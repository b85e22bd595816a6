"""Werkagenda knowledge graph: ontology, curated data, validation, reasoning, queries, serving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from werkagenda.build import build
    from werkagenda.store import open_store

__all__ = ["build", "open_store"]


def __getattr__(name: str) -> Any:
    # imported on first use: a query worker imports `werkagenda.serve.execute` and must not
    # pay for the whole build pipeline (rdflib, pyshacl, owlready2) on the way
    if name == "build":
        from werkagenda.build import build

        return build
    if name == "open_store":
        from werkagenda.store import open_store

        return open_store
    raise AttributeError(f"module 'werkagenda' has no attribute {name!r}")
