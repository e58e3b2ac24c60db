"""The subscriptions topic as a live table: read from the beginning, then follow changes.

The topic is compacted and keyed by subscription id; a null value deletes. Every process
that needs subscriptions (the alerts worker, the API, the CLI) reads it whole without
joining a consumer group, so each keeps a full copy and a change reaches all of them
within a poll interval.

A record that cannot be decoded or validated is logged (position, kind, reason) and
skipped: one bad record must not hide every other subscription. The book writes no dead
letter: every process reads the whole topic at every start, so each would write the same
letters again and again; the warehouse sink dead-letters an undecodable record once
(stage ``sink``). The kit's ``DlqLimit`` still applies, per read of the topic: if most
records cannot be read (after 100), or over 1,000 in a row, the code cannot read what the
topic holds (a bad deploy), and alerting with no subscriptions would be silent. The book
then stops: ``failed`` says why and ``ready`` is cleared, so the alerts process stops
and health checks show the subscriptions not loaded.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from consumers.kit.client import KafkaFatal, message_ok, new_consumer
from consumers.kit.guarded import DlqLimitExceeded, Guard, origin_of
from schemas.models import Contract, Subscription
from schemas.serde import Serde
from schemas.topics import SUBSCRIPTIONS

log = logging.getLogger("tahub.alerts.book")

OnChange = Callable[[str, Subscription | None], None]


class Producer(Protocol):
    def send(self, spec: Any, key: str, record: Contract) -> None: ...
    def send_raw(self, topic: str, key: bytes | None, value: bytes | None) -> None: ...
    def flush(self, timeout: float = 30.0) -> None: ...


def _consumer(kafka_conf: dict[str, str]) -> Any:
    return new_consumer(
        kafka_conf,
        f"tahub-subscriptions-reader-{uuid.uuid4().hex[:8]}",  # assigned, never committed
        extra={"enable.auto.offset.store": False},
    )


class SubscriptionBook:
    """Follows the subscriptions topic; ``on_change`` sees every upsert and delete."""

    def __init__(self, kafka_conf: dict[str, str], serde: Serde, on_change: OnChange) -> None:
        self._conf = kafka_conf
        self._serde = serde
        self._on_change = on_change
        self.ready = threading.Event()  # set once everything present at start was read
        self.subs: dict[str, Subscription] = {}
        self.failed: Exception | None = None  # why the book stopped reading, if it did
        self._lock = threading.Lock()
        # subscription id -> the lowest version the topic must bring before this book takes
        # its records again: set by a change this process published (``remember``), so an
        # older record still on its way round (a pause before a delete) cannot undo it
        self._unechoed: dict[str, int] = {}

    def remember(self, sid: str, sub: Subscription | None) -> None:
        """A change this process just published, visible before it comes back round."""
        with self._lock:
            if sub is None:  # every version up to the one held is older than the delete
                held = self.subs.pop(sid, None)
                self._unechoed[sid] = (held.version if held is not None else 0) + 1
            else:
                self.subs[sid] = sub
                self._unechoed[sid] = sub.version

    def get(self, sid: str) -> Subscription | None:
        with self._lock:
            return self.subs.get(sid)

    def snapshot(self) -> dict[str, Subscription]:
        with self._lock:
            return dict(self.subs)

    def _apply(self, msg: Any, guard: Guard) -> None:
        key = (msg.key() or b"").decode(errors="replace")
        value = msg.value()
        if value is None:
            with self._lock:
                self.subs.pop(key, None)
                self._unechoed.pop(key, None)
            self._on_change(key, None)
            return
        sub = guard.record(SUBSCRIPTIONS, value, origin_of(msg))
        if not isinstance(sub, Subscription):
            return  # logged by the guard; no dead letter (see the module's docstring)
        sid = sub.subscription_id
        with self._lock:
            if sub.version < self._unechoed.get(sid, 0):
                return  # published before a change of ours the topic has yet to bring
            self._unechoed.pop(sid, None)
            self.subs[sid] = sub
        self._on_change(sid, sub)

    def run(self, stop: threading.Event, poll: float = 0.2) -> None:
        """Follow the topic until ``stop``; a broker hiccup restarts the read from the start
        with a new consumer."""
        from confluent_kafka import KafkaException

        while not stop.is_set():
            try:
                self._follow(stop, poll)
            except (KafkaException, KafkaFatal) as err:
                # e.g. no leader yet for a topic just created; a fatal error, a new consumer
                log.warning("subscriptions: %s; reading again in 1 s", err)
                stop.wait(1.0)
            except DlqLimitExceeded as err:
                log.error("subscriptions: stopped reading: %s", err)
                self.failed = err
                self.ready.clear()
                raise

    def _follow(self, stop: threading.Event, poll: float) -> None:
        from confluent_kafka import KafkaException, TopicPartition

        topic = SUBSCRIPTIONS.physical(self._serde.prefix)
        consumer = _consumer(self._conf)
        guard = Guard(self._serde, "subscriptions", logger=log)  # each read counts anew
        try:
            meta = consumer.list_topics(topic, timeout=30)
            if meta.topics[topic].error is not None:
                # a topic just made is unknown to a broker the metadata has not reached yet
                # (a cluster of three): read again, as for any broker error. Raised as
                # anything else, it ended this thread and `tahub up` waited 90 s for a book
                # that never loaded (one start in six of tests/test_fault_cluster.py)
                raise KafkaException(meta.topics[topic].error)
            parts = sorted(meta.topics[topic].partitions)
            ends = {
                p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=30)[1]
                for p in parts
            }
            consumer.assign([TopicPartition(topic, p, -2) for p in parts])  # -2: beginning
            while not stop.is_set():
                for msg in consumer.consume(500, poll):
                    if message_ok(msg, log):
                        self._apply(msg, guard)
                if not self.ready.is_set():
                    positions = consumer.position([TopicPartition(topic, p) for p in parts])
                    if all(
                        ends[tp.partition] == 0 or tp.offset >= ends[tp.partition]
                        for tp in positions
                    ):
                        self.ready.set()
        finally:
            consumer.close()


def read_all(
    kafka_conf: dict[str, str], serde: Serde, timeout: float = 30.0
) -> dict[str, Subscription]:
    """Every current subscription (for the CLI)."""
    stop = threading.Event()
    book = SubscriptionBook(kafka_conf, serde, lambda *_: None)
    thread = threading.Thread(target=_quietly, args=(book, stop), daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not book.ready.wait(0.2):
        if book.failed is not None or time.monotonic() > deadline:
            stop.set()
            if book.failed is not None:
                raise book.failed
            raise TimeoutError(f"could not read the subscriptions topic within {timeout:.0f} s")
    stop.set()
    thread.join(10)
    return book.snapshot()


def _quietly(book: SubscriptionBook, stop: threading.Event) -> None:
    """``book.run`` on a thread whose failure its starter reports (``book.failed``)."""
    with contextlib.suppress(DlqLimitExceeded):
        book.run(stop)


def publish(producer: Producer, sub: Subscription) -> None:
    producer.send(SUBSCRIPTIONS, sub.subscription_id, sub)
    producer.flush()


def delete(producer: Producer, sub: Subscription, topic_prefix: str) -> None:
    """A last inactive version (so the warehouse shows it ended), then the tombstone."""
    last = sub.model_copy(
        update={"active": False, "version": sub.version + 1, "updated_at": datetime.now(UTC)}
    )
    producer.send(SUBSCRIPTIONS, sub.subscription_id, last)
    producer.send_raw(SUBSCRIPTIONS.physical(topic_prefix), sub.subscription_id.encode(), None)
    producer.flush()
