"""The indexed data view of the fast path: one agenda graph over the vocabulary, in dicts.

`Data` indexes quads subject -> predicate -> objects (plus by type and by predicate), layered
over a shared `base` (the vocabulary, indexed once), and answers what the checks ask: value
nodes of a property path, class membership through rdfs:subClassOf*, and the focus nodes of a
shape's targets. It also caches each nested shape's verdict per node (`conforms`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF

from werkagenda.errors import InternalError
from werkagenda.validate.fast_shapes import Path, Shape

_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_EMPTY: dict = {}
_NONE: list = []


class Data:
    """Quads indexed subject -> predicate -> objects, layered over a shared `base` (vocabulary)."""

    def __init__(self, quads: Iterable[ox.Quad], base: Data | None = None) -> None:
        spo: dict = {}
        for subject, predicate, obj, _ in quads:
            by_p = spo.get(subject)
            if by_p is None:
                by_p = spo[subject] = {}
            objs = by_p.get(predicate)
            if objs is None:
                by_p[predicate] = [obj]
            elif obj not in objs:
                objs.append(obj)
        self.by_type: dict[ox.NamedNode, list] = {}
        self.by_pred: dict[ox.NamedNode, list] = {}
        for s, by_p in spo.items():
            for p in by_p:
                self.by_pred.setdefault(p, []).append(s)
            for t in by_p.get(_TYPE, ()):
                self.by_type.setdefault(t, []).append(s)
        self.base = base
        if base is not None:  # a subject described in both graphs sees both descriptions
            for s in [s for s in spo if s in base.spo]:
                merged = {p: list(os) for p, os in base.spo[s].items()}
                for p, os in spo[s].items():
                    merged.setdefault(p, []).extend(o for o in os if o not in merged.get(p, ()))
                spo[s] = merged
        self.spo = spo
        self._supers: dict[ox.NamedNode, set[str]] = {}
        self._inverse: dict[ox.NamedNode, dict] = {}
        self._is_a: dict[tuple[object, str], bool] = {}
        self.conforms: dict[tuple[int, object], bool] = {}  # (id(shape), node) -> verdict

    def subjects_of(self, predicate: ox.NamedNode) -> list:
        """Subjects with `predicate` in this graph or the base (each once)."""
        mine = self.by_pred.get(predicate, _NONE)
        if self.base is None:
            return mine
        theirs = self.base.by_pred.get(predicate, _NONE)
        return list(dict.fromkeys([*mine, *theirs])) if theirs else mine

    def _typed(self) -> list[tuple[ox.NamedNode, list]]:
        """(class, members) pairs of this graph and the base."""
        base = list(self.base.by_type.items()) if self.base is not None else []
        return [*self.by_type.items(), *base]

    def _describe(self, s: object) -> dict:
        found = self.spo.get(s)
        if found is None:
            found = self.base.spo.get(s, _EMPTY) if self.base is not None else _EMPTY
        return found

    def values(self, s: object, path: Path) -> list:
        """Value nodes of `path` from `s` (distinct, in data order)."""
        if isinstance(path, ox.NamedNode):
            return self._describe(s).get(path, _NONE)
        kind, arg = path
        if kind == "seq":
            nodes = [s]
            for step in arg:
                nodes = list(dict.fromkeys(v for n in nodes for v in self.values(n, step)))
            return nodes
        if kind == "alt":
            return list(dict.fromkeys(v for p in arg for v in self.values(s, p)))
        if kind == "inversePath":
            if not isinstance(arg, ox.NamedNode):
                raise InternalError("fast validation: inverse of a complex path")
            if arg not in self._inverse:
                index: dict = {}
                for subj in self.subjects_of(arg):
                    for o in self._describe(subj)[arg]:
                        index.setdefault(o, []).append(subj)
                self._inverse[arg] = index
            return self._inverse[arg].get(s, [])
        found = {s: None} if kind != "oneOrMorePath" else {}
        todo = [s]
        while todo:
            for v in self.values(todo.pop(), arg):
                if v not in found:
                    found[v] = None
                    if kind != "zeroOrOnePath":
                        todo.append(v)
        return list(found)

    def supers(self, cls: ox.NamedNode) -> set[str]:
        """`cls` and all its superclasses (rdfs:subClassOf*), as IRI strings."""
        if cls not in self._supers:
            seen, todo = {cls.value}, [cls]
            while todo:
                for up in self.values(todo.pop(), _SUBCLASS):
                    if isinstance(up, ox.NamedNode) and up.value not in seen:
                        seen.add(up.value)
                        todo.append(up)
            self._supers[cls] = seen
        return self._supers[cls]

    def is_a(self, node: object, cls: str) -> bool:
        key = (node, cls)
        found = self._is_a.get(key)
        if found is None:
            found = self._is_a[key] = not isinstance(node, ox.Literal) and any(
                cls in self.supers(t)
                for t in self.values(node, _TYPE)
                if isinstance(t, ox.NamedNode)
            )
        return found

    def focus(self, shape: Shape, store: ox.Store, graphs: list | None) -> list:
        found: dict[object, None] = {}
        for kind, arg in shape.targets:
            if kind == "targetClass":
                for t, members in self._typed():
                    if arg.value in self.supers(t):
                        found.update(dict.fromkeys(members))
            elif kind == "targetSubjectsOf":
                found.update(dict.fromkeys(self.subjects_of(arg)))
            elif kind == "targetObjectsOf":
                found.update(
                    dict.fromkeys(o for s in self.subjects_of(arg) for o in self._describe(s)[arg])
                )
            elif kind == "targetNode":
                found[arg] = None
            else:
                found.update(
                    dict.fromkeys(row["this"] for row in store.query(arg, default_graph=graphs))
                )
        return list(found)
