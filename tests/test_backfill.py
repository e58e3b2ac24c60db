"""Reading a stretch of a keys partition directly (``streams.detect.backfill``), on Kafka."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import keys_topic
from streams.detect.backfill import LogReader
from tests.sinkkit import Space

pytestmark = pytest.mark.kafka


def test_a_stretch_of_a_partition_is_read_whole_and_in_order(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    from confluent_kafka import Producer

    space = Space.create(kafka_bootstrap, tmp_path)
    topic = keys_topic.physical(space.prefix)
    producer = Producer({**space.conf, "enable.idempotence": True})
    for i in range(40):
        producer.produce(topic, value=b"r%d" % i, partition=1)
    producer.produce(topic, value=b"other", partition=0)
    assert producer.flush(30) == 0
    reader = LogReader(space.conf, f"{space.prefix}detect", topic)
    assert reader.read(1, 5, 25) == [(o, b"r%d" % o) for o in range(5, 25)]
    assert reader.read(1, 0, 3) == [(0, b"r0"), (1, b"r1"), (2, b"r2")]  # again, earlier
    assert reader.read(1, 7, 7) == []
    with pytest.raises(TimeoutError):  # records that are not there yet
        reader.read(1, 38, 45, timeout=2.0)
