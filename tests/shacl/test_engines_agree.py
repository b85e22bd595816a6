"""pyrudof (the build gate) and pySHACL (the reference) give the same results on our shapes.

On the real agenda and on each `tests/scale/fixtures/broken/*.ru` (a SPARQL Update that breaks
the real agenda in a known way), both engines must report the same results: focus node, path,
value, constraint component, severity and shape (blank focus nodes compared by position only),
and the same sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.scale.conftest import FIXTURES
from werkagenda.validate import Report, validator

BROKEN = sorted((FIXTURES / "broken").glob("*.ru"))
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def signature(report: Report) -> Counter[tuple[str | None, ...]]:
    return Counter(
        (re.sub(r"^_:.*", "_:b", r.focus), r.path, r.value, r.component, r.severity.value, r.shape)
        for r in report.results
    )


def assert_same(reference: Report, fast: Report) -> None:
    ref, got = signature(reference), signature(fast)
    only_ref, only_fast = ref - got, got - ref
    assert not only_ref and not only_fast, (
        f"pySHACL only: {sorted(only_ref, key=str)[:5]}\n"
        f"pyrudof only: {sorted(only_fast, key=str)[:5]}"
    )


def broken(vocabulary: list[ox.Quad], real_quads: list[ox.Quad], update: Path) -> list[ox.Quad]:
    """The real data with `update` applied, every quad it does not touch as parsed.

    A pyoxigraph store keeps `xsd:positiveInteger` literals as `xsd:integer`; the whole data
    read back from the store would break every `wa:regelnummer` on its own.
    """
    original = vocabulary + real_quads
    store = ox.Store()
    store.bulk_extend(original)
    before = set(store)
    store.update(update.read_text(encoding="utf-8"))
    after = set(store)
    removed, added = before - after, after - before
    assert removed or added, f"{update.name} changes nothing"
    kept = [q for q, s in zip(original, as_stored(original), strict=True) if s not in removed]
    return kept + sorted(added, key=str)


def as_stored(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Each quad with its literal as a pyoxigraph store gives it back."""
    probe, s, p = ox.Store(), ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p")
    table: dict[ox.Literal, ox.Literal] = {}
    for q in quads:
        o = q.object
        if isinstance(o, ox.Literal) and o.datatype.value != XSD_STRING and o not in table:
            probe.add(ox.Quad(s, p, o))
            (back,) = probe
            table[o] = back.object  # type: ignore[assignment]
            probe.clear()
    return [
        ox.Quad(q.subject, q.predicate, table.get(q.object, q.object), q.graph_name) for q in quads
    ]


def test_broken_variants_read_unchanged_quads_as_parsed(vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    """Regression: a variant once carried 1,204 wa:regelnummer datatype violations of its own."""
    quads = broken(vocabulary, real_quads, FIXTURES / "broken" / "duplicate-code.ru")
    numbers = [q.object for q in quads if q.predicate.value.endswith("#regelnummer")]
    assert numbers and all(n.datatype.value.endswith("#positiveInteger") for n in numbers)


@pytest.fixture(scope="module")
def engines(shapes):  # type: ignore[no-untyped-def]
    return validator(shapes, "pyshacl"), validator(shapes, "pyrudof")


def test_collected_every_broken_variant() -> None:
    assert len(BROKEN) == 7, [p.name for p in BROKEN]


def test_real_data_same_results(engines, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    reference, fast = engines
    quads = vocabulary + real_quads
    ref = reference.validate(quads)
    assert ref.conforms and ref.results, "the real data conforms, with warnings and infos"
    assert_same(ref, fast.validate(quads))


@pytest.mark.parametrize("update", BROKEN, ids=lambda p: p.stem)
def test_broken_variant_same_results(update: Path, engines, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    reference, fast = engines
    quads = broken(vocabulary, real_quads, update)
    ref = reference.validate(quads)
    assert ref.violations, f"{update.name} breaks nothing; fix the fixture"
    got = fast.validate(quads)
    assert_same(ref, got)
    assert sorted(r.message for r in ref.results) == sorted(r.message for r in got.results)


def test_dangling_pointer_and_bad_year_are_refused(engines, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    """The two shapes rewritten for pyrudof still catch what they caught (both engines)."""
    for engine in engines:
        dangling = engine.validate(
            broken(vocabulary, real_quads, FIXTURES / "broken" / "dangling-bronregel.ru")
        )
        shapes = {r.shape for r in dangling.violations if r.path == "wa:bronregel"}
        assert "was:ProvenanceResolves / wa:bronregel" in shapes, engine.name
        years = engine.validate(
            broken(vocabulary, real_quads, FIXTURES / "broken" / "wrong-datatypes.ru")
        )
        bad = [r for r in years.violations if r.path == "wa:doeljaar"]
        assert bad and all(r.value == '"twintig"^^xsd:gYear' for r in bad), engine.name
        assert {r.component for r in bad} == {"NodeConstraintComponent"}, engine.name


def test_validator_reuses_its_session_across_agendas(engines, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    _, fast = engines
    first = fast.validate(vocabulary + real_quads)
    bad = fast.validate(broken(vocabulary, real_quads, FIXTURES / "broken" / "duplicate-code.ru"))
    again = fast.validate(vocabulary + real_quads)  # nothing of the broken agenda leaks
    assert not bad.conforms
    assert signature(first) == signature(again)


CORE_AGENDAS = ("mini-2024", "shacl-bad-2024", "inconsistent-2024")


@pytest.mark.parametrize("shapes_file", ["shapes-mini.ttl", "ontology"])
@pytest.mark.parametrize("name", CORE_AGENDAS)
def test_core_fixture_agendas_same_results(name: str, shapes_file: str, vocabulary) -> None:  # type: ignore[no-untyped-def]
    """tests/core/fixtures' agendas, under the mini shapes and under ontology/shapes.ttl."""
    from tests.conftest import CORE_FIXTURES
    from werkagenda.build import agenda_at
    from werkagenda.load import agenda_quads
    from werkagenda.validate import agenda_prefixes, load_shapes

    agenda = agenda_at(CORE_FIXTURES / name)
    shapes = load_shapes(None if shapes_file == "ontology" else CORE_FIXTURES / shapes_file)
    quads = vocabulary + agenda_quads(agenda)
    names = agenda_prefixes(agenda)
    reference = validator(shapes, "pyshacl").validate(quads, prefixes=names)
    fast = validator(shapes, "pyrudof").validate(quads, prefixes=names)
    clean = (name, shapes_file) == ("mini-2024", "shapes-mini.ttl")  # conforms, no results
    assert bool(reference.results) is not clean, f"{name} under {shapes_file}"
    assert_same(reference, fast)
    assert sorted(r.message for r in reference.results) == sorted(r.message for r in fast.results)
