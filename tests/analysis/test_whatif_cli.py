"""`werkagenda whatif` in-process: formats, languages, exit codes for bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from werkagenda.cli import main


def whatif(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["whatif", "--store", str(store), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_and_csv_answer_the_transformation_plan_question(whatif_store_dir: Path) -> None:
    code, out, _ = whatif(whatif_store_dir, "--reject", "iza-transformatieplan", "--format", "json")
    assert code == 0
    scenario = json.loads(out)
    # L307 (AM-6), L188 (VOW-16), L196 (VOW-19): a transformation plan is their only means
    assert [i["code"] for i in scenario["inspanningen"] if i["effect"] == "lost"] == [
        "AM-6",
        "VOW-16",
        "VOW-19",
    ]
    code, out, _ = whatif(whatif_store_dir, "--reject", "iza-transformatieplan", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["code"] for r in rows if r["kind"] == "goal" and r["effect"] == "lost"} == {
        "AM-S2-B",  # L238 "B. 6"
        "AM-S3-D",  # L264 "D. 4, 6"
    }


def test_table_and_markdown_in_english(whatif_store_dir: Path) -> None:
    code, out, _ = whatif(whatif_store_dir, "--reject", "VOW-19-tp", "--lang", "en")
    assert code == 0 and "Initiatives that lose their funding" in out and "VOW-19" in out
    code, out, _ = whatif(whatif_store_dir, "--reject", "spuk", "--format", "md")
    assert code == 0 and "## Verzwakte inspanningen" in out and "| VOW-15 |" in out  # L193


def test_unknown_name_exits_2_with_the_nearest(whatif_store_dir: Path) -> None:
    code, _, err = whatif(whatif_store_dir, "--reject", "spukk")
    assert code == 2 and "nearest valid names: spuk" in err
    code, _, err = whatif(whatif_store_dir, "--reject", "VOW-99:transformatieplan")
    assert code == 2 and "VOW-9:transformatieplan" in err


def test_empty_reject_is_a_usage_error(whatif_store_dir: Path) -> None:
    code, _, err = whatif(whatif_store_dir)
    assert code == 2 and "--reject" in err
    code, _, err = whatif(whatif_store_dir, "--reject", "")
    assert code == 2 and "at least one" in err


def test_plan_of_another_agenda_is_named(whatif_store_dir: Path) -> None:
    code, _, err = whatif(whatif_store_dir, "--reject", "AA-1-tp")
    assert code == 2 and "exists only in agenda test/2024" in err
    code, out, _ = whatif(whatif_store_dir, "--reject", "iza", "--agenda", "test/2024")
    assert code == 0 and "AA-1" in out
