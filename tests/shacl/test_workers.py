"""Build workers still validate after this process has run pyrudof (no fork deadlock).

pyrudof's runtime does not survive `os.fork()`: a child forked from a process that has
validated hangs in its first validation. `pipeline.compile_all` then starts its workers from
a fork server. Run in a child interpreter with a timeout, so a regression fails, never hangs.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from werkagenda.config import discover_agendas
from werkagenda.load import agenda_quads, vocabulary_quads
from werkagenda.pipeline import AgendaCompiler, compile_all
from werkagenda.validate import load_shapes, validator

if __name__ == "__main__":
    vocabulary, agenda = vocabulary_quads(), discover_agendas()[0]
    quads = vocabulary + agenda_quads(agenda)
    here = validator(load_shapes()).validate(quads, subject=agenda.key)
    done = list(compile_all(AgendaCompiler(vocabulary), [agenda] * 4, workers=2))
    assert all(c.report is not None for c in done)
    assert {c.report.summary() for c in done} == {here.summary()}, (here.summary(), done)
    print("ok", len(done))
"""


def test_workers_validate_after_pyrudof_ran_in_the_parent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "workers.py"
    script.write_text(SCRIPT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "ok 4"
