"""The explorer pages over HTTP from a real `werkagenda serve` on the real agenda.

Facts are derived from the source text (`data/drenthe-2024/sources/*.txt`), not from the
code's output: the goals a coverage matrix must mark as having no inspanning are the lettered
goals printed without any inspanning number under "Niet gekoppeld aan een strategisch doel".
"""

from __future__ import annotations

import csv
import io
import re

import httpx
import lxml.html
import pytest

from tests.serve.conftest import FIXTURE_AGENDA, client, dist, server  # noqa: F401
from werkagenda.config import ROOT

pytestmark = [pytest.mark.server]
SOURCE = ROOT / "data" / "drenthe-2024" / "sources" / "werkagenda-gezonde-marke-2024.txt"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VIEWS = ("matrix", "funding", "network", "timeline")


def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def unlinked_goals() -> list[tuple[str, str, list[str]]]:
    """(letter, goal text, inspanning numbers) of the labour-market goals 'niet gekoppeld aan
    een strategisch doel': the lettered lines after that heading, up to the first repeat."""
    lines = source_lines()
    start = next(n for n, line in enumerate(lines) if "Niet gekoppeld aan een strategisch" in line)
    found: list[tuple[str, str, list[str]]] = []
    for n in range(start + 1, len(lines)):
        m = re.fullmatch(r"([A-H])\.\s*([\d., ]*)", lines[n].strip())
        if not m:
            continue
        if m.group(1) in [f[0] for f in found]:
            break
        text = next(x for x in lines[n + 1 :] if x.strip())
        found.append((m.group(1), text.strip(), re.findall(r"\d+(?:\.\d+)?", m.group(2))))
    return found


def goal_after(marker: str) -> str:
    """The goal text on the line after the line `marker` (e.g. 'B. 6')."""
    lines = source_lines()
    n = next(i for i, line in enumerate(lines) if line.strip() == marker)
    return next(x for x in lines[n + 1 :] if x.strip()).strip()


def table(page: str) -> tuple[list[str], list[list[lxml.html.HtmlElement]]]:
    doc = lxml.html.fromstring(page)
    heads = [
        th.text_content().strip()
        for th in doc.xpath("//table[contains(@class, 'view-table')]/thead//th")
    ]
    rows = [
        tr.xpath("./th|./td")
        for tr in doc.xpath("//table[contains(@class, 'view-table')]/tbody/tr")
    ]
    return heads, rows


def test_the_source_gives_four_unlinked_goals_without_inspanning() -> None:
    goals = unlinked_goals()
    assert [g[0] for g in goals] == ["A", "B", "C", "D"]
    assert all(not numbers for _, _, numbers in goals)


@pytest.mark.parametrize("theme", [None, "AM"])
def test_matrix_marks_the_goals_without_inspanning(client: httpx.Client, theme: str | None) -> None:  # noqa: F811
    r = client.get("/views/matrix", params={"theme": theme} if theme else {})
    assert r.status_code == 200, r.text
    heads, rows = table(r.text)
    text_col = heads.index("Doeltekst")
    by_text = {row[text_col].text_content().strip()[:60]: row for row in rows}
    for letter, text, _ in unlinked_goals():
        row = by_text[text[:60]]
        assert "shade-uncovered" in row[-1].get("class", ""), letter
        assert "geen inspanning" in row[-1].text_content()
        assert not any(c.text_content().strip() for c in row[text_col + 1 : -1])
    # "B. 6": goal B of the technology column is served by inspanning 6 (AM-6) only
    row = by_text[goal_after("B. 6")[:60]]
    filled = [heads[n] for n, c in enumerate(row) if n > text_col and c.xpath(".//a")]
    assert filled[:-1] == ["AM-6"] or filled == ["AM-6"]
    assert "shade-uncovered" not in row[-1].get("class", "")
    link = row[heads.index("AM-6")].xpath(".//a")[0].get("href")
    assert link == "/id/drenthe/2024/inspanning/AM-6"


@pytest.mark.parametrize("theme", [None, "VOW"])
@pytest.mark.parametrize("name", VIEWS)
def test_csv_has_the_rows_of_the_table(client: httpx.Client, name: str, theme: str | None) -> None:  # noqa: F811
    params = {"theme": theme} if theme else {}
    page = client.get(f"/views/{name}", params=params)
    assert page.status_code == 200
    heads, rows = table(page.text)
    assert rows, f"{name} has a table"
    got = client.get(f"/views/{name}.csv", params=params)
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/csv")
    disposition = got.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert f"{name}{'-' + theme if theme else ''}.csv" in disposition
    records = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert records[0] == heads
    shown = [[_cell_text(c) for c in row] for row in rows]
    assert records[1:] == shown


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    """A cell's text without its shade token (the <span class=token>) and swatch."""
    for token in cell.xpath(".//span[@class='token']"):
        token.drop_tree()
    return " ".join(cell.text_content().split())


