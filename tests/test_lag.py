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


@pytest.mark.kafka
def test_lag_in_seconds_is_the_age_of_the_first_unread_record(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    """Timestamps set by the producer: the group read the first 4 of partition 0 and none
    of partition 1, so each partition's oldest unread record is known exactly; a stage
    that never committed on a topic it reads lags from the topic's start."""
    from confluent_kafka import Consumer, Producer, TopicPartition

    space = Space.create(kafka_bootstrap, tmp_path, partitions=2)
    app = f"app-{uuid.uuid4().hex[:6]}"
    topic = f"{space.prefix}incidents"
    producer = Producer(space.conf)
    base_ms = 1_700_000_000_000
    for i in range(10):
        producer.produce(topic, b"x", partition=i % 2, timestamp=base_ms + i * 1000)
    producer.flush(10)
    consumer = Consumer({**space.conf, "group.id": f"{app}-intake"})
    consumer.commit(offsets=[TopicPartition(topic, 0, 4)], asynchronous=False)
    consumer.close()
    found = lag.with_ages(space.conf, lag.read(space.conf, app, prefix=space.prefix))
    mine = {(x.group, x.partition): x for x in found if x.topic == topic}
    assert mine[(f"{app}-intake", 0)].records == 1  # offsets 0-4 hold records 0,2,4,6,8
    assert mine[(f"{app}-intake", 0)].oldest == (base_ms + 8_000) / 1000
    assert mine[(f"{app}-intake", 1)].oldest == base_ms / 1000 + 1  # never committed: start
    assert mine[(f"{app}-intake", 1)].seconds(base_ms / 1000 + 31) == 30.0
    # the sink reads every topic and never committed: its whole backlog shows
    assert mine[(f"{app}-sink", 0)].records == 5
    assert mine[(f"{app}-sink", 0)].oldest == base_ms / 1000


@pytest.mark.kafka
def test_the_job_publishes_lag_in_seconds_and_each_topics_last_event(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    import threading
    import time

    from confluent_kafka import Consumer, Producer, TopicPartition
    from prometheus_client import REGISTRY

    from tahub.mainjob.kafka_probe import KafkaProbe
    from tahub.settings import Settings

    space = Space.create(kafka_bootstrap, tmp_path, partitions=2)
    app = f"app-{uuid.uuid4().hex[:6]}"
    signals = f"{space.prefix}signals"
    now_ms = int(time.time() * 1000)
    producer = Producer(space.conf)
    for i in range(6):  # partition 0: 60, 40, 20 s old; partition 1: 50, 30, 10 s old
        producer.produce(signals, b"x", partition=i % 2, timestamp=now_ms - (6 - i) * 10_000)
    producer.flush(10)
    consumer = Consumer({**space.conf, "group.id": f"{app}-fanout"})
    consumer.commit(offsets=[TopicPartition(signals, 0, 1), TopicPartition(signals, 1, 3)],
                    asynchronous=False)  # fmt: skip
    consumer.close()
    s = Settings(kafka_bootstrap=kafka_bootstrap, topic_prefix=space.prefix, app_id=app,
                 data_dir=tmp_path / "data")  # fmt: skip
    probe = KafkaProbe(s, threading.Event())
    t0 = time.time()
    assert probe.look_at_lag().ok

    def value(name: str, **labels: str) -> float | None:
        return REGISTRY.get_sample_value(name, labels)

    fanout = {"group": f"{app}-fanout", "topic": signals}
    assert value("tahub_consumer_lag_records", **fanout, partition="0") == 2
    age = value("tahub_consumer_lag_seconds", **fanout, partition="0")
    assert age is not None
    assert 40 <= age <= 40 + (time.time() - t0) + 1  # the record at offset 1: 40 s old
    assert value("tahub_consumer_lag_seconds", **fanout, partition="1") == 0  # caught up
    assert value("tahub_consumer_group_lag_records", group=f"{app}-fanout") == 2
    last = value("tahub_topic_last_event_timestamp_seconds", topic=signals)
    assert last == (now_ms - 10_000) / 1000
    assert value("tahub_topic_last_event_timestamp_seconds", topic=f"{space.prefix}alerts") is None
