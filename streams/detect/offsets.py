"""Where a consumer group resumes reading a partition, asked of the broker with a client
of our own.

Faust offers no public way to read committed offsets; the detect pipeline needs the
resume point to notice records the Faust consumer skipped (around a rebalance, or at the
start of a partition the group never committed) and read them again.
"""

from __future__ import annotations

import threading
import time
from typing import Any


class CommittedOffsets:
    def __init__(self, kafka_conf: dict[str, str], group: str) -> None:
        self.kafka = dict(kafka_conf)  # bootstrap and security, for other clients
        self.group = group
        self._conf = {**kafka_conf, "group.id": group, "enable.auto.commit": False}
        self._client: Any = None
        self._lock = threading.Lock()

    def get(self, topic: str, partitions: list[int], timeout: float = 10.0) -> dict[int, int]:
        """Partition -> the offset the group's reading resumes from: its committed offset,
        or the log's start where the group committed none (Faust's consumers reset to the
        earliest record) or where retention has removed records from there. Blocking;
        retries while the group's coordinator is moving or loading, up to ``timeout``."""
        from confluent_kafka import KafkaError, KafkaException

        # the group is moving to, or loading on, a broker, or the broker asked left the
        # cluster's metadata and its handle was destroyed under the request: ask again
        moving = {KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_LOAD_IN_PROGRESS,
                  KafkaError.COORDINATOR_NOT_AVAILABLE, KafkaError._TIMED_OUT,
                  KafkaError._DESTROY, KafkaError._DESTROY_BROKER,
                  KafkaError._TRANSPORT}  # fmt: skip
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self._ask(topic, partitions, timeout)
            except KafkaException as err:
                kafka_err = err.args[0] if err.args else None
                retriable = kafka_err is not None and (
                    kafka_err.retriable() or kafka_err.code() in moving
                )
                if not retriable or time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)

    def _ask(self, topic: str, partitions: list[int], timeout: float) -> dict[int, int]:
        from confluent_kafka import Consumer, TopicPartition

        with self._lock:
            if self._client is None:  # never subscribes: asking does not join the group
                self._client = Consumer(self._conf)
            found = self._client.committed(
                [TopicPartition(topic, p) for p in partitions], timeout=timeout
            )
            out = {}
            for tp in found:
                low, _ = self._client.get_watermark_offsets(tp, timeout=timeout)
                out[tp.partition] = max(tp.offset, low)  # no commit: a negative offset
        return out
