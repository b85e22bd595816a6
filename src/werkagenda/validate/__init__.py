"""SHACL validation of an agenda (with the vocabulary) and meta-SHACL of the shapes."""

from werkagenda.validate.render import FORMATS, render
from werkagenda.validate.report import Report, Result, Severity, ShapeViolationError
from werkagenda.validate.shacl import (
    check_shapes,
    load_shapes,
    raise_on_violations,
    validate_agenda,
    validate_graph,
    validate_quads,
)

__all__ = [
    "FORMATS",
    "Report",
    "Result",
    "Severity",
    "ShapeViolationError",
    "check_shapes",
    "load_shapes",
    "raise_on_violations",
    "render",
    "validate_agenda",
    "validate_graph",
    "validate_quads",
]
