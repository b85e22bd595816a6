"""Every named query's exact answer on the real Drenthe 2024 agenda.

The expectations were written by hand from the source text
(data/drenthe-2024/sources/werkagenda-gezonde-marke-2024.txt, cited as Lnnn) and the
reading rules of data/CURATION.md -- never by running the query. Where the curated data
reads the source differently, the test keeps the source reading and is marked
`xfail(strict=True)` with the disagreement; fix the data (or argue the reading) and the
marker must go.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
import pytest

from werkagenda.errors import InputError
from werkagenda.query import run

DEFAULT_AGENDA = "https://w3id.org/iza-werkagenda/id/drenthe/2024"

# L177-201 (VOW 9-22), L306-313 (AM 6-10), L438-454 (MG 5-16), L548-562 (GL), L649-654 (ZT 8-12),
# L695-701 (KI 7-10): 14 + 5 + 12 + 12 + 5 + 4 = 52.
CODES = (
    [f"AM-{n}" for n in range(6, 11)]
    + [
        "GL-8",
        "GL-9.1",
        "GL-9.2",
        "GL-10",
        "GL-11.1",
        "GL-11.2",
        "GL-11.3",
        "GL-12",
        "GL-13.1",
        "GL-13.2",
        "GL-13.3",
        "GL-14",
    ]
    + [f"KI-{n}" for n in range(7, 11)]
    + [f"MG-{n}" for n in range(5, 17)]
    + [f"VOW-{n}" for n in range(9, 23)]
    + [f"ZT-{n}" for n in range(8, 13)]
)


def q(store: ox.Store, name: str, **params: object) -> list[dict]:
    return run(name, store=store, **params)


def test_inspanningen(real_store: ox.Store) -> None:
    rows = q(real_store, "inspanningen")
    assert len(rows) == 52
    assert [r["code"] for r in rows] == CODES
    by_code = {r["code"]: r for r in rows}
    assert by_code["AM-10"]["initiators"] == []  # L313: empty Initiatiefnemer cell
    assert by_code["GL-12"]["initiators"] == []  # L556: empty Initiatiefnemer cell
    assert by_code["VOW-9"]["initiators"] == ["Buurtzorg", "Icare"]  # L178
    assert by_code["ZT-9"]["title"] == "Versterken eerstelijns"  # L651
    assert [r["theme"] for r in rows] == [c.split("-")[0] for c in CODES]


def test_iza_awaiting_transformation_plan(real_store: ox.Store) -> None:
    """Every IZA-dependent inspanning whose plan is not known to be approved (issue 16)."""
    rows = q(real_store, "iza-awaiting-transformation-plan")
    got = {r["code"]: (r["plan_status"], r["certainty"]) for r in rows}
    assert got == {
        "AM-6": (["in te dienen"], ["zeker"]),  # L307 'In te dienen Transformatieplan IZA'
        # L308 'verder aansluiten bij Transformatieplan IZA': no status, so it still awaits
        "AM-7": (["onbekend"], ["zeker"]),
        "VOW-9": (["wacht op goedkeuring"], ["zeker"]),  # L178 'IZA Transformatie aanvraag'
        "VOW-12": (["in te dienen"], ["zeker"]),  # L184 '1 juni indienen'
        # L186 'IZA Transformatieplan' + 'Start als transformatieplan is goedgekeurd': a
        # condition, not a submission, so the status is unknown (was 'wacht op goedkeuring')
        "VOW-13": (["onbekend"], ["zeker"]),
        "VOW-14": (["te schrijven"], ["onzeker"]),  # L192 'Transformatieplan schrijven', 'IZA …?'
        "VOW-16": (["te schrijven"], ["onzeker"]),  # L188 'Schrijven transformatieplan', '?'
        "VOW-18": (["wacht op goedkeuring"], ["zeker"]),  # L195 'Wachten op goedkeuring'
        "VOW-19": (["onbekend"], ["zeker"]),  # L196 'N.n.t.b. IZA transformatieplan' (no '?')
    }
    # ZT-11 (L653) prepares a transformation plan but is funded by 'ROAZ middelen': not IZA.


def test_a_plan_without_status_still_awaits_and_an_approved_one_leaves() -> None:
    """The headline query's semantics on a changed copy: a plan whose status the text does
    not give stays in the list as 'onbekend'; only a plan marked approved leaves it."""
    from werkagenda.load import all_quads

    store = ox.Store()
    store.bulk_extend(all_quads())
    plan = ox.NamedNode("https://w3id.org/iza-werkagenda/id/drenthe/2024/aanvraag/VOW-19-tp")
    status = ox.NamedNode("https://w3id.org/iza-werkagenda/def#aanvraagStatus")
    astat = "https://w3id.org/iza-werkagenda/id/concept/aanvraagstatus/"
    for quad in list(store.quads_for_pattern(plan, status, None)):
        store.remove(quad)  # no wa:aanvraagStatus at all
    rows = {r["code"]: r for r in q(store, "iza-awaiting-transformation-plan", lang="en")}
    assert rows["VOW-19"]["plan_status"] == ["unknown"]
    graph = ox.NamedNode("https://w3id.org/iza-werkagenda/id/drenthe/2024")
    store.add(ox.Quad(plan, status, ox.NamedNode(astat + "goedgekeurd"), graph))
    assert "VOW-19" not in {r["code"] for r in q(store, "iza-awaiting-transformation-plan")}


def test_funding_undetermined(real_store: ox.Store) -> None:
    codes = {r["code"] for r in q(real_store, "funding-undetermined")}
    assert codes == {
        "VOW-11",
        "VOW-14",
        "VOW-16",
        "VOW-19",
        "VOW-21",
        "VOW-22",  # 'N.n.t.b.' L183-201
        "MG-5",
        "MG-6",
        "MG-7",
        "MG-11",
        "MG-13",
        "MG-15",  # 'n.t.b.' / 'N.t.b.' L439-451
        "KI-7",
        "KI-9",  # 'n.t.b.' L696, L700
        "AM-9",  # L310 '… passende financiering … bepalen'
        "ZT-9",  # L651 'Vooralsnog niet, zou voort kunnen vloeien uit …'
    }


def test_initiator_counts(real_store: ox.Store) -> None:
    rows = {
        r["organisation"]: (r["inspanningen"], r["themes"])
        for r in q(real_store, "initiator-counts")
    }
    # Dokter Drenthe: VOW-12, -18, -19, MG-11, -16, GL-13.3, ZT-9, ZT-12
    assert rows["Dokter Drenthe"] == (8, ["GL", "MG", "VOW", "ZT"])
    # Gemeenten: VOW-11, -17, MG-5, -9, -13, GL-8, -10, KI-9
    assert rows["Gemeenten"] == (8, ["GL", "KI", "MG", "VOW"])
    # GGD (Drenthe): MG-7, MG-10, GL-9.1, GL-9.2, GL-14, KI-9
    assert rows["GGD Drenthe"] == (6, ["GL", "KI", "MG"])
    assert rows["Cosis"] == (4, ["AM", "KI", "MG"])  # AM-6, MG-8, MG-14, KI-7
    assert rows["Icare"] == (4, ["VOW"])  # VOW-9, -13, -14, -18
    assert rows["Treant"] == (2, ["ZT"])  # ZT-8, ZT-10
    assert rows["Altide"] == (2, ["VOW"])  # VOW-16, VOW-21
    assert rows["Tinten"] == (2, ["MG"])  # MG-11, MG-16
    top = q(real_store, "initiator-counts")[:2]
    assert {r["organisation"] for r in top} == {"Dokter Drenthe", "Gemeenten"}


def test_organisation_portfolio(real_store: ox.Store) -> None:
    expected = {
        ("VOW-12", "initiatiefnemer"),
        ("VOW-18", "initiatiefnemer"),
        ("VOW-19", "initiatiefnemer"),
        ("MG-11", "initiatiefnemer"),
        ("MG-16", "initiatiefnemer"),
        ("GL-13.3", "initiatiefnemer"),
        ("ZT-9", "initiatiefnemer"),
        ("ZT-12", "initiatiefnemer"),
        ("VOW-20", "betrokken partij"),
        ("MG-10", "betrokken partij"),
        ("GL-11.1", "betrokken partij"),
        ("GL-11.2", "betrokken partij"),
        ("GL-11.3", "betrokken partij"),
        ("GL-13.1", "betrokken partij"),
        ("GL-13.2", "betrokken partij"),
        ("GL-13.3", "betrokken partij"),
        ("KI-7", "betrokken partij"),
        ("KI-9", "betrokken partij"),
        ("KI-10", "betrokken partij"),
    }
    for name in ("Dokter Drenthe", "DR. DRENTHE", "dokterdrenthe", "Dókter Drénthe"):
        rows = q(real_store, "organisation-portfolio", organisation=name)
        assert {(r["code"], r["role"]) for r in rows} == expected, name
        assert len(rows) == 19 and {r["party"] for r in rows} == {"Dokter Drenthe"}


# Goals whose column the text fixes (AM L222-271, ZT L576-607) or letter-only placeholders
# (VOW, MG, KI): inspanningen whose letter list or number list names the goal.
COVERAGE = {
    "AM-S1-A": 0,
    "AM-S1-B": 1,
    "AM-S1-C": 1,
    "AM-S1-D": 0,
    "AM-S1-E": 1,
    "AM-S1-F": 2,
    "AM-S2-A": 0,
    "AM-S2-B": 1,
    "AM-NG-A": 0,
    "AM-NG-B": 0,
    "AM-NG-C": 0,
    "AM-NG-D": 0,
    "AM-S3-A": 1,
    "AM-S3-B": 1,
    "AM-S3-C": 0,
    "AM-S3-D": 1,
    "AM-S3-E": 1,
    "AM-S3-F": 1,
    "ZT-S1-A": 2,
    "ZT-S1-B": 0,
    "ZT-S1-C": 1,
    "ZT-S1-D": 0,
    "ZT-S2-A": 0,
    "ZT-S2-B": 0,
    "ZT-S2-C": 1,
    "ZT-S2-D": 1,
    "ZT-S3-A": 1,
    "ZT-S3-B": 2,
    "ZT-S3-C": 1,
    "ZT-S3-D": 2,
    "ZT-S3-E": 1,
    "ZT-S3-F": 0,
    "ZT-S3-G": 0,
    # VOW letter lists L146-173; MG L370-434; KI L684-691
    "VOW-X-A": 9,
    "VOW-X-B": 4,
    "VOW-X-C": 6,
    "VOW-X-D": 3,
    "VOW-X-E": 7,
    "VOW-X-F": 2,
    "VOW-X-G": 1,
    "VOW-X-H": 4,
    "MG-X-A": 7,
    "MG-X-B": 5,
    "MG-X-C": 3,
    "MG-X-D": 1,
    "MG-X-E": 4,
    "MG-X-F": 1,
    "KI-X-A": 2,
    "KI-X-B": 2,
    "KI-X-C": 2,
    "KI-X-D": 1,
    "KI-X-E": 0,
}
# GL (L478-512): the column of D and E is layout-dependent, so goals are keyed by letter and
# printed number list; the count is the number of inspanning numbers (8-14) in the list.
GL_COVERAGE = {
    ("A", "5"): 0,
    ("A", "5, 6, 9.1, 9.2"): 2,
    ("A", "1, 2, 4, 11.1, 11.2, 11.3"): 3,
    ("B", "5"): 0,
    ("B", "1, 5, 7"): 0,
    ("C", "1, 2, 3, 5, 8"): 1,
    ("C", "5, 10"): 1,
    ("C", "5, 12"): 1,
    ("D", "5"): 0,
    ("D", "4, 13.1, 13.2, 13.3"): 3,
    ("E", "5"): 0,
}


def test_goal_coverage(real_store: ox.Store) -> None:
    rows = q(real_store, "goal-coverage")
    assert len(rows) == 64
    assert {r["goal"]: r["inspanningen"] for r in rows if r["theme"] != "GL"} == COVERAGE
    gl = [r for r in rows if r["theme"] == "GL"]
    assert len(gl) == 12
    counts: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in gl:
        counts[(r["letter"], r["numbers"])].append(r["inspanningen"])
    assert counts.pop(("B", "5")) == [0, 0]
    assert {k: v[0] for k, v in counts.items()} == {
        k: v for k, v in GL_COVERAGE.items() if k != ("B", "5")
    }
    assert sum(1 for r in rows if r["inspanningen"] == 0) == 21


def test_inspanning_goals(real_store: ox.Store) -> None:
    def goals(code: str) -> dict[str, list[str]]:
        return {r["goal"]: r["evidence"] for r in q(real_store, "inspanning-goals", code=code)}

    both = ["dient doel", "noemt bijdrage van"]
    assert goals("ZT-12") == {
        g: both for g in ("ZT-S1-A", "ZT-S1-C", "ZT-S2-D", "ZT-S3-B", "ZT-S3-D")
    }  # L644 'A C D B D'
    # L636 letter 'A' only, but S3-E prints 8 (L602)
    assert goals("ZT-8") == {"ZT-S3-A": both, "ZT-S3-E": ["noemt bijdrage van"]}
    assert set(goals("AM-8")) == {"AM-S1-F", "AM-S3-E", "AM-S3-F"}  # L298 'E F F'
    assert set(goals("VOW-9")) == {"VOW-X-A", "VOW-X-B"}  # L147 'A B A'
    gl = q(real_store, "inspanning-goals", code="GL-9.1")
    assert [(r["letter"], r["evidence"]) for r in gl] == [("A", both)]  # GL: from number lists
    assert q(real_store, "inspanning-goals", code="GL-14") == []
    with pytest.raises(InputError, match="unknown code 'vow-9'; nearest: VOW-9"):
        q(real_store, "inspanning-goals", code="vow-9")  # codes match as printed


def links(store: ox.Store, kind: str) -> set[tuple]:
    return {
        (r["source"], r["target"], tuple(r["themes"]))
        for r in q(store, "cross-theme-links")
        if r["kind"] == kind
    }


def test_cross_theme_shared_initiatives(real_store: ox.Store) -> None:
    assert {(s, t) for s, _, t in links(real_store, "shared-initiative")} == {
        ("GALA", ("AM", "GL", "KI", "MG", "VOW", "ZT")),
        ("Hart voor Elkaar", ("AM", "GL", "KI", "VOW", "ZT")),
        ("Herstelgerichte Expertise Drenthe", ("AM", "GL", "KI", "VOW", "ZT")),
        ("DOS Drenthe", ("KI", "VOW", "ZT")),
        ("Datawerkplaats Mentale Gezondheid Drenthe", ("GL", "KI", "MG")),
        ("Digitaal Platform Mentale Gezondheid Drenthe", ("GL", "KI", "MG")),
        ("Advance Care Planning & Palliatieve Zorg", ("VOW", "ZT")),
        ("Medisch Generalistische Zorg", ("VOW", "ZT")),
        ("Target", ("KI", "ZT")),
    }


def test_cross_theme_goal_overlaps(real_store: ox.Store) -> None:
    # L236: AM S2-A builds on the 'Transformatiehuis' of 'doel 2.4.2. B' = ZT S2-B (L588);
    # the overlap icons themselves were lost in extraction (L105-108).
    assert links(real_store, "goal-overlap") == {("AM-S2-A", "ZT-S2-B", ("AM", "ZT"))}


def test_cross_theme_coordination(real_store: ox.Store) -> None:
    assert {(s, t) for s, t, _ in links(real_store, "coordination")} == {
        ("KI-7", "VOW-9"),
        ("KI-7", "VOW-10"),
        ("KI-7", "VOW-18"),  # L203/L207 footnotes, L696
        ("AM-9", "KI-7"),
        ("KI-7", "MG-8"),  # L703 footnote
        ("KI-9", "MG-10"),  # L444 / L700: the same dialogue, each with the other's group
        ("MG-11", "VOW-20"),
        ("MG-11", "ZT-9"),
        ("VOW-20", "ZT-9"),  # L168, L406, L458
    }


def test_cross_theme_theme_overlaps(real_store: ox.Store) -> None:
    assert {(s, t) for s, t, _ in links(real_store, "theme-overlap")} == {
        ("VOW-20", "MG"),
        ("VOW-20", "ZT"),  # L168
        ("MG-11", "VOW"),
        ("MG-11", "ZT"),  # L406, L447 ², L458
        ("MG-8", "KI"),
        ("MG-10", "KI"),  # L442/L444 ¹, L456
        ("VOW-18", "AM"),
        ("VOW-18", "ZT"),  # L195
        # ZT's own text does not state it; curated from L168/L406 and documented in kn:ZT-9-overlap
        ("ZT-9", "MG"),
        ("ZT-9", "VOW"),
    }


MULTI_THEME = {
    "Dokter Drenthe": ["GL", "KI", "MG", "VOW", "ZT"],
    "Cosis": ["AM", "KI", "MG"],
    "GGZ Drenthe": ["GL", "KI", "MG"],
    "GGD Drenthe": ["GL", "KI", "MG"],
    "Proscop": ["GL", "VOW", "ZT"],
    "Zilveren Kruis": ["GL", "VOW", "ZT"],
    "Espria": ["AM", "GL"],
    "Zorgbelang": ["KI", "MG"],
    "Accare": ["KI", "MG"],
    "Ambiq": ["KI", "MG"],
    "Yorneo": ["KI", "MG"],
    "WZA": ["VOW", "ZT"],
}


def test_multi_theme_organisations_pinned_rows(real_store: ox.Store) -> None:
    rows = {r["organisation"]: r["themes"] for r in q(real_store, "multi-theme-organisations")}
    assert {k: rows.get(k) for k in MULTI_THEME} == MULTI_THEME
    for single in ("Icare", "Tinten", "Treant", "Altide", "VNN", "Interzorg", "Noorderboog"):
        assert single not in rows, single


def test_multi_theme_organisations_exact(real_store: ox.Store) -> None:
    rows = {r["organisation"]: r["themes"] for r in q(real_store, "multi-theme-organisations")}
    assert rows == MULTI_THEME


def test_planning_by_quarter(real_store: ox.Store) -> None:
    q3 = {r["code"] for r in q(real_store, "planning-by-quarter") if r["quarter"] == "2024-Q3"}
    assert q3 == {
        "GL-8",
        "GL-9.1",
        "GL-9.2",
        "GL-11.1",
        "GL-11.2",
        "GL-11.3",
        "GL-13.1",
        "GL-13.2",
        "GL-13.3",
        "GL-14",  # 'Q3/Q4' L549-562
        "VOW-10",  # L181 'Q2/Q3'
        "VOW-12",  # L184 'Q1-Q4 2024'
        "VOW-14",  # L192 'Start Q3-Q4 2024'
        "VOW-17",  # L194 '… optimalisering Q3 2024'
        "VOW-20",  # L197 'Q2-Q4'
        "VOW-22",  # L201 'Plan in Q3'
        "AM-9",  # L310 'Start Q3'
        "MG-12",  # L448 'In najaar' (Q3-Q4)
        "MG-14",
        "MG-15",
        "MG-16",  # L450, L451, L454
        "ZT-8",
        "ZT-9",
        "ZT-10",  # 'Jul-24' L650-652
        "KI-7",  # L696 'Q3: Eerste ontwerp programma'
    }


def test_conditional_starts(real_store: ox.Store) -> None:
    codes = {r["code"] for r in q(real_store, "conditional-starts")}
    assert codes == {
        "VOW-9",  # L178 'Gaat van start als transformatieplan is goedgekeurd'
        "VOW-12",  # L184 'Mits transformatieplan wordt goedgekeurd'
        "VOW-13",  # L186 'Start als transformatieplan is goedgekeurd'
        "VOW-18",  # L195 'Wachten op goedkeuring transformatieplan' (the rest waits)
        "VOW-20",  # L197 'Kan worden uitgevoerd als vervolgaanvraag is gehonoreerd'
        "MG-6",  # L440 'Na goedkeuring snelle toets'
    }


def test_aandachtspunten(real_store: ox.Store) -> None:
    rows = [
        (r["number"], r["label"], r["themes"], r["references"])
        for r in q(real_store, "aandachtspunten")
    ]
    assert rows == [  # L23-81: numbers, titles, letter lists per theme
        ("1", "De Drèentse blik", ["MG", "VOW", "ZT"], 11),
        ("2", "Naoberschap", ["AM", "KI", "MG", "VOW", "ZT"], 18),
        ("3", "Saemen aan 't wark", ["AM", "MG", "VOW", "ZT"], 15),
        ("4", "Van zörg naar welwezen", ["GL", "KI", "MG"], 6),
        ("5", "Leefstijlgeneskunde", ["GL", "ZT"], 8),
        ("6", "Normaliser'n", ["AM", "KI", "MG", "VOW"], 11),
        ("7", "Veurut denken", ["KI", "VOW"], 9),
    ]


LISTED = {  # theme lists L120-140, L277-289, L342-366, L518-529, L613-631, L664-680
    "GALA": ["AM", "GL", "KI", "MG", "VOW", "ZT"],
    "Hart voor Elkaar": ["AM", "GL", "KI", "VOW", "ZT"],
    "Herstelgerichte Expertise Drenthe": ["AM", "GL", "KI", "VOW", "ZT"],
    "DOS Drenthe": ["KI", "VOW", "ZT"],
    "Datawerkplaats Mentale Gezondheid Drenthe": ["GL", "KI", "MG"],
    "Digitaal Platform Mentale Gezondheid Drenthe": ["GL", "KI", "MG"],
    "Advance Care Planning & Palliatieve Zorg": ["VOW", "ZT"],
    "Medisch Generalistische Zorg": ["VOW", "ZT"],
    "Target": ["KI", "ZT"],
    "Beweegzorg Noord": ["GL"],
    "Buurt als Ecosysteem": ["VOW"],
    "Hervormingsagenda Jeugd": ["MG"],
    "Ketenaanpak Kansrijke Start": ["GL"],
    "Ketenaanpak overgewicht/obesitas bij kinderen": ["GL"],
    "GLI bij overgewicht van volwassenen": ["GL"],
    "Ketenaanpak valpreventie": ["VOW"],
    "Regionaal Knooppunt Noord-Nederland": ["AM"],
    "WOZO": ["VOW"],
}


def test_related_programmes_pinned_rows(real_store: ox.Store) -> None:
    rows = {r["initiative"]: r["themes"] for r in q(real_store, "related-programmes")}
    expected = {k: v for k, v in LISTED.items() if not k.startswith("GLI")}
    assert {k: rows.get(k) for k in expected} == expected


def test_related_programmes_exact(real_store: ox.Store) -> None:
    rows = {
        r["initiative"]: r["themes"]
        for r in q(real_store, "related-programmes")
        if r["theme_count"]
    }
    assert rows == LISTED


def test_theme_overview(real_store: ox.Store) -> None:
    rows = [
        (
            r["theme"],
            r["strategic"],
            r["operational"],
            r["inspanningen"],
            r["listings"],
            r["uncovered"],
        )
        for r in q(real_store, "theme-overview")
    ]
    assert rows == [
        ("AM", 3, 18, 5, 4, 8),  # goal texts L216-220, L222-271; lists L277-302
        ("GL", 3, 12, 12, 7, 6),  # L472-512, L518-542
        ("KI", 0, 5, 4, 6, 1),  # goal texts were images; letters A-E; lists L664-691
        ("MG", 0, 6, 12, 4, 0),  # images; letters A-F; L342-434
        ("VOW", 0, 8, 14, 8, 0),  # images; letters A-H; L120-173
        ("ZT", 3, 15, 5, 7, 6),  # L570-607, L613-644
    ]


def test_data_quality_gaps(real_store: ox.Store) -> None:
    gaps = {
        r["description"]: r["concerns"]
        for r in q(real_store, "data-quality")
        if r["origin"] == "gap"
    }
    assert gaps == {
        # L313, L556 empty; L448 names an opdrachtnemer, no initiator
        "Inspanning zonder initiatiefnemer.": ["AM-10", "GL-12", "MG-12"],
        "Inspanning zonder financieringsafspraak.": ["GL-14"],  # L562 empty Middelen cell
        "Inspanning die geen operationeel doel dient.": ["GL-14"],  # no goal prints 14
        # letters of aandachtspunten (L25-81) in columns that share the letter, and the one B
        # of 'Hart voor Elkaar' (L618) that both S1-B and S3-B claim
        "Gedrukte doelletter die niet naar één doel is opgelost (zie wa:kandidaat).": sorted(
            [
                "AP2-AM-1",
                "AP2-AM-2",
                "AP2-AM-3",
                "AP2-ZT-1",
                "AP3-AM-1",
                "AP3-AM-2",
                "AP3-AM-3",
                "AP3-AM-4",
                "AP3-AM-5",
                "AP3-ZT-1",
                "AP3-ZT-2",
                "AP3-ZT-3",
                "AP4-GL-1",
                "AP4-GL-2",
                "AP4-GL-3",
                "AP5-GL-1",
                "AP5-GL-2",
                "AP5-GL-3",
                "AP5-ZT-1",
                "AP5-ZT-2",
                "AP5-ZT-3",
                "AP5-ZT-4",
                "AP5-ZT-5",
                "AP6-AM-1",
                "ZT-L2-2",
            ]
        ),
    }
    notes = [r for r in q(real_store, "data-quality") if r["origin"] == "note"]
    themes_with_image_note = {
        c.split("-")[0] for r in notes if r["kind"] == "ontbrekende tekst" for c in r["concerns"]
    }
    assert {"VOW", "MG", "KI"} <= themes_with_image_note  # goal texts were images


def test_search(real_store: ox.Store) -> None:
    for text in ("DRÈENTSE", "dreentse", "Drëentse"):
        hits = q(real_store, "search", text=text)
        assert {h["resource"].rsplit("/", 2)[-2:][0] for h in hits} == {"aandachtspunt"}, text
        assert {h["resource"].rsplit("/", 1)[-1] for h in hits} == {"1"}, text  # only L23
    thrive = q(real_store, "search", text="thrive")  # L382, L441
    assert {h["code"] for h in thrive} == {"MG-7", None}
    assert any(h["resource"].endswith("/inspanning/MG-7") for h in thrive)
    assert q(real_store, "search", text='" } # zörg') == []


def test_search_shows_the_matched_text_in_context(real_store: ox.Store) -> None:
    # L182: "Implementatie Ketenaanpak Valpreventie binnen alle gemeenten" (VOW-11)
    hits = q(real_store, "search", text="VALPREVENTIE")
    vow11 = [
        h
        for h in hits
        if h["resource"].endswith("/inspanning/VOW-11") and h["property"] == "description"
    ]
    assert vow11 and all(
        "Ketenaanpak Valpreventie binnen alle gemeenten" in h["match"] for h in vow11
    )
    assert all("valpreventie" in h["match"].lower() for h in hits)
    long = [h for h in hits if len(h["value"]) > 120]
    assert long and all(h["match"].endswith("…") or h["match"].startswith("…") for h in long)


def test_queries_agree_with_the_defined_classes() -> None:
    """The graph-pattern queries answer what materialising the OWL-defined classes gives."""
    materialise = pytest.importorskip("werkagenda.reason.materialise")
    from werkagenda.config import WA
    from werkagenda.load import all_quads

    store = ox.Store()
    store.bulk_extend(all_quads())
    members = materialise.materialise(store, DEFAULT_AGENDA).memberships

    def codes(cls: str) -> set[str]:
        return {iri.rsplit("/", 1)[-1] for iri in members[WA + cls]}

    assert {r["code"] for r in q(store, "iza-awaiting-transformation-plan")} == (
        codes("IZAAfhankelijkeInspanning") & codes("WachtOpTransformatieplan")
    )
    assert {r["code"] for r in q(store, "funding-undetermined")} == codes(
        "InspanningZonderVastgesteldeFinanciering"
    )
    assert {r["code"] for r in q(store, "conditional-starts")} == codes("VoorwaardelijkeStart")