def test_funding_view_shows_vow9_statuses(client: httpx.Client) -> None:  # noqa: F811
    """VOW-9's snelle toets is approved and its transformation plan awaits approval."""
    page = client.get("/views/funding", params={"theme": "VOW"}).text
    heads, rows = table(page)
    mine = [
        [c.text_content() for c in row]
        for row in rows
        if "VOW-9" in [c.text_content().strip() for c in row]
    ]
    joined = " | ".join(" ".join(r) for r in mine)
    assert "goedgekeurd" in joined and "wacht op goedkeuring" in joined


def test_timeline_marks_conditional_starts(client: httpx.Client) -> None:  # noqa: F811
    """The VOW rows whose planning says they start once the transformation plan is approved."""
    lines = source_lines()
    expected = set()
    for n, line in enumerate(lines):
        if "transformatieplan is goedgekeurd" in line:
            # the row's first cell (this line or the one before) starts with its number
            m = re.search(r"<p>(\d+)\. ", line) or re.search(r"<p>(\d+)\. ", lines[n - 1])
            assert m, line[:80]
            expected.add(f"VOW-{m.group(1)}")
    assert expected == {"VOW-9", "VOW-13"}  # L178-179, L186
    page = client.get("/views/timeline", params={"theme": "VOW"}).text
    heads, rows = table(page)
    col = heads.index("Voorwaardelijke start")
    conditional = {
        row[0].xpath(".//a")[0].text_content() for row in rows if row[col].text_content().strip()
    }
    assert expected <= conditional
    for row in rows:
        if row[0].xpath(".//a")[0].text_content() in expected:
            assert "⚑" in row[col].text_content() or "⚑" in row[0].text_content()


def test_views_in_english_and_unknown_names(client: httpx.Client) -> None:  # noqa: F811
    r = client.get("/views/matrix", params={"theme": "VOW", "lang": "en"})
    assert r.status_code == 200 and '<html lang="en">' in r.text
    assert "Coverage matrix" in r.text
    assert client.get("/views/nothing").status_code == 404
    assert client.get("/views/matrix", params={"theme": "XYZ"}).status_code == 404
    index = client.get("/views/")
    assert index.status_code == 200
    for name in VIEWS:
        assert f'href="/views/{name}"' in index.text
        assert f'href="/views/{name}?theme=VOW"' in index.text


def test_empty_agenda_gives_the_empty_messages(client: httpx.Client) -> None:  # noqa: F811
    """The fixture agenda has no themes, goals, funding or planning: explicit empty states."""
    key = FIXTURE_AGENDA.split("/id/", 1)[1]
    for name, words in (
        ("matrix", "geen operationele doelen"),
        ("funding", "geen financiering"),
        ("network", "geen initiatiefnemers"),
        ("timeline", "geen planning"),
    ):
        r = client.get(f"/views/{name}", params={"agenda": key})
        assert r.status_code == 200, (name, r.text[:200])
        assert words in r.text, name
        assert "<table" not in r.text.split("<main>", 1)[1]


def test_search_is_case_and_accent_insensitive(client: httpx.Client) -> None:  # noqa: F811
    # VOW-9 is "De buurt als Ecosysteem" (source: "9. De buurt als Ecosysteem")
    assert any("De buurt als Ecosysteem" in line for line in source_lines())
    for q in ("ECOSYSTÉEM", "ecosysteem"):
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200
        doc = lxml.html.fromstring(r.text)
        links = [a.get("href") for a in doc.xpath("//ol[@class='search-results']//a")]
        assert "/id/drenthe/2024/inspanning/VOW-9" in links, q
        marks = [m.text_content().lower() for m in doc.xpath("//ol[@class='search-results']//mark")]
        assert "ecosysteem" in marks
        groups = [h.text_content() for h in doc.xpath("//section[@class='search-group']/h2")]
        assert groups[0].startswith("Inspanningen")
    # "cliënt" and "client" find the same resources
    a = client.get("/search", params={"q": "cliënt"}).text
    b = client.get("/search", params={"q": "client"}).text
    hrefs = [
        [x.get("href") for x in lxml.html.fromstring(p).xpath("//ol[@class='search-results']//a")]
        for p in (a, b)
    ]
    assert hrefs[0] == hrefs[1] and hrefs[0]
    z = lxml.html.fromstring(client.get("/search", params={"q": "zorgverzekeraar"}).text)
    assert "Zorgverzekeraar" in [
        a.text_content() for a in z.xpath("//ol[@class='search-results']//a")
    ]


def test_search_empty_and_no_results(client: httpx.Client) -> None:  # noqa: F811
    empty = client.get("/search").text
    assert "Typ een woord" in empty
    none = client.get("/search", params={"q": "qqxqq"}).text
    assert "Niets gevonden voor ‘qqxqq’" in none


def test_search_escapes_hostile_labels(client: httpx.Client) -> None:  # noqa: F811
    r = client.get("/search", params={"q": "<script>alert"})
    assert r.status_code == 200
    assert "<script>alert(" not in r.text
    assert "&lt;script&gt;alert" in r.text
    assert "<mark>&lt;script&gt;alert</mark>" in r.text


