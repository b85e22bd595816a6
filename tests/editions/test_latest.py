"""The latest edition is the default: a region without an edition means its newest one."""

from __future__ import annotations

from pathlib import Path

import httpx

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


def test_no_agenda_at_all_means_the_latest_edition(two_editions: Path, editions_dist: Path) -> None:
    """`query NAME` without agenda, region or edition: Gezonde Marke's newest edition."""
    done = werkagenda(two_editions, "query", "inspanningen", "--format", "csv")
    assert done.returncode == 0, done.stderr
    codes = {line.split(",")[0] for line in done.stdout.splitlines()[1:]}
    assert "ZT-13" in codes and "ZT-12" not in codes  # edits 2 and 1 of next_edition
    described = werkagenda(two_editions, "queries", "inspanningen")
    assert "default the latest edition of drenthe" in described.stdout, described.stdout


def test_the_server_defaults_to_the_latest_edition_too(editions_server: str) -> None:
    with httpx.Client(base_url=editions_server, timeout=60) as c:
        rows = c.get("/api/queries/inspanningen/run", headers={"Accept": "text/csv"})
        older = c.get(
            "/api/queries/inspanningen/run",
            params={"edition": "2024"},
            headers={"Accept": "text/csv"},
        )
    assert rows.status_code == 200, rows.text
    codes = {line.split(",")[0] for line in rows.text.splitlines()[1:]}
    assert "ZT-13" in codes and "ZT-12" not in codes
    assert "ZT-12" in {line.split(",")[0] for line in older.text.splitlines()[1:]}


def test_whatif_defaults_to_the_latest_edition(two_editions: Path, editions_dist: Path) -> None:
    done = werkagenda(two_editions, "whatif", "--reject", "iza", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"https://w3id.org/iza-werkagenda/id/drenthe/2025"' in done.stdout, done.stdout[:400]
