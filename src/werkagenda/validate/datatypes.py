"""Strict lexical checks for the XSD date parts rdflib leaves unchecked.

Out of the box rdflib accepts `"twintig"^^xsd:gYear` as well-formed, so pySHACL's
sh:datatype passes it — unless another library (owlrl) has registered a parser first,
which made the reference validator's answer depend on import order. Registering strict
constructors here makes an ill-formed gYear/gYearMonth ill-typed, as SHACL requires.
pyrudof misses ill-typed gYear, so our shapes also check the lexical form with sh:pattern
(was:GYear in ontology/shapes.ttl): both engines refuse it alike.
"""

from __future__ import annotations

import logging
import re

from rdflib import XSD
from rdflib.term import bind

GYEAR = re.compile(r"-?\d{4,}(Z|[+-]\d\d:\d\d)?")
GYEARMONTH = re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?")


def _strict(pattern: re.Pattern[str]):  # type: ignore[no-untyped-def]
    def parse(lexical: str) -> str:
        if not pattern.fullmatch(lexical):
            raise ValueError(f"not a valid lexical form: {lexical!r}")
        return lexical

    return parse


def register() -> None:
    """Idempotent: bind strict constructors for xsd:gYear and xsd:gYearMonth."""
    # rdflib logs a traceback per ill-typed literal; the SHACL report says it in a sentence.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    bind(XSD.gYear, str, constructor=_strict(GYEAR), datatype_specific=True)
    bind(XSD.gYearMonth, str, constructor=_strict(GYEARMONTH), datatype_specific=True)
