"""The facts of the kind pages, gathered by the queries of `queries/internal/views/pages/`."""

from __future__ import annotations

from typing import Any

BY_KIND: dict[str, Any] = {}
