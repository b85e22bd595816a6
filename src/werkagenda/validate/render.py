"""Render a validation report as text for people, Turtle (the SHACL report graph) or JSON."""

from __future__ import annotations

import json

from werkagenda.validate.graph import BASE_PREFIXES
from werkagenda.validate.report import Report, Severity

FORMATS = ("text", "ttl", "json")
_SEVS = (
    ("violations", Severity.VIOLATION),
    ("warnings", Severity.WARNING),
    ("infos", Severity.INFO),
)


def render(reports: list[Report], fmt: str = "text", lang: str = "nl") -> str:
    """One string for all reports in the chosen format (`text`, `ttl` or `json`); sentences
    in `lang` first (Dutch by default, `en` for English)."""
    if fmt == "text":
        return to_text(reports, lang)
    if fmt == "ttl":
        return to_turtle(reports)
    if fmt == "json":
        return to_json(reports, lang)
    raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def to_text(reports: list[Report], lang: str = "nl") -> str:
    """`<Severity> <sentence>` lines per report, then its summary line."""
    lines: list[str] = []
    for report in reports:
        for r in report.results:
            lines.append(f"{r.severity.value:<9} {r.sentence(lang)}")
            lines.append(f"          shape {r.shape} ({r.component})")
        lines.append(("conforms: " if report.conforms else "does not conform: ") + report.summary())
    return "\n".join(lines) + "\n"


def to_turtle(reports: list[Report]) -> str:
    """The sh:ValidationReport graph(s) in Turtle."""
    chunks = []
    for report in reports:
        graph = report.graph
        if graph is None:
            raise ValueError(f"{report.subject}: a cached verdict has no report graph")
        for prefix, iri in BASE_PREFIXES.items():
            graph.bind(prefix, iri, override=False)
        head = f"# {report.subject}\n" if report.subject else ""
        chunks.append(head + graph.serialize(format="turtle"))
    return "\n".join(chunks)


def to_json(reports: list[Report], lang: str = "nl") -> str:
    """{"conforms": bool, "reports": [{"subject", "conforms", "counts", "results": [...]}]}."""
    doc = {
        "conforms": all(r.conforms for r in reports),
        "reports": [
            {
                "subject": r.subject,
                "conforms": r.conforms,
                "counts": {s: r.count(sev) for s, sev in _SEVS},
                "results": [res.as_dict(lang) for res in r.results],
            }
            for r in reports
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
