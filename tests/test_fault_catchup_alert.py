"""A spike that rose and ended while the stream worker was away still reaches its
subscriber (the main job on the session's Kafka, chDB in its data dir).

Found by a CI run of the broker-loss test (tests/test_fault_cluster.py): the worker
stopped during the outage, and when its successor caught up it wrote the spike's
detection and its end within a second; the alerts policy dropped a detection that ended
while its first notice waited, so the partner watching that route was never told. Here
the worker is held (SIGSTOP) through a burst on the watched route and long enough for
the windows after it to close, then killed; the main job starts it again, it counts the
backlog, and the subscription's outbox must get one notice about the spike.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest

from tests.jobkit import Job, job_env
from tests.sinkkit import wait_for
from tests.test_fault_cluster import (
    DETECTOR,
    LATENESS,
    SPIKE,
    SPIKE_ROUTE,
    WINDOW,
    Stream,
    watch_spike,
)
from tests.test_fault_stall_restart import _worker

pytestmark = [pytest.mark.kafka, pytest.mark.faults]


@pytest.mark.timeout(400)
def test_a_spike_counted_only_after_the_worker_came_back_is_told(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    detector = tmp_path / "detector.toml"
    detector.write_text(DETECTOR)
    # no news process: its signals would count on the routes
    env = job_env(tmp_path / "data", kafka_bootstrap, TAHUB_DETECTOR_CONFIG=str(detector),
                  TAHUB_ALERT_GROUP_WAIT="2", TAHUB_JOB_CHILDREN="worker,alerts")  # fmt: skip
    job = Job(env, tmp_path / "up.log")
    held: int | None = None
    try:
        print(f"job up in {job.start():.1f} s")
        watch_spike(job)
        stream = Stream(job).start()
        time.sleep(25)  # a baseline of four windows on both routes
        held, _ = _worker(job)
        assert held
        os.kill(held, signal.SIGSTOP)
        stopped = time.monotonic()
        stream.burst(SPIKE_ROUTE, SPIKE)
        # the spike's window and the next closed behind the steady stream meanwhile
        time.sleep(LATENESS + 4 * WINDOW)
        os.kill(held, signal.SIGKILL)
        held = None
        wait_for(lambda: bool(job.outbox("ngo-a", "alerts")), 120, "the spike told to ngo-a")
        told = time.monotonic() - stopped
        time.sleep(3 * float(env["TAHUB_ALERT_GROUP_WAIT"]))  # a second notice would be here
        stream.stop()
        assert not stream.refused, stream.refused
        lines = job.outbox("ngo-a", "alerts")
        about = [(d["detection_id"], d["state"]) for x in lines for d in x["detections"]]
        print(f"told {told:.0f} s after the worker stopped: {len(lines)} notice(s) about "
              f"{about}")  # fmt: skip
        assert len(lines) == 1, lines
        assert {d["dimension_key"] for x in lines for d in x["detections"]} == {
            ">".join(SPIKE_ROUTE)
        }
    finally:
        if held is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(held, signal.SIGCONT)
        job.stop()
