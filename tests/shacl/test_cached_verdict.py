"""`werkagenda validate` takes the build's verdict when nothing changed, and validates otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

from werkagenda.build import build
from werkagenda.config import SHAPES_FILE, Agenda
from werkagenda.validate.agendas import validate_agendas


def test_unchanged_inputs_take_the_build_verdict_and_an_edit_revalidates(
    tmp_path: Path, real_agenda: Agenda
) -> None:
    shapes, dist = tmp_path / "shapes.ttl", tmp_path / "dist"
    shutil.copy(SHAPES_FILE, shapes)
    build(dist=dist, agendas=[real_agenda], shapes=shapes, reason_check=False)

    (cached,) = validate_agendas([real_agenda], shapes=shapes, cache_dir=dist)
    (fresh,) = validate_agendas([real_agenda], shapes=shapes)
    assert cached.cached and not fresh.cached
    assert cached.results and cached.results == fresh.results  # warnings, infos, sentences
    assert cached.summary().endswith("(unchanged since the last build)")

    (other,) = validate_agendas([real_agenda], cache_dir=dist)  # other shapes: other input
    assert not other.cached

    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    (edited,) = validate_agendas([real_agenda], shapes=shapes, cache_dir=dist)
    assert not edited.cached and edited.results == fresh.results
