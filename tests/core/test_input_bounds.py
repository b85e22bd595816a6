"""Regression (issue 17, hole 5): hostile input is refused as it is read, before SHACL, rules
or HermiT, with one line naming the file (a 10,000-deep blank-node chain once took 12 GB)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORE_FIXTURES, MINI_SHAPES
from werkagenda import load
from werkagenda.build import agenda_at, build
from werkagenda.errors import InputError


def hostile_agenda(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "mini-2024"
    shutil.copytree(CORE_FIXTURES / "mini-2024", folder)
    (folder / "hostile.ttl").write_text(extra, encoding="utf-8")
    return folder


def refused(folder: Path, tmp_path: Path) -> str:
    with pytest.raises(InputError) as caught:
        build(dist=tmp_path / "dist", agendas=[agenda_at(folder)], shapes=MINI_SHAPES)
    message = str(caught.value)
    assert "\n" not in message and "hostile.ttl" in message
    assert not (tmp_path / "dist" / "store").exists(), "nothing may be written"
    return message


def test_a_deep_blank_node_chain_is_refused_naming_the_file(tmp_path: Path) -> None:
    depth = 10_000
    chain = "<urn:x:root> <urn:x:p> " + "[ <urn:x:p> " * depth + "1" + " ]" * depth + " .\n"
    message = refused(hostile_agenda(tmp_path, chain), tmp_path)
    assert f"more than {load.MAX_BLANK_DEPTH} deep" in message


def test_nesting_as_deep_as_the_ontology_uses_passes(tmp_path: Path) -> None:
    depth = 20  # the ontology's longest chain is 13 (an owl:unionOf list)
    chain = "<urn:x:root> <urn:x:p> " + "[ <urn:x:p> " * depth + "1" + " ]" * depth + " .\n"
    build(
        dist=tmp_path / "dist",
        agendas=[agenda_at(hostile_agenda(tmp_path, chain))],
        shapes=MINI_SHAPES,
    )
    assert (tmp_path / "dist" / "store").is_dir()


def test_a_huge_literal_is_refused_naming_the_file(tmp_path: Path) -> None:
    text = '<urn:x:s> <urn:x:p> "' + "x" * (load.MAX_LITERAL_CHARS + 1) + '" .\n'
    assert "characters" in refused(hostile_agenda(tmp_path, text), tmp_path)


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    folder = hostile_agenda(tmp_path, "")
    with (folder / "hostile.ttl").open("wb") as f:  # 200 MB of comment, sparse: no disk used
        f.write(b"# ")
        f.truncate(200 * 1024 * 1024)
    assert "MiB" in refused(folder, tmp_path)
