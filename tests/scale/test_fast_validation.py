"""The fast validator reports exactly what pySHACL reports, on the real data and broken variants.

Each `fixtures/broken/*.ru` is a SPARQL Update that breaks the real agenda in a known way;
both validators must then find the same results: focus node, path, value, constraint
component, severity and shape (blank nodes compared by position only).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.scale.conftest import FIXTURES
from werkagenda.validate import validate_quads
from werkagenda.validate.fast import FastValidator, compile_shapes, validate_quads_fast

BROKEN = sorted((FIXTURES / "broken").glob("*.ru"))


def signature(report) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(
        (re.sub(r"^_:.*", "_:b", r.focus), r.path, r.value, r.component, r.severity.value, r.shape)
        for r in report.results
    )


def assert_same(reference, fast) -> None:  # type: ignore[no-untyped-def]
    ref, got = signature(reference), signature(fast)
    only_ref, only_fast = ref - got, got - ref
    assert not only_ref and not only_fast, (
        f"pySHACL only: {sorted(only_ref, key=str)[:5]}\n"
        f"fast only: {sorted(only_fast, key=str)[:5]}"
    )


def broken(vocabulary: list[ox.Quad], real_quads: list[ox.Quad], update: Path) -> list[ox.Quad]:
    store = ox.Store()
    store.bulk_extend(vocabulary + real_quads)
    before = len(store)
    store.update(update.read_text(encoding="utf-8"))
    quads = list(store)
    assert quads != sorted(vocabulary + real_quads, key=str) or len(store) != before
    return quads


def test_collected_every_broken_variant() -> None:
    assert len(BROKEN) == 7, [p.name for p in BROKEN]


def test_our_shapes_compile(shapes) -> None:  # type: ignore[no-untyped-def]
    assert len(compile_shapes(shapes)) >= 20


def test_real_data_same_results(shapes, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    quads = vocabulary + real_quads
    assert_same(validate_quads(quads, shapes=shapes), validate_quads_fast(quads, shapes=shapes))


@pytest.mark.parametrize("update", BROKEN, ids=lambda p: p.stem)
def test_broken_variant_same_results(update: Path, shapes, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    quads = broken(vocabulary, real_quads, update)
    reference = validate_quads(quads, shapes=shapes)
    assert reference.violations, f"{update.name} breaks nothing; fix the fixture"
    assert_same(reference, validate_quads_fast(quads, shapes=shapes))


def test_messages_match_on_a_broken_variant(shapes, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    quads = broken(vocabulary, real_quads, FIXTURES / "broken" / "duplicate-code.ru")
    ref = sorted(r.message for r in validate_quads(quads, shapes=shapes).results)
    got = sorted(r.message for r in validate_quads_fast(quads, shapes=shapes).results)
    assert ref == got


def test_validator_reuses_vocabulary_across_agendas(shapes, vocabulary, real_quads) -> None:  # type: ignore[no-untyped-def]
    fast = FastValidator(shapes, vocabulary)
    first = fast.validate(real_quads)
    second = fast.validate(real_quads)  # nothing of the first agenda leaks into the second
    assert signature(first) == signature(second)
