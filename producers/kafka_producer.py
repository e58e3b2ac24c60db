"""An idempotent Kafka producer that writes contract records through the serde.

acks=all + enable.idempotence: a record is acknowledged only once every in-sync replica
has it, and retries never duplicate it. ``send_and_wait`` returns only after the broker
acknowledged, so callers can answer their own clients truthfully.
"""

from __future__ import annotations

import logging
from typing import Any

from schemas.models import Contract
from schemas.serde import Serde
from schemas.topics import TopicSpec


class ProduceError(Exception):
    """The broker did not acknowledge a record."""


class ContractProducer:
    def __init__(self, kafka_conf: dict[str, str], serde: Serde, **overrides: Any) -> None:
        from confluent_kafka import Producer

        conf: dict[str, Any] = {
            **kafka_conf,
            "logger": logging.getLogger("tahub.kafka"),  # librdkafka logs via Python logging
            "enable.idempotence": True,
            "acks": "all",
            "linger.ms": 5,
            "compression.type": "lz4",
            "delivery.timeout.ms": 30000,
            **overrides,
        }
        self._producer = Producer(conf)
        self._serde = serde
        self._errors: list[str] = []

    def _on_delivery(self, err: Any, msg: Any) -> None:
        if err is not None:
            self._errors.append(f"{msg.topic()}: {err.str()}")

    def send(self, spec: TopicSpec, key: str, record: Contract) -> None:
        """Queue one record; call ``flush`` to wait for acknowledgements."""
        value = self._serde.encode(spec, record.to_avro())
        self.send_raw(spec.physical(self._serde.prefix), key.encode(), value)

    def send_raw(self, topic: str, key: bytes | None, value: bytes | None) -> None:
        while True:
            try:
                self._producer.produce(topic, value=value, key=key, on_delivery=self._on_delivery)
                break
            except BufferError:
                self._producer.poll(0.05)  # local queue full: wait for the broker to drain it
        self._producer.poll(0)

    def flush(self, timeout: float = 30.0) -> None:
        left = self._producer.flush(timeout)
        if left:
            raise ProduceError(f"{left} record(s) not acknowledged within {timeout:.0f} s")
        if self._errors:
            errors, self._errors = self._errors, []
            raise ProduceError(f"{len(errors)} record(s) failed: {errors[0]}")
