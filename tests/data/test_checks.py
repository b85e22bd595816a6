"""queries/checks/*-violation.rq: silent on the real agenda, firing on a copy that breaks the rule.

Each broken fixture is the real agenda with a few triples changed (inline Turtle below), so the
check must find exactly the resource we broke, by its focus node, with a Dutch sentence.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from werkagenda.checks import (
    CheckViolationError,
    agenda_checks,
    check_data_quads,
    check_queries,
    raise_on_findings,
    run_checks,
)
from werkagenda.cli import main
from werkagenda.config import ROOT
from werkagenda.load import agenda_quads, vocabulary_quads
from werkagenda.reason.diagnose import disjoint_clashes

ID = "https://w3id.org/iza-werkagenda/id/drenthe/2024/"
ACTOR = "https://w3id.org/iza-werkagenda/id/drenthe/actor/"
PREFIXES = """
@prefix wa: <https://w3id.org/iza-werkagenda/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix insp: <https://w3id.org/iza-werkagenda/id/drenthe/2024/inspanning/> .
@prefix fin: <https://w3id.org/iza-werkagenda/id/drenthe/2024/financiering/> .
@prefix aanvraag: <https://w3id.org/iza-werkagenda/id/drenthe/2024/aanvraag/> .
@prefix ap: <https://w3id.org/iza-werkagenda/id/drenthe/2024/aandachtspunt/> .
@prefix bron: <https://w3id.org/iza-werkagenda/id/drenthe/2024/bron/werkagenda/> .
@prefix actor: <https://w3id.org/iza-werkagenda/id/drenthe/actor/> .
@prefix fsrc: <https://w3id.org/iza-werkagenda/id/concept/financieringsbron/> .
@prefix fstat: <https://w3id.org/iza-werkagenda/id/concept/financieringsstatus/> .
@prefix astat: <https://w3id.org/iza-werkagenda/id/concept/aanvraagstatus/> .
@prefix zeker: <https://w3id.org/iza-werkagenda/id/concept/zekerheid/> .
"""
CHECKS = {p.stem for p in check_queries()}


@pytest.fixture(scope="module")
def base(agenda) -> list[ox.Quad]:  # type: ignore[no-untyped-def]
    return [*vocabulary_quads(), *agenda_quads(agenda), *check_data_quads(agenda)]


def _store(base: list[ox.Quad], agenda, *, add: str = "", remove: str = "") -> ox.Store:  # type: ignore[no-untyped-def]
    store = ox.Store()
    store.bulk_extend(base)
    graph = ox.NamedNode(agenda.iri)
    for text, change in ((remove, store.remove), (add, store.add)):
        if text:
            for t in ox.parse(PREFIXES + text, format=ox.RdfFormat.TURTLE):
                quad = ox.Quad(t.subject, t.predicate, t.object, graph)
                if change == store.remove:
                    assert quad in store, f"fixture removes a triple that is not there: {t}"
                change(quad)
    return store


def _found(store: ox.Store, agenda, check: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    (path,) = [p for p in check_queries() if p.stem == check]
    findings = run_checks(store, agenda.iri, queries=[path])
    assert all(f.message and f.message_en for f in findings), "every row has a nl and en sentence"
    return [(f.focus, f.value) for f in findings]


def test_five_checks_are_collected() -> None:
    assert {
        "provenance-section-violation",
        "funding-text-model-violation",
        "unlinked-party-violation",
        "label-not-in-source-violation",
        "disjoint-classes-violation",
    } == CHECKS


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_silent_on_the_real_agenda(base, agenda, check: str) -> None:  # type: ignore[no-untyped-def]
    assert _found(_store(base, agenda), agenda, check) == []


def test_provenance_outside_its_section_fires(base, agenda) -> None:  # type: ignore[no-untyped-def]
    # The audit's defect: ap:1 citing L33, which lies under "2. Naoberschap" (L31).
    store = _store(
        base, agenda, add="ap:1 wa:bronregel bron:L33 . insp:VOW-9 wa:bronregel bron:L307 ."
    )
    assert _found(store, agenda, "provenance-section-violation") == [
        (ID + "aandachtspunt/1", ID + "bron/werkagenda/L33"),
        (ID + "inspanning/VOW-9", ID + "bron/werkagenda/L307"),  # L307 is AM-6's row
    ]


def test_same_funding_text_modelled_differently_fires(base, agenda) -> None:  # type: ignore[no-untyped-def]
    # VOW-16's cell (L188) copied with another certainty, and a second approved quick scan
    # ("Snelle toets goedgekeurd", L179/L185/L187) whose status is left unknown.
    store = _store(
        base,
        agenda,
        add="""
        fin:X-1 a wa:Financiering ; wa:bronTekst "N.n.t.b.  IZA; Transformatieplan?" ;
            wa:financieringsbron fsrc:iza-transformatieplan ;
            wa:financieringsstatus fstat:nader-te-bepalen ; wa:zekerheid zeker:zeker .
        aanvraag:X-st a wa:SnelleToets ; wa:bronTekst "Snelle toets goedgekeurd" ;
            wa:aanvraagStatus astat:onbekend .
        """,
    )
    found = _found(store, agenda, "funding-text-model-violation")
    assert (ID + "financiering/VOW-16-1", ID + "financiering/X-1") in found
    assert (ID + "aanvraag/VOW-12-st", ID + "aanvraag/X-st") in found
    assert {focus for focus, _ in found} <= {
        ID + "financiering/VOW-16-1",
        *(ID + f"aanvraag/{c}-st" for c in ("VOW-9", "VOW-12", "VOW-13")),
    }


def test_unlinked_party_fires(base, agenda) -> None:  # type: ignore[no-untyped-def]
    # The audit's defect: VOW-12's cell names 'Stuurgroep en werkgroepen' (L184), not linked.
    store = _store(
        base,
        agenda,
        remove="insp:VOW-12 wa:betrokkenPartij actor:stuurgroep-werkgroepen-acp-palliatieve-zorg .",
    )
    assert _found(store, agenda, "unlinked-party-violation") == [
        (ID + "inspanning/VOW-12", ACTOR + "stuurgroep-werkgroepen-acp-palliatieve-zorg")
    ]


def test_label_from_the_research_notes_fires(base, agenda) -> None:  # type: ignore[no-untyped-def]
    # The audit's defect: 'Zorgplein Noord' stands only in the research notes; L308 has 'Nood'.
    store = _store(
        base,
        agenda,
        remove='actor:zorgplein-noord skos:prefLabel "Zorgplein Nood"@nl .',
        add='actor:zorgplein-noord skos:prefLabel "Zorgplein Noord"@nl .',
    )
    assert _found(store, agenda, "label-not-in-source-violation") == [
        (ACTOR + "zorgplein-noord", "Zorgplein Noord")
    ]


def test_disjoint_classes_fire_and_agree_with_the_python_diagnosis(base, agenda) -> None:  # type: ignore[no-untyped-def]
    store = _store(base, agenda, add="insp:VOW-9 a wa:Organisatie .")
    found = _found(store, agenda, "disjoint-classes-violation")
    assert {focus for focus, _ in found} == {ID + "inspanning/VOW-9"}
    quads = list(store.quads_for_pattern(None, None, None))
    assert {c.resource for c in disjoint_clashes(quads)} == {ID + "inspanning/VOW-9"}


def test_disjoint_classes_name_each_pair_and_how(base, agenda) -> None:  # type: ignore[no-untyped-def]
    """Three classes, three pairs, each side with its own way (type, domain, range), read back
    from the one pass over the resource's classes."""
    store = _store(base, agenda, add="insp:VOW-9 a wa:Organisatie ; wa:regeltekst 'x' .")
    (path,) = [p for p in check_queries() if p.stem == "disjoint-classes-violation"]
    rows = {
        (f.value.rsplit("#")[-1], f.message_en.split("), classes")[0])
        for f in run_checks(store, agenda.iri, queries=[path])
        if f.focus == ID + "inspanning/VOW-9"
    }
    wa = "https://w3id.org/iza-werkagenda/def#"
    domain = f"domain of <{wa}regeltekst>"

    def both(c1: str, how1: str, c2: str) -> str:
        return f"is both <{wa}{c1}> ({how1}) and <{wa}{c2}> (asserted type"

    assert rows == {
        ("Bronregel", both("Bronregel", domain, "Inspanning")),
        ("Bronregel", both("Bronregel", domain, "Organisatie")),
        ("Inspanning", both("Inspanning", "asserted type", "Organisatie")),
    }


