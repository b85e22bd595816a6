"""SHACL Core checks of the fast path: one compiled shape against one focus node.

`check` evaluates a shape's own constraints on the focus node and each property shape on the
node's value nodes, and returns raw results (`Raw`: part, component, focus, value, SPARQL
variables). Nested shapes' verdicts are cached per node in `Data.conforms`. Datatype checks
follow the reference: lexical forms that rdflib rejects are ill-typed here too.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import RDF

from werkagenda.validate.datatypes import GYEAR, GYEARMONTH
from werkagenda.validate.fast_data import Data
from werkagenda.validate.fast_shapes import VALUE_CHECKS, XSD, Part, Shape

_LEXICAL = {  # lexical forms the reference (pySHACL on rdflib) rejects as ill-typed
    XSD + "integer": r"[+-]?\d+",
    XSD + "int": r"[+-]?\d+",
    XSD + "positiveInteger": r"\+?0*[1-9]\d*",
    XSD + "nonNegativeInteger": r"\+?\d+",
    XSD + "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    XSD + "boolean": r"true|false|1|0",
    XSD + "date": r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?",
    XSD + "gYear": GYEAR.pattern,  # strict in the reference too: validate/datatypes.py
    XSD + "gYearMonth": GYEARMONTH.pattern,
}

Raw = tuple[Part, str, object, object, dict | None]  # part, component, focus, value, sparql vars


def check(shape: Shape, focus: object, data: Data) -> list[Raw]:
    out = _run(shape.own, focus, [focus], data)
    for part in shape.props:
        out += _run(part, focus, data.values(focus, part.path), data)
    return out


def _conforms(shape: Shape, node: object, data: Data) -> bool:
    key = (id(shape), node)
    found = data.conforms.get(key)
    if found is None:
        found = data.conforms[key] = not check(shape, node, data)
    return found


def _run(part: Part, focus: object, values: list, data: Data) -> list[Raw]:
    out: list[Raw] = []
    for name, component, arg in part.checks:
        if name in VALUE_CHECKS:
            out += [
                (part, component, focus, v, None) for v in values if not _ok(name, arg, v, data)
            ]
        elif (
            name == "minCount"
            and len(values) < arg
            or name == "maxCount"
            and len(values) > arg
            or name == "hasValue"
            and arg[0] not in values
        ):
            out.append((part, component, focus, None, None))
        elif name == "uniqueLang" and arg:
            langs = [v.language.lower() for v in values if isinstance(v, ox.Literal) and v.language]
            out += [
                (part, component, focus, None, None)
                for _ in {x for x in langs if langs.count(x) > 1}
            ]
        elif name == "qualifiedValueShape":
            sub, lo, hi = arg
            n = sum(1 for v in values if _conforms(sub, v, data))
            if lo is not None and n < lo:
                out.append((part, "QualifiedMinCount", focus, None, None))
            if hi is not None and n > hi:
                out.append((part, "QualifiedMaxCount", focus, None, None))
        elif name in ("equals", "disjoint"):
            other = data.values(focus, arg)
            bad = (
                [v for v in values if v not in other] + [v for v in other if v not in values]
                if name == "equals"
                else [v for v in values if v in other]
            )
            out += [(part, component, focus, v, None) for v in bad]
    return out


def _ok(name: str, arg: object, v: object, data: Data) -> bool:
    if name in ("or", "xone", "and"):
        n = sum(1 for s in arg if _conforms(s, v, data))
        return n >= 1 if name == "or" else n == 1 if name == "xone" else n == len(arg)
    if name in ("node", "not"):
        return _conforms(arg, v, data) == (name == "node")
    if name == "class":
        return data.is_a(v, arg)
    if name == "nodeKind":
        return isinstance(v, arg)
    if name == "in":
        return v in arg
    if (
        isinstance(v, ox.BlankNode)
        or not isinstance(v, ox.Literal)
        and name != "pattern"
        and not name.endswith("Length")
    ):
        return False
    if name == "pattern":
        return bool(arg.search(v.value))
    if name in ("minLength", "maxLength"):
        return len(v.value) >= arg if name == "minLength" else len(v.value) <= arg
    if name == "languageIn":
        return bool(v.language) and (
            v.language.lower() in arg or v.language.split("-")[0].lower() in arg
        )
    if name == "datatype":
        if arg == str(RDF.langString) or v.language:
            return arg == str(RDF.langString) and bool(v.language)
        pattern = _LEXICAL.get(arg)
        return v.datatype.value == arg and (pattern is None or bool(re.fullmatch(pattern, v.value)))
    try:
        number = Decimal(v.value)
    except InvalidOperation:
        return False
    return {
        "minInclusive": number >= arg,
        "maxInclusive": number <= arg,
        "minExclusive": number > arg,
        "maxExclusive": number < arg,
    }[name]
