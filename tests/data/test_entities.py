"""Entity resolution: one resource per real organisation, variants kept as aliases."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

import pytest
from rdflib import RDF, Namespace, URIRef
from rdflib.namespace import SKOS

WA = Namespace("https://w3id.org/iza-werkagenda/def#")
ACTOR = Namespace("https://w3id.org/iza-werkagenda/id/drenthe/actor/")
INSP = Namespace("https://w3id.org/iza-werkagenda/id/drenthe/2024/inspanning/")
ACTOR_CLASSES = (WA.Organisatie, WA.Collectief, WA.GezondeMarkeOrgaan, WA.Samenwerkingsverband)


def key(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.lower())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in name if not unicodedata.combining(c)))


def actors(graph):
    return {a for c in ACTOR_CLASSES for a in graph.subjects(RDF.type, c)}


def test_no_two_actors_share_a_name_or_alias(graph):
    owners = defaultdict(set)
    for actor in actors(graph):
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for name in graph.objects(actor, prop):
                owners[key(str(name))].add(actor)
    clashes = {k: sorted(map(str, v)) for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


@pytest.mark.parametrize(
    ("variants", "slug"),
    [
        (["DokterDrenthe", "Dokter Drenthe", "Dr. Drenthe"], "dokter-drenthe"),
        (["ZK", "Zilveren Kruis"], "zilveren-kruis"),
        (["Accae", "Accare"], "accare"),
        (["Saxonburggroep", "Saxenburggroep", "Saxenburgh"], "saxenburgh"),
        (["Yomeo", "Yorneo"], "yorneo"),
        (["Zorgplein Nood"], "zorgplein-noord"),
    ],
)
def test_spelling_variants_are_one_resource(graph, variants, slug):
    names = {
        key(str(n))
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
        for n in graph.objects(ACTOR[slug], p)
    }
    for variant in variants:
        assert key(variant) in names, f"{variant} is not a label of actor:{slug}"


# Initiators read by hand from the Initiatiefnemer cells, a sample across all six themes.
EXPECTED_INITIATORS = {
    "VOW-9": {"icare", "buurtzorg"},
    "VOW-12": {"dokter-drenthe"},
    "VOW-19": {"dokter-drenthe"},
    "VOW-21": {"altide", "zilveren-kruis"},
    "AM-10": set(),
    "MG-7": {"ggd-drenthe"},
    "MG-11": {"tinten", "dokter-drenthe", "ggz-drenthe"},
    "MG-14": {"vnn", "cosis", "ggz-drenthe"},
    "GL-9.1": {"ggd-drenthe"},
    "GL-12": set(),
    "GL-13.3": {"dokter-drenthe"},
    "ZT-8": {"treant", "wza", "zilveren-kruis"},
    "ZT-10": {"treant", "gemeente-hoogeveen", "gemeente-emmen"},
    "ZT-11": {"programmaraad"},
    "KI-7": {"vaart-welzijn", "cosis", "assen-bloeit"},
}


@pytest.mark.parametrize("code", sorted(EXPECTED_INITIATORS))
def test_initiators_match_the_source(graph, code):
    got = {str(a).rsplit("/", 1)[-1] for a in graph.objects(INSP[code], WA.initiatiefnemer)}
    assert got == EXPECTED_INITIATORS[code]


def test_every_referenced_party_is_described(graph):
    parties = {
        o
        for p in (
            WA.initiatiefnemer,
            WA.betrokkenPartij,
            WA.penvoerder,
            WA.opdrachtnemer,
            WA.financier,
            WA.via,
            WA.namens,
        )
        for o in graph.objects(None, p)
    }
    undescribed = sorted(str(p) for p in parties if graph.value(p, SKOS.prefLabel) is None)
    assert not undescribed, undescribed


def test_gezonde_marke_is_a_collaboration_not_a_legal_entity(graph):
    gm = ACTOR["gezonde-marke"]
    assert (gm, RDF.type, WA.Samenwerkingsverband) in graph
    assert (gm, RDF.type, WA.Organisatie) not in graph
    assert not list(graph.subject_objects(URIRef("http://www.w3.org/ns/org#unitOf")))
