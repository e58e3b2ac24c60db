"""The benches' bars (issue 20 item 3): `tahub bench console` on a real pseudo-terminal
draws its loading and page-timing bars on stderr with counts and no page names, and in a
pipe draws nothing; the JSON it writes is the same either way. A small scratch chDB, the
sizes tests/test_console_bench.py runs with."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tahub import progress
from tahub.bench import console_bench
from tests.test_progress import ROOT, FakeTerminal, _tahub_on_terminal

pytestmark = [pytest.mark.chdb]

SIGNALS = 20_000
ARGS = [
    "bench",
    "console",
    "--signals",
    str(SIGNALS),
    "--detections",
    "30",
    "--repeats",
    "1",
    "--settle",
    "0",
]


def _shape(path: Path) -> tuple[dict[str, object], set[str], set[str]]:
    """What a run's JSON holds, timings aside: its settings, pages and each page's fields."""
    got = json.loads(path.read_text())
    fields = {f"{page}:{field}" for page, r in got["pages"].items() for field in r}
    return got["settings"], set(got["pages"]), fields


def test_the_console_bench_draws_bars_on_a_terminal_and_none_in_a_pipe(tmp_path: Path) -> None:
    pages = 2 * len(console_bench.pages("det-bench-0"))  # each page for both viewers
    code, terminal, out = _tahub_on_terminal([*ARGS, "--out", str(tmp_path / "t.json")],
                                             tmp_path)  # fmt: skip
    assert code == 0, terminal
    assert f"{SIGNALS}/{SIGNALS}" in terminal  # every signal loaded
    assert "loading" in terminal
    assert "timing pages" in terminal
    assert f"{pages}/{pages}" in terminal  # every page timed
    assert "map data" not in terminal  # counts only: the pages' names go to stdout
    assert "map data 52w/public" in out
    assert "\r" not in out  # the bar never reaches stdout, nor cuts its lines

    piped = subprocess.run([sys.executable, "-m", "tahub", *ARGS, "--out",
                            str(tmp_path / "p.json")], capture_output=True, text=True,
                           cwd=ROOT, timeout=240)  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""  # not a byte of a bar in a log
    assert "map data 52w/public" in piped.stdout
    assert _shape(tmp_path / "t.json") == _shape(tmp_path / "p.json")


def test_reached_turns_counts_read_elsewhere_into_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    # the detect bench's wait: the signals the worker has yet to read, looked up again and
    # again; a look that sees fewer read than before (a rebalance) moves nothing back
    terminal = FakeTerminal()
    steps: list[int] = []
    with progress.bar("worker reading", total=10, unit="signal", stream=terminal) as update:

        def step(n: int) -> None:
            steps.append(n)
            update(n)

        to = progress.reached(step)
        for behind in (10, 6, 8, 0):
            to(10 - behind)
    assert steps == [4, 6]
    assert "10/10" in terminal.getvalue()


def test_say_keeps_a_line_whole_beside_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    # stdout and stderr on one terminal, as a person runs a bench: the bar is wiped before
    # the line is written, so the line starts at the edge and the bar is drawn again after
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", terminal)
    line = "  map page/member    0.010 s"
    with progress.bar("timing pages", total=2, unit="page") as update:
        update(1)
        progress.say(line)
        update(1)
    shown = terminal.getvalue()
    before, after = shown.split(line)
    assert "timing pages" in before
    assert before.endswith("\r")  # the bar wiped back to the line's start
    assert after.startswith("\n")
    assert "2/2" in after
    # off a terminal the line is all there is
    out = io.StringIO()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.setattr(sys, "stdout", out)
    progress.say("plain")
    assert out.getvalue() == "plain\n"
