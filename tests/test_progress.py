"""Progress bars: drawn on a terminal only (a real pseudo-terminal here), to stderr, with
a label and counts and nothing of what is counted; off a terminal (logs, pipes, CI)
not a byte of them."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tahub import progress
from tahub.runtime import kafka_dist

ROOT = Path(__file__).resolve().parent.parent


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _tahub_on_terminal(args: list[str], tmp: Path) -> tuple[int, str, str]:
    """``tahub ARGS`` with stderr on a pseudo-terminal and stdout on a pipe: (exit code,
    what the terminal showed, stdout)."""
    leader, follower = pty.openpty()
    # a new pseudo-terminal is 0 columns wide, where tqdm draws nothing
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    env = {**os.environ, "TAHUB_DATA_DIR": str(tmp / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "tahub", *args], stdout=subprocess.PIPE,
                            stderr=follower, env=env, cwd=ROOT)  # fmt: skip
    os.close(follower)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            pytest.fail("no output for 120 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read().decode() if proc.stdout else ""
    code = proc.wait(timeout=60)
    os.close(leader)
    return code, shown.decode(errors="replace"), out


@pytest.fixture(scope="module")
def signals(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("signals") / "s.jsonl"
    subprocess.run([sys.executable, "-m", "tahub", "detect", "generate", str(path), "--series",
                    "20", "--days", "60", "--outbreaks", "4"], check=True, cwd=ROOT,
                   capture_output=True)  # fmt: skip
    return path


def test_a_replay_on_a_terminal_draws_a_bar_on_stderr(signals: Path, tmp_path: Path) -> None:
    code, terminal, out = _tahub_on_terminal(["detect", "replay", str(signals), "--final"],
                                             tmp_path)  # fmt: skip
    assert code == 0, terminal
    count = sum(1 for _ in signals.open())
    assert "replaying" in terminal
    assert f"{count}/{count}" in terminal.replace(",", "")  # the whole file counted
    assert "replaying" not in out  # stdout carries only the detections
    assert all(json.loads(line) for line in out.splitlines())


def test_a_replay_off_a_terminal_prints_no_bar(signals: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "tahub", "detect", "replay", str(signals)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "replaying" not in run.stderr
    assert "\r" not in run.stderr
    assert run.stderr.strip().endswith("versions")  # the one summary line, nothing else


def test_a_bar_shows_no_text_of_what_it_counts(tmp_path: Path) -> None:
    # news evaluate over labelled articles: the terminal shows the label and counts, and
    # none of the articles' words
    articles = [{"id": f"a{i}", "title": f"Zebulonia report {i}", "relevant": False,
                 "text": "Quixotically purple marmalade.", "typologies": [], "countries": []}
                for i in range(30)]  # fmt: skip
    src = tmp_path / "set.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in articles))
    code, terminal, out = _tahub_on_terminal(
        ["news", "evaluate", "--file", str(src), "--out", str(tmp_path / "r.json")], tmp_path
    )
    assert code == 0, terminal
    assert "evaluating" in terminal
    assert "30/30" in terminal
    for word in ("Zebulonia", "Quixotically", "marmalade", "a1"):
        assert word not in terminal
    assert "30 articles" in out


def test_bar_draws_only_on_a_terminal() -> None:
    pipe = io.StringIO()
    with progress.bar("working", total=3, unit="row", stream=pipe) as update:
        update(3)
    assert pipe.getvalue() == ""
    assert list(progress.counted([1, 2], "working", stream=pipe)) == [1, 2]
    assert pipe.getvalue() == ""

    terminal = FakeTerminal()
    assert list(progress.counted([1, 2, 3], "working", total=3, stream=terminal)) == [1, 2, 3]
    assert "working" in terminal.getvalue()
    assert "3/3" in terminal.getvalue()


def test_maven_downloads_are_counted_and_its_errors_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = ("print('[INFO] Downloading from central: https://repo/a.jar')\n"
              "print('[INFO] Downloaded from central: https://repo/a.jar (1 kB at 1 MB/s)')\n"
              "print('[INFO] Downloaded from central: https://repo/b.pom (1 kB at 1 MB/s)')\n"
              "print('[ERROR] Failed to execute goal: no network')\n"
              "raise SystemExit(1)\n")  # fmt: skip
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code, lines = kafka_dist._maven([sys.executable, "-c", script])
    assert code == 1
    assert lines[-1] == "[ERROR] Failed to execute goal: no network"
    assert "fetching Kafka from Maven Central" in terminal.getvalue()
    assert "2file" in terminal.getvalue().replace(" ", "")  # the two finished downloads


def test_wait_for_follows_a_count_until_it_is_reached_or_time_runs_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = iter([0, 2, 5, 9])
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert progress.wait_for(lambda: next(seen), 5, "landing", unit="row", timeout=5,
                             poll=0) == 5  # fmt: skip
    assert "5/5" in terminal.getvalue()
    stuck = progress.wait_for(lambda: 1, 5, "landing", timeout=0.05, poll=0.01)
    assert stuck == 1
