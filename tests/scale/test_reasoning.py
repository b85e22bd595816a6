"""The SPARQL CONSTRUCT materialisation gives the same defined-class members as HermiT.

HermiT runs through the build's own reasoner (`werkagenda.reason.classify`: owlready2's
HermiT jar, `-c -I`); the four defined classes' members must equal what
`reason.materialise` adds to the agenda graph — on the real agenda, and on a synthetic one
whose inspanningen mix funding, planning and preconditions from different donors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.scale.conftest import load_synthetic
from werkagenda.config import Agenda


def _compare(vocabulary: list[ox.Quad], quads: list[ox.Quad], agenda: Agenda) -> None:
    if shutil.which("java") is None:
        pytest.skip("java not on PATH (HermiT needs it)")
    from werkagenda.reason import DEFINED_CLASSES, classify, materialise

    store = ox.Store()
    store.bulk_extend(vocabulary + quads)
    ours = materialise(store, agenda.iri).memberships
    hermit = classify(vocabulary + quads).memberships
    assert sum(len(m) for m in ours.values()) > 0, "no memberships at all: nothing was compared"
    for cls in DEFINED_CLASSES:
        mine, theirs = set(ours[cls]), set(hermit.get(cls, ()))
        assert mine == theirs, (
            f"{agenda.key} {cls}: only SPARQL {sorted(mine - theirs)[:5]}, "
            f"only HermiT {sorted(theirs - mine)[:5]}"
        )


@pytest.mark.java
def test_materialisation_equals_hermit_on_the_real_agenda(
    vocabulary: list[ox.Quad], real_quads: list[ox.Quad], real_agenda: Agenda
) -> None:
    _compare(vocabulary, real_quads, real_agenda)


@pytest.mark.java
def test_materialisation_equals_hermit_on_a_synthetic_agenda(
    vocabulary: list[ox.Quad], synth_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agenda, quads = load_synthetic(synth_root, monkeypatch)[0]
    _compare(vocabulary, quads, agenda)
