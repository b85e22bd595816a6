"""Completeness of the curated agenda against the source text (counts are hand-checked)."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from tests.data.sourcetable import normalise, read_tables

WA = Namespace("https://w3id.org/iza-werkagenda/def#")
OPGAVE = Namespace("https://w3id.org/iza-werkagenda/id/drenthe/2024/opgave/")
DOEL = Namespace("https://w3id.org/iza-werkagenda/id/drenthe/2024/doel/")
OPL = Namespace("https://w3id.org/iza-werkagenda/id/concept/oplossing/")

# Hand-checked from the source tables (lines 177-701).
EXPECTED_CODES = {
    "VOW": [str(n) for n in range(9, 23)],
    "AM": [str(n) for n in range(6, 11)],
    "MG": [str(n) for n in range(5, 17)],
    "GL": ["8", "9.1", "9.2", "10", "11.1", "11.2", "11.3", "12", "13.1", "13.2", "13.3", "14"],
    "ZT": [str(n) for n in range(8, 13)],
    "KI": [str(n) for n in range(7, 11)],
}
# Listings of related initiatives per theme: numbers, and whether the source prints them.
EXPECTED_LISTINGS = {
    "VOW": (range(1, 9), False),
    "AM": (range(1, 5), True),
    "MG": (range(1, 5), True),
    "GL": (range(1, 8), False),
    "ZT": (range(1, 8), True),
    "KI": (range(1, 7), False),
}
# Operational goals with text, per column (lines 222-271, 478-512, 576-607).
EXPECTED_GOALS = {
    "AM": {"S1": "ABCDEF", "S2": "AB", "NG": "ABCD", "S3": "ABCDEF"},
    "GL": {"S1": "ABC", "S2": "ABCDE", "S3": "ABCD"},
    "ZT": {"S1": "ABCD", "S2": "ABCD", "S3": "ABCDEFG"},
}
# Themes whose goal texts were images: placeholders for every letter used anywhere.
EXPECTED_PLACEHOLDERS = {"VOW": "ABCDEFGH", "MG": "ABCDEF", "KI": "ABCDE"}
THEME_LABELS = {
    "VOW": "Vitaal ouder worden",
    "AM": "Arbeidsmarktvraagstukken",
    "MG": "Mentale gezondheid",
    "GL": "Gezondheid en leefstijl",
    "ZT": "Zorgtransitie en toegankelijkheid",
    "KI": "Kwetsbare inwoners",
}
TEXT_PROPERTY = {
    "inspanning": WA.inspanningTekst,
    "initiatiefnemer": WA.initiatiefnemerTekst,
    "betrokkenPartijen": WA.betrokkenPartijenTekst,
    "middelen": WA.middelenTekst,
    "planning": WA.planningTekst,
    "randvoorwaarden": WA.randvoorwaardenTekst,
    "schaal": WA.schaalTekst,
}


def _inspanningen(graph):
    return {str(graph.value(s, WA.code)): s for s in graph.subjects(RDF.type, WA.Inspanning)}


def test_six_themes_with_their_names(graph):
    for code, label in THEME_LABELS.items():
        theme = OPGAVE[code]
        assert (theme, RDF.type, WA.PrioritaireOpgave) in graph, f"theme {code} missing"
        assert Literal(label, lang="nl") in set(graph.objects(theme, SKOS.prefLabel)), code
    assert len(set(graph.subjects(RDF.type, WA.PrioritaireOpgave))) == 6


def test_52_inspanningen_with_the_printed_codes(graph):
    found = _inspanningen(graph)
    expected = {f"{t}-{n}" for t, ns in EXPECTED_CODES.items() for n in ns}
    assert len(expected) == 52
    assert set(found) == expected, (
        f"missing {expected - set(found)}, unexpected {set(found) - expected}"
    )
    for code, node in found.items():
        assert graph.value(node, WA.binnenOpgave) == OPGAVE[code.split("-")[0]], code


def test_curated_codes_match_an_independent_reading_of_the_tables(graph, source_lines):
    rows = read_tables(source_lines)
    assert {r.code for r in rows} == set(_inspanningen(graph))


@pytest.mark.parametrize("column", list(TEXT_PROPERTY))
def test_every_table_cell_is_kept_verbatim(graph, source_lines, column):
    """Each non-empty cell of each row (continuation rows included) stands in the verbatim text."""
    found = _inspanningen(graph)
    missing = []
    for row in read_tables(source_lines):
        kept = " ".join(
            normalise(str(o)) for o in graph.objects(found[row.code], TEXT_PROPERTY[column])
        )
        for cell in row.cells.get(column, []):
            if normalise(cell) not in kept:
                missing.append(f"{row.code} (lines {row.lines}): {cell[:60]!r}")
    assert not missing, f"{column} cells not kept verbatim:\n" + "\n".join(missing)


def test_listings_per_theme_with_printed_or_implied_numbers(graph):
    for theme, (numbers, printed) in EXPECTED_LISTINGS.items():
        listings = [
            s
            for s in graph.subjects(WA.binnenOpgave, OPGAVE[theme])
            if (s, RDF.type, WA.Vermelding) in graph
        ]
        got = sorted(int(str(graph.value(s, WA.nummer))) for s in listings)
        assert got == list(numbers), f"{theme} listings {got}"
        for s in listings:
            assert graph.value(s, WA.nummerGedrukt).toPython() is printed, f"{s} nummerGedrukt"


def test_operational_goals_per_column(graph):
    for theme, columns in EXPECTED_GOALS.items():
        for column, letters in columns.items():
            for letter in letters:
                goal = DOEL[f"{theme}-{column}-{letter}"]
                assert (goal, RDF.type, WA.OperationeelDoel) in graph, f"{goal} missing"
                assert graph.value(goal, DCTERMS.description) is not None, f"{goal} has no text"
            got = {
                str(graph.value(g, WA.letter))
                for g in graph.subjects(WA.kolom, Literal(column))
                if graph.value(g, WA.binnenOpgave) == OPGAVE[theme]
                and (g, RDF.type, WA.OperationeelDoel) in graph
            }
            assert got == set(letters), f"{theme} {column}: {sorted(got)}"


def test_unlinked_labour_market_goals_have_no_strategic_goal(graph):
    for letter in "ABCD":
        assert graph.value(DOEL[f"AM-NG-{letter}"], WA.draagtBijAan) is None


def test_letter_only_goals_are_placeholders_that_say_so(graph):
    for theme, letters in EXPECTED_PLACEHOLDERS.items():
        got = {
            str(graph.value(g, WA.letter))
            for g in graph.subjects(WA.kolom, Literal("X"))
            if graph.value(g, WA.binnenOpgave) == OPGAVE[theme]
        }
        assert got == set(letters), f"{theme}: {sorted(got)}"
        for letter in letters:
            goal = DOEL[f"{theme}-X-{letter}"]
            assert graph.value(goal, SKOS.editorialNote) is not None, (
                f"{goal} does not state the gap"
            )
            assert graph.value(goal, DCTERMS.description) is None


def test_every_printed_letter_is_a_goal_reference_in_order(graph):
    problems = []
    for item, letters in graph.subject_objects(WA.letterlijstTekst):
        if (item, RDF.type, WA.Aandachtspunt) in graph:
            continue  # one list per theme: checked in test_aandachtspunt_letters_per_theme
        printed = re.findall(r"[A-Z]", str(letters))
        refs = sorted(
            graph.objects(item, WA.doelVerwijzing), key=lambda r: int(graph.value(r, WA.positie))
        )
        got = [str(graph.value(r, WA.letter)) for r in refs]
        if got != printed:
            problems.append(f"{item}: printed {printed}, references {got}")
    assert not problems, "\n".join(problems)


def test_every_reference_is_resolved_or_lists_its_candidates(graph):
    problems = []
    for ref in graph.subjects(RDF.type, WA.DoelVerwijzing):
        how = graph.value(ref, WA.oplossing)
        target = graph.value(ref, WA.verwijstNaar)
        if how == OPL.onopgelost:
            if target is not None or len(set(graph.objects(ref, WA.kandidaat))) < 2:
                problems.append(f"{ref}: unresolved needs no target and >= 2 candidates")
        elif target is None:
            problems.append(f"{ref}: resolved ({how}) without a goal")
    assert not problems, "\n".join(problems)


def test_seven_aandachtspunten(graph):
    points = set(graph.subjects(RDF.type, WA.Aandachtspunt))
    assert sorted(str(graph.value(p, SKOS.notation)) for p in points) == [
        str(n) for n in range(1, 8)
    ]


def test_twelve_municipalities_with_cbs_codes(graph):
    cbs = {
        "aa-en-hunze": "GM1680",
        "assen": "GM0106",
        "borger-odoorn": "GM1681",
        "coevorden": "GM0109",
        "de-wolden": "GM1690",
        "emmen": "GM0114",
        "hoogeveen": "GM0118",
        "meppel": "GM0119",
        "midden-drenthe": "GM1731",
        "noordenveld": "GM1699",
        "tynaarlo": "GM1730",
        "westerveld": "GM1701",
    }
    actor = "https://w3id.org/iza-werkagenda/id/drenthe/actor/"
    gemeenten = URIRef(actor + "gemeenten")
    members = set(graph.objects(gemeenten, URIRef("http://xmlns.com/foaf/0.1/member")))
    assert members == {URIRef(actor + f"gemeente-{k}") for k in cbs}
    for key, code in cbs.items():
        notations = {
            str(graph.value(i, SKOS.notation))
            for i in graph.objects(URIRef(actor + f"gemeente-{key}"), WA.identificatie)
        }
        assert code in notations and code.lower() in notations, f"{key}: {notations}"


AP_THEMES = {
    "vitaal ouder worden": "VOW",
    "zorgtransitie en toegankelijkheid": "ZT",
    "toegankelijkheid en zorgtransitie": "ZT",
    "mentale gezondheid": "MG",
    "kwetsbare inwoners": "KI",
    "arbeidsmarktfragen": "AM",
    "leefstijl": "GL",
}


def test_aandachtspunt_letters_per_theme(graph, source_lines):
    """Lines 23-81: '<theme> **A B C**' under each numbered point become ordered goal references."""
    dv = "https://w3id.org/iza-werkagenda/id/drenthe/2024/doelverwijzing/"
    point = 0
    problems = []
    for text in source_lines[22:81]:
        if m := re.match(r"^(\d)\. ", text):
            point = int(m.group(1))
        elif m := re.match(r"^(.+?) \*\*([A-Z ]+)\*\*$", text):
            theme = AP_THEMES[m.group(1).strip().lower()]
            printed = m.group(2).split()
            got = []
            for pos in range(1, len(printed) + 2):
                ref = URIRef(f"{dv}AP{point}-{theme}-{pos}")
                if (ref, RDF.type, WA.DoelVerwijzing) in graph:
                    got.append(str(graph.value(ref, WA.letter)))
            if got != printed:
                problems.append(
                    f"aandachtspunt {point} {theme}: printed {printed}, references {got}"
                )
    assert point == 7
    assert not problems, "\n".join(problems)


def test_blank_node_labels_are_scoped_per_file(tmp_path):
    """Two files that both say `_:b0` describe two different nodes once loaded."""
    import pyoxigraph as ox

    from werkagenda.load import parse_turtle

    graph = ox.NamedNode("https://example.org/g")
    for name, value in (("a.ttl", "1"), ("b.ttl", "2")):
        (tmp_path / name).write_text(f'_:b0 <https://example.org/p> "{value}" .\n', "utf-8")
    quads = parse_turtle(tmp_path / "a.ttl", graph) + parse_turtle(tmp_path / "b.ttl", graph)
    assert len({q.subject for q in quads}) == 2
