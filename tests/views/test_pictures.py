"""The four pictures on the real agenda: facts from the source text, accessible and escaped SVG.

Expected answers come from data/drenthe-2024/sources/werkagenda-gezonde-marke-2024.txt:
the VOW list 'Inspanningen werkagenda 2024' (lines 144–173) and its tables number the
inspanningen 9 to 22; its goal texts were images, so its goals are known by letter only;
VOW-9's funding cells read "IZA Transformatie aanvraag …" and "Snelle toets goedgekeurd"
(lines 178–179), the plan awaiting approval ("Gaat van start als transformatieplan is
goedgekeurd", line 179).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from types import ModuleType

import pyoxigraph as ox
import pytest

from tests.views.conftest import EMPTY, HOSTILE, REAL, THEME
from werkagenda.errors import InputError
from werkagenda.views.pictures import Picture, funding, matrix, network, timeline

PICTURES = {"matrix": matrix, "funding": funding, "network": network, "timeline": timeline}
SVG = "{http://www.w3.org/2000/svg}"


def visible_texts(svg: str) -> list[str]:
    """The text of every <text> element (what a reader sees; not its <title> tooltip)."""
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def rows_by(picture: Picture, column: int) -> dict[str, tuple]:  # type: ignore[type-arg]
    return {row[column].text: row for row in picture.rows}


# ---------------------------------------------------------------- coverage matrix


def test_vow_matrix_has_the_fourteen_inspanningen_9_to_22(real_store: ox.Store) -> None:
    picture = matrix.build(real_store, REAL, theme=THEME + "VOW")
    codes = [c for c in picture.columns if c.startswith("VOW-")]
    assert codes == [f"VOW-{n}" for n in range(9, 23)]
    iris = [i for i in picture.column_iris if i]
    assert iris == [f"{REAL}/inspanning/VOW-{n}" for n in range(9, 23)]


def test_vow_goals_are_marked_letter_only(real_store: ox.Store) -> None:
    picture = matrix.build(real_store, REAL, theme=THEME + "VOW")
    assert len(picture.rows) == 8  # letters A–H
    for row in picture.rows:
        assert row[0].status == "letter-only"
        assert row[2].text == "alleen letter bekend, kolom onbekend"
    assert visible_texts(picture.svg).count("alleen letter bekend, kolom onbekend") == 8


def test_vow_9_cell_shows_its_funding_statuses(real_store: ox.Store) -> None:
    picture = matrix.build(real_store, REAL, theme=THEME + "VOW")
    column = picture.columns.index("VOW-9")
    goal_a = rows_by(picture, 0)["VOW doel A (kolom onbekend)"]
    cell = goal_a[column]
    assert cell.iri == f"{REAL}/inspanning/VOW-9"
    assert cell.text == "goedgekeurd; wacht op goedkeuring"
    assert cell.status == "wacht-op-goedkeuring"  # shaded by the least settled


def test_agenda_matrix_marks_the_21_goals_without_inspanning(real_store: ox.Store) -> None:
    picture = matrix.build(real_store, REAL)
    uncovered = [row[0].text for row in picture.rows if row[-1].status == "uncovered"]
    assert len(uncovered) == 21
    # the four labour-market goals "niet gekoppeld aan een strategisch doel"; KI goal E
    assert {"AM NG-A", "AM NG-B", "AM NG-C", "AM NG-D", "KI doel E (kolom onbekend)"} <= set(
        uncovered
    )
    assert all(
        row[-1].text == "0 — geen inspanning" for row in picture.rows if row[0].text in uncovered
    )
    assert visible_texts(picture.svg).count("geen inspanning") == 21  # in words, not colour only
    assert "21 doelen hebben geen enkele inspanning" in picture.description
    not_linked = rows_by(picture, 0)["AM NG-A"][2].text
    assert not_linked == "niet gekoppeld aan een strategisch doel"


def test_matrix_in_english(real_store: ox.Store) -> None:
    picture = matrix.build(real_store, REAL, theme=THEME + "VOW", lang="en")
    assert picture.title.startswith("Coverage matrix VOW — Healthy ageing")
    assert rows_by(picture, 0)["VOW goal A (column unknown)"][2].text == (
        "letter only, column unknown"
    )
    assert ("wacht-op-goedkeuring", "awaiting approval") in picture.legend


# ---------------------------------------------------------------- funding dependency


def test_vow_9_rests_on_an_approved_snelle_toets_and_a_plan_awaiting_approval(
    real_store: ox.Store,
) -> None:
    picture = funding.build(real_store, REAL, theme=THEME + "VOW")
    vow9 = {row[0].text: row for row in picture.rows if row[2].text == "VOW-9"}
    assert set(vow9) == {"IZA-snelle toets", "IZA-transformatieplan"}
    assert vow9["IZA-snelle toets"][5].text == "goedgekeurd"
    assert vow9["IZA-transformatieplan"][5].text == "wacht op goedkeuring"
    assert vow9["IZA-transformatieplan"][8].text == "wacht op goedkeuring"  # the plan itself
    assert vow9["IZA-transformatieplan"][1].text == "IZA (Integraal Zorgakkoord)"
    assert vow9["IZA-snelle toets"][10].text == "Snelle toets goedgekeurd"  # verbatim, line 179
    assert "VOW doel A (kolom onbekend)" in vow9["IZA-snelle toets"][9].text
    texts = visible_texts(picture.svg)
    assert "IZA-snelle toets: goedgekeurd, zeker" in texts
    assert "IZA-transformatieplan: wacht op goedkeuring, zeker" in texts


def test_funding_names_instruments_of_the_concept_scheme(real_store: ox.Store) -> None:
    picture = funding.build(real_store, REAL)
    instruments = {row[0].text for row in picture.rows}
    assert {"IZA-transformatieplan", "IZA-snelle toets", "GALA", "WLZ", "ZonMw"} <= instruments
    english = funding.build(real_store, REAL, lang="en")
    assert "IZA quick scan" in {row[0].text for row in english.rows}


# ---------------------------------------------------------------- organisation network


def test_network_names_dokter_drenthe_among_the_most_connected(real_store: ox.Store) -> None:
    picture = network.build(real_store, REAL)
    top = [row[0].text for row in picture.rows[:5]]
    assert "Dokter Drenthe" in top
    assert "Dokter Drenthe" in picture.description.split("Het meest verbonden:")[1]
    dokter = rows_by(picture, 0)["Dokter Drenthe"]
    # VOW-18 lists Dokter Drenthe as initiator (source line 195); it works across themes
    assert "VOW-18" in dokter[3].text
    assert len(dokter[5].text.split(", ")) >= 4
    bold = {
        t.text or ""
        for t in ET.fromstring(picture.svg).iter(f"{SVG}text")
        if t.get("font-weight") == "700"
    }
    assert any(label.startswith("Dokter Drenthe") for label in bold)


def test_theme_network_only_has_that_themes_parties(real_store: ox.Store) -> None:
    picture = network.build(real_store, REAL, theme=THEME + "VOW")
    names = {row[0].text for row in picture.rows}
    assert {"Icare", "Buurtzorg"} <= names  # VOW-9's initiators (line 178)
    assert all("VOW" in row[5].text for row in picture.rows)


# ---------------------------------------------------------------- timeline


def test_timeline_marks_vow_9s_conditional_start(real_store: ox.Store) -> None:
    picture = timeline.build(real_store, REAL, theme=THEME + "VOW")
    vow9 = rows_by(picture, 0)["VOW-9"]
    condition = vow9[picture.columns.index("Voorwaardelijke start")]
    assert condition.status == "conditional"
    assert "Gaat van start als transformatieplan is goedgekeurd" in condition.text
    # "Landelijk traject voorjaar 2024": spring 2024 as Q1–Q2
    assert vow9[picture.columns.index("Q1 2024")].text == "start"
    assert vow9[picture.columns.index("Q2 2024")].text == "start"
    assert "⚑ start na goedkeuring" in visible_texts(picture.svg)
    assert "VOW-9" in picture.description


def test_timeline_runs_from_2024_in_quarters(real_store: ox.Store) -> None:
    picture = timeline.build(real_store, REAL)
    quarters = [c for c in picture.columns if c.startswith("Q")]
    assert quarters[:4] == ["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"]
    # KI-7: "Q1 2025: presentatie programma aan stakeholders"
    ki7 = rows_by(picture, 0)["KI-7"]
    assert ki7[picture.columns.index("Q1 2025")].text == "activiteit"


# ---------------------------------------------------------------- every picture


@pytest.mark.parametrize("name", PICTURES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_svg_is_accessible_self_contained_xml(real_store: ox.Store, name: str, lang: str) -> None:
    picture = PICTURES[name].build(real_store, REAL, lang=lang)
    root = ET.fromstring(picture.svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox") == f"0 0 {picture.width} {picture.height}"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == picture.title
    assert desc is not None and desc.text == picture.description
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for element in root.iter():  # no links, handlers or inline styles (CSP style-src 'self')
        assert not any("href" in a or a.startswith("on") or a == "style" for a in element.attrib), (
            element.attrib
        )
        assert element.tag.removeprefix(SVG) not in {
            "script",
            "style",
            "foreignObject",
            "image",
            "a",
        }
    for label in visible_texts(picture.svg):  # human labels, never IRIs or CURIEs
        assert "https://" not in label and "wa:" not in label and "_:" not in label
    other = PICTURES[name].build(real_store, REAL, theme=THEME + "VOW", lang=lang)
    assert ET.fromstring(other.svg).find(f"{SVG}title").get("id") != title.get("id")  # type: ignore[union-attr]
    csv = picture.csv().splitlines()
    assert len(csv) == len(picture.rows) + 1


@pytest.mark.parametrize("name", PICTURES)
def test_hostile_labels_stay_text(fixture_store: ox.Store, name: str) -> None:
    picture = PICTURES[name].build(fixture_store, HOSTILE.iri)
    assert picture.rows, picture.empty_message
    root = ET.fromstring(picture.svg)  # parses: nothing broke out of its text node
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "rect", "line", "path", "circle", "text"}
    assert not any(a.startswith("on") for e in root.iter() for a in e.attrib)
    assert "<script" not in picture.svg and "<img" not in picture.svg
    everything = " ".join("".join(e.itertext()) for e in root.iter(f"{SVG}title"))
    everything += " ".join(visible_texts(picture.svg))
    assert "<" in everything  # the markup is there, as characters


def test_hostile_text_round_trips_exactly(fixture_store: ox.Store) -> None:
    picture = matrix.build(fixture_store, HOSTILE.iri)
    goal = "\"><img src=x onerror=alert('goal')>"
    assert picture.rows[0][0].text == goal
    tooltips = ["".join(t.itertext()) for t in ET.fromstring(picture.svg).iter(f"{SVG}title")]
    assert goal in tooltips
    assert "&lt;img" in picture.svg and "<img" not in picture.svg


@pytest.mark.parametrize("name", PICTURES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_empty_agenda_gives_empty_states(fixture_store: ox.Store, name: str, lang: str) -> None:
    picture = PICTURES[name].build(fixture_store, EMPTY.iri, lang=lang)
    assert picture.empty and picture.rows == () and picture.svg == ""
    assert picture.empty_message.startswith("Deze agenda" if lang == "nl" else "This agenda")


@pytest.mark.parametrize("name", PICTURES)
def test_unknown_theme_or_bad_iri_is_an_input_error(real_store: ox.Store, name: str) -> None:
    module: ModuleType = PICTURES[name]
    with pytest.raises(InputError, match="not a theme"):
        module.build(real_store, REAL, theme=THEME + "NOPE")
    with pytest.raises(InputError, match="absolute IRI"):
        module.build(real_store, "no iri")


# ---------------------------------------------------------------- contrast (WCAG 2 formula)


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_on_every_shade_has_enough_contrast() -> None:
    from werkagenda.views.pictures import labels, svg
    from werkagenda.views.pictures.timeline import CONDITIONAL_BG, KINDS

    for shade in labels.SHADES.values():  # cell codes are INK on the shade
        assert contrast(svg.INK, shade.fill) >= 7, shade
    for _, fill, _ in KINDS.values():
        assert contrast(svg.INK, fill) >= 7, fill
    for background in ("#ffffff", svg.ALERT_BG, CONDITIONAL_BG):  # row backgrounds
        assert contrast(svg.MUTED, background) >= 4.5, background
        assert contrast(svg.INK, background) >= 7, background
    assert contrast(svg.ALERT, svg.ALERT_BG) >= 4.5
    assert contrast("#000000", "#ffffff") == pytest.approx(21)  # the formula itself


def test_theme_matrix_shows_an_inspanning_of_another_theme_serving_its_goal(
    fixture_store: ox.Store,
) -> None:
    picture = matrix.build(fixture_store, HOSTILE.iri, theme=HOSTILE.iri + "/opgave/HH")
    assert [c for c in picture.columns if c.startswith("H")] == ["HH-1", "HH-2", "HX-1"]
    row = picture.rows[0]
    assert row[picture.columns.index("HX-1")].iri == HOSTILE.iri + "/inspanning/HX-1"
    assert row[picture.columns.index("HX-1")].status == "geen-financiering"
    assert row[-1].text == "2"
