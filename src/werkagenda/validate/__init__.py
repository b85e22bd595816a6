"""SHACL validation: one `Validator` interface, two engines (pyrudof, pySHACL), one report.

`validator(load_shapes())` is the build gate (pyrudof); `validator(shapes, "pyshacl")` the
reference. Names load on first use (PEP 562), so `werkagenda.validate.report` does not pull in
pySHACL, and a build whose agendas are all unchanged never imports rdflib. `render` shares
its name with its module: import it from `werkagenda.validate.render`.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ENGINES": "engine",
    "FORMATS": "render",
    "Report": "report",
    "Result": "report",
    "Severity": "report",
    "ShapeViolationError": "report",
    "Shapes": "shapes",
    "UnsupportedShapeError": "features",
    "Validator": "engine",
    "agenda_prefixes": "engine",
    "check_shapes": "reference",
    "load_shapes": "shapes",
    "raise_on_violations": "engine",
    "validator": "engine",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'werkagenda.validate' has no attribute {name!r}")
    return getattr(importlib.import_module(f"werkagenda.validate.{_WHERE[name]}"), name)
