"""Issue 16: the audit's corrections, each asserted against the source line it rests on."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from werkagenda.config import ROOT

WA = Namespace("https://w3id.org/iza-werkagenda/def#")
ID = "https://w3id.org/iza-werkagenda/id/drenthe/2024/"
INSP, FIN, AANVRAAG = (
    Namespace(ID + "inspanning/"),
    Namespace(ID + "financiering/"),
    Namespace(ID + "aanvraag/"),
)
AP, KN, BRON = (
    Namespace(ID + "aandachtspunt/"),
    Namespace(ID + "kwaliteit/"),
    Namespace(ID + "bron/werkagenda/"),
)
ACTOR = Namespace("https://w3id.org/iza-werkagenda/id/drenthe/actor/")
CONCEPT = "https://w3id.org/iza-werkagenda/id/concept/"
FSTAT, ASTAT = Namespace(CONCEPT + "financieringsstatus/"), Namespace(CONCEPT + "aanvraagstatus/")
ZEKER, OSOORT = Namespace(CONCEPT + "zekerheid/"), Namespace(CONCEPT + "organisatiesoort/")
VOCDOC = ID + "bron/vocabularies/"


def line(source_lines: list[str], n: int) -> str:
    return source_lines[n - 1]


def one(graph, s, p):  # type: ignore[no-untyped-def]
    (value,) = set(graph.objects(s, p))
    return value


def nl(graph, s, p=DCTERMS.description) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(o) for o in graph.objects(s, p) if getattr(o, "language", None) == "nl")


# ---------------------------------------------------------------- same wording, same model


def test_vow16_and_vow19_funding_differ_only_by_the_question_mark(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "N.n.t.b. IZA; transformatieplan?" in line(source_lines, 188)
    assert "N.n.t.b. IZA transformatieplan\t" in line(source_lines, 196)
    for fin in (FIN["VOW-16-1"], FIN["VOW-19-1"]):
        assert one(graph, fin, WA.financieringsstatus) == FSTAT["nader-te-bepalen"]  # 'N.n.t.b.'
    assert one(graph, FIN["VOW-16-1"], WA.zekerheid) == ZEKER.onzeker  # '?' → onzeker
    assert one(graph, FIN["VOW-19-1"], WA.zekerheid) == ZEKER.zeker  # no '?'


def test_vow16_plan_to_write_vow19_plan_status_not_given(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "Schrijven transformatieplan" in line(source_lines, 188)
    assert one(graph, AANVRAAG["VOW-16-tp"], WA.aanvraagStatus) == ASTAT["te-schrijven"]
    assert not re.search(r"transformatieplan (schrijven|indienen)", line(source_lines, 196), re.I)
    assert one(graph, AANVRAAG["VOW-19-tp"], WA.aanvraagStatus) == ASTAT.onbekend


def test_vow13_plan_is_not_said_to_be_submitted(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    text = line(source_lines, 186)
    assert "\tIZA Transformatieplan\tStart als transformatieplan is goedgekeurd\t" in text
    assert not re.search(r"ingediend|indienen|wacht", text, re.I)
    assert one(graph, AANVRAAG["VOW-13-tp"], WA.aanvraagStatus) == ASTAT.onbekend
    assert one(graph, FIN["VOW-13-1"], WA.financieringsstatus) == FSTAT["niet-vermeld"]
    # VOW-12 shares the condition but says when the plan is submitted (L184 '1 juni indienen')
    assert "IZA Transformatieplan 1 juni indienen" in line(source_lines, 184)
    assert one(graph, AANVRAAG["VOW-12-tp"], WA.aanvraagStatus) == ASTAT["in-te-dienen"]


def test_cells_with_a_bare_transformation_plan_have_no_status(graph) -> None:  # type: ignore[no-untyped-def]
    """Every plan whose cells give no status is 'onbekend'; its funding 'not stated' or 'n.t.b.'."""
    for code, funding in (("AM-7", "AM-7-2"), ("VOW-13", "VOW-13-1"), ("VOW-19", "VOW-19-1")):
        assert one(graph, AANVRAAG[f"{code}-tp"], WA.aanvraagStatus) == ASTAT.onbekend
        assert one(graph, FIN[funding], WA.financieringsstatus) in {
            FSTAT["niet-vermeld"],
            FSTAT["nader-te-bepalen"],
        }


# ---------------------------------------------------------------- provenance and notes


def test_ap1_cites_only_its_own_section(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert line(source_lines, 23).startswith("1. De Drèentse blik:")
    assert line(source_lines, 31).startswith("2. Naoberschap:")
    lines = {int(str(o).rsplit("L", 1)[1]) for o in graph.objects(AP["1"], WA.bronregel)}
    assert lines == {23, 25, 27, 29}  # the text and its three letter lists


def test_vow12_steering_group_is_linked_and_the_note_says_so(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "Bestuurlijk overleg ACP en Palliatieve zorg Stuurgroep en werkgroepen" in line(
        source_lines, 184
    )
    group = ACTOR["stuurgroep-werkgroepen-acp-palliatieve-zorg"]
    assert BRON.L184 in set(graph.objects(group, WA.bronregel))
    assert group in set(graph.objects(INSP["VOW-12"], WA.betrokkenPartij))
    note = nl(graph, KN["VOW-12-stuurgroep"])
    assert (
        "niet als actor" not in note and "als betrokken partij aan de inspanning gekoppeld" in note
    )


def test_zonmw_preparation_grant_is_available_in_data_and_note(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "\tZonMw voorbereidingssubsidie\t" in line(source_lines, 197)
    assert one(graph, FIN["VOW-20-1"], WA.financieringsstatus) == FSTAT.beschikbaar
    note = nl(graph, KN["VOW-financiering-status"])
    assert "ZonMw-voorbereidingssubsidie" in note
    assert FIN["VOW-20-1"] in set(graph.objects(KN["VOW-financiering-status"], WA.betreft))


@pytest.mark.parametrize(
    ("slug", "n"),
    [
        ("regionale-werkgroep-valpreventie", 182),
        ("initiatiefgroep-versterking-eerstelijns-drenthe", 197),
        ("werkgroep-bewustwording", 193),
        ("taskforce-wachttijden", 448),
        ("themagroep-gbz", 562),
    ],
)
def test_groups_the_text_does_not_place_in_gezonde_marke(graph, source_lines, slug, n) -> None:  # type: ignore[no-untyped-def]
    actor = ACTOR[slug]
    label = str(one(graph, actor, SKOS.prefLabel))
    text = line(source_lines, n)
    assert label.lower() in text.lower()
    # the cell that names the group says nothing of Gezonde Marke
    cell = next(c for c in text.split("\t") if label.lower() in c.lower())
    assert "gezonde marke" not in cell.lower()
    assert set(graph.objects(actor, RDF.type)) == {WA.Collectief}
    assert OSOORT["gezonde-marke-orgaan"] not in set(graph.objects(actor, WA.organisatieSoort))


def test_regional_fall_prevention_group_keeps_its_members(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "Regionale werkgroep valpreventie: regionale vertegenwoordigers, Zilveren Kruis, " in (
        line(source_lines, 182)
    )
    members = set(graph.objects(ACTOR["regionale-werkgroep-valpreventie"], FOAF.member))
    assert members == {ACTOR["zilveren-kruis"], ACTOR.proscop, ACTOR.noorderboog}


# ---------------------------------------------------------------- labels from the agenda


UNNAMED = ("aa-en-hunze", "borger-odoorn", "de-wolden", "noordenveld", "tynaarlo", "westerveld")


@pytest.mark.parametrize("slug", UNNAMED)
def test_unnamed_municipalities_carry_no_name_the_agenda_lacks(graph, source_lines, slug) -> None:  # type: ignore[no-untyped-def]
    assert "alle 12 Drentse gemeenten" in line(source_lines, 506)
    actor = ACTOR[f"gemeente-{slug}"]
    name = str(one(graph, actor, SKOS.altLabel)).removeprefix("Gemeente ")
    assert not any(name.lower() in ln.lower() for ln in source_lines), name
    label = str(one(graph, actor, SKOS.prefLabel))
    assert name not in label and label.startswith("Drentse gemeente (gm")
    iris = {
        str(o)
        for i in graph.objects(actor, WA.identificatie)
        for o in graph.objects(i, WA.identificatieIri)
    }
    assert any(i.startswith("https://identifier.overheid.nl/tooi/id/gemeente/gm") for i in iris)
    assert "vocdoc:L19" in nl(graph, actor, SKOS.editorialNote)  # where the name comes from


@pytest.mark.parametrize(
    ("slug", "label", "alt", "n"),
    [
        ("wza", "WZA", "Wilhelmina Ziekenhuis Assen", 186),
        ("zorgplein-noord", "Zorgplein Nood", "Zorgplein Noord", 308),
        ("ministerie-vws", "VWS", "Ministerie van VWS", 180),
        ("gemeente-assen", "Assen", "Gemeente Assen", 195),
    ],
)
def test_agenda_spelling_is_the_label_the_expansion_an_alternative(  # type: ignore[no-untyped-def]
    graph, source_lines, slug, label, alt, n
) -> None:
    assert label in line(source_lines, n)
    assert not any(alt in ln for ln in source_lines)
    actor = ACTOR[slug]
    assert one(graph, actor, SKOS.prefLabel) == Literal(label, lang="nl")
    assert Literal(alt, lang="nl") in set(graph.objects(actor, SKOS.altLabel))
    assert "onderzoeksnotities" in nl(graph, actor, SKOS.editorialNote)


@pytest.mark.parametrize(
    ("slug", "kind_line"),
    [
        ("accare", 283),
        ("treant", 277),
        ("vnn", 285),
        ("altide", 286),
        ("dokter-drenthe", 279),
        ("zilveren-kruis", 276),
        ("wza", 278),
    ],
)
def test_organisation_kinds_are_not_taken_from_the_research_notes(graph, slug, kind_line) -> None:  # type: ignore[no-untyped-def]
    """The notes' table row (vocdoc:L276–L286) gave kind and description; the agenda gives none."""
    actor = ACTOR[slug]
    assert not any("onderzoeksnotities" in str(n) for n in graph.objects(actor, SKOS.scopeNote))
    assert set(graph.objects(actor, WA.organisatieSoort)) == {OSOORT.overig}
    cited = set(map(str, graph.objects(actor, WA.bronregel)))
    # WZA keeps its row: it is the origin of the alternative label (the expansion)
    assert (VOCDOC + f"L{kind_line}" in cited) == (slug == "wza")


