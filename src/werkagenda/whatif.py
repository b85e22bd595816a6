"""`werkagenda.whatif.run(reject=[...])`: the funding what-if (see `werkagenda.analysis.whatif`)."""

from werkagenda.analysis.whatif import (
    AffectedGoal,
    AffectedInspanning,
    Scenario,
    Target,
    ThemeSummary,
    resolve,
    run,
    targets,
)

__all__ = [
    "AffectedGoal",
    "AffectedInspanning",
    "Scenario",
    "Target",
    "ThemeSummary",
    "resolve",
    "run",
    "targets",
]
