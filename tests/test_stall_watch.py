"""The stall watch (tahub/mainjob/stall_watch.py): when a live process whose stage reads
nothing is restarted, and how a restart is carried out on a real child process."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

import pytest

from tahub.health.rules import Finding, Level
from tahub.lag import STAGES
from tahub.mainjob import children
from tahub.mainjob.children import Child
from tahub.mainjob.stall_watch import MAX_BOUND, StallWatch

INTAKE, COUNT, SINK, ALERTS = (STAGES[s] for s in ("-intake", "", "-sink", "-alerts"))
STARTED = {"worker": 0.0, "alerts": 0.0}


def stalled(stage: str) -> Finding:
    return Finding(stage, Level.RED, "stalled: 12 record(s) behind", "TahubStageStalled")


def reading(stage: str) -> Finding:
    return Finding(stage, Level.GREEN, "0 record(s) behind; 4 read in 5 s")


def run(watch: StallWatch, looks: Sequence[tuple[float, list[Finding]]]) -> list[tuple[float, str]]:
    out = []
    for now, found in looks:
        out += [(now, host) for host, _ in watch.step(found, now, STARTED)]
    return out


def test_a_stage_stalled_for_the_bound_restarts_its_process_once() -> None:
    watch = StallWatch(bound=90, grace=120)
    looks = [(t, [stalled(INTAKE), reading(COUNT)]) for t in range(200, 400, 5)]
    # first stalled at 200: restarted at 290; the bound doubles (180) and starts again
    assert run(watch, looks) == [(290.0, "worker")]


def test_stalls_that_end_before_the_bound_restart_nothing() -> None:
    watch = StallWatch(bound=90, grace=120)
    looks = []
    for t in range(200, 800, 5):  # stalled 60 s, reading 5 s, over and over
        looks.append((t, [stalled(INTAKE) if (t - 200) % 65 < 60 else reading(INTAKE)]))
    assert run(watch, looks) == []


def test_a_look_without_the_stage_resets_its_clock() -> None:
    """No finding (Kafka down: no offsets) is no evidence of a stall."""
    watch = StallWatch(bound=30, grace=0)
    looks = [(200.0, [stalled(INTAKE)]), (220.0, []), (240.0, [stalled(INTAKE)])]
    looks += [(260.0, [stalled(INTAKE)]), (270.0, [stalled(INTAKE)])]
    assert run(watch, looks) == [(270.0, "worker")]


def test_a_process_in_its_grace_is_not_judged() -> None:
    watch = StallWatch(bound=30, grace=120)
    started = {"worker": 100.0}
    hosts = [watch.step([stalled(INTAKE)], t, started) for t in range(100, 220, 5)]
    assert not any(hosts)  # within 120 s of the start
    # after the grace, the clock starts then: 30 s later
    later = [(t, watch.step([stalled(INTAKE)], t, started)) for t in range(220, 260, 5)]
    assert [t for t, h in later if h] == [250]


def test_the_bound_doubles_after_each_restart_until_the_process_reads_again() -> None:
    watch = StallWatch(bound=60, grace=0)
    looks = [(float(t), [stalled(INTAKE)]) for t in range(0, 1000, 5)]
    assert [t for t, _ in run(watch, looks)] == [60.0, 185.0, 430.0, 915.0]
    # 60, then 120, 240, 480 s of stall each (a look's 5 s between a restart and the next)
    watch = StallWatch(bound=60, grace=0)
    looks = [(float(t), [stalled(INTAKE)]) for t in range(0, 200, 5)]
    looks += [(200.0, [reading(INTAKE)])]
    looks += [(float(t), [stalled(INTAKE)]) for t in range(205, 300, 5)]
    assert [t for t, _ in run(watch, looks)] == [60.0, 185.0, 265.0]  # back to 60 s after 200


def test_the_bound_stops_growing_at_an_hour() -> None:
    watch = StallWatch(bound=MAX_BOUND / 2, grace=0, restarted={"worker": 10})
    out = run(watch, [(0.0, [stalled(INTAKE)]), (MAX_BOUND, [stalled(INTAKE)])])
    assert out == [(MAX_BOUND, "worker")]


def test_each_stage_restarts_its_own_host_and_the_sink_none() -> None:
    watch = StallWatch(bound=10, grace=0)
    looks = [(0.0, [stalled(SINK), stalled(ALERTS), stalled(INTAKE), stalled(COUNT)]),
             (10.0, [stalled(SINK), stalled(ALERTS), stalled(INTAKE), stalled(COUNT)])]  # fmt: skip
    # two stalled stages of the worker: one restart of it
    assert sorted(run(watch, looks)) == [(10.0, "alerts"), (10.0, "worker")]


def test_a_process_not_running_is_left_to_the_supervisor() -> None:
    watch = StallWatch(bound=10, grace=0)
    looks = [(0.0, [stalled(INTAKE)]), (20.0, [stalled(INTAKE)])]
    assert [h for t, f in looks for h in watch.step(f, t, {"alerts": 0.0})] == []


def test_a_child_asked_to_restart_is_stopped_and_started_again() -> None:
    """A real child: a clean stop when it obeys SIGTERM, then a new process."""
    child = Child("sleeper", [sys.executable, "-c", "import time; time.sleep(600)"])
    child.start()
    try:
        first = child.proc.pid if child.proc else 0
        child.recycle("its intake stage stalled for 90 s")
        deadline = time.monotonic() + 30
        while (child.proc is None or child.proc.pid == first) and time.monotonic() < deadline:
            child.tend()
            time.sleep(0.1)
        assert child.proc is not None
        assert child.proc.pid != first
        assert child.alive()
        assert child.restarts == 1
        assert child.recycle_why is None
    finally:
        child.stop(5)


def test_a_child_that_ignores_sigterm_is_killed_after_telling_its_stacks(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A stuck process may not stop cleanly: SIGKILL after the grace. First it writes
    where its threads are (faulthandler on SIGUSR1, as every `python -m tahub` does)."""
    monkeypatch.setattr(children, "STOP_GRACE", 1.0)
    code = (
        "import faulthandler, signal, time\n"
        "faulthandler.register(signal.SIGUSR1, all_threads=True)\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "def stuck_in_a_call():\n"
        "    time.sleep(600)\n"
        "stuck_in_a_call()\n"
    )
    child = Child("stubborn", [sys.executable, "-c", code])
    child.start()
    try:
        time.sleep(0.5)  # its handler is set
        proc = child.proc
        assert proc is not None
        child.recycle("its count stage stalled for 90 s")
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            child.tend()
            time.sleep(0.1)
        assert proc.returncode == -9
        assert "in stuck_in_a_call" in capfd.readouterr().err
    finally:
        child.stop(5)
