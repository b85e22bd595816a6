"""A next-edition fixture: data/drenthe-2024 copied as drenthe-2025, with documented edits.

The project has one real edition; nothing invented goes into data/. This copy lives in a
temporary, repository-shaped folder (ontology/ and queries/ linked) and differs from the
real agenda by:

0. the edition itself: agenda IRIs `id/drenthe/2024…` → `id/drenthe/2025…`, `wa:editie`
   2025, `dct:issued` 2025-04 (source paths are relative to the folder: the copy cites its
   own copied texts);
1. inspanning ZT-12 removed (with its funding, milestone, preconditions, scale and goal
   references; every statement about it goes);
2. inspanning ZT-13 added, citing a new line appended to the copied source text;
3. funding AM-9 #1 (WOZO) moved from status "nader te bepalen" to "goedgekeurd";
4. milestone ZT-10 #1 moved from July 2024 (Q3) to October 2024 (Q4);
5. party Dokter Drenthe added as involved party of ZT-8;
6. goal ZT-S1-A reworded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from werkagenda.config import ROOT

REAL = ROOT / "data" / "drenthe-2024"
SOURCE = "sources/werkagenda-gezonde-marke-2024.txt"
ID = "https://w3id.org/iza-werkagenda/id/"
WA = "https://w3id.org/iza-werkagenda/def#"
DCT = "http://purl.org/dc/terms/"
NEW = ID + "drenthe/2025/"
NEW_LINE_TEXT = (
    "| 13. Pilot digitale triage (fixture: edition 2025 only) | Dokter Drenthe | "
    "Dokter Drenthe | | | | Provinciaal |"
)
NEW_GOAL_TEXT = (
    "Netwerkorganisatie als vliegwiel voor samenwerking, innovatie en transformatie in heel Drenthe"
)
REMOVED_PREFIXES = tuple(
    NEW + p
    for p in (
        "inspanning/ZT-12",
        "financiering/ZT-12-",
        "mijlpaal/ZT-12-",
        "randvoorwaarde/ZT-12-",
        "schaal/ZT-12",
        "doelverwijzing/ZT-12-",
        "aanvraag/ZT-12-",
    )
)


def nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(text: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(text, language=lang) if lang else ox.Literal(text)


def build_root(root: Path) -> Path:
    """A repository-shaped folder with data/drenthe-2024 (the real one) and drenthe-2025."""
    (root / "data").mkdir(parents=True)
    for name in ("ontology", "queries"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(REAL, root / "data" / "drenthe-2024")
    write_next_edition(root / "data" / "drenthe-2025")
    return root


def write_next_edition(folder: Path) -> Path:
    shutil.copytree(REAL / "sources", folder / "sources")
    text = (folder / SOURCE).read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    new_line = len(lines) + 1  # the appended line's number
    (folder / SOURCE).write_text("\n".join([*lines, NEW_LINE_TEXT]) + "\n", encoding="utf-8")
    for path in sorted(REAL.glob("*.ttl")):
        body = path.read_text(encoding="utf-8")
        body = body.replace(ID + "drenthe/2024", ID + "drenthe/2025")
        body = body.replace('wa:editie "2024"', 'wa:editie "2025"')
        body = body.replace(
            'dct:issued "2024-04"^^xsd:gYearMonth', 'dct:issued "2025-04"^^xsd:gYearMonth'
        )
        triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
        triples = edit(path.name, triples, new_line)
        (folder / path.name).write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE) or b"")
    return folder


def edit(name: str, triples: list[ox.Triple], new_line: int) -> list[ox.Triple]:
    """Edits 1-6 on one file's triples."""
    out = [t for t in triples if not _removed(t)]  # edit 1
    out = [_replace(t) for t in out]  # edits 3, 4, 6
    if name == "zt.ttl":
        out += added_inspanning(new_line)  # edit 2
        out.append(
            ox.Triple(  # edit 5
                nn(NEW + "inspanning/ZT-8"),
                nn(WA + "betrokkenPartij"),
                nn(ID + "drenthe/actor/dokter-drenthe"),
            )
        )
    return out


def _removed(t: ox.Triple) -> bool:
    return any(
        isinstance(term, ox.NamedNode)
        and term.value.startswith(REMOVED_PREFIXES)
        and (
            term.value == NEW + "inspanning/ZT-12" or not term.value.startswith(NEW + "inspanning/")
        )
        for term in (t.subject, t.object)
    )


REPLACEMENTS = {
    # edit 3: funding AM-9 #1 approved
    (NEW + "financiering/AM-9-1", WA + "financieringsstatus"): nn(
        ID + "concept/financieringsstatus/goedgekeurd"
    ),
    # edit 4: milestone ZT-10 #1 from July (Q3) to October (Q4)
    (NEW + "mijlpaal/ZT-10-1", WA + "kwartaal"): nn(ID + "tijd/2024-Q4"),
    (NEW + "mijlpaal/ZT-10-1", "http://www.w3.org/2006/time#hasTime"): nn(ID + "tijd/2024-10"),
    (NEW + "mijlpaal/ZT-10-1", WA + "bronTekst"): lit("Okt-24: afspraken maken"),
    # edit 6: goal ZT-S1-A reworded
    (NEW + "doel/ZT-S1-A", DCT + "description"): lit(NEW_GOAL_TEXT, "nl"),
}


def _replace(t: ox.Triple) -> ox.Triple:
    value = REPLACEMENTS.get((t.subject.value, t.predicate.value))
    if value is None:
        return t
    return ox.Triple(t.subject, t.predicate, value)


def added_inspanning(line: int) -> list[ox.Triple]:
    s = nn(NEW + "inspanning/ZT-13")
    props = [
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", nn(WA + "Inspanning")),
        (DCT + "title", lit("Pilot digitale triage", "nl")),
        (DCT + "description", lit("Pilot digitale triage (fixture).", "nl")),
        (WA + "code", lit("ZT-13")),
        (WA + "nummer", lit("13")),
        (WA + "binnenOpgave", nn(NEW + "opgave/ZT")),
        (WA + "bronregel", nn(NEW + f"bron/werkagenda/L{line}")),
        (WA + "initiatiefnemer", nn(ID + "drenthe/actor/dokter-drenthe")),
        (WA + "initiatiefnemerTekst", lit("Dokter Drenthe")),
        (WA + "dientDoel", nn(NEW + "doel/ZT-S1-A")),
        (WA + "inspanningTekst", lit("<p>13. Pilot digitale triage</p>")),
    ]
    return [ox.Triple(s, nn(p), o) for p, o in props]
