"""`werkagenda diff`: the real agenda against itself and against the next-edition fixture.

The expected changelog follows from the documented edits (next_edition.py) and the source
text: ZT-12 is "Leefstijlgeneeskunde als integraal onderdeel van de zorg" (source line
643, curated spelling); goal ZT-S2-D lists only number 12 (line 591: "- D. 12"), so
removing ZT-12 leaves it without inspanning; ZT-8's row starts at line 635, AM-9's funding
cell is line 310, ZT-10's row line 652, goal ZT-S1-A's text line 576/577.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import rdflib

from tests.editions.conftest import werkagenda
from tests.editions.next_edition import NEW_GOAL_TEXT
from werkagenda.config import ROOT

TXT = "sources/werkagenda-gezonde-marke-2024.txt"
OLD, NEW = f"data/drenthe-2024/{TXT}", f"data/drenthe-2025/{TXT}"
OLD_GOAL_TEXT = (  # source line 577
    "Netwerkorganisatie als vliegwiel voor samenwerking, innovatie & transformatie in de regio"
)
ACTOR = "https://w3id.org/iza-werkagenda/id/drenthe/actor/"


def line(path: str, n: int) -> dict[str, object]:
    return {"path": path, "line": n}


EXPECTED = [
    ("funding-status-changed", "AM", "AM-9", "1", ["nader-te-bepalen"], ["goedgekeurd"], 310, 310),
    ("planning-moved", "ZT", "ZT-10", "1", ["2024-Q3"], ["2024-Q4"], 652, 652),
    (
        "inspanning-removed",
        "ZT",
        "ZT-12",
        "",
        ["Leefstijlgeneeskunde als integraal onderdeel van de zorg"],
        None,
        643,
        None,
    ),
    ("inspanning-added", "ZT", "ZT-13", "", None, ["Pilot digitale triage"], None, 706),
    (
        "party-added",
        "ZT",
        "ZT-8",
        f"betrokkenPartij {ACTOR}dokter-drenthe",
        None,
        ["Dokter Drenthe"],
        635,  # a part added: the owner's line in the old edition
        635,
    ),
    (
        "goal-reworded",
        "ZT",
        "ZT-S1-A",
        "",
        [OLD_GOAL_TEXT],
        [NEW_GOAL_TEXT],
        576,
        576,
    ),
    ("goal-lost-last-inspanning", "ZT", "ZT-S2-D", "", ["1"], ["0"], 591, 591),
]


def test_real_agenda_against_itself_has_no_changes() -> None:
    done = werkagenda(ROOT, "diff", "drenthe/2024", "data/drenthe-2024", "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["changes"] == [] and body["collisions"] == []
    text = werkagenda(
        ROOT, "diff", "drenthe/2024", "https://w3id.org/iza-werkagenda/id/drenthe/2024"
    )
    assert "geen wijzigingen" in text.stdout
    assert werkagenda(ROOT, "diff", "drenthe/2024", "drenthe/2024", "--exit-code").returncode == 0


def test_changelog_of_the_next_edition_is_exactly_the_documented_edits(two_editions: Path) -> None:
    done = werkagenda(two_editions, "diff", "drenthe/2024", "drenthe/2025", "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    got = [
        (
            c["kind"],
            c["theme"],
            c["subject"],
            c["item"],
            c["old"],
            c["new"],
            c["old_line"] and c["old_line"]["line"],
            c["new_line"] and c["new_line"]["line"],
        )
        for c in body["changes"]
    ]
    assert got == EXPECTED
    for c in body["changes"]:  # each side's line is in its own edition's text
        assert c["old_line"] is None or c["old_line"]["path"] == OLD
        assert c["new_line"] is None or c["new_line"]["path"] == NEW
    assert body["summary"]["per_theme"] == {"AM": 1, "ZT": 6}
    assert body["collisions"] == []


def test_text_markdown_and_english(two_editions: Path) -> None:
    nl = werkagenda(two_editions, "diff", "drenthe/2024", "drenthe/2025").stdout
    assert nl.startswith("Wijzigingen van drenthe/2024 naar drenthe/2025")
    assert nl.index("per soort:") < nl.index("per opgave:") < nl.index("planning verschoven: ZT-10")
    assert f"bron: {OLD}:652 → {NEW}:652" in nl
    assert f"bron: — → {NEW}:706" in nl
    assert (
        "partij toegevoegd: ZT-8 [betrokkenPartij "
        f"{ACTOR}dokter-drenthe] (Dokter Drenthe)\n      bron: {OLD}:635 → {NEW}:635" in nl
    )
    en = werkagenda(two_editions, "diff", "drenthe/2024", "drenthe/2025", "--lang", "en").stdout
    assert "planning moved: ZT-10 [1] (was 2024-Q3; now 2024-Q4)" in en
    md = werkagenda(two_editions, "diff", "drenthe/2024", "drenthe/2025", "--format", "md").stdout
    assert md.startswith("## Wijzigingen van drenthe/2024 naar drenthe/2025")
    assert "| inspanning vervallen | 1 |" in md
    changed = werkagenda(two_editions, "diff", "drenthe/2024", "drenthe/2025", "--exit-code")
    assert changed.returncode == 1


def test_rdf_changelog_in_the_change_vocabulary(two_editions: Path) -> None:
    done = werkagenda(two_editions, "diff", "drenthe/2024", "drenthe/2025", "--format", "ttl")
    assert done.returncode == 0, done.stderr
    g = rdflib.Graph().parse(data=done.stdout, format="turtle")
    wch = rdflib.Namespace("https://w3id.org/iza-werkagenda/def/changes#")
    act = rdflib.Namespace("https://www.w3.org/ns/activitystreams#")
    changes = set(g.subjects(rdflib.RDF.type, wch.Change))
    assert len(changes) == len(EXPECTED)
    moved = [c for c in changes if (c, wch.code, rdflib.Literal("ZT-10")) in g]
    assert len(moved) == 1
    (m,) = moved
    assert (m, rdflib.RDF.type, act.Update) in g
    assert g.value(m, wch.oldValue) == rdflib.Literal("2024-Q3")
    id_ = "https://w3id.org/iza-werkagenda/id/drenthe/"
    assert g.value(m, wch.oldSourceLine) == rdflib.URIRef(id_ + "2024/bron/werkagenda/L652")
    assert g.value(m, wch.newSourceLine) == rdflib.URIRef(id_ + "2025/bron/werkagenda/L652")
    removed = [c for c in changes if (c, rdflib.RDF.type, act.Delete) in g]
    assert [g.value(c, wch.code) for c in removed] == [rdflib.Literal("ZT-12")]


def copy_edition(source: Path, target: Path) -> Path:
    """A copy of an edition folder under another name (it cites its own copied texts)."""
    shutil.copytree(source, target)
    return target


def test_missing_edition_exits_2_naming_it() -> None:
    done = werkagenda(ROOT, "diff", "drenthe/2024", "drenthe/2031")
    assert done.returncode == 2
    assert "drenthe/2031" in done.stderr and "not found" in done.stderr


def test_other_region_needs_across_regions(two_editions: Path) -> None:
    other = copy_edition(
        two_editions / "data" / "drenthe-2025", two_editions / "data" / "groningen-2025"
    )
    done = werkagenda(two_editions, "diff", "drenthe/2024", str(other))
    assert done.returncode == 2
    assert "different regions" in done.stderr and "--across-regions" in done.stderr
    try:
        across = werkagenda(
            two_editions,
            "diff",
            "drenthe/2024",
            "groningen/2025",
            "--across-regions",
            "--format",
            "json",
        )
    finally:
        shutil.rmtree(other)  # the session's data/ holds the two Drenthe editions only
    assert across.returncode == 0, across.stderr
    assert len(json.loads(across.stdout)["changes"]) == len(EXPECTED)


def test_colliding_codes_are_reported_not_paired(two_editions: Path, tmp_path: Path) -> None:
    """ZT-11 relabelled ZT-10 in a copy: two inspanningen share the code ZT-10."""
    root = tmp_path / "root"
    (root / "data").mkdir(parents=True)
    for name in ("ontology", "queries"):
        (root / name).symlink_to(two_editions / name)
    (root / "data" / "drenthe-2024").symlink_to(two_editions / "data" / "drenthe-2024")
    broken = copy_edition(two_editions / "data" / "drenthe-2024", root / "data" / "drenthe-2026")
    zt = broken / "zt.ttl"
    text = zt.read_text(encoding="utf-8")
    assert text.count('wa:code "ZT-11"') == 1
    zt.write_text(text.replace('wa:code "ZT-11"', 'wa:code "ZT-10"'), encoding="utf-8")
    done = werkagenda(root, "diff", "drenthe/2024", str(broken), "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    (collision,) = [c for c in body["collisions"] if c["facet"] == "inspanning"]
    assert collision["code"] == "ZT-10" and collision["edition"] == "drenthe/2026"
    path = "data/drenthe-2026/" + TXT
    assert collision["lines"] == [line(path, 639), line(path, 641)]
    # not paired: the old ZT-10 and ZT-11 have no partner in the new edition
    assert ("inspanning-removed", "ZT-10") in {(c["kind"], c["subject"]) for c in body["changes"]}
    assert ("inspanning-removed", "ZT-11") in {(c["kind"], c["subject"]) for c in body["changes"]}
