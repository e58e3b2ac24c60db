"""Reading a stretch of a keys partition directly, with a client of our own: the records
the Faust consumer did not deliver (``contiguity``), so the count stage never waits for
Faust to deliver them again."""

from __future__ import annotations

import threading
import time
from typing import Any

READ_BATCH = 500  # records per poll


class LogReader:
    def __init__(self, kafka_conf: dict[str, str], group: str, topic: str) -> None:
        # assigned partitions only: it never joins the group, never commits
        self._conf = {**kafka_conf, "group.id": f"{group}.backfill",
                      "enable.auto.commit": False, "auto.offset.reset": "earliest"}  # fmt: skip
        self.topic = topic
        self._client: Any = None
        self._lock = threading.Lock()

    def read(
        self, partition: int, start: int, end: int, timeout: float = 30.0
    ) -> list[tuple[int, bytes | None]]:
        """``(offset, value)`` of every record of ``partition`` in ``[start, end)``, in
        order (from the log's start instead, where retention removed ``start``).
        Blocking; raises if they could not all be read within ``timeout``."""
        from confluent_kafka import KafkaException, TopicPartition

        out: list[tuple[int, bytes | None]] = []
        if start >= end:
            return out
        deadline = time.monotonic() + timeout
        with self._lock:
            if self._client is None:
                from confluent_kafka import Consumer

                self._client = Consumer(self._conf)
            client = self._client
            client.assign([TopicPartition(self.topic, partition, start)])
            try:
                while True:
                    for msg in client.consume(READ_BATCH, timeout=0.5):
                        if msg.error():
                            raise KafkaException(msg.error())
                        if msg.offset() < end:
                            out.append((msg.offset(), msg.value()))
                    at = client.position([TopicPartition(self.topic, partition)])[0].offset
                    if at >= end:  # (past any record that is not data, too)
                        return out
                    if time.monotonic() >= deadline:
                        raise TimeoutError(
                            f"{self.topic}[{partition}]: read to {at} of [{start}, {end})"
                        )
            finally:
                client.unassign()