# ---------------------------------------------------------------- parties named in cells


@pytest.mark.parametrize(
    ("code", "slug", "n", "words"),
    [
        ("VOW-12", "stuurgroep-werkgroepen-acp-palliatieve-zorg", 184, "Stuurgroep en werkgroepen"),
        ("VOW-11", "lokale-werkgroepen-valpreventie", 182, "(lokale werkgroepen valpreventie)"),
        ("VOW-11", "intramurale-zorg", 182, "VVT (extra- en intramuraal)"),
        ("VOW-20", "lokale-kerndisciplines-en-ondersteuners", 197, "lokaal kerndisciplines en"),
        ("MG-6", "partijen-digitaal-platform", 440, "Zie partijen snelle toets"),
        ("MG-9", "ambtelijk-trekker-skggz", 443, "ambtelijk trekker SKGGZ"),
        ("MG-9", "coalitie-digitaal-gezondheidsplatform", 443, "door te vormen coalitie"),
        ("MG-9", "partijen-digitaal-platform", 443, "3. Partijen Digitaal Platform"),
        ("MG-11", "12d", 447, "Tinten (12D)"),
        ("MG-11", "ggz-aanbieders", 447, "VNN (via GGZ)"),
        ("MG-12", "datawerkplaats-mentale-gezondheid-drenthe", 448, "Datawerkplaats (koppelkans)"),
        ("KI-10", "vg-partijen", 701, "(als vertegenwoordiging VG partijen)"),
    ],
)
def test_every_party_a_cell_names_is_linked(graph, source_lines, code, slug, n, words) -> None:  # type: ignore[no-untyped-def]
    assert words in line(source_lines, n)
    linked = {
        o
        for p in (WA.initiatiefnemer, WA.betrokkenPartij, WA.penvoerder, WA.opdrachtnemer)
        for o in graph.objects(INSP[code], p)
    }
    assert ACTOR[slug] in linked


