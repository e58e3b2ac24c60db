"""Intake → signals, exactly once: incidents and news articles are read, checked and
normalised in Kafka transactions that hold the signals, the dead letters and the input
offsets together.

Why not a Faust agent (it was one): bulk uploads are transactions, whose control markers
take offsets in the incidents topic that are never delivered, and Faust's offset tracking
stalled at them: after a clean stop the group's committed offsets stood 55–106 records
into partitions ~1,000 long (tests/test_normalize_faults.py), so every restart
re-normalised a backlog, and the count stage dead-lettered the re-sent entries as late.
Here librdkafka's positions step over the markers, and a transaction commits the output
and the input offsets at once: a kill -9 anywhere repeats nothing that was committed and
loses nothing that was read (the transaction it interrupted is aborted, and the records
are read again). The worker hosts this stage on a thread (``IntakeThread``); if it fails,
the worker stops, as for the fan-out.

Per batch: guard (decode and validate; bad records become dead letters with the reason,
stage ``decode`` or ``validate``, under the guard's ``DlqLimit``), incidents → signals
(``normalize``), then the checkpoint: the offsets join the transaction, which commits
(``consumers.kit.checkpoint.TransactionCommit``).

A broker lost mid-transaction is weathered here, not by a restart: an abortable or
retriable error aborts the transaction; an error that is fatal to the producer but not a
fencing (a coordinator that came back and answered INVALID_TXN_STATE to a commit, seen
when one broker of three was killed) gets a new producer under the same transactional id,
whose ``init_transactions`` aborts whatever the old one left open. Either way the
consumer goes back to the group's committed offsets and the batch is read again. So does a
transaction that outlived ``transaction.timeout.ms`` while a broker was away: its
coordinator aborts it and bumps the producer's epoch, and librdkafka reports that as
"fenced by a newer instance" (a CI run's worker stopped so, 14 s into an outage). A
producer fenced sooner (a newer self took the slot) and errors that keep coming stop the
worker.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from consumers.kit.checkpoint import Checkpoint, TransactionCommit
from consumers.kit.client import KAFKA_LOG, fenced_codes, message_ok, new_consumer, outlived
from consumers.kit.guarded import Guard, origin_of
from schemas import topics
from schemas.models import DeadLetter, Incident
from schemas.serde import Serde
from schemas.topics import TopicSpec
from streams import metrics
from streams.normalize import incident_signals
from streams.produce import produce

log = logging.getLogger(__name__)

INPUTS: tuple[TopicSpec, ...] = (topics.INCIDENTS, topics.NEWS_ARTICLES)
BATCH = 2000
TIMEOUT_S = 30.0
T = TypeVar("T")
ABORT_TRIES = 4  # a lost coordinator moves within a broker session timeout (~10 s)
RENEWALS = 3  # new producers within RENEWAL_WINDOW_S before the stage gives up
RENEWAL_WINDOW_S = 300.0


@dataclass(frozen=True)
class IntakeSettings:
    kafka: dict[str, str]  # bootstrap and security
    group: str
    prefix: str
    transactional_id: str  # stable per worker slot, so a restart fences its killed self
    session_timeout: float = 6.0
    heartbeat_interval: float = 1.0
    # an open transaction a killed worker left holds read_committed readers back this long
    transaction_timeout: float = 10.0


def renewal_allowed(past: list[float], now: float) -> bool:
    """May the stage take a new producer at ``now``, given when it took the last ones?
    A few in a broker's outage, not a loop: errors that keep coming stop the worker."""
    return sum(1 for at in past if now - at < RENEWAL_WINDOW_S) < RENEWALS


ProducerFactory = Callable[[dict[str, Any]], Any]


def _producer(conf: dict[str, Any]) -> Any:
    from confluent_kafka import Producer

    return Producer(conf)


