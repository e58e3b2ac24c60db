"""Exit codes: one table in the README, one module in the code, and the commands use them.

Rows rejected by `tahub submit` / `tahub import` (exit 3 there) are in
tests/test_intake_contract.py and tests/test_history_import.py, on real Kafka."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tahub.cli import cli
from tahub.exitcodes import Exit, StatusExit
from tahub.health.rules import Level

README = Path(__file__).resolve().parent.parent / "README.md"


def _tables() -> list[dict[int, str]]:
    section = README.read_text(encoding="utf-8").split("\n### Exit codes\n", 1)[1]
    section = section.split("\n#", 1)[0]
    tables: list[dict[int, str]] = []
    for block in re.split(r"\n\n+", section):
        rows = re.findall(r"^\| (\d+) \| (.+) \|$", block, re.M)
        if rows:
            tables.append({int(code): text for code, text in rows})
    return tables


def test_the_readme_lists_exactly_the_codes() -> None:
    every, status = _tables()
    assert sorted(every) == sorted(e.value for e in Exit)
    assert sorted(status) == sorted(e.value for e in StatusExit)
    assert every[Exit.PARTIAL].startswith("done in part")
    assert status[StatusExit.RED].startswith("red")


def test_codes_are_distinct_and_usage_is_clicks() -> None:
    assert len({e.value for e in Exit}) == len(Exit)
    assert click.UsageError("x").exit_code == Exit.USAGE
    # a partial success must not read as a usage error (the reason for 3)
    assert Exit.PARTIAL not in {Exit.OK, Exit.ERROR, Exit.USAGE}
    assert {e.name: e.value for e in StatusExit} == {e.name: e.value for e in Level}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"TAHUB_DATA_DIR": str(tmp_path / "data"), "TAHUB_CONFIG_FILE": ""}


def test_usage_error_and_expected_error(tmp_path: Path, env: dict[str, str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n")
    runner = CliRunner()
    usage = runner.invoke(cli, ["submit", str(src), "--org", "x", "--no-such-flag"], env=env)
    assert usage.exit_code == Exit.USAGE
    error = runner.invoke(cli, ["submit", str(src), "--org", "nobody"], env=env)
    assert error.exit_code == Exit.ERROR, error.output
    assert "no organisation nobody" in error.output


def test_status_that_cannot_look_is_red(env: dict[str, str]) -> None:
    run = CliRunner().invoke(cli, ["status"], env={**env, "TAHUB_MODE": "servers"})
    assert run.exit_code == StatusExit.RED, run.output


def test_news_classify_with_unreadable_lines_is_done_in_part(tmp_path: Path) -> None:
    good = json.dumps({"title": "Cocaine seized", "text": "Customs seized cocaine."})
    src = tmp_path / "in.jsonl"
    src.write_text(good + "\n")
    whole = CliRunner().invoke(cli, ["news", "classify", str(src)])
    assert whole.exit_code == Exit.OK, whole.output
    src.write_text(good + "\nnot json\n")
    part = CliRunner().invoke(cli, ["news", "classify", str(src)])
    assert part.exit_code == Exit.PARTIAL
    assert len([line for line in part.stdout.splitlines() if line.startswith("{")]) == 2
