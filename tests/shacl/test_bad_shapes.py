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


HOSTILE_SHAPES = {
    "deep": "<urn:x:root> <urn:x:p> " + "[ <urn:x:p> " * 10_000 + "1" + " ]" * 10_000 + " .\n",
    "literal": '<urn:x:s> <urn:x:p> "' + "x" * (1024 * 1024 + 1) + '" .\n',
}


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("kind", ["deep", "literal", "huge"])
def test_hostile_shapes_files_are_bounded_like_build_inputs(
    command: str, kind: str, tmp_path: Path
) -> None:
    """Issue 17, hole 10: `--shapes` files obey the build inputs' bounds (16 MiB a file,
    1 Mi characters a literal, 64-deep blank nodes): one line naming the file, exit 2."""
    shapes = tmp_path / "hostile-shapes.ttl"
    if kind == "huge":  # 200 MB of comment, sparse: no disk used
        with shapes.open("wb") as f:
            f.write(b"# ")
            f.truncate(200 * 1024 * 1024)
    else:
        shapes.write_text(HOSTILE_SHAPES[kind], encoding="utf-8")
    args = [command, "--agenda", str(MINI), "--shapes", str(shapes)]
    if command == "build":
        args += ["--dist", str(tmp_path / "dist"), "--no-reason-check"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and "hostile-shapes.ttl" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "dist").exists()
