"""Helpers for sink tests: a topic namespace, producing records, running sinks."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consumers.sink import Sink, SinkConfig
from consumers.tables import SINK_TOPICS
from consumers.warehouse import Warehouse
from producers.kafka_producer import ContractProducer
from schemas.registry import open_registry
from schemas.serde import Serde
from schemas.topics import TopicSpec
from tahub.topics_admin import ensure_topics


@dataclass
class Space:
    """One test's topics, registry and consumer group."""

    bootstrap: str
    prefix: str
    registry_url: str
    group: str

    @classmethod
    def create(cls, bootstrap: str, tmp: Path, partitions: int = 3) -> Space:
        prefix = f"t{uuid.uuid4().hex[:8]}."
        ensure_topics({"bootstrap.servers": bootstrap}, prefix, partitions, 1)
        return cls(bootstrap, prefix, f"file://{tmp / 'registry'}", f"{prefix}sink")

    @property
    def conf(self) -> dict[str, str]:
        return {"bootstrap.servers": self.bootstrap}

    def serde(self) -> Serde:
        return Serde(open_registry(self.registry_url), self.prefix)

    def produce(self, spec: TopicSpec, records: Iterable[dict[str, Any]], key: str) -> int:
        serde = self.serde()
        producer = ContractProducer(self.conf, serde)
        topic = spec.physical(self.prefix)
        n = 0
        for rec in records:
            producer.send_raw(topic, str(rec[key]).encode(), serde.encode(spec, rec))
            n += 1
            if n % 10_000 == 0:
                producer.flush()
        producer.flush()
        return n

    def produce_raw(self, spec: TopicSpec, values: Iterable[bytes | None]) -> None:
        producer = ContractProducer(self.conf, self.serde())
        for value in values:
            producer.send_raw(spec.physical(self.prefix), b"raw", value)
        producer.flush()

    def sink(self, wh: Warehouse, **cfg: Any) -> Sink:
        serde = self.serde()
        cfg.setdefault("session_timeout_ms", 6_000)  # the broker's minimum: fast takeover
        config = SinkConfig(topic_prefix=self.prefix, group_id=self.group, **cfg)
        dlq = ContractProducer(self.conf, serde)
        return Sink(self.conf, serde, wh, config, dlq, SINK_TOPICS)

    def committed(self, spec: TopicSpec) -> dict[int, int]:
        """The sink group's committed offset per partition (0 when none)."""
        from confluent_kafka import Consumer, TopicPartition

        consumer = Consumer({**self.conf, "group.id": self.group})
        try:
            meta = consumer.list_topics(spec.physical(self.prefix), timeout=10)
            parts = meta.topics[spec.physical(self.prefix)].partitions
            tps = [TopicPartition(spec.physical(self.prefix), p) for p in parts]
            return {tp.partition: max(tp.offset, 0) for tp in consumer.committed(tps, timeout=10)}
        finally:
            consumer.close()

    def end_offsets(self, spec: TopicSpec) -> dict[int, int]:
        from confluent_kafka import Consumer, TopicPartition

        consumer = Consumer({**self.conf, "group.id": f"{self.group}-probe"})
        try:
            topic = spec.physical(self.prefix)
            parts = consumer.list_topics(topic, timeout=10).topics[topic].partitions
            return {
                p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
                for p in parts
            }
        finally:
            consumer.close()


@contextmanager
def running(sink: Sink) -> Iterator[threading.Event]:
    stop = threading.Event()
    failure: list[BaseException] = []

    def target() -> None:
        try:
            sink.run(stop)
        except BaseException as err:  # surfaced to the test below
            failure.append(err)

    thread = threading.Thread(target=target, name="sink", daemon=True)
    thread.start()
    try:
        yield stop
    finally:
        stop.set()
        thread.join(60)
    assert not thread.is_alive(), "sink did not stop"
    if failure:
        raise failure[0]


def caught_up(space: Space, spec: TopicSpec) -> bool:
    from confluent_kafka import KafkaException

    try:
        return space.committed(spec) == space.end_offsets(spec)
    except KafkaException:  # e.g. NOT_COORDINATOR while the group's coordinator moves
        return False


def wait_for(check: Callable[[], bool], timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def count(wh: Warehouse, table: str, where: str = "1") -> int:
    return int(wh.query(f"SELECT count() FROM {table} FINAL WHERE {where}")[0][0])
