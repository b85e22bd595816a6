"""The `>>>` examples in the build-pipeline modules run as written."""

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
    "werkagenda.validate.shacl",
    "werkagenda.reason.materialise",
    "werkagenda.reason.diagnose",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no >>> examples"
    assert result.failed == 0
