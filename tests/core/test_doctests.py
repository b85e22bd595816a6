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
    "werkagenda.editions.feed",
    "werkagenda.editions.members",
    "werkagenda.query.binding",
    "werkagenda.query.files",
    "werkagenda.query.params",
    "werkagenda.rdf.atomic",
    "werkagenda.rdf.canonical",
    "werkagenda.rdf.curies",
    "werkagenda.rdf.terms",
    "werkagenda.remote.push",
    "werkagenda.synth",
    "werkagenda.synth.generate",
    "werkagenda.synth.naming",
    "werkagenda.views.catalog",
    "werkagenda.views.pictures.svg",
    "werkagenda.views.pictures.labels",
    "werkagenda.views.pictures.matrix",
    "werkagenda.views.pictures.funding",
    "werkagenda.views.pictures.network",
    "werkagenda.views.pictures.timeline",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no >>> examples"
    assert result.failed == 0
