"""Shapes the engines cannot run are refused loudly: exit 3 naming shape and feature; a
malformed shapes file is exit 2 with file:line:col. Never a silent pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import CORE_FIXTURES
from werkagenda.cli import main
from werkagenda.errors import ParseError
from werkagenda.validate import UnsupportedShapeError, load_shapes

FIXTURES = Path(__file__).parent / "fixtures"
MINI = CORE_FIXTURES / "mini-2024"
UNSUPPORTED = [
    ("sparql-target.ttl", "ex:DanglingPointer", "sh:SPARQLTarget"),
    ("sparql-rule.ttl", "ex:Inferring", "sh:"),
]


@pytest.mark.parametrize(("name", "shape", "feature"), UNSUPPORTED)
def test_unsupported_feature_names_shape_and_feature(name: str, shape: str, feature: str) -> None:
    with pytest.raises(UnsupportedShapeError) as caught:
        load_shapes(FIXTURES / name)
    assert caught.value.shape == shape
    assert caught.value.feature.startswith(feature)
    assert caught.value.exit_code == 3


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("reference", [False, True])
def test_cli_exits_3_on_an_unsupported_feature(
    command: str, reference: bool, tmp_path: Path
) -> None:
    args = [command, "--agenda", str(MINI), "--shapes", str(FIXTURES / "sparql-target.ttl")]
    if command == "build":
        args += ["--dist", str(tmp_path / "dist"), "--no-reason-check"]
    elif reference:
        args.append("--reference")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    assert "ex:DanglingPointer" in result.output and "sh:SPARQLTarget" in result.output
    assert not (tmp_path / "dist").exists()


def test_malformed_shapes_name_file_line_and_column() -> None:
    with pytest.raises(ParseError) as caught:
        load_shapes(FIXTURES / "malformed.ttl")
    assert caught.value.path.endswith("malformed.ttl")
    assert caught.value.line == 7  # the missing ';' shows at the next predicate


def test_cli_exits_2_on_malformed_shapes() -> None:
    args = ["validate", "--agenda", str(MINI), "--shapes", str(FIXTURES / "malformed.ttl")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "malformed.ttl:7:" in result.output
