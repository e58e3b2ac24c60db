"""Writing accepted submissions to Kafka and saying so only once the broker acknowledged.

Single records go through an idempotent producer (acks=all) shared by all requests; a
poll thread turns delivery reports into resolved futures. A bulk upload is one Kafka
transaction holding its incidents and its dead letters: if anything fails it is aborted
and read_committed consumers (the sink, the stream workers) never see any of it.

While librdkafka reports every broker down, requests fail at once with Unavailable
instead of each waiting out the acknowledgement timeout.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from typing import Any

from confluent_kafka import KafkaError, KafkaException, Producer

from consumers.kit.client import fenced_codes, outlived

log = logging.getLogger("tahub.intake")

Record = tuple[str, bytes, bytes]  # topic, key, value
TXN_TIMEOUT_S = 60.0  # a bulk upload's transaction


class Unavailable(Exception):
    """The broker did not acknowledge; retry later. ``maybe_stored``: the record reached
    the producer, and a record that timed out in flight may still have been written (a
    leader lost mid-request), so a retry must send the same bytes, not new ones."""

    def __init__(self, reason: str, *, maybe_stored: bool = False) -> None:
        super().__init__(reason)
        self.maybe_stored = maybe_stored


class Publisher:
    def __init__(
        self,
        kafka_conf: dict[str, str],
        *,
        transactional_id: str,
        ack_timeout: float = 10.0,
    ) -> None:
        self._conf = {**kafka_conf, "logger": logging.getLogger("tahub.kafka")}
        self._ack_timeout = ack_timeout
        self._down_since: float | None = None
        self._producer = Producer(
            {
                **self._conf,
                "enable.idempotence": True,
                "acks": "all",
                "linger.ms": 2,
                "compression.type": "lz4",
                # give up when the client does: an unacknowledged record is reported as failed
                "delivery.timeout.ms": int(ack_timeout * 1000),
                "error_cb": self._on_error,
            }
        )
        self._txn_id = transactional_id
        self._txn: Producer | None = None
        self._txn_lock = threading.Lock()
        self._closing = threading.Event()
        self._poller = threading.Thread(target=self._poll, name="intake-poll", daemon=True)
        self._poller.start()

    # --- health ---

    def _on_error(self, err: KafkaError) -> None:
        if err.code() == KafkaError._ALL_BROKERS_DOWN:
            if self._down_since is None:
                log.warning("intake: every broker is down; answering 503 until one is back")
            self._down_since = self._down_since or time.monotonic()

    @property
    def broker_down(self) -> bool:
        return self._down_since is not None

    def _poll(self) -> None:
        while not self._closing.is_set():
            self._producer.poll(0.1)
            if self._down_since is not None and time.monotonic() - self._down_since > 1.0:
                self._probe()

    def _probe(self) -> None:
        try:
            self._producer.list_topics(timeout=1.0)
        except KafkaException:
            self._down_since = time.monotonic()
            return
        log.info("intake: broker reachable again")
        self._down_since = None

    # --- single records ---

    def send(self, topic: str, key: bytes, value: bytes) -> Future[None]:
        """A future resolved when the broker acknowledged, or failed with Unavailable."""
        done: Future[None] = Future()
        if self.broker_down:
            done.set_exception(Unavailable("the broker is unreachable"))
            return done

        def on_delivery(err: Any, _msg: Any) -> None:
            if err is None:
                done.set_result(None)
            else:
                done.set_exception(Unavailable(f"not acknowledged: {err.str()}", maybe_stored=True))

        try:
            self._producer.produce(topic, value=value, key=key, on_delivery=on_delivery)
        except BufferError:
            done.set_exception(Unavailable("the producer queue is full"))
        except KafkaException as err:
            done.set_exception(Unavailable(str(err)))
        return done

    async def send_async(self, topic: str, key: bytes, value: bytes) -> None:
        await asyncio.wrap_future(self.send(topic, key, value))

    def send_quietly(self, topic: str, key: bytes, value: bytes) -> None:
        """Fire and forget (dead letters of rejected single requests)."""

        def report(fut: Future[None]) -> None:
            if fut.exception() is not None:
                log.warning("intake: a dead letter was not written: %s", fut.exception())

        self.send(topic, key, value).add_done_callback(report)

    # --- bulk, as one transaction ---

    def _transactional(self) -> Producer:
        if self._txn is None:
            txn = Producer(
                {
                    **self._conf,
                    "transactional.id": self._txn_id,
                    "transaction.timeout.ms": int(TXN_TIMEOUT_S * 1000),
                    "linger.ms": 20,
                    "batch.size": 1_000_000,
                    "compression.type": "lz4",
                    "queue.buffering.max.messages": 500_000,
                }
            )
            try:
                txn.init_transactions(self._ack_timeout)
            except KafkaException as err:
                raise Unavailable(f"cannot start a transaction: {err.args[0].str()}") from None
            self._txn = txn
        return self._txn

    def send_all(self, records: Sequence[Record]) -> None:
        """All of ``records`` committed atomically, or Unavailable and none of them."""
        if self.broker_down:
            raise Unavailable("the broker is unreachable")
        with self._txn_lock:
            txn = self._transactional()
            try:
                began = time.monotonic()
                txn.begin_transaction()
                for topic, key, value in records:
                    while True:
                        try:
                            txn.produce(topic, value=value, key=key)
                            break
                        except BufferError:
                            txn.poll(0.05)
                txn.commit_transaction(max(self._ack_timeout, 30.0))
            except KafkaException as err:
                self._abort(txn, err.args[0], time.monotonic() - began)
                raise Unavailable(f"transaction not committed: {err.args[0].str()}") from None

    def _abort(self, txn: Producer, err: KafkaError, open_for: float) -> None:
        if not err.fatal():
            try:
                txn.abort_transaction(self._ack_timeout)
                return
            except KafkaException:
                pass
        if outlived(err.code(), open_for, TXN_TIMEOUT_S):
            log.warning("intake: a bulk upload's transaction outlived its timeout (%.0f s "
                        "open) and its coordinator aborted it; the upload was refused",
                        open_for)  # fmt: skip
        elif err.code() in fenced_codes():
            # two services share this transactional id (one host name for two intakes):
            # each upload would fence the other's; said loudly, still served (the other
            # may be gone)
            log.error(
                "intake: bulk producer %s was fenced: another process uses its "
                "transactional id; give each intake its own host name",
                self._txn_id,
            )
        self._txn = None  # a fatal or stuck producer is replaced on the next upload

    def close(self, timeout: float = 10.0) -> None:
        self._producer.flush(timeout)
        self._closing.set()
        self._poller.join(timeout)
