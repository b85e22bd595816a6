"""The latest edition is the default: a region without an edition means its newest one."""

from __future__ import annotations

from pathlib import Path

from tests.editions.conftest import werkagenda


def test_region_alone_queries_the_latest_edition(two_editions: Path, editions_dist: Path) -> None:
    latest = werkagenda(
        two_editions, "query", "inspanningen", "-p", "region=drenthe", "--format", "csv"
    )
    assert latest.returncode == 0, latest.stderr
    codes = {line.split(",")[0] for line in latest.stdout.splitlines()[1:]}
    assert "ZT-13" in codes and "ZT-12" not in codes  # edits 2 and 1 of next_edition
    older = werkagenda(
        two_editions,
        "query",
        "inspanningen",
        "-p",
        "region=drenthe",
        "-p",
        "edition=2024",
        "--format",
        "csv",
    )
    codes = {line.split(",")[0] for line in older.stdout.splitlines()[1:]}
    assert "ZT-12" in codes and "ZT-13" not in codes
