"""Producing with confluent-kafka when its local queue may be full."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def produce(
    producer: Any,
    topic: str,
    value: bytes | None,
    key: bytes,
    *,
    partition: int | None = None,
    on_delivery: Callable[[Any, Any], None] | None = None,
) -> None:
    """``producer.produce``, waiting for deliveries to drain while the local queue is full
    (a burst larger than ``queue.buffering.max.messages`` must slow down, not fail)."""
    extra: dict[str, Any] = {} if partition is None else {"partition": partition}
    if on_delivery is not None:
        extra["on_delivery"] = on_delivery
    while True:
        try:
            producer.produce(topic, value, key, **extra)
            return
        except BufferError:
            producer.poll(0.1)
