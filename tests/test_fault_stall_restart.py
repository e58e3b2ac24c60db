"""A stream worker that hangs is restarted, and what waited for it is not lost (the main
job on the session's Kafka, chDB in its data dir).

The worker is stopped with SIGSTOP and never continued, as a process stuck in a call
that never returns would be: alive to the supervisor, reading nothing. Partners'
incidents arrive meanwhile. The stall watch must see the intake stage stalled, stop the
process (it cannot obey SIGTERM: SIGKILL after the grace) and start a new one, which
turns every waiting incident into its signals, exactly once.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from schemas import topics
from tests.jobkit import Job, job_env, signals_of
from tests.test_intake_rules import valid
from tests.test_operator_alerts_faults import _health

pytestmark = [pytest.mark.kafka, pytest.mark.faults]

ORG = "ngo-a"
BOUND = 15  # seconds stalled before the restart (production: 90)


def _worker(job: Job) -> tuple[int, int]:
    """The worker's pid (0 between an exit and the next start) and restarts, from the
    job's own /health."""
    detail = next(c["detail"] for c in _health(job)["checks"] if c["component"] == "worker process")
    pid, restarts = detail.split(", ")
    number = pid.split()[1]
    return (int(number) if number.isdigit() else 0), int(restarts.split()[0])


def _signals(job: Job) -> Counter[bytes]:
    """Signals per incident (their key), as a read_committed reader sees the topic."""
    from confluent_kafka import Consumer, TopicPartition

    topic = topics.SIGNALS.physical(job.env["TAHUB_TOPIC_PREFIX"])
    consumer = Consumer({"bootstrap.servers": job.env["TAHUB_KAFKA_BOOTSTRAP"],
                         "group.id": f"{topic}-reader", "isolation.level": "read_committed",
                         "enable.auto.commit": False})  # fmt: skip
    try:
        parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                for p in parts}  # fmt: skip
        consumer.assign([TopicPartition(topic, p, 0) for p in parts])
        out: Counter[bytes] = Counter()
        pending = {p for p, end in ends.items() if end > 0}
        deadline = time.monotonic() + 30
        while pending and time.monotonic() < deadline:
            for msg in consumer.consume(500, 0.5):
                if msg.error() is None:
                    out[msg.key() or b""] += 1
                    if (msg.offset() or 0) + 1 >= ends[msg.partition()]:
                        pending.discard(msg.partition())
            # a partition whose last records are a transaction's marker ends before them
            positions = consumer.position([TopicPartition(topic, p) for p in pending])
            pending -= {tp.partition for tp in positions if tp.offset >= ends[tp.partition]}
        return out
    finally:
        consumer.close()


def test_a_hung_worker_is_restarted_and_what_waited_gets_its_signals_once(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    env = job_env(tmp_path / "data", kafka_bootstrap, TAHUB_STALL_RESTART_SECONDS=str(BOUND),
                  TAHUB_STALL_RESTART_GRACE="20", TAHUB_STATUS_STALL_SECONDS="10",
                  TAHUB_STATUS_INTERVAL="5",  # no news below: the signals are the incidents'
                  TAHUB_JOB_CHILDREN="worker,alerts")  # fmt: skip
    job = Job(env, tmp_path / "up.log")
    pid: int | None = None
    try:
        print(f"job up in {job.start():.1f} s")
        job.org(ORG)
        items = [valid(submission_id=f"before-{i}") for i in range(3)]
        for item in items:
            assert job.submit(ORG, item).status_code == 202
        want = sum(signals_of(i, ORG) for i in items)
        _until(lambda: sum(_signals(job).values()) >= want, 90, "the first signals")
        time.sleep(20)  # past the worker's grace
        pid, restarts = _worker(job)
        assert restarts == 0

        os.kill(pid, signal.SIGSTOP)  # hung: never continued
        stopped = time.monotonic()
        waiting = [valid(submission_id=f"while-hung-{i}") for i in range(5)]
        for item in waiting:
            assert job.submit(ORG, item).status_code == 202
        want += sum(signals_of(i, ORG) for i in waiting)

        _until(lambda: _worker(job)[0] not in {pid, 0}, 180, "a new worker process")
        restarted = time.monotonic() - stopped
        _, restarts = _worker(job)
        assert restarts == 1
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the hung one is gone (SIGKILL: it could not obey SIGTERM)
        pid = None
        _until(lambda: sum(_signals(job).values()) >= want, 120, "every signal")
        caught_up = time.monotonic() - stopped
        time.sleep(5)
        per_incident = _signals(job)
        # each incident's signals once: eight incidents, each with what the pure functions make
        assert len(per_incident) == len(items) + len(waiting), per_incident
        assert sorted(per_incident.values()) == sorted(signals_of(i, ORG) for i in items + waiting)
        log = job.tail()
        # the intake stage (incidents wait) or the count stage (the keys the fan-out wrote
        # before it saw its parent stopped): either is the worker's
        assert re.search(r"worker \(pid \d+\) is alive but its (intake|count) stage", log), log
        print(f"hung worker replaced {restarted:.0f} s after SIGSTOP (bound {BOUND} s), "
              f"every signal {caught_up:.0f} s after it: {want} signals, none twice")  # fmt: skip
    finally:
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        assert job.stop() == 0


def _until(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting for {what}"
        time.sleep(1)
