"""The what-if through a real `werkagenda serve`: same rows as the CLI; the /whatif page."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.serve.conftest import werkagenda_command

pytestmark = pytest.mark.server
JSON = "application/sparql-results+json"
SCENARIOS = [
    ("iza",),
    ("iza-transformatieplan", "spuk"),
    ("VOW-19-tp",),
    ("VOW-12:transformatieplan",),
]


def cli_rows(dist: Path, name: str, reject: tuple[str, ...]) -> list[dict]:
    args = [a for r in reject for a in ("-p", f"reject={r}")]
    out = subprocess.run(
        [*werkagenda_command(), "query", name, *args, "--store", str(dist / "store")]
        + ["--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)


def http_rows(client: httpx.Client, name: str, reject: tuple[str, ...]) -> list[dict]:
    r = client.get(
        f"/api/queries/{name}/run", params=[("reject", x) for x in reject], headers={"Accept": JSON}
    )
    assert r.status_code == 200, r.text
    doc = r.json()
    columns = doc["head"]["vars"]
    return [
        {c: b[c]["value"] if c in b else None for c in columns} for b in doc["results"]["bindings"]
    ]


def normalised(rows: list[dict]) -> list[dict]:
    """The CLI's JSON has lists for list columns and numbers; compare as "; "-joined text."""
    return [{k: _text(v) for k, v in r.items()} for r in rows]


def _text(value: object) -> str | None:
    text = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return text or None


@pytest.mark.parametrize("reject", SCENARIOS)
@pytest.mark.parametrize("name", ["whatif-inspanningen", "whatif-goals"])
def test_cli_and_http_give_the_same_rows(
    dist: Path, client: httpx.Client, name: str, reject: tuple[str, ...]
) -> None:
    cli = normalised(cli_rows(dist, name, reject))
    http = normalised(http_rows(client, name, reject))
    assert cli == http
    # VOW-12 keeps its approved quick scan (L185): it is only weakened, so no goal is touched
    nothing = name == "whatif-goals" and reject == ("VOW-12:transformatieplan",)
    assert bool(cli) != nothing


def test_whatif_command_rows_match_the_http_query(dist: Path, client: httpx.Client) -> None:
    out = subprocess.run(
        [*werkagenda_command(), "whatif", "--reject", "iza-transformatieplan", "--reject", "spuk"]
        + ["--store", str(dist / "store"), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scenario = json.loads(out)
    rows = http_rows(client, "whatif-inspanningen", ("iza-transformatieplan", "spuk"))
    lost = sorted(r["code"] for r in rows if r["effect"] == "lost")
    assert sorted(i["code"] for i in scenario["inspanningen"] if i["effect"] == "lost") == lost
    assert lost == ["AM-6", "VOW-16", "VOW-19"]  # L307, L188, L196 (tests/analysis)
    goals = http_rows(client, "whatif-goals", ("iza-transformatieplan", "spuk"))
    assert [g["goal"] for g in scenario["goals"]] == [g["goal"] for g in goals]


def test_whatif_page_lists_and_links(client: httpx.Client) -> None:
    r = client.get("/whatif", params=[("reject", "iza-transformatieplan"), ("reject", "spuk")])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    for code in ("AM-6", "VOW-16", "VOW-19", "VOW-15"):
        assert f'href="/id/drenthe/2024/inspanning/{code}"' in r.text, code
    assert 'href="/id/drenthe/2024/doel/AM-S3-D"' in r.text
    assert 'value="iza-transformatieplan" checked' in r.text and 'value="spuk" checked' in r.text
    en = client.get("/whatif", params={"reject": "iza", "lang": "en"})
    assert "Initiatives that lose their funding" in en.text and '<html lang="en">' in en.text


def test_whatif_page_bad_names(client: httpx.Client) -> None:
    r = client.get("/whatif", params={"reject": "izza"})
    assert r.status_code == 400 and "nearest valid names: iza" in r.text
    evil = client.get("/whatif", params={"reject": "<script>alert(1)</script>"})
    assert evil.status_code == 400 and "<script>alert(1)" not in evil.text
    assert "&lt;script&gt;" in evil.text
    plain = client.get("/whatif")
    assert plain.status_code == 200 and 'name="reject"' in plain.text


def test_whatif_page_with_an_agenda_that_is_no_iri_is_a_client_error(client: httpx.Client) -> None:
    """Found by tests/serve/test_fuzz_requests.py: `agenda=ASK {}` made the worker raise (500)."""
    r = client.get("/whatif", params={"agenda": "ASK {}"})
    assert r.status_code in (400, 404) and "drenthe/2024" in r.text, r.text


def test_landing_links_the_whatif_page(client: httpx.Client) -> None:
    assert 'href="/whatif"' in client.get("/").text
    assert 'href="/whatif?lang=en"' in client.get("/", params={"lang": "en"}).text
