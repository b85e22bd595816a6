"""A typed SHACL validation report that keeps severity, focus node, path, value and shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from werkagenda.errors import NonConformantError

if TYPE_CHECKING:
    from rdflib import Graph


class Severity(StrEnum):
    """SHACL severities, most severe first."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, with the sentence a person reads (Dutch and English).

    Terms are kept as N-Triples-style strings (`<iri>`, `"literal"@en`) plus a short form
    (`insp:VOW-9`) for display; `focus_label` is the resource's label where it has one.
    """

    severity: Severity
    focus: str
    focus_short: str
    focus_label: str | None
    path: str | None
    value: str | None
    shape: str
    component: str
    message: str  # Dutch first: the shape's @nl sh:message and label where there is one
    message_en: str = ""  # English first (`werkagenda validate --lang en`)

    def sentence(self, lang: str = "nl") -> str:
        """The message in `lang` first ("nl" or "en")."""
        return self.message_en if lang == "en" and self.message_en else self.message

    def as_dict(self, lang: str = "nl") -> dict[str, str | None]:
        return {
            "severity": self.severity.value,
            "focus": self.focus,
            "focusLabel": self.focus_label,
            "path": self.path,
            "value": self.value,
            "shape": self.shape,
            "component": self.component,
            "message": self.sentence(lang),
        }


@dataclass
class Report:
    """All results of one validation run; `graph` is the sh:ValidationReport itself."""

    results: list[Result]
    graph: Graph | None = field(repr=False)  # None for a verdict taken from the build cache
    subject: str = ""  # what was validated: an agenda key, or the shapes file
    cached: bool = False  # the build's verdict, its inputs unchanged (buildcache.py)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity is Severity.VIOLATION]

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings and infos do not block)."""
        return not self.violations

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity is severity)

    def summary(self) -> str:
        """One line: '3 violations, 1 warning, 0 infos in drenthe/2024'."""
        parts = []
        for sev, word in (
            (Severity.VIOLATION, "violation"),
            (Severity.WARNING, "warning"),
            (Severity.INFO, "info"),
        ):
            n = self.count(sev)
            parts.append(f"{n} {word}{'' if n == 1 else 's'}")
        where = f" in {self.subject}" if self.subject else ""
        return (
            ", ".join(parts) + where + (" (unchanged since the last build)" if self.cached else "")
        )


class ShapeViolationError(NonConformantError):
    """The data violates the shapes; carries the reports so the CLI can show every result."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        lines = [r.summary() for r in reports if not r.conforms]
        for report in reports:
            lines += [f"  {res.message}" for res in report.violations[:20]]
            if len(report.violations) > 20:
                lines.append(
                    f"  … and {len(report.violations) - 20} more (run `werkagenda validate`)"
                )
        super().__init__("data does not conform to the shapes: " + "\n".join(lines))
