"""The fan-out's upstream gate: idle claims wait while incidents wait to be normalised."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from schemas import topics
from streams.detect.upstream import UpstreamGate, behind
from tests.sinkkit import Space


def test_behind_reads_commits_against_the_log_end() -> None:
    assert not behind({}, {0: (0, 0)})  # an empty topic
    assert behind({}, {0: (0, 5)})  # records, never committed
    assert behind({0: -1001}, {0: (0, 5)})
    assert not behind({0: 5}, {0: (0, 5)})
    assert not behind({0: 4}, {0: (0, 5)})  # a closing transaction marker is never read
    assert behind({0: 3}, {0: (0, 5)})
    assert not behind({0: -1001}, {0: (7, 7)})  # retention emptied it
    assert behind({0: 9, 1: 2}, {0: (0, 10), 1: (0, 10)})


def _opens(gate: UpstreamGate, within: float = 30.0) -> bool:
    """The gate opens once a check reaches the broker; on a busy machine the first
    check of a new group can outlast its five-second timeout, leaving the gate shut
    (as it should be while progress is unknown) until the next check."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if gate.open(time.monotonic()):
            return True
        time.sleep(0.2)
    return False


@pytest.mark.kafka
def test_the_gate_opens_when_the_intake_group_reaches_the_end(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    from confluent_kafka import Consumer, Producer, TopicPartition

    space = Space.create(kafka_bootstrap, tmp_path, partitions=3)
    topic = topics.INCIDENTS.physical(space.prefix)
    group = f"{space.prefix}intake"
    gate = UpstreamGate(space.conf, group, topic, grace=2.0, every=0.0)
    try:
        assert _opens(gate)  # nothing submitted: nothing to wait for
        producer = Producer(space.conf)
        for i in range(6):
            producer.produce(topic, b"x", key=str(i).encode())
        assert producer.flush(10) == 0
        time.sleep(2.1)
        assert not gate.open(time.monotonic())  # six incidents not normalised
        ends = Consumer({**space.conf, "group.id": group, "enable.auto.commit": False})
        tps = [TopicPartition(topic, p) for p in range(3)]
        at_end = [TopicPartition(topic, tp.partition, ends.get_watermark_offsets(tp)[1])
                  for tp in tps]  # fmt: skip
        ends.commit(offsets=at_end, asynchronous=False)
        ends.close()
        assert _opens(gate)
    finally:
        gate.close()
