"""Timestamps of the records at given offsets: how old a stage's oldest unread record is,
and when a topic last received one. Read with a consumer that is assigned partitions
and never joins a group or commits, so looking changes nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Any

Partition = tuple[str, int]


def first_after(
    conf: Mapping[str, Any], offsets: Mapping[Partition, int], timeout: float = 5.0
) -> dict[Partition, float]:
    """The timestamp (seconds) of the first committed record at or after each offset;
    a partition with none there (only transaction markers, or caught up) is left out."""
    return _scan(conf, offsets, timeout, first_only=True)


def last_before(
    conf: Mapping[str, Any], ends: Mapping[Partition, tuple[int, int]], timeout: float = 5.0
) -> dict[Partition, float]:
    """The newest record timestamp (seconds) in each partition, from its (start, end):
    the last few offsets are read, since with transactions the very last is a marker."""
    back = 8  # a marker per transaction: the last record sits a few offsets back at most
    return _scan(conf, {tp: max(start, end - back) for tp, (start, end) in ends.items()
                        if end > start}, timeout, first_only=False)  # fmt: skip


_CONSUMERS: dict[tuple[tuple[str, Any], ...], Any] = {}
_LOCK = threading.Lock()  # one scan at a time: they share their consumer


def _consumer(conf: Mapping[str, Any]) -> Any:
    """One consumer per connection settings for the whole process, never closed: a
    consumer closed while its fetch from a broker just killed was pending aborted the
    process in librdkafka 2.16 (as ``topics_admin.shared_admin`` says of admin clients);
    the main job's lag probe scanned every 15 s, so losing one broker of three took the
    intake API, the sink and the console down with it."""
    from confluent_kafka import Consumer

    key = tuple(sorted(conf.items()))
    if key not in _CONSUMERS:
        _CONSUMERS[key] = Consumer({
            **conf, "group.id": "tahub-record-times", "enable.auto.commit": False,
            "isolation.level": "read_committed", "enable.partition.eof": True,
            "auto.offset.reset": "latest",
            # never closed, so it outlives a broker the job stops: its errors come back
            # from consume(); librdkafka's own lines would only be noise on the way out
            "log_level": "0",
        })  # fmt: skip
    return _CONSUMERS[key]


def _scan(
    conf: Mapping[str, Any], offsets: Mapping[Partition, int], timeout: float, *, first_only: bool
) -> dict[Partition, float]:
    if not offsets:
        return {}
    from confluent_kafka import KafkaError, TopicPartition

    found: dict[Partition, float] = {}
    waiting = set(offsets)
    paused: list[Any] = []
    with _LOCK:
        consumer = _consumer(conf)
        consumer.assign([TopicPartition(t, p, off) for (t, p), off in offsets.items()])
        try:
            deadline = time.monotonic() + timeout
            while waiting and time.monotonic() < deadline:
                for msg in consumer.consume(500, timeout=0.2):
                    tp = (str(msg.topic()), int(msg.partition() or 0))
                    if tp not in offsets or (msg.offset() or 0) < offsets[tp]:
                        continue  # fetched for an earlier scan
                    err = msg.error()
                    if err is not None:
                        if err.code() == KafkaError._PARTITION_EOF:
                            waiting.discard(tp)
                        continue
                    kind, ms = msg.timestamp()
                    if kind != 0 and ms >= 0:  # 0: the record carries no timestamp
                        at = ms / 1000.0
                        found[tp] = (
                            found.setdefault(tp, at) if first_only else max(found.get(tp, at), at)
                        )
                    if first_only and tp in waiting:
                        waiting.discard(tp)
                        paused.append(TopicPartition(*tp))
                        consumer.pause(paused[-1:])
        finally:
            if paused:
                consumer.resume(paused)  # the next scan may want them
            consumer.unassign()
    return found
