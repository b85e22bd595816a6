"""The funding what-if on the real agenda: expected answers read from the source text.

Every expectation below was derived by reading the Middelen column of each theme's
inspanning table in data/drenthe-2024/sources/werkagenda-gezonde-marke-2024.txt (lines
L178–L201 VOW, L307–L313 AM, L439–L454 MG, L549–L562 GL, L650–L654 ZT, L696–L701 KI),
and, for goals, the printed letter lists (VOW, L146–L173) and number lists (AM, L224–L282).
The line each expected inspanning rests on is written beside it. Only these Middelen cells
name an IZA instrument: L178, L179, L183, L184–L188, L192, L195, L196 (VOW), L307, L308,
L310 (AM), L556 (GL). SPUK appears once as such (L193); "spuk IZA" once (L556).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from werkagenda.analysis.whatif import agenda_of
from werkagenda.errors import InputError
from werkagenda.whatif import Scenario, run, targets

# --- reject every IZA instrument (`iza` = the concept and all narrower concepts) --------
IZA_LOST = {
    "AM-6",  # L307 "In te dienen Transformatieplan IZA" — its only means
    "VOW-9",  # L178 "IZA Transformatie aanvraag …", L179 "Snelle toets goedgekeurd" — both IZA
    "VOW-12",  # L184 "IZA Transformatieplan 1 juni indienen", L185 "Snelle toets goedgekeurd"
    "VOW-13",  # L186 "IZA Transformatieplan", L187 "Snelle toets goedgekeurd"
    "VOW-16",  # L188 "N.n.t.b. IZA; transformatieplan?" — its only means
    "VOW-18",  # L195 "IZA Transformatieplan snelle toets goedgekeurd" — plan and quick scan
    "VOW-19",  # L196 "N.n.t.b. IZA transformatieplan" — its only means
}
IZA_WEAKENED = {
    "AM-7",  # L308 "Deels reguliere middelen verder aansluiten bij Transformatieplan IZA.
    #          Tevens HC agenda Noord Nederland." — regular means and the HC agenda remain
    "AM-9",  # L310 "… passende financiering vanuit WOZO/GALA/IZA/Regiodeal bepalen." — WOZO,
    #          GALA, Regiodeal remain
    "GL-12",  # L556 "Partners Programmaraad + evt. spuk IZA" — the partners' means remain
    "VOW-11",  # L182 "GALA / ZVW" remains; L183 "N.n.t.b. IZA aanvraag of andere …" falls
    "VOW-14",  # L192 "WLZ-gelden N.n.t.b. Voor ketenaanpak: extra middelen nodig. IZA
    #           Transformatieplan?" — WLZ and the unnamed extra means remain
}
# L562: inspanning 14 of GL has an empty Middelen cell: reported apart, never as affected.
NO_FUNDING = {"GL-14"}

# Goals. AM prints, per goal, the numbers of the inspanningen serving it (listing numbers
# 1–4 are related initiatives, not inspanningen): L238 "B. 6" (AM-S2-B, only inspanning 6),
# L264 "D. 4, 6" (AM-S3-D: listing 4 and inspanning 6), L258 "B. 4, 7" (AM-7, only weakened).
# VOW prints letters under each inspanning (L146–L173, column colours lost): G appears only
# under "Medisch Generalistische zorg" (L164–L165 "A A B F G H"), so VOW-X-G has VOW-18 alone;
# every other VOW letter also sits under an inspanning without IZA means (DOS, L149: A B F;
# Laagdrempelige plek, L163: A C; Plan Hybride Zorg, L171: D; Planbaar logeren, L173: E;
# Versterken Eerstelijns, L169: A H; Ketenaanpak Valpreventie, L151: C, only weakened).
IZA_GOALS = {
    "AM-S2-B": "lost",
    "AM-S3-D": "lost",
    "VOW-X-G": "lost",
    **{f"VOW-X-{letter}": "weakened" for letter in "ABCDEFH"},
}

# --- reject only the transformation plans (`iza-transformatieplan`) ---------------------
TP_LOST = {
    "AM-6",  # L307 "In te dienen Transformatieplan IZA"
    "VOW-16",  # L188 "N.n.t.b. IZA; transformatieplan?"
    "VOW-19",  # L196 "N.n.t.b. IZA transformatieplan"
}
TP_WEAKENED = {
    "AM-7",  # L308 the plan falls; "Deels reguliere middelen", "HC agenda" remain
    "VOW-9",  # L178 the plan falls; L179 "Snelle toets goedgekeurd" remains
    "VOW-12",  # L184 the plan falls; L185 "Snelle toets goedgekeurd" remains
    "VOW-13",  # L186 the plan falls; L187 "Snelle toets goedgekeurd" remains
    "VOW-14",  # L192 "IZA Transformatieplan?" falls; WLZ and the extra means remain
    "VOW-18",  # L195 the plan falls; its "snelle toets goedgekeurd" remains
}
# Not affected although IZA: L183 (VOW-11) and L310 (AM-9) name "IZA" without a plan;
# L556 (GL-12) names "spuk IZA".
TP_GOALS = {
    "AM-S2-B": "lost",  # L238 "B. 6": AM-6 alone
    "AM-S3-D": "lost",  # L264 "D. 4, 6": AM-6 the only inspanning
    "VOW-X-A": "weakened",  # VOW-19 (L167 "A E C") among others
    "VOW-X-C": "weakened",  # VOW-19 (L167) among others
    "VOW-X-E": "weakened",  # VOW-16 (L161 "E E") and VOW-19 (L167) among others
}


def codes(scenario: Scenario, effect: str) -> set[str]:
    return {i.code for i in scenario.inspanningen if i.effect == effect}


def goals(scenario: Scenario) -> dict[str, str]:
    return {g.goal: g.effect for g in scenario.goals}


def test_reject_all_iza_instruments(whatif_store: ox.Store) -> None:
    s = run(reject=["iza"], store=whatif_store)
    assert codes(s, "lost") == IZA_LOST
    assert codes(s, "weakened") == IZA_WEAKENED
    assert {i.code for i in s.no_funding_recorded} == NO_FUNDING
    assert goals(s) == IZA_GOALS
    # L182 "GALA / ZVW": both remain for VOW-11, the IZA application falls
    vow11 = next(i for i in s.inspanningen if i.code == "VOW-11")
    assert [r.split(" (")[0] for r in vow11.remaining] == ["GALA", "ZVW"]
    assert len(vow11.fallen) == 1 and vow11.fallen[0].startswith("IZA")
    by_theme = {t.theme: t for t in s.themes}
    assert (by_theme["VOW"].inspanningen_lost, by_theme["VOW"].inspanningen_weakened) == (6, 2)
    assert (by_theme["AM"].inspanningen_lost, by_theme["AM"].goals_lost) == (1, 2)
    assert (by_theme["GL"].inspanningen_weakened, by_theme["GL"].goals_lost) == (1, 0)
    assert set(by_theme) == {"AM", "GL", "VOW"}  # MG, ZT and KI name no IZA means


def test_reject_only_transformation_plans(whatif_store: ox.Store) -> None:
    s = run(reject=["iza-transformatieplan"], store=whatif_store)
    assert codes(s, "lost") == TP_LOST
    assert codes(s, "weakened") == TP_WEAKENED
    assert goals(s) == TP_GOALS
    remains = {i.code: i.remaining for i in s.inspanningen}
    for code in ("VOW-9", "VOW-12", "VOW-13"):  # L179, L185, L187 "Snelle toets goedgekeurd"
        assert remains[code] == ("IZA-snelle toets (goedgekeurd, zeker)",), code
    assert any(r.startswith("WLZ") for r in remains["VOW-14"])  # L192 "WLZ-gelden"


def test_the_slug_the_notation_and_case_select_the_same(whatif_store: ox.Store) -> None:
    a = run(reject=["iza-transformatieplan"], store=whatif_store)
    b = run(reject=["IZA-Transformatieplan"], store=whatif_store)
    assert a.inspanningen == b.inspanningen and a.goals == b.goals


def test_reject_one_named_plan(whatif_store: ox.Store) -> None:
    # VOW-19's plan (L196, its only means) by identifier: VOW-19 loses its funding.
    s = run(reject=["VOW-19-tp"], store=whatif_store)
    assert codes(s, "lost") == {"VOW-19"} and codes(s, "weakened") == set()
    assert goals(s) == {"VOW-X-A": "weakened", "VOW-X-C": "weakened", "VOW-X-E": "weakened"}
    # VOW-12's plan by the code of its inspanning: L185 "Snelle toets goedgekeurd" remains.
    s = run(reject=["VOW-12:transformatieplan"], lang="en", store=whatif_store)
    assert codes(s, "lost") == set() and codes(s, "weakened") == {"VOW-12"}
    (vow12,) = s.inspanningen
    assert vow12.remaining == ("IZA quick scan (approved, certain)",)
    assert goals(s) == {}


@pytest.mark.parametrize(
    "name",
    [
        # ZT-11 prepares a transformation plan (L653, planning "voorbereiding transformatieplan"),
        # but its Middelen cell is "ROAZ middelen" (L653): no funding rests on the plan.
        "ZT-11:transformatieplan",
        # the quick scan of MG listing 1 (a related initiative): MG-6 starts "Na goedkeuring
        # snelle toets" (L440), a precondition, not funding (its Middelen: "n.t.b.", L440).
        "MG-1-st",
    ],
)
def test_reject_something_nobody_relies_on(whatif_store: ox.Store, name: str) -> None:
    s = run(reject=[name], store=whatif_store)
    assert s.inspanningen == () and s.goals == () and s.themes == ()
    assert {i.code for i in s.no_funding_recorded} == NO_FUNDING


def test_reject_two_instruments_together(whatif_store: ox.Store) -> None:
    s = run(reject=["iza-transformatieplan", "spuk"], store=whatif_store)
    assert codes(s, "lost") == TP_LOST
    # L193 "SPUK, investering zorgorganisaties, gemeentelijk geld, sociale agenda potjes"
    assert codes(s, "weakened") == TP_WEAKENED | {"VOW-15", "GL-12"}
    # L556 "Partners Programmaraad + evt. spuk IZA": the agenda calls it a SPUK (for IZA),
    # so rejecting every SPUK takes it; the partners' means remain.
    assert "GL-12" in codes(s, "weakened")
    assert goals(s) == TP_GOALS  # VOW-15 and GL-12 are only weakened: they weaken no goal
    vow15 = next(i for i in s.inspanningen if i.code == "VOW-15")
    assert len(vow15.fallen) == 1 and len(vow15.remaining) == 3


def test_spuk_covers_the_spuk_iza_the_agenda_names(whatif_store: ox.Store) -> None:
    # The source names a SPUK twice (case-insensitive "spuk"): L193 "SPUK, investering
    # zorgorganisaties, gemeentelijk geld, sociale agenda potjes" (VOW-15) and L556
    # "Partners Programmaraad + evt. spuk IZA" (GL-12). Both are SPUKs; only L556 is IZA.
    s = run(reject=["spuk"], store=whatif_store)
    assert codes(s, "lost") == set() and codes(s, "weakened") == {"VOW-15", "GL-12"}
    assert goals(s) == {}
    s = run(reject=["spuk-iza"], store=whatif_store)
    assert codes(s, "lost") == set() and codes(s, "weakened") == {"GL-12"}
    s = run(reject=["iza"], store=whatif_store)
    assert "GL-12" in codes(s, "weakened") and "VOW-15" not in codes(s, "weakened")


def test_reject_both_iza_application_kinds_is_not_all_of_iza(whatif_store: ox.Store) -> None:
    s = run(reject=["iza-transformatieplan", "iza-snelle-toets"], store=whatif_store)
    # L179/L185/L187/L195: with plan and quick scan gone, VOW-9, 12, 13 and 18 lose everything
    assert codes(s, "lost") == TP_LOST | {"VOW-9", "VOW-12", "VOW-13", "VOW-18"}
    assert codes(s, "weakened") == {"AM-7", "VOW-14"}  # L308, L192


def test_unknown_name_suggests_the_nearest(whatif_store: ox.Store) -> None:
    with pytest.raises(InputError, match=r"'izza'.*nearest valid names: iza"):
        run(reject=["izza"], store=whatif_store)
    with pytest.raises(InputError, match=r"VOW-9:transformatieplan"):
        run(reject=["VOW-9:transformatieplaan"], store=whatif_store)


def test_empty_reject_is_an_input_error(whatif_store: ox.Store) -> None:
    for empty in ([], [""], ["  "]):
        with pytest.raises(InputError, match="at least one"):
            run(reject=empty, store=whatif_store)


def test_plan_of_another_agenda_names_that_agenda(whatif_store: ox.Store) -> None:
    with pytest.raises(InputError, match=r"exists only in agenda test/2024"):
        run(reject=["AA-1-tp"], store=whatif_store)
    s = run(reject=["AA-1-tp"], agenda="test/2024", store=whatif_store)
    assert s.reject_names == ("AA-1-tp",)  # known there; its funding is not linked to it
    assert codes(run(reject=["iza"], agenda="test/2024", store=whatif_store), "lost") == {"AA-1"}
    with pytest.raises(InputError, match=r"exists only in agenda test/2024"):  # read once
        run(reject=iter(["AA-1-tp"]), store=whatif_store)


def test_targets_of_one_agenda_are_its_graph_and_the_concepts(whatif_store: ox.Store) -> None:
    drenthe, other = agenda_of(None), agenda_of("test/2024")
    everything = targets(whatif_store)
    for agenda in (drenthe, other):
        assert targets(whatif_store, agenda) == [
            t for t in everything if t.agenda in (None, agenda)
        ]
    here = {t.name for t in targets(whatif_store, drenthe)}
    assert "AA-1-tp" not in here and "AA-1-tp" in {t.name for t in targets(whatif_store, other)}
    assert {"iza", "spuk", "VOW-9:transformatieplan"} <= here  # L178 "IZA Transformatie aanvraag"
