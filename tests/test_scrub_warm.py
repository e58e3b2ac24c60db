"""The long-lived intake loads its scrubber when it starts, not in a partner's first
request: building the lexicons and models takes ~5 s a process (more on a busy machine),
and a new partner's first submission once timed out waiting for it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from producers.intake import scrub
from tahub import wiring
from tahub.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]

_LOADED = """
from producers.intake.scrub import warm
from producers.intake.scrubbing import han_names, ja_names, ko_names, th_names
from producers.intake.scrubbing.lexicon import lexicon
def loaded():
    cached = (ja_names.load, ko_names.load, th_names.load)
    return [int(lexicon.loaded), int(han_names._tagger.loaded)] + [
        p.cache_info().currsize for p in cached]
before = loaded()
warm()
print(before, loaded())
"""


def test_warm_loads_every_lexicon_and_model_in_a_fresh_process() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _LOADED], cwd=ROOT, capture_output=True, text=True, check=True,
        timeout=300,
    ).stdout  # fmt: skip
    assert out.split() == ["[0,", "0,", "0,", "0,", "0]", "[1,", "1,", "1,", "1,", "1]"]


@pytest.mark.parametrize(("role", "warmed"), [("intake", 1), ("submit", 0), ("import", 0)])
def test_only_the_long_lived_intake_warms_at_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, role: str, warmed: int
) -> None:
    calls = threading.Semaphore(0)
    monkeypatch.setattr(scrub, "warm", calls.release)
    service = wiring.intake_service(load_settings(data_dir=tmp_path), role=role)
    service.close()
    assert calls.acquire(timeout=30) == bool(warmed)  # the intake warms in a thread


def test_a_value_is_built_once_while_others_wait() -> None:
    """Two threads asking at once get one build (the warm thread and a first request)."""
    from producers.intake.scrubbing.once import once

    started, go = threading.Event(), threading.Event()
    builds: list[int] = []

    def build() -> int:
        started.set()
        go.wait(10)
        builds.append(1)
        return len(builds)

    value = once(build)
    got: list[int] = []
    first = threading.Thread(target=lambda: got.append(value()))
    first.start()
    started.wait(10)
    second = threading.Thread(target=lambda: got.append(value()))
    second.start()
    time.sleep(0.3)  # the second asks while the first builds (functools.cache builds twice)
    assert not value.loaded
    go.set()
    first.join(10)
    second.join(10)
    assert got == [1, 1]
    assert builds == [1]
    assert value.loaded
