"""The static page's rules (views/whatif.js `evaluate`, in node) answer as the named queries.

The published whatif.html cannot run SPARQL, so its script applies the rules of
`whatif-inspanningen` and `whatif-goals` to the data `whatif_static.static_data` embeds. One
implementation of the rules is not possible there without shipping a SPARQL engine to the
browser (Oxigraph's WebAssembly build is 4 MB), so this test keeps the two equal: it runs
the script's `evaluate` in node over every reject name alone, every pair of distinct targets
(sources and applications) and all targets at once, in Dutch and English, and asserts the
same lost, weakened and unrecorded inspanningen (with what falls and what remains), the same
goals with their effect, losing and keeping inspanningen, and the same per-theme counts as
`werkagenda.whatif.run` on the same store.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from werkagenda.analysis.whatif import Scenario, agenda_of, run, targets
from werkagenda.views.whatif_static import SCRIPT, static_data

NODE = shutil.which("node")
DRIVER = """
const { evaluate } = require(process.argv[2]);
const data = require(process.argv[3]);
const scenarios = require(process.argv[4]);
process.stdout.write(JSON.stringify(scenarios.map((r) => evaluate(data, r))));
"""


def scenarios(store: ox.Store) -> list[list[str]]:
    here = [t for t in targets(store) if t.agenda in (None, agenda_of(None))]
    one_name = {t.iri: t.name for t in here}  # one name per target (IRI)
    singles = [[t.name] for t in here]  # every name, aliases included
    pairs = [list(p) for p in itertools.combinations(sorted(one_name.values()), 2)]
    return [*singles, *pairs, sorted(one_name.values())]


def from_script(out: dict[str, Any]) -> dict[str, Any]:
    def rows(items: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(i["code"], tuple(i["fallen"]), tuple(i["remaining"])) for i in items]

    return {
        "lost": rows(out["lost"]),
        "weakened": rows(out["weakened"]),
        "none": [i["code"] for i in out["none"]],
        "goals": [
            (g["goal"], g["effect"], tuple(g["losing"]), tuple(g["keeping"])) for g in out["goals"]
        ],
        "themes": [
            (t["theme"], t["i_lost"], t["i_weak"], t["g_lost"], t["g_weak"]) for t in out["themes"]
        ],
    }


def from_queries(s: Scenario) -> dict[str, Any]:
    def rows(effect: str) -> list[tuple[Any, ...]]:
        return [
            (i.code, tuple(sorted(i.fallen)), tuple(sorted(i.remaining)))
            for i in s.inspanningen
            if i.effect == effect
        ]

    return {
        "lost": rows("lost"),
        "weakened": rows("weakened"),
        "none": [i.code for i in s.no_funding_recorded],
        "goals": [
            (g.goal, g.effect, tuple(sorted(g.losing)), tuple(sorted(g.keeping))) for g in s.goals
        ],
        "themes": [
            (t.theme, t.inspanningen_lost, t.inspanningen_weakened, t.goals_lost, t.goals_weakened)
            for t in s.themes
        ],
    }


@pytest.mark.skipif(NODE is None, reason="node is needed to run the page's script")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_script_rules_equal_the_named_queries(
    whatif_store: ox.Store, tmp_path: Path, lang: str
) -> None:
    cases = scenarios(whatif_store)
    if lang == "en":
        cases = [c for c in cases if len(c) == 1]  # labels differ; the rules were run in nl
    data = static_data(whatif_store, None, lang, lambda iri: iri)
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    (tmp_path / "driver.js").write_text(DRIVER, encoding="utf-8")
    done = subprocess.run(
        [
            NODE,
            str(tmp_path / "driver.js"),
            str(SCRIPT),
            *(str(tmp_path / f) for f in ("data.json", "cases.json")),
        ],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    answers = json.loads(done.stdout)
    assert len(answers) == len(cases) and (lang == "en" or len(cases) > 600)
    affected = 0
    for reject, out in zip(cases, answers, strict=True):
        assert out["unknown"] == [], reject
        expected = from_queries(run(reject, store=whatif_store, lang=lang))
        assert from_script(out) == expected, reject
        affected += bool(expected["lost"] or expected["weakened"])
    assert affected > len(cases) // 2  # most scenarios affect something: not a vacuous match
