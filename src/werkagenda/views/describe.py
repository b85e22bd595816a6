"""Read one resource out of the store: its triples, neighbours' labels, source lines.

Uses the store's triple-pattern API (bounded lookups on one IRI), not SPARQL text.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from werkagenda.config import WA
from werkagenda.rdf.curies import compact as curie
from werkagenda.views import render as ui

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
TYPE = ox.NamedNode(RDF + "type")
LABELS = [
    ox.NamedNode(i)
    for i in (
        SKOS + "prefLabel",
        RDFS + "label",
        DCT + "title",
        "http://xmlns.com/foaf/0.1/name",
        SKOS + "notation",
        WA + "code",
    )
]
DESCRIPTIONS = [
    ox.NamedNode(i) for i in (DCT + "description", SKOS + "definition", RDFS + "comment")
]
BRONREGEL = ox.NamedNode(WA + "bronregel")
REGELNUMMER = ox.NamedNode(WA + "regelnummer")
REGELTEKST = ox.NamedNode(WA + "regeltekst")
BRONDOCUMENT = ox.NamedNode(WA + "bronDocument")
BRONTEKST = ox.NamedNode(WA + "bronTekst")
SUBPROPERTY = ox.NamedNode(RDFS + "subPropertyOf")
# A part of an inspanning without a label of its own is named by its owner's code and the
# value that tells it apart: "Financiering VOW-9: IZA-transformatieplan".
PARTS = {
    WA + "financiering": WA + "financieringsbron",
    WA + "planning": WA + "mijlpaalSoort",
    WA + "randvoorwaarde": WA + "randvoorwaardeSoort",
    WA + "doelVerwijzing": WA + "letter",
    WA + "schaal": WA + "schaalniveau",
}
NOTE_KIND = ox.NamedNode(WA + "notitieSoort")
OWNER_NAMES = [ox.NamedNode(WA + "code"), ox.NamedNode(SKOS + "notation")]
Subject = ox.NamedNode | ox.BlankNode


class Describer:
    """Label and triple lookups over one read-only store, with a per-process label cache."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._labels: dict[tuple[str, str], str] = {}
        self._shorts: dict[str, str] = {}
        self._last: tuple[str, list[ox.Triple]] = ("", [])  # the last description asked for
        self.verbatim_props = {WA + "bronTekst"} | {
            q.subject.value
            for q in store.quads_for_pattern(None, SUBPROPERTY, BRONTEKST)
            if isinstance(q.subject, ox.NamedNode)
        }

    def exists(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        return any(True for _ in self.store.quads_for_pattern(node, None, None)) or any(
            True for _ in self.store.quads_for_pattern(None, None, node)
        )

    def outgoing(self, node: Subject) -> list[ox.Triple]:
        return _dedupe(
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(node, None, None)
        )

    def incoming(self, node: ox.NamedNode) -> list[ox.Triple]:
        return _dedupe(
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(None, None, node)
        )

    def closure(self, node: Subject, limit: int = 5000) -> list[ox.Triple]:
        """Outgoing triples plus those of every blank node reachable from them (CBD)."""
        out: list[ox.Triple] = []
        todo, seen = [node], {node}
        while todo and len(out) < limit:
            for t in self.outgoing(todo.pop()):
                out.append(t)
                if isinstance(t.object, ox.BlankNode) and t.object not in seen:
                    seen.add(t.object)
                    todo.append(t.object)
        return out

    def description(self, iri: str) -> list[ox.Triple]:
        """What the IRI dereferences to: its closure plus the triples pointing at it.

        The last one is remembered (a copy is returned): a page is asked for in every RDF
        format in a row, when pre-rendered and by a crawler.
        """
        if self._last[0] != iri:
            node = ox.NamedNode(iri)
            found = self.closure(node) + [t for t in self.incoming(node) if t.subject != node]
            self._last = (iri, found)
        return list(self._last[1])

    def literals(self, node: Subject, preds: Iterable[ox.NamedNode]) -> list[ox.Literal]:
        found: list[ox.Literal] = []
        for p in preds:
            found += [
                q.object
                for q in self.store.quads_for_pattern(node, p, None)
                if isinstance(q.object, ox.Literal)
            ]
        return found

    def short(self, iri: str) -> str:
        """`curie(iri)`, remembered: the same properties and types recur on every page."""
        found = self._shorts.get(iri)
        if found is None:
            found = self._shorts[iri] = curie(iri)
        return found

    def label(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple, lang: str) -> str:
        """The best label of a term in `lang` (then the other language, then any, then a name)."""
        if not isinstance(term, ox.NamedNode):
            return term.value if isinstance(term, ox.Literal) else ""
        key = (term.value, lang)
        if key not in self._labels:
            self._labels[key] = self._find_label(term, lang)
        return self._labels[key]

    def _find_label(self, node: ox.NamedNode, lang: str) -> str:
        for pred in LABELS:
            found = pick_language(self.literals(node, [pred]), lang)
            if found is not None:
                return found.value
        named = prop_label(node.value, lang) or self._part_label(node, lang)
        if named:
            return named
        number = self.literals(node, [REGELNUMMER])
        if number:
            return ("regel " if lang == "nl" else "line ") + number[0].value
        short = curie(node.value)
        if short != node.value:
            return short
        return node.value.rstrip("/").rsplit("/", 1)[-1].split("#")[-1] or node.value

    def _part_label(self, node: ox.NamedNode, lang: str) -> str:
        """'Financiering VOW-9: IZA-transformatieplan' for an unlabelled part of an inspanning."""
        for q in self.store.quads_for_pattern(None, None, node):
            detail_prop = PARTS.get(q.predicate.value)
            if detail_prop is None or not isinstance(q.subject, ox.NamedNode):
                continue
            owner = pick_language(self.literals(q.subject, OWNER_NAMES), lang)
            details = [
                d.object
                for d in self.store.quads_for_pattern(node, ox.NamedNode(detail_prop), None)
            ]
            word = ui.t("k.derived." + q.predicate.value.removeprefix(WA), lang)
            name = f"{word} {owner.value}" if owner else word
            if details and isinstance(details[0], ox.NamedNode | ox.Literal):
                return f"{name}: {self.label(details[0], lang)}"
            return name
        kinds = [q.object for q in self.store.quads_for_pattern(node, NOTE_KIND, None)]
        text = pick_language(self.literals(node, DESCRIPTIONS), lang)
        if kinds and isinstance(kinds[0], ox.NamedNode) and text is not None:
            words = text.value.split()
            gist = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
            return f"{self.label(kinds[0], lang)}: {gist}"  # a data-quality note
        return ""

    def source_lines(
        self, node: ox.NamedNode
    ) -> list[tuple[ox.NamedNode, int, str, ox.NamedNode | None]]:
        """(line, number, text, document) for every wa:bronregel of the node, in reading order."""
        lines = []
        for q in self.store.quads_for_pattern(node, BRONREGEL, None):
            line = q.object
            if not isinstance(line, ox.NamedNode):
                continue
            numbers = self.literals(line, [REGELNUMMER])
            texts = self.literals(line, [REGELTEKST])
            docs = [d.object for d in self.store.quads_for_pattern(line, BRONDOCUMENT, None)]
            number = int(numbers[0].value) if numbers and numbers[0].value.isdigit() else 0
            doc = docs[0] if docs and isinstance(docs[0], ox.NamedNode) else None
            lines.append((line, number, texts[0].value if texts else "", doc))
        unique = {ln[0].value: ln for ln in lines}
        return sorted(unique.values(), key=lambda ln: (ln[3].value if ln[3] else "", ln[1]))


def prop_label(iri: str, lang: str) -> str:
    """The UI name of a well-known property our ontology does not label (`dct:title` …).

    >>> prop_label("http://purl.org/dc/terms/title", "nl"), prop_label("http://e/x", "en")
    ('titel', '')
    """
    key = "prop." + curie(iri)
    return ui.t(key, lang) if key in ui.UI else ""


def pick_language(literals: list[ox.Literal], lang: str) -> ox.Literal | None:
    """Prefer `lang`, then Dutch, then English, then untagged, then anything."""
    if not literals:
        return None
    order = [lang, "nl", "en", None]
    for want in order:
        for lit in literals:
            if lit.language == want or (
                want and lit.language and lit.language.startswith(want + "-")
            ):
                return lit
    return literals[0]


def _dedupe(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    return list(dict.fromkeys(triples))
