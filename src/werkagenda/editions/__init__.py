"""Editions: each agenda folder is one release; a semantic changelog between two; a feed.

>>> from werkagenda.editions import changelog
>>> changelog("drenthe/2024", "drenthe/2024").changes
[]
"""

from __future__ import annotations

from pathlib import Path

from werkagenda.editions.model import Change, Changelog, Collision, SourceLine
from werkagenda.editions.resolve import check_regions, latest_edition, resolve

__all__ = ["Change", "Changelog", "Collision", "SourceLine", "changelog", "latest_edition"]


def changelog(
    old: str, new: str, *, across_regions: bool = False, data_dir: Path | None = None
) -> Changelog:
    """The changelog from edition `old` to `new` (agenda keys, folders or agenda IRIs)."""
    from werkagenda.editions import snapshot
    from werkagenda.editions.diff import diff

    old_agenda, new_agenda = resolve(old, data_dir), resolve(new, data_dir)
    check_regions(old_agenda, new_agenda, across_regions=across_regions)
    return diff(snapshot.read(old_agenda), snapshot.read(new_agenda))
