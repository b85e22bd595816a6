"""Edition-neutral IRIs of a feed member: an edition's IRIs become the region's, its texts stay."""

from __future__ import annotations

import pyoxigraph as ox

from werkagenda.editions.members import editions, neutral_ntriples

EDITION = "https://w3id.org/iza-werkagenda/id/drenthe/2025"
REGION = "https://w3id.org/iza-werkagenda/id/drenthe"
TITLE = ox.NamedNode("http://purl.org/dc/terms/title")
NOTE = ox.NamedNode("http://www.w3.org/2004/02/skos/core#note")


def test_iris_are_rewritten_and_literals_are_not() -> None:
    store, graph = ox.Store(), ox.NamedNode(EDITION)
    goal, theme = ox.NamedNode(EDITION + "/doel/A"), ox.NamedNode(EDITION + "/opgave/VOW")
    quoted = f"zie <{EDITION}/doel/A> en <{EDITION}>"  # text a person wrote, not IRIs
    store.extend(
        [
            ox.Quad(goal, ox.NamedNode("https://w3id.org/iza-werkagenda/def#binnen"), theme, graph),
            ox.Quad(goal, NOTE, ox.Literal(quoted, language="nl"), graph),
            ox.Quad(graph, TITLE, ox.Literal(f'"{quoted}"'), graph),  # quotes inside the text
        ]
    )
    [edition] = editions(store)
    lines = neutral_ntriples(store, edition)
    got = {
        (t.subject, t.predicate, t.object)
        for t in ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES)
    }
    region_goal = ox.NamedNode(REGION + "/doel/A")
    assert got == {
        (
            region_goal,
            ox.NamedNode("https://w3id.org/iza-werkagenda/def#binnen"),
            ox.NamedNode(REGION + "/opgave/VOW"),
        ),
        (region_goal, NOTE, ox.Literal(quoted, language="nl")),
        (ox.NamedNode(REGION), TITLE, ox.Literal(f'"{quoted}"')),
    }
