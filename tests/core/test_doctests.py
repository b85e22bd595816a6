"""The `>>>` examples in the library modules run as written (serve's in tests/serve)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "werkagenda.build",
    "werkagenda.export",
    "werkagenda.stats",
    "werkagenda.docs.diagram",
    "werkagenda.validate.graph",
    "werkagenda.validate.reference",
    "werkagenda.reason.materialise",
    "werkagenda.reason.diagnose",
    "werkagenda.query",
    "werkagenda.query.binding",
    "werkagenda.query.params",
    "werkagenda.remote.canonical",
    "werkagenda.remote.push",
    "werkagenda.synth",
    "werkagenda.synth.generate",
    "werkagenda.synth.naming",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no >>> examples"
    assert result.failed == 0
