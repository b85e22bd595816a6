"""The query commands, in-process (CliRunner), and the light query path in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from werkagenda.cli import main


def invoke(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns) if columns else ""}
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_queries_lists_names_and_titles_never_breaking_a_name() -> None:
    code, out, _ = invoke("queries", "--lang", "en", columns=60)
    assert code == 0
    names = {line.split()[0] for line in out.splitlines()[2:] if line and not line[0].isspace()}
    assert {"iza-awaiting-transformation-plan", "inspanning-goals", "goal-coverage"} <= names


def test_queries_name_describes_every_parameter_and_column() -> None:
    code, out, _ = invoke("queries", "inspanning-goals")
    assert code == 0
    params = [
        line.split()[0]
        for line in out.split("Parameters:")[1].split("Columns:")[0].splitlines()
        if line.strip()
    ]
    assert params == ["agenda", "region", "edition", "lang", "code"]
    assert "  evidence (list): which statements link them." in out.splitlines()


def test_a_pipe_gets_one_line_per_row_and_wide_shows_whole_cells(real_store_dir: Path) -> None:
    code, out, _ = invoke("query", "inspanningen", "--store", str(real_store_dir))
    assert code == 0 and len(out.splitlines()) == 52 + 3  # header, rule, 52 rows, count
    code, out, _ = invoke(
        "query", "inspanningen", "--wide", "--store", str(real_store_dir), columns=80
    )
    assert len(out.splitlines()) == 52 + 3


def test_unknown_code_and_agenda_exit_2_with_the_nearest(real_store_dir: Path) -> None:
    code, _, err = invoke(
        "query", "inspanning-goals", "-p", "code=VOW-99", "--store", str(real_store_dir)
    )
    assert code == 2 and "unknown code 'VOW-99'; nearest: VOW-9" in err
    code, _, err = invoke(
        "query", "inspanningen", "-p", "edition=2023", "--store", str(real_store_dir)
    )
    assert code == 2 and "unknown agenda 'drenthe/2023'; nearest: drenthe/2024" in err


def test_format_names_ignore_case(real_store_dir: Path) -> None:
    code, out, _ = invoke(
        "query", "inspanningen", "--format", "CSV", "--store", str(real_store_dir)
    )
    assert code == 0 and out.startswith("code,theme,title")


def test_query_csv(real_store_dir: Path) -> None:
    code, out, _ = invoke(
        "query", "inspanningen", "--store", str(real_store_dir), "--format", "csv"
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["code", "theme", "title", "initiators"] and len(rows) == 53


def test_query_param_lang_and_json(real_store_dir: Path) -> None:
    code, out, _ = invoke(
        "query",
        "inspanning-goals",
        "-p",
        "code=ZT-8",
        "--lang",
        "en",
        "--format",
        "json",
        "--store",
        str(real_store_dir),
    )
    assert code == 0
    assert [(r["goal"], r["evidence"]) for r in json.loads(out)] == [
        ("ZT-S3-A", ["lists contribution of", "serves goal"]),
        ("ZT-S3-E", ["lists contribution of"]),
    ]


def test_table_fits_the_terminal_width(real_store_dir: Path) -> None:
    for name in ("inspanningen", "cross-theme-links", "planning-by-quarter"):
        code, out, _ = invoke("query", name, "--store", str(real_store_dir), columns=80)
        assert code == 0 and max(len(line) for line in out.splitlines()) <= 80, name


def test_table_never_breaks_an_identifier(real_store_dir: Path) -> None:
    import pyoxigraph as ox

    from werkagenda.query.format import compact

    _, out, _ = invoke("query", "data-quality", "--store", str(real_store_dir), columns=80)
    _, raw, _ = invoke("query", "data-quality", "--format", "json", "--store", str(real_store_dir))
    notes = {compact(ox.NamedNode(r["note"])) for r in json.loads(raw) if r["note"]}
    assert "kn:AM-S2-A-transformatiehuis" in notes
    assert notes <= set(out.split()), "every note id is printed whole"


def test_unknown_query_exit_2_with_suggestion() -> None:
    code, _, err = invoke("query", "initiator-count")
    assert code == 2
    assert err.strip() == (
        "werkagenda: unknown query 'initiator-count'; did you mean "
        "'initiator-counts'? `werkagenda queries` lists them."
    )


def test_bad_parameter_exit_2(real_store_dir: Path) -> None:
    code, _, err = invoke("query", "inspanning-goals", "--store", str(real_store_dir))
    assert code == 2 and "missing parameter 'code'" in err
    code, _, err = invoke(
        "query", "inspanningen", "-p", "colour=red", "--store", str(real_store_dir)
    )
    assert code == 2 and "unknown parameter 'colour'" in err
    code, _, err = invoke(
        "query", "inspanningen", "--agenda", "no iri", "--store", str(real_store_dir)
    )
    assert code == 2 and "parameter 'agenda' must be an absolute IRI" in err


def test_sparql_text_file_and_syntax_error(real_store_dir: Path, tmp_path: Path) -> None:
    text = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
        "?i a <https://w3id.org/iza-werkagenda/def#Inspanning> } }"
    )
    code, out, _ = invoke("sparql", text, "--store", str(real_store_dir), "--format", "csv")
    assert (code, out) == (0, "n\n52\n")
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT *\nWHERE {\n  ?s ?p\n}\n", encoding="utf-8")
    code, _, err = invoke("sparql", "-f", str(bad), "--store", str(real_store_dir))
    assert code == 2
    assert err.startswith(f"werkagenda: {bad}:4:2: the query is incomplete")
    assert err.splitlines()[1:] == ["  }", "   ^"]
    code, _, err = invoke("sparql", "--store", str(real_store_dir))
    assert code == 2 and "either as TEXT or with -f FILE" in err


def test_query_path_stays_light(real_store_dir: Path) -> None:
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from werkagenda.cli import main\n"
        f"store = {str(real_store_dir)!r}\n"
        "r = CliRunner().invoke(main, ['query', 'goal-coverage', '--store', store])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pyshacl', 'owlready2', 'owlrl', 'rdflib', 'pandas'))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
