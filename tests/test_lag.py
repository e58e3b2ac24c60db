"""Consumer lag of tahub's groups, on real Kafka, and the trend that calls a stage behind."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tahub import lag
from tests.sinkkit import Space


def test_the_trend_calls_behind_only_a_lag_that_rose_at_every_look() -> None:
    trend = lag.Trend(looks=3, floor=130)
    for a, b in ((50, 500), (80, 400), (120, 600)):
        trend.add({"g-sink": a, "g-alerts": b})
    assert trend.growing() == []  # sink grew but is under the floor; alerts went down once
    trend.add({"g-sink": 150, "g-alerts": 300})
    trend.add({"g-sink": 200, "g-alerts": 900})
    assert trend.growing() == ["g-sink"]  # 120 → 150 → 200, above the floor now
    trend.add({"g-sink": 200, "g-alerts": 1000})
    assert trend.growing() == ["g-alerts"]  # the sink stood still once: working through it


@pytest.mark.kafka
def test_lag_counts_committed_records_the_group_has_not_read(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    from confluent_kafka import Consumer, Producer

    space = Space.create(kafka_bootstrap, tmp_path, partitions=2)
    app = f"app-{uuid.uuid4().hex[:6]}"
    topic = f"{space.prefix}incidents"
    producer = Producer(space.conf)
    for i in range(30):
        producer.produce(topic, b"x", key=str(i).encode(), partition=i % 2)
    producer.flush(10)
    assert lag.read(space.conf, app) == []  # no group of this deployment yet
    consumer = Consumer({**space.conf, "group.id": f"{app}-intake", "enable.auto.commit": False,
                         "auto.offset.reset": "earliest"})  # fmt: skip
    consumer.subscribe([topic])
    read = 0
    while read < 10:
        read += len([m for m in consumer.consume(10 - read, 5) if m.error() is None])
    consumer.commit(asynchronous=False)
    consumer.close()
    found = [x for x in lag.read(space.conf, app) if x.topic == topic]
    assert {x.group for x in found} == {f"{app}-intake"}
    assert sum(x.records for x in found) == 20
    assert lag.totals(found) == {f"{app}-intake": 20}
