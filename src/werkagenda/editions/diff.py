"""The semantic diff: match each facet's rows across editions by code, list what changed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from werkagenda.editions.facets import FACETS, VALUES, Facet
from werkagenda.editions.model import Change, Changelog, Collision
from werkagenda.editions.snapshot import Row, Snapshot

Key = tuple[str, str]


def diff(old: Snapshot, new: Snapshot) -> Changelog:
    """The changelog from `old` to `new`; colliding codes are reported, not paired."""
    log = Changelog(old.agenda.key, new.agenda.key, old.iri, new.iri)
    old_idx = {f.name: _index(old, f, log) for f in FACETS}
    new_idx = {f.name: _index(new, f, log) for f in FACETS}
    churn: dict[str, set[str]] = defaultdict(set)  # facet -> owners added or removed
    for facet in FACETS:
        before, after = old_idx[facet.name], new_idx[facet.name]
        skip = churn[facet.within] if facet.within else set()
        for key in sorted(before.keys() | after.keys()):
            if key[0] in skip:
                continue
            changes = _compare(facet, key, before.get(key), after.get(key))
            if facet.within:  # a part added or removed: the owner's line in the other edition
                owners = (old_idx[facet.within], new_idx[facet.within])
                changes = [_with_owner_lines(c, owners) for c in changes]
            if changes and changes[0].kind in (facet.added, facet.removed):
                churn[facet.name].add(key[0])
            log.changes.extend(changes)
    log.changes.extend(_lost_last(old_idx["goal"], new_idx["goal"], churn["goal"]))
    log.changes.sort(key=lambda c: c.sort_key)
    return log


def _with_owner_lines(change: Change, owners: tuple[dict[Key, Row], dict[Key, Row]]) -> Change:
    old_owner, new_owner = (index.get((change.subject, "")) for index in owners)
    if change.old_line is None and old_owner is not None:
        change = replace(change, old_line=old_owner.line)
    if change.new_line is None and new_owner is not None:
        change = replace(change, new_line=new_owner.line)
    return change


def _index(snap: Snapshot, facet: Facet, log: Changelog) -> dict[Key, Row]:
    groups: dict[Key, list[Row]] = defaultdict(list)
    for row in snap.rows[facet.name]:
        groups[(row.owner, row.item)].append(row)
    index = {}
    for key, rows in groups.items():
        if len(rows) == 1:
            index[key] = rows[0]
            continue
        lines = tuple(sorted(r.line for r in rows if r.line is not None))
        log.collisions.append(Collision(snap.agenda.key, facet.name, " ".join(key).strip(), lines))
    return index


def _compare(facet: Facet, key: Key, old: Row | None, new: Row | None) -> list[Change]:
    owner, item = key
    if old is None and new is not None:
        return [_change(facet.added, facet, key, None, new)]
    if new is None and old is not None:
        return [_change(facet.removed, facet, key, old, None)]
    assert old is not None and new is not None
    out = []
    for column, kind in facet.changed.items():
        if old.values[column] != new.values[column]:
            out.append(_change(kind, facet, key, old, new, column))
    if facet.name == "inspanning" and old.theme != new.theme:
        out.append(_change("inspanning-moved-theme", facet, key, old, new))
    return out


def _change(
    kind: str,
    facet: Facet,
    key: Key,
    old: Row | None,
    new: Row | None,
    column: str | None = None,
) -> Change:
    def values(row: Row | None) -> tuple[str, ...] | None:
        if row is None:
            return None
        if kind == "inspanning-moved-theme":
            return (row.theme,)
        if column is not None:
            return (row.values[column],)
        return tuple(row.values[v] for v in VALUES if row.values[v])

    either = new or old
    theme = either.theme if either is not None else ""
    return Change(
        kind=kind,
        facet=facet.name,
        subject=key[0],
        theme=theme,
        item=key[1],
        old=values(old),
        new=values(new),
        old_line=old.line if old else None,
        new_line=new.line if new else None,
    )


def _lost_last(before: dict[Key, Row], after: dict[Key, Row], churn: set[str]) -> list[Change]:
    """Goals that had inspanningen in the old edition and have none in the new one."""
    goal = next(f for f in FACETS if f.name == "goal")
    out = []
    for key, row in after.items():
        was = before.get(key)
        if key[0] in churn or was is None:
            continue
        if was.values["v2"] not in ("", "0") and row.values["v2"] == "0":
            out.append(_change("goal-lost-last-inspanning", goal, key, was, row, "v2"))
    return out
