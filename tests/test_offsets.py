"""Where the detect agent expects a keys partition to resume, asked of real Kafka: the
group's committed offset, else the log start (no commit, or retention removed records)."""

from __future__ import annotations

import uuid

import pytest

from streams.detect.offsets import CommittedOffsets

pytestmark = pytest.mark.kafka


def test_resume_point_is_the_commit_or_the_log_start(kafka_bootstrap: str) -> None:
    from confluent_kafka import Consumer, Producer, TopicPartition
    from confluent_kafka.admin import AdminClient, NewTopic

    conf = {"bootstrap.servers": kafka_bootstrap}
    topic, group = f"offsets-{uuid.uuid4().hex[:8]}", f"g-{uuid.uuid4().hex[:8]}"
    admin = AdminClient(conf)
    admin.create_topics([NewTopic(topic, 2, 1)])[topic].result(30)
    producer = Producer(conf)
    for i in range(10):
        producer.produce(topic, value=b"x%d" % i, partition=0)
        producer.produce(topic, value=b"y%d" % i, partition=1)
    assert producer.flush(30) == 0
    offsets = CommittedOffsets(conf, group)

    # the group never committed: Faust's consumer starts at the earliest record
    assert offsets.get(topic, [0, 1]) == {0: 0, 1: 0}

    committer = Consumer({**conf, "group.id": group, "enable.auto.commit": False})
    committer.commit(offsets=[TopicPartition(topic, 0, 7), TopicPartition(topic, 1, 2)],
                     asynchronous=False)  # fmt: skip
    committer.close()
    assert offsets.get(topic, [0, 1]) == {0: 7, 1: 2}

    # retention removed records past partition 1's commit: reading starts at the log start
    done = admin.delete_records([TopicPartition(topic, 1, 5)])
    for future in done.values():
        future.result(30)
    assert offsets.get(topic, [0, 1]) == {0: 7, 1: 5}
