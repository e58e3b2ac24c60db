"""The consumer group's committed offsets, asked of the broker with a client of our own.

Faust offers no public way to read them; the detect pipeline needs them to tell an empty
partition from one whose records the Faust consumer dropped during a rebalance.
"""

from __future__ import annotations

import threading
from typing import Any


class CommittedOffsets:
    def __init__(self, kafka_conf: dict[str, str], group: str) -> None:
        self.kafka = dict(kafka_conf)  # bootstrap and security, for other clients
        self._conf = {**kafka_conf, "group.id": group, "enable.auto.commit": False}
        self._client: Any = None
        self._lock = threading.Lock()

    def get(self, topic: str, partitions: list[int], timeout: float = 5.0) -> dict[int, int]:
        """Partition -> committed offset (absent when the group committed none). Blocking."""
        from confluent_kafka import Consumer, TopicPartition

        with self._lock:
            if self._client is None:  # never subscribes: asking does not join the group
                self._client = Consumer(self._conf)
            found = self._client.committed(
                [TopicPartition(topic, p) for p in partitions], timeout=timeout
            )
        return {tp.partition: tp.offset for tp in found if tp.offset >= 0}
