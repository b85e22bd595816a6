"""Fixtures for the SHACL engine tests: the real agenda's quads and our shapes."""

from __future__ import annotations

import pytest

from tests.scale.conftest import real_agenda, real_quads, vocabulary  # noqa: F401  (fixtures)
from werkagenda.validate import Shapes, load_shapes


@pytest.fixture(scope="session")
def shapes() -> Shapes:
    return load_shapes()
