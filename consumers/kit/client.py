"""Kafka consumers as every tahub reader builds them, and what a consumer error means.

Every reader reads only committed records (partners' bulk uploads are transactions that
can abort), commits offsets itself once its work is durable (``kit.checkpoint``), starts
a partition the group never committed from its beginning, and logs librdkafka through
the ``tahub.kafka`` logger.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

KAFKA_LOG = "tahub.kafka"

log = logging.getLogger("tahub.consumers")


class KafkaFatal(RuntimeError):
    """librdkafka reports the consumer unusable: the reader stops (its owner restarts it)."""


def new_consumer(
    kafka_conf: Mapping[str, Any],
    group_id: str,
    *,
    session_timeout_ms: int | None = None,
    heartbeat_interval_ms: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Any:
    """A confluent-kafka ``Consumer`` in ``group_id``: read_committed, no auto commit,
    earliest offset where the group has none.

    ``session_timeout_ms``: how soon a dead member's partitions move on (librdkafka's
    45 s default stalls a crashed reader's partitions for most of a minute); the
    heartbeat defaults to a fifth of it (at least 1 s). ``extra`` overrides anything."""
    from confluent_kafka import Consumer

    conf: dict[str, Any] = {
        **kafka_conf,
        "group.id": group_id,
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",  # never read aborted transactions
        "logger": logging.getLogger(KAFKA_LOG),
    }
    if session_timeout_ms is not None:
        conf["session.timeout.ms"] = session_timeout_ms
        conf["heartbeat.interval.ms"] = (
            heartbeat_interval_ms
            if heartbeat_interval_ms is not None
            else max(1_000, session_timeout_ms // 5)
        )
    elif heartbeat_interval_ms is not None:
        conf["heartbeat.interval.ms"] = heartbeat_interval_ms
    conf.update(extra or {})
    return Consumer(conf)


def message_ok(msg: Any, logger: logging.Logger | None = None) -> bool:
    """True if ``msg`` is a record; False for a transient error, which is logged (the
    client recovers on its own: a broker away, a leader moving); ``KafkaFatal`` if the
    consumer cannot go on. The one place that decides what a consumer error means."""
    err = msg.error()
    if err is None:
        return True
    if err.fatal():
        raise KafkaFatal(f"Kafka consumer failed: {err.str()}")
    (logger or log).warning("kafka: %s", err.str())
    return False


def fenced_codes() -> frozenset[int]:
    """The errors that say another process now holds a transactional producer's id (or
    it may not hold it at all): replacing the producer would take the slot back from it."""
    from confluent_kafka import KafkaError

    return frozenset({KafkaError._FENCED, KafkaError.PRODUCER_FENCED,
                      KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                      KafkaError.CLUSTER_AUTHORIZATION_FAILED})  # fmt: skip


def outlived(code: int, open_for: float, timeout: float) -> bool:
    """Whether a fencing error is the coordinator's abort of a transaction open longer
    than ``transaction.timeout.ms``, not a newer self taking the slot: the abort bumps the
    producer's epoch, and librdkafka reports the next end of the transaction as
    ``_FENCED`` "fenced by a newer instance" (measured on Kafka 3.9.1 with librdkafka
    2.16; KIP-588's TRANSACTION_TIMED_OUT is not what it answers). A newer self fences a
    transaction of any age; an id this principal may not use is never this."""
    from confluent_kafka import KafkaError

    return code in (KafkaError._FENCED, KafkaError.PRODUCER_FENCED) and open_for >= timeout