def test_header_search_box_on_every_page(client: httpx.Client) -> None:  # noqa: F811
    pages = ("/", "/views/matrix", "/lists/inspanningen", "/query", "/id/drenthe/2024", "/whatif")
    errors = ("/id/drenthe/2024/nothing-here", "/views/nothing", "/downloads/nothing")
    for path in pages + errors + ("/catalog", "/search?q=x"):
        doc = lxml.html.fromstring(client.get(path, headers={"Accept": BROWSER_ACCEPT}).text)
        form = doc.xpath("//header//form[contains(@class, 'search')]")[0]
        assert form.get("action") == "/search" and form.get("method") == "get"
        assert doc.xpath("//header//a[@href='/views']"), path


def test_ontology_docs_carry_the_search_box(client: httpx.Client) -> None:  # noqa: F811
    """/def is pyLODE's page; its header still searches the agenda, in the page's language."""
    for lang, hidden in (("nl", []), ("en", ["en"])):
        page = client.get(f"/def?lang={lang}", headers={"Accept": BROWSER_ACCEPT}).text
        form = lxml.html.fromstring(page).xpath("//header//form[@role='search']")[0]
        assert form.get("action") == "/search" and form.get("method") == "get"
        assert form.xpath(".//input[@type='hidden'][@name='lang']/@value") == hidden
    found = client.get("/search", params={"q": "zorgverzekeraar", "lang": "en"}).text
    assert "Zorgverzekeraar" in found


def test_landing_links_reach_lists_and_views(client: httpx.Client) -> None:  # noqa: F811
    doc = lxml.html.fromstring(client.get("/").text)
    tiles = {a.get("href"): a.text_content() for a in doc.xpath("//section[@class='lists']//a")}
    assert set(tiles) == {
        "/lists/inspanningen",
        "/lists/organisaties",
        "/lists/doelen",
        "/lists/aandachtspunten",
    }
    # 52 inspanningen, 7 aandachtspunten (README, data/CURATION.md)
    assert tiles["/lists/inspanningen"].split()[0] == "52"
    assert tiles["/lists/aandachtspunten"].split()[0] == "7"
    for href in tiles:
        assert client.get(href).status_code == 200
    views = [a.get("href") for a in doc.xpath("//section[@class='views']//a")]
    assert {f"/views/{n}" for n in VIEWS} <= set(views)
    for href in views:
        assert client.get(href).status_code == 200
    # the six themes of the latest edition, not those of every agenda
    cards = doc.xpath("//section[@class='themes']//li[@class='card']")
    assert len(cards) == 6


def test_inspanningen_list(client: httpx.Client) -> None:  # noqa: F811
    doc = lxml.html.fromstring(client.get("/lists/inspanningen").text)
    rows = doc.xpath("//table[contains(@class, 'list')]/tbody/tr")
    assert len(rows) == 52
    vow9 = next(r for r in rows if r.xpath("./td")[0].text_content() == "VOW-9")
    cells = [c.text_content() for c in vow9.xpath("./td")]
    assert "Icare" in cells[3] and "Buurtzorg" in cells[3]  # L239 initiators
    assert cells[2].startswith("VOW")


def test_catalog_is_html_to_a_browser_and_rdf_to_rdf_clients(client: httpx.Client) -> None:  # noqa: F811
    page = client.get("/catalog", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Accept" in page.headers.get("vary", "")
    doc = lxml.html.fromstring(page.text)
    downloads = [a.get("href") for a in doc.xpath("//a[@download]")]
    assert any(h.startswith("/downloads/") for h in downloads)
    assert doc.xpath("//main//a[@href='http://creativecommons.org/licenses/by/4.0/deed.nl']")
    # downloads are made when asked, so the server knows no sizes: no empty column for them
    assert not doc.xpath("//th[.='Grootte']") and not doc.xpath("//td[@data-label='Grootte']")
    turtle = client.get("/catalog", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    import rdflib

    g = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert len(g) > 50
    xml = client.get("/catalog", headers={"Accept": "application/rdf+xml"})
    assert xml.headers["content-type"].startswith("application/rdf+xml")
    refused = client.get("/catalog", headers={"Accept": "*/*;q=0.1, text/*;q=0"})
    assert not refused.headers["content-type"].startswith("text/html")
    assert client.get("/catalog").headers["content-type"].startswith("text/turtle")
    assert (
        client.get("/catalog.ttl", headers={"Accept": BROWSER_ACCEPT})
        .headers["content-type"]
        .startswith("text/turtle")
    )
    void = client.get("/void", headers={"Accept": BROWSER_ACCEPT})
    assert void.headers["content-type"].startswith("text/html") and "VoID" in void.text
    assert client.get("/void", headers={"Accept": "text/turtle"}).text.count("void:") > 3