def test_checks_see_only_the_agenda_vocabulary_and_check_graphs(base, agenda) -> None:  # type: ignore[no-untyped-def]
    """A clash in another graph of the store is not the agenda's (the graph-list path); the
    same clash in the agenda graph is found (the union path of a store with just those graphs)."""
    clash = ox.Quad(
        ox.NamedNode(ID + "inspanning/VOW-9"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode("https://w3id.org/iza-werkagenda/def#Organisatie"),
        ox.NamedNode("https://example.org/another-graph"),
    )
    store = _store(base, agenda)
    store.add(clash)
    assert _found(store, agenda, "disjoint-classes-violation") == []
    store.add(ox.Quad(clash.subject, clash.predicate, clash.object))  # the default graph
    assert _found(store, agenda, "disjoint-classes-violation") == []
    alone = _store(base, agenda, add="insp:VOW-9 a wa:Organisatie .")
    assert {f for f, _ in _found(alone, agenda, "disjoint-classes-violation")} == {
        ID + "inspanning/VOW-9"
    }


def test_findings_become_one_error_naming_the_focus(base, agenda) -> None:  # type: ignore[no-untyped-def]
    store = _store(base, agenda, add="ap:1 wa:bronregel bron:L81 .")
    findings = run_checks(store, agenda.iri)
    with pytest.raises(CheckViolationError) as caught:
        raise_on_findings(findings, agenda="drenthe/2024")
    assert caught.value.exit_code == 1
    assert "provenance-section-violation" in str(caught.value)
    assert f"<{ID}aandachtspunt/1>" in str(caught.value)
    assert "ligt buiten de sectie" in str(caught.value)  # Dutch first


def test_agenda_checks_leave_no_check_graph_behind(agenda) -> None:  # type: ignore[no-untyped-def]
    store = ox.Store()
    store.bulk_extend([*vocabulary_quads(), *agenda_quads(agenda)])
    assert agenda_checks(store, agenda) == ()
    assert not store.contains_named_graph(ox.NamedNode(agenda.iri + "/checks"))


def test_build_refuses_an_agenda_that_breaks_a_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real build path: a copy of the agenda with ap:1 citing L33 fails with exit 1."""
    import werkagenda.load

    root = tmp_path / "root"
    folder = root / "data" / "drenthe-2024"
    shutil.copytree(ROOT / "data" / "drenthe-2024", folder)
    for name in ("ontology", "queries"):
        (root / name).symlink_to(ROOT / name)
    monkeypatch.setattr(werkagenda.load, "ROOT", root)  # source paths resolve in the copy
    path = folder / "aandachtspunten.ttl"
    text = path.read_text(encoding="utf-8")
    assert "        bron:L23 ,\n" in text
    path.write_text(
        text.replace("        bron:L23 ,\n", "        bron:L23 ,\n        bron:L33 ,\n", 1)
    )
    dist = tmp_path / "dist"
    result = CliRunner().invoke(main, ["build", "--agenda", str(folder), "--dist", str(dist)])
    assert result.exit_code == 1, result.output
    assert "provenance-section-violation" in result.output
    assert "ap:1" in result.output
    assert "bronregel 33 ligt buiten de sectie" in result.output
    assert not (dist / "store").exists()
