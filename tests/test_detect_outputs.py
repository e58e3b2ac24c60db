"""The detect agent's output producer on real Kafka: what the broker accepts is in the
topic after ``flush``; a message it refuses fails the flush, naming where it went."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest

from streams.detect.outputs import Outputs, OutputsError

pytestmark = pytest.mark.kafka


def test_flush_delivers_and_a_refused_message_fails_it(kafka_bootstrap: str) -> None:
    from confluent_kafka import Consumer
    from confluent_kafka.admin import AdminClient, NewTopic

    conf = {"bootstrap.servers": kafka_bootstrap}
    ok, small = f"outbox-{uuid.uuid4().hex[:8]}", f"outbox-small-{uuid.uuid4().hex[:8]}"
    admin = AdminClient(conf)
    done = admin.create_topics([
        NewTopic(ok, 1, 1), NewTopic(small, 1, 1, config={"max.message.bytes": "1000"}),
    ])  # fmt: skip
    for future in done.values():
        future.result(30)

    outbox = Outputs(conf)
    for i in range(100):
        outbox.send(ok, b"k%d" % i, b"v%d" % i)
    asyncio.run(outbox.flush())
    reader = Consumer({**conf, "group.id": f"r-{uuid.uuid4().hex[:8]}",
                       "auto.offset.reset": "earliest"})  # fmt: skip
    reader.subscribe([ok])
    got: list[bytes] = []
    for _ in range(40):
        got += [m.value() for m in reader.consume(100, 0.5) if not m.error()]
        if len(got) >= 100:
            break
    reader.close()
    assert sorted(got) == sorted(b"v%d" % i for i in range(100))

    outbox.send(small, b"k", os.urandom(5000))  # over the topic's limit: the broker refuses
    with pytest.raises(OutputsError, match=small):
        asyncio.run(outbox.flush())