# ---------------------------------------------------------------- contradictions and gaps


def test_vision_on_primary_care_contradiction_is_noted(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "Bouwen aan visie eerstelijnszorg 2030" in line(source_lines, 197)
    assert "vastgestelde Visie op Eerstelijnszorg 2030" in line(source_lines, 651)
    note = KN["VOW-ZT-visie-eerstelijnszorg"]
    assert one(graph, note, WA.notitieSoort) == URIRef(CONCEPT + "notitiesoort/tegenstrijdigheid")
    assert {BRON.L197, BRON.L651} <= set(graph.objects(note, WA.bronregel))


def test_labour_market_goals_without_any_number_are_noted(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    for n in (222, 235, 243, 246, 249, 252, 261):
        assert not re.search(r"\d", line(source_lines, n)), line(source_lines, n)
    note = KN["AM-doelen-zonder-inspanning"]
    goals = {str(g).rsplit("/", 1)[1] for g in graph.objects(note, WA.betreft)}
    assert goals == {"AM-S1-A", "AM-S2-A", "AM-S3-C", "AM-NG-A", "AM-NG-B", "AM-NG-C", "AM-NG-D"}
    for goal in goals:
        assert not set(graph.objects(URIRef(ID + "doel/" + goal), WA.noemtBijdrage))


def test_mg16_note_names_both_readings_of_inspanning_1(graph, source_lines) -> None:  # type: ignore[no-untyped-def]
    assert "Inspanning 1 moet afgerond zijn; herformulering opdracht welzijn" in line(
        source_lines, 454
    )
    assert "de belangrijkste en randvoorwaardelijke inspanning" in line(source_lines, 439)
    assert line(source_lines, 344).startswith("1. Digitaal Platform Mentale Gezondheid Drenthe")
    note = KN["MG-16-inspanning-1"]
    text = nl(graph, note)
    assert "Digitaal Platform Mentale Gezondheid Drenthe" in text and "MG-5" in text
    assert {INSP["MG-5"], INSP["MG-16"]} <= set(graph.objects(note, WA.betreft))
    assert {BRON.L344, BRON.L439, BRON.L454} <= set(graph.objects(note, WA.bronregel))


# ---------------------------------------------------------------- one computed count


def test_readme_count_of_organisations_and_groups_is_the_computed_one(agenda) -> None:  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    from werkagenda.load import agenda_quads
    from werkagenda.stats import actor_counts

    store = ox.Store()
    graph = ox.NamedNode(agenda.iri)
    store.bulk_extend(agenda_quads(agenda))
    counts = actor_counts(store, graph)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"(\d+) organisations and groups —", readme)
    assert int(shown) == counts["organisations_and_groups"]
    # the two officials (a role held by a person) are the difference to all actors:
    # 'Coördinator VG transitie' (L701) and 'ambtelijk trekker SKGGZ' (L443)
    assert counts["actors"] - counts["organisations_and_groups"] == counts["officials"] == 2
