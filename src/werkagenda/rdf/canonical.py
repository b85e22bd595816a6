"""The one canonical hash of RDF: RDFC-1.0 (pyoxigraph), then SHA-256 of the sorted N-Quads.

Equal for isomorphic graphs whatever the store, order or blank-node labels.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["digest"]


def digest(quads: Iterable[ox.Quad | ox.Triple], *, salt: str = "") -> str:
    """SHA-256 hex digest of `salt` and the RDFC-1.0 canonical, sorted N-Quads of `quads`.

    Triples are taken as quads of the default graph; graph names of quads count.

    >>> p = ox.NamedNode("http://e/p")
    >>> a = [ox.Triple(ox.BlankNode("x"), p, ox.Literal("1"))]
    >>> b = [ox.Quad(ox.BlankNode("y"), p, ox.Literal("1"))]
    >>> digest(a) == digest(b)
    True
    >>> digest(a) == digest(a, salt="v2")
    False
    """
    dataset = ox.Dataset(
        ox.Quad(q.subject, q.predicate, q.object) if isinstance(q, ox.Triple) else q for q in quads
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    text = ox.serialize(dataset, format=ox.RdfFormat.N_QUADS) or b""
    hasher = hashlib.sha256(salt.encode("utf-8"))
    for line in sorted(text.splitlines()):
        hasher.update(line + b"\n")
    return hasher.hexdigest()