class IntakeStage:
    def __init__(
        self, settings: IntakeSettings, serde: Serde, make_producer: ProducerFactory = _producer
    ) -> None:
        self.s = settings
        self.serde = serde
        self._make_producer = make_producer
        self._renewed: list[float] = []  # when new producers were taken (monotonic)
        self._began = 0.0  # when the open transaction began (monotonic)
        # no stage name: a letter names the step that failed, decode or validate
        self.guard = Guard(serde, logger=log)
        self._names = {spec.physical(settings.prefix): spec for spec in INPUTS}
        self._signals = topics.SIGNALS.physical(settings.prefix)
        self._dlq = topics.DLQ.physical(settings.prefix)
        self.consumer: Any = None
        self.producer: Any = None
        self._reported: list[float] = []  # submitted_at of the batch's incidents (seconds)

    def run(self, stop: Callable[[], bool]) -> None:
        self.consumer = new_consumer(
            self.s.kafka,
            self.s.group,
            session_timeout_ms=int(self.s.session_timeout * 1000),
            heartbeat_interval_ms=int(self.s.heartbeat_interval * 1000),
        )
        self._open_producer()
        self.consumer.subscribe(list(self._names))
        log.info("intake: normalising %s in transactions", ", ".join(self._names))
        try:
            while not stop():
                msgs = self.consumer.consume(BATCH, 0.2)
                if msgs:
                    self._batch(msgs)
        finally:
            self.consumer.close()
            self._flush()

    def _open_producer(self) -> None:
        self.producer = self._make_producer(
            {
                **self.s.kafka, "transactional.id": self.s.transactional_id,
                "transaction.timeout.ms": int(self.s.transaction_timeout * 1000),
                "linger.ms": 5, "compression.type": "lz4",
                "logger": logging.getLogger(KAFKA_LOG),
            }
        )  # fmt: skip
        # a new producer under the slot's id aborts what an older one left open
        self.producer.init_transactions(TIMEOUT_S)
        # no state to save; commit_transaction flushes the producer, then commits the
        # signals, the dead letters and the input offsets at once
        self.checkpoint = Checkpoint(
            commit=TransactionCommit(self.producer, self.consumer, TIMEOUT_S)
        )

    def _flush(self) -> None:
        from confluent_kafka import KafkaException

        try:
            self.producer.flush(10)
        except KafkaException as err:  # a producer failed for good: nothing open to flush
            log.warning("intake: producer not flushed (%s)", err, extra={"stage": "intake"})

    def _batch(self, msgs: list[Any]) -> None:
        from confluent_kafka import KafkaException

        self._reported.clear()
        try:
            self._began = time.monotonic()
            self.producer.begin_transaction()
            for msg in msgs:
                self._one(msg)
            self.checkpoint.run()
            observe_latency(self._reported, time.time())  # the signals exist from the commit
        except KafkaException as err:
            self._recover(err)
            self._rewind()

    def _recover(self, err: Exception) -> None:
        """After a failed batch: abort its transaction, or take a new producer when the
        old one failed for good (also when the abort itself meets such an error)."""
        from confluent_kafka import KafkaException

        kerr = err.args[0] if err.args else None
        if kerr is None:
            raise err
        if not kerr.fatal():
            if not (kerr.txn_requires_abort() or kerr.retriable()):
                raise err
            # the transaction coordinator's broker was lost while the offsets or the
            # commit were on their way ("Failed to add offsets to transaction …: Broker
            # transport failure" stopped the worker when one broker of three was killed):
            # abort once a coordinator answers, read the batch again
            log.warning("intake: transaction aborted (%s); its records are read again", kerr,
                        extra={"stage": "intake"})  # fmt: skip
            try:
                self._abort()
                return
            except KafkaException as failed:
                kerr = failed.args[0] if failed.args else None
                if kerr is None or not kerr.fatal():
                    raise
                err = failed
        self._renew(err, kerr)

    def _renew(self, err: Exception, kerr: Any) -> None:
        """A new producer in place of one that failed for good, or whose transaction its
        coordinator aborted for outliving the timeout; unless it was fenced sooner (a
        newer self holds the slot) or this keeps happening: then the worker stops."""

        now = time.monotonic()
        fenced = kerr.code() in fenced_codes()
        timed_out = fenced and outlived(kerr.code(), now - self._began, self.s.transaction_timeout)
        if (fenced and not timed_out) or not renewal_allowed(self._renewed, now):
            raise err
        self._renewed.append(now)
        if timed_out:
            log.warning("intake: the transaction outlived its timeout (%.0f s open, a broker "
                        "outage) and its coordinator aborted it, which fences the producer "
                        "(%s); a new one takes over and the batch is read again",
                        now - self._began, kerr, extra={"stage": "intake"})  # fmt: skip
        else:
            log.warning("intake: the producer failed for good (%s); a new one takes over and "
                        "the batch is read again", kerr, extra={"stage": "intake"})  # fmt: skip
        old, self.producer = self.producer, None
        old.purge(in_queue=True, in_flight=True)  # it is fenced by its successor anyway
        del old
        _retried(self._open_producer, "new producer not ready", lambda kerr: False, pause=1.0)

    def _abort(self) -> None:
        """Abort the open transaction, waiting out a coordinator that moves (up to
        ``ABORT_TRIES`` times the timeout) before the worker gives up."""
        _retried(
            lambda: self.producer.abort_transaction(TIMEOUT_S),
            "abort not yet possible",
            lambda kerr: kerr is None or not kerr.retriable(),
            pause=0.0,  # the abort itself waits its timeout
        )

    def _one(self, msg: Any) -> None:
        if not message_ok(msg, log):
            return
        spec = self._names[msg.topic()]
        result = self.guard.record(spec, msg.value(), origin_of(msg))
        if isinstance(result, DeadLetter):
            metrics.DEAD_LETTERS.labels(result.stage, result.error_kind).inc()
            value = self.serde.encode(topics.DLQ, result.to_avro())
            produce(self.producer, self._dlq, value, msg.topic().encode())
        elif isinstance(result, Incident):
            key = result.incident_id.encode()
            self._reported.append(result.submitted_at.timestamp())
            for sig in incident_signals(result):
                produce(self.producer, self._signals, self.serde.encode(topics.SIGNALS,
                        sig.to_avro()), key)  # fmt: skip

    def _rewind(self) -> None:
        """Back to the group's committed offsets: the aborted batch is read again. Asking
        waits out a coordinator that moves, as ``_abort`` does (without its answer the
        batch would be skipped, so the worker stops rather than read on)."""
        from confluent_kafka import OFFSET_BEGINNING

        committed = _retried(
            lambda: self.consumer.committed(self.consumer.assignment(), timeout=TIMEOUT_S),
            "committed offsets not read",
            lambda kerr: kerr is None or kerr.fatal(),
            pause=1.0,
        )
        for tp in committed:
            # no committed offset yet: the group starts at the beginning (auto.offset.reset
            # earliest), and so does the batch read again; not seeking would skip it
            if tp.offset < 0:
                tp.offset = OFFSET_BEGINNING
            self.consumer.seek(tp)
        time.sleep(0.1)


def _retried(call: Callable[[], T], what: str, gives_up: Callable[[Any], bool], pause: float) -> T:
    """``call``, tried again while the transaction coordinator moves: up to
    ``ABORT_TRIES`` times, unless ``gives_up`` on the error (the stage then stops). One loop
    for taking a new producer, aborting a transaction and reading the committed offsets."""
    from confluent_kafka import KafkaException

    for attempt in range(ABORT_TRIES):
        try:
            return call()
        except KafkaException as err:
            kerr = err.args[0] if err.args else None
            if attempt == ABORT_TRIES - 1 or gives_up(kerr):
                raise
            log.warning("intake: %s (%s); trying again", what, kerr, extra={"stage": "intake"})
            time.sleep(pause)
    raise RuntimeError("ABORT_TRIES must be 1 or more")


def observe_latency(reported: list[float], now: float) -> None:
    """Report → signal for each incident whose signals a transaction just committed."""
    for at in reported:
        metrics.REPORT_TO_SIGNAL.observe(max(0.0, now - at))
