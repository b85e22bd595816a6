"""SHACL validation of an agenda (with the vocabulary) and meta-SHACL of the shapes.

Names load on first use (PEP 562), so `werkagenda.validate.report` or `.fast` do not pull in
pySHACL, and a build whose agendas are all unchanged never imports rdflib. `render` shares
its name with its module: import it from `werkagenda.validate.render`.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "FORMATS": "render",
    "Report": "report",
    "Result": "report",
    "Severity": "report",
    "ShapeViolationError": "report",
    "check_shapes": "shacl",
    "load_shapes": "shacl",
    "raise_on_violations": "shacl",
    "validate_agenda": "shacl",
    "validate_graph": "shacl",
    "validate_quads": "shacl",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'werkagenda.validate' has no attribute {name!r}")
    return getattr(importlib.import_module(f"werkagenda.validate.{_WHERE[name]}"), name)
