"""What the count stage writes (detection versions, key states), through a
confluent-kafka producer rather than Faust's.

Faust's send path costs ~60 µs a message in the event loop; librdkafka takes a message
in ~2 µs and batches it on its own threads. During a burst of detections, or when many
key states changed since the last commit, Faust's path was the largest cost after
counting itself. ``flush`` runs before every offset commit (the transport's hook), so
nothing is committed whose output is not in Kafka; a message Kafka refused fails the
flush, and the worker stops before committing past it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from streams.produce import produce


class OutputsError(RuntimeError):
    """Kafka refused a message the detect agent wrote."""


class Outputs:
    def __init__(self, kafka: dict[str, Any]) -> None:
        from confluent_kafka import Producer

        self._producer = Producer({
            **kafka, "enable.idempotence": True, "linger.ms": 5, "compression.type": "lz4",
            # only failures call back into Python: a report per delivered message cost the
            # event loop a Python call each during a detection storm
            "delivery.report.only.error": True,
        })  # fmt: skip
        self._failed: str | None = None

    def _delivered(self, err: Any, msg: Any) -> None:
        if err is not None and self._failed is None:
            self._failed = f"{msg.topic()}[{msg.partition()}]: {err}"

    def send(
        self, topic: str, key: bytes, value: bytes | None, partition: int | None = None
    ) -> None:
        produce(self._producer, topic, value, key, partition=partition, on_delivery=self._delivered)
        self._producer.poll(0)

    async def flush(self) -> None:
        """Wait until Kafka has everything sent so far; raise if it refused any of it."""
        loop = asyncio.get_running_loop()
        left = await loop.run_in_executor(None, self._producer.flush, 60.0)
        if left:
            raise OutputsError(f"{left} messages still undelivered after 60 s")
        if self._failed is not None:
            raise OutputsError(f"Kafka refused a detection output ({self._failed})")
