"""One cell value ↔ one RDF term, per column kind. Export keeps a value in a column only when
decoding its text gives the same term back, so the workbook is lossless by construction."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.sheets.mapping import BOOLEANS, Column
from werkagenda.sheets.vocab import Actors, Codes, Curies

XSD = PREFIXES["xsd"]
XSD_STRING = XSD + "string"
XSD_BOOLEAN = XSD + "boolean"
Term = ox.NamedNode | ox.BlankNode | ox.Literal


class CellValueError(ValueError):
    """A cell text the column cannot take; the message says why (and what is near)."""


@dataclass
class Context:
    curies: Curies
    codes: dict[str, Codes]
    actors: Actors
    lang: str = "nl"
    blanks: dict[str, ox.BlankNode] = field(default_factory=dict)  # "_:3" → node (import)
    labels: dict[ox.BlankNode, str] = field(default_factory=dict)  # node → "_:3" (export)

    def blank(self, label: str) -> ox.BlankNode:
        return self.blanks.setdefault(label, ox.BlankNode())


def encode(term: Term, column: Column, ctx: Context) -> str | None:
    """The cell text for `term` in `column`, or None when the column cannot carry it exactly."""
    text = _encode(term, column, ctx)
    if text is None or not _plain(text):
        return None
    try:
        return text if decode(text, column, ctx) == term else None
    except CellValueError:
        return None


def _plain(text: str) -> bool:
    return bool(text) and "\n" not in text and text == text.strip()


def _encode(term: Term, column: Column, ctx: Context) -> str | None:
    kind = column.kind
    if isinstance(term, ox.BlankNode):
        return ctx.labels.get(term) if kind in ("iri", "id") else None
    if isinstance(term, ox.NamedNode):
        if kind in ("iri", "types", "id"):
            return ctx.curies.compact(term.value)
        if kind == "actor":
            return ctx.actors.shown(term.value) or ctx.curies.compact(term.value)
        if kind == "code" and column.codes:
            return ctx.codes[column.codes].shown.get(term.value)
        return None
    return _encode_literal(term, column, ctx)


def _encode_literal(term: ox.Literal, column: Column, ctx: Context) -> str | None:
    kind, lang, datatype = column.kind, term.language, term.datatype.value
    if kind == "str":
        return term.value if datatype == XSD_STRING else None
    if kind in ("nl", "en"):
        return term.value if lang == kind else None
    if kind == "typed" and column.datatype:
        return term.value if datatype == ctx.curies.expand(column.datatype) else None
    if kind == "bool" and datatype == XSD_BOOLEAN and term.value in ("true", "false"):
        yes, no = BOOLEANS[ctx.lang]
        return yes if term.value == "true" else no
    return None


def decode(text: str, column: Column, ctx: Context) -> Term:
    """The term a cell text stands for in `column` (raises CellValueError)."""
    kind = column.kind
    if kind in ("iri", "types", "id"):
        return _iri(text, ctx)
    if kind == "actor":
        return _actor(text, ctx)
    if kind == "code" and column.codes:
        return _code(text, ctx.codes[column.codes])
    if kind == "str":
        return ox.Literal(text)
    if kind in ("nl", "en"):
        return ox.Literal(text, language=kind)
    if kind == "typed" and column.datatype:
        return ox.Literal(text, datatype=ox.NamedNode(_iri(column.datatype, ctx).value))
    if kind == "bool":
        return _bool(text)
    raise CellValueError(f"column kind {kind!r} holds no values")


def _iri(text: str, ctx: Context) -> ox.NamedNode:
    if text.startswith("_:"):
        raise CellValueError("a blank-node label cannot stand here; use an identifier")
    iri = ctx.curies.expand(text)
    if iri is None:
        raise CellValueError(
            "not an identifier: write prefix:name with a prefix of the sheet "
            "'Prefixen', or <full IRI>"
        )
    return ox.NamedNode(iri)


def reference(text: str, ctx: Context) -> ox.NamedNode | ox.BlankNode:
    """An identifier that may also be a workbook-local blank node (`_:3`)."""
    return ctx.blank(text) if text.startswith("_:") else _iri(text, ctx)


def _actor(text: str, ctx: Context) -> ox.NamedNode:
    iri = ctx.curies.expand(text)
    if iri is not None and iri in ctx.actors.names:
        return ox.NamedNode(iri)
    found = ctx.actors.find(text)
    if found is not None:
        return ox.NamedNode(found)
    if iri is not None and not text.startswith("<"):
        return ox.NamedNode(iri)  # an identifier of an actor outside the sheet 'Organisaties'
    near = ctx.actors.nearest(text)
    hint = f"; nearest: '{near}'" if near else ""
    raise CellValueError(
        f"no organisation of this name (sheet 'Organisaties', names and name variants){hint}; "
        "add it there, or import with --new-organisation"
    )


def _code(text: str, codes: Codes) -> ox.NamedNode:
    iri = codes.accepted.get(text.casefold())
    if iri is not None:
        return ox.NamedNode(iri)
    near = codes.nearest(text)
    hint = f"; nearest: '{near}'" if near else ""
    raise CellValueError(f"not a value of the list '{codes.spec.nl}'{hint}")


def _bool(text: str) -> ox.Literal:
    folded = text.casefold()
    if folded in ("ja", "yes", "true", "waar", "1"):
        return ox.Literal("true", datatype=ox.NamedNode(XSD_BOOLEAN))
    if folded in ("nee", "no", "false", "onwaar", "0"):
        return ox.Literal("false", datatype=ox.NamedNode(XSD_BOOLEAN))
    raise CellValueError("not a yes/no value (ja/nee)")
