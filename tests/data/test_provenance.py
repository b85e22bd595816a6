"""Every curated resource points to source lines that exist and contain its words."""

from __future__ import annotations

import re
import unicodedata

from rdflib import RDF, BNode, Namespace
from rdflib.namespace import DCTERMS, RDFS, SKOS

from tests.data.sourcetable import normalise

WA = Namespace("https://w3id.org/iza-werkagenda/def#")
LABELS = (SKOS.prefLabel, SKOS.altLabel, DCTERMS.title, RDFS.label, DCTERMS.description)
VERBATIM = (
    WA.bronTekst,
    WA.inspanningTekst,
    WA.initiatiefnemerTekst,
    WA.betrokkenPartijenTekst,
    WA.middelenTekst,
    WA.planningTekst,
    WA.randvoorwaardenTekst,
    WA.schaalTekst,
    WA.voetnootTekst,
    WA.letterlijstTekst,
    WA.nummerlijstTekst,
)
# Classes whose instances are curated (source lines and notes are checked separately).
CURATED = (
    WA.PrioritaireOpgave,
    WA.StrategischDoel,
    WA.OperationeelDoel,
    WA.Inspanning,
    WA.Vermelding,
    WA.GerelateerdInitiatief,
    WA.SnelleToetsAanvraag,
    WA.BestaandInitiatief,
    WA.Aandachtspunt,
    WA.Financiering,
    WA.Transformatieplan,
    WA.SnelleToets,
    WA.Mijlpaal,
    WA.Randvoorwaarde,
    WA.SchaalFocus,
    WA.DoelVerwijzing,
    WA.Organisatie,
    WA.Collectief,
    WA.GezondeMarkeOrgaan,
    WA.Samenwerkingsverband,
    WA.Kwaliteitsnotitie,
)
STOP = {
    "voor",
    "van",
    "met",
    "een",
    "het",
    "de",
    "en",
    "in",
    "op",
    "naar",
    "door",
    "bij",
    "als",
    "aan",
    "die",
    "dat",
    "zijn",
    "wordt",
    "worden",
    "over",
    "goal",
    "doel",
    "kolom",
    "onbekend",
    "column",
    "unknown",
    "strategisch",
    "strategic",
    "operationeel",
    "operational",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", normalise(text))
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]{4,}", fold(text)) if w not in STOP}


def cited_text(graph, node) -> str:
    return " ".join(
        fold(str(graph.value(line, WA.regeltekst) or ""))
        for line in graph.objects(node, WA.bronregel)
    )


def curated_nodes(graph):
    for cls in CURATED:
        yield from graph.subjects(RDF.type, cls)


def test_every_curated_iri_has_provenance(graph):
    missing = sorted(
        {
            str(n)
            for n in curated_nodes(graph)
            if not isinstance(n, BNode) and graph.value(n, WA.bronregel) is None
        }
    )
    assert not missing, "no wa:bronregel on:\n" + "\n".join(missing)


def test_every_pointer_resolves_to_an_existing_line(graph):
    dangling = sorted(
        {
            f"{s} -> {o}"
            for s, o in graph.subject_objects(WA.bronregel)
            if (o, RDF.type, WA.Bronregel) not in graph
        }
    )
    assert not dangling, "\n".join(dangling)


def test_verbatim_texts_stand_on_the_cited_lines(graph):
    """Each ' | '-joined part of every verbatim text occurs on the cited lines."""
    problems = []
    for node in set(curated_nodes(graph)):
        cited = cited_text(graph, node)
        for prop in VERBATIM:
            for value in graph.objects(node, prop):
                for part in str(value).split(" | "):
                    if fold(part) and fold(part) not in cited:
                        problems.append(f"{node} {prop.split('#')[-1]}: {part[:70]!r}")
    assert not problems, f"{len(problems)} verbatim texts not on their cited lines:\n" + "\n".join(
        problems[:40]
    )


def test_labels_share_words_with_the_cited_lines(graph):
    problems = []
    for node in set(curated_nodes(graph)):
        if (node, RDF.type, WA.Kwaliteitsnotitie) in graph:
            continue  # a note's description is our sentence, not the source's
        label_words = set().union(
            *(
                words(str(v))
                for p in LABELS
                for v in graph.objects(node, p)
                if getattr(v, "language", "nl") in ("nl", None)
            )
        )
        if label_words and not label_words & words(cited_text(graph, node)):
            problems.append(f"{node}: {sorted(label_words)[:6]}")
    assert not problems, f"{len(problems)} labels not found on their lines:\n" + "\n".join(
        problems[:40]
    )


def test_letters_of_goal_references_stand_on_their_line(graph):
    problems = []
    for ref in graph.subjects(RDF.type, WA.DoelVerwijzing):
        letter = str(graph.value(ref, WA.letter))
        lines = [str(graph.value(line, WA.regeltekst)) for line in graph.objects(ref, WA.bronregel)]
        if not any(re.search(rf"(?<![A-Za-z]){letter}(?![a-z])", t) for t in lines):
            problems.append(f"{ref}: letter {letter}")
    assert not problems, "\n".join(problems[:40])


def test_every_note_is_about_something_and_bilingual(graph):
    for note in graph.subjects(RDF.type, WA.Kwaliteitsnotitie):
        langs = {d.language for d in graph.objects(note, DCTERMS.description)}
        assert {"nl", "en"} <= langs, note
        assert graph.value(note, WA.betreft) is not None, note
