"""The changelog as text (Dutch first, or English), Markdown for release notes, or JSON."""

from __future__ import annotations

import json
from typing import Any

from werkagenda.editions.kinds import KINDS
from werkagenda.editions.model import Change, Changelog

HEAD = {
    "nl": (
        "Wijzigingen van {old} naar {new}",
        "per soort",
        "per opgave",
        "geen wijzigingen",
        "botsende codes (niet gekoppeld)",
        "was",
        "wordt",
        "bron",
    ),
    "en": (
        "Changes from {old} to {new}",
        "per kind",
        "per theme",
        "no changes",
        "colliding codes (not paired)",
        "was",
        "now",
        "source",
    ),
}


def _phrase(kind: str, lang: str) -> str:
    k = KINDS[kind]
    return k.nl if lang == "nl" else k.en


def _values(values: tuple[str, ...] | None) -> str:
    return " · ".join(values) if values else "—"


def _line(change: Change, words: tuple[str, ...]) -> str:
    old = str(change.old_line) if change.old_line else "—"
    new = str(change.new_line) if change.new_line else "—"
    return f"{words[7]}: {old} → {new}"


def _describe(change: Change, lang: str, words: tuple[str, ...]) -> str:
    what = change.subject + (f" [{change.item}]" if change.item else "")
    head = f"{_phrase(change.kind, lang)}: {what}"
    if change.old is not None and change.new is not None:
        head += f" ({words[5]} {_values(change.old)}; {words[6]} {_values(change.new)})"
    else:
        head += f" ({_values(change.new or change.old)})"
    return head


def _summary(log: Changelog, lang: str) -> list[tuple[str, str, int]]:
    per_kind = [(_phrase(k, lang), k, n) for k, n in log.per_kind().items()]
    return per_kind


def text(log: Changelog, lang: str = "nl") -> str:
    words = HEAD[lang]
    out = [words[0].format(old=log.old, new=log.new), ""]
    if not log.changes:
        out.append(words[3])
    else:
        out.append(f"{words[1]}:")
        out += [f"  {phrase}: {n}" for phrase, _, n in _summary(log, lang)]
        out.append(f"{words[2]}:")
        out += [f"  {theme}: {n}" for theme, n in log.per_theme().items()]
        out.append("")
        for change in log.changes:
            out.append(f"{change.theme or '-'}  {_describe(change, lang, words)}")
            out.append(f"      {_line(change, words)}")
    out += _collisions(log, words)
    return "\n".join(out) + "\n"


def markdown(log: Changelog, lang: str = "nl") -> str:
    words = HEAD[lang]
    out = [f"## {words[0].format(old=log.old, new=log.new)}", ""]
    if not log.changes:
        out.append(f"_{words[3]}_")
    else:
        out += ["| " + words[1] + " | n |", "|---|---|"]
        out += [f"| {phrase} | {n} |" for phrase, _, n in _summary(log, lang)]
        out += ["", "| " + words[2] + " | n |", "|---|---|"]
        out += [f"| {theme} | {n} |" for theme, n in log.per_theme().items()]
        out.append("")
        for change in log.changes:
            line = _line(change, words).split(": ", 1)[1]
            what = _md_escape(_describe(change, lang, words))
            out.append(f"- **{change.theme or '-'}** {what} — `{line}`")
    out += _collisions(log, words)
    return "\n".join(out) + "\n"


MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def _md_escape(text: str) -> str:
    r"""Text as literal Markdown: the characters that would format or link are escaped.

    >>> print(_md_escape("a <p> *b* | c"))
    a \<p\> \*b\* \| c
    """
    return text.translate(MD_SPECIAL)


def _collisions(log: Changelog, words: tuple[str, ...]) -> list[str]:
    if not log.collisions:
        return []
    out = ["", f"{words[4]}:"]
    for c in log.collisions:
        lines = ", ".join(str(x) for x in c.lines) or "—"
        out.append(f"  {c.edition} {c.facet} {c.code}: {lines}")
    return out


def as_json(log: Changelog) -> str:
    def change(c: Change) -> dict[str, Any]:
        return {
            "kind": c.kind,
            "activity": KINDS[c.kind].activity,
            "facet": c.facet,
            "subject": c.subject,
            "item": c.item,
            "theme": c.theme,
            "old": list(c.old) if c.old is not None else None,
            "new": list(c.new) if c.new is not None else None,
            "old_line": _src(c.old_line),
            "new_line": _src(c.new_line),
        }

    body = {
        "old": {"key": log.old, "iri": log.old_iri},
        "new": {"key": log.new, "iri": log.new_iri},
        "summary": {"per_kind": log.per_kind(), "per_theme": log.per_theme()},
        "changes": [change(c) for c in log.changes],
        "collisions": [
            {
                "edition": c.edition,
                "facet": c.facet,
                "code": c.code,
                "lines": [_src(x) for x in c.lines],
            }
            for c in log.collisions
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _src(line: Any) -> dict[str, Any] | None:
    return None if line is None else {"path": line.path, "line": line.line}
