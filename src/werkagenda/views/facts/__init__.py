"""The facts of the kind pages (inspanning, theme, goal, organisation), one module per kind.

Each `facts(context)` gathers, by the queries of `queries/internal/views/pages/`, what its
template `templates/kinds/<kind>.html` shows above the generic resource page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkagenda.views.facts import goal, inspanning, organisation, theme
from werkagenda.views.facts.common import Context

BY_KIND: dict[str, Callable[[Context], dict[str, Any]]] = {
    "inspanning": inspanning.facts,
    "theme": theme.facts,
    "goal": goal.facts,
    "organisation": organisation.facts,
}

__all__ = ["BY_KIND", "Context"]
