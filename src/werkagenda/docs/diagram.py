"""A Mermaid classDiagram of the ontology, kept in README.md between two markers."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from werkagenda.config import ONTOLOGY_DIR, ROOT, WA
from werkagenda.rdf.atomic import write_text

START = "<!-- diagram:start -->"
END = "<!-- diagram:end -->"


def mermaid(ontology: Path | None = None) -> str:
    """The classDiagram: wa: classes, their superclasses, object properties with a domain
    and a range as associations, datatype properties with a domain as attributes.

    >>> mermaid().splitlines()[0]
    'classDiagram'
    """
    graph = Graph(bind_namespaces="core")
    graph.parse(ontology or ONTOLOGY_DIR / "werkagenda.ttl")
    names = _Names(graph)
    classes = sorted((s for s in graph.subjects(RDF.type, OWL.Class) if _ours(s)), key=str)
    lines = ["classDiagram", "    direction LR"]
    body: list[str] = []
    for cls in classes:
        attrs = [
            f"        +{_local(p)} {_local(r) if r is not None else 'literal'}"
            for p in sorted(graph.subjects(RDFS.domain, cls), key=str)
            if (p, RDF.type, OWL.DatatypeProperty) in graph
            for r in [graph.value(p, RDFS.range)]
        ]
        defined = graph.value(cls, OWL.equivalentClass) is not None
        if attrs or defined:
            body.append(f"    class {names(cls)} {{")
            body += (["        <<defined>>"] if defined else []) + attrs
            body.append("    }")
        else:
            body.append(f"    class {names(cls)}")
        for parent in sorted(graph.objects(cls, RDFS.subClassOf), key=str):
            if isinstance(parent, URIRef):
                body.append(f"    {names(parent)} <|-- {names(cls)}")
        for parent in _defined_parents(graph, cls):
            body.append(f"    {names(parent)} <|-- {names(cls)}")
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty), key=str):
        domain, rng = graph.value(prop, RDFS.domain), graph.value(prop, RDFS.range)
        if isinstance(domain, URIRef) and isinstance(rng, URIRef):
            body.append(f"    {names(domain)} --> {names(rng)} : {_local(prop)}")
    return "\n".join(lines + names.declarations() + body) + "\n"


def update_readme(readme: Path | None = None, ontology: Path | None = None) -> bool:
    """Write the diagram between the markers of README.md (created with only the markers
    if absent); atomic. Returns whether the file changed."""
    path = readme or ROOT / "README.md"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    block = f"{START}\n```mermaid\n{mermaid(ontology)}```\n{END}"
    new = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    if new == text:
        return False
    write_text(path, new)
    return True


class _Names:
    """Mermaid identifiers: wa:X → X; other IRIs → prefix_X with a ["prefix:X"] label."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.external: dict[str, str] = {}

    def __call__(self, iri: Node) -> str:
        text = str(iri)
        if text.startswith(WA):
            return text[len(WA) :]
        try:
            prefix, _, local = self.graph.compute_qname(text, generate=False)
        except (ValueError, KeyError):
            prefix, local = "ext", _local(iri)
        ident = re.sub(r"\W", "_", f"{prefix}_{local}")
        self.external[ident] = f"{prefix}:{local}"
        return ident

    def declarations(self) -> list[str]:
        return [f'    class {i}["{label}"]' for i, label in sorted(self.external.items())]


def _ours(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(WA)


def _local(node: Node) -> str:
    return re.split(r"[#/]", str(node))[-1]


def _defined_parents(graph: Graph, cls: Node) -> list[URIRef]:
    """Named classes in the owl:intersectionOf of a defined class (its implied parents)."""
    found: list[URIRef] = []
    for expr in graph.objects(cls, OWL.equivalentClass):
        members = graph.value(expr, OWL.intersectionOf)
        if members is not None:
            found += [m for m in Collection(graph, members) if isinstance(m, URIRef)]
    return sorted(found)
