"""Reasoning: SPARQL materialisation of the defined classes, and the HermiT check.

`hermit` imports owlready2 only inside its functions, so importing this package never
loads owlready2 or starts Java.
"""

from werkagenda.reason.check import ReasonMismatchError, check_agreement, reason_check
from werkagenda.reason.hermit import (
    JAVA_MISSING,
    Classification,
    InconsistentError,
    classify,
    content_digest,
)
from werkagenda.reason.materialise import (
    DEFINED_CLASSES,
    Materialised,
    Memberships,
    materialise,
    memberships_in,
)

__all__ = [
    "DEFINED_CLASSES",
    "JAVA_MISSING",
    "Classification",
    "InconsistentError",
    "Materialised",
    "Memberships",
    "ReasonMismatchError",
    "check_agreement",
    "classify",
    "content_digest",
    "materialise",
    "memberships_in",
    "reason_check",
]
