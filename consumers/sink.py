"""Kafka → warehouse sink: decode, batch by size and time, insert, then commit offsets.

Offsets are committed only after every row read so far is in the warehouse and every
dead letter is in Kafka (the kit's checkpoint: save, flush, commit), and tables are
idempotent (consumers.tables), so replays, rebalances and a crash between insert and
commit change nothing that queries return. While the warehouse is down the sink stops
reading (partitions paused), retries with backoff, and keeps its group membership.
Bad records go to the DLQ with stage ``sink``, under the kit's ``DlqLimit``.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from consumers import metrics
from consumers.class_sizes import Refresher
from consumers.errors import WarehouseError
from consumers.kit.checkpoint import Checkpoint, commit_offsets
from consumers.kit.client import message_ok, new_consumer
from consumers.kit.guarded import Guard, origin_of
from consumers.reclass import class_copies
from consumers.tables import SIGNALS, Landed, Table, tables_for, to_columns
from consumers.warehouse import Warehouse
from schemas.models import DeadLetter
from schemas.serde import Serde
from schemas.topics import DLQ, INCIDENTS, NEWS_ARTICLES, TopicSpec

log = logging.getLogger("tahub.sink")

# Topics anyone outside tahub may write to: their records are validated, not only decoded,
# so nothing invalid reaches the warehouse. Internal topics are written through our models.
VALIDATED = (INCIDENTS, NEWS_ARTICLES)


class _Stopped(Exception):
    """Stopped while the warehouse was failing: nothing more is flushed or committed."""


# told of each decoded record with its Kafka timestamp (seconds): the shell measures
# latencies between topics from what the sink reads anyway (tahub.latency)
Observer = Callable[[TopicSpec, Mapping[str, Any], float], None]


class DeadLetterWriter(Protocol):
    def send(self, spec: TopicSpec, key: str, record: DeadLetter) -> None: ...
    def flush(self, timeout: float = 30.0) -> None: ...


@dataclass(frozen=True)
class SinkConfig:
    topic_prefix: str
    group_id: str
    batch_rows: int = 50_000  # insert when this many records are buffered …
    batch_seconds: float = 1.0  # … or when the oldest buffered record is this old
    poll_records: int = 10_000
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    # a crashed instance's partitions wait this long for a new owner (Kafka's 45 s default
    # would stall landing for most of a minute after every crash)
    session_timeout_ms: int = 10_000


@dataclass
class SinkStatus:
    state: str = "starting"  # starting | running | retrying | stopped
    landed: int = 0
    dead_lettered: int = 0
    last_error: str | None = None
    retrying_since: float | None = None
    last_flush: float | None = None
    first_record_at: float | None = None  # wall time the first record was read


@dataclass
class Backoff:
    """Exponential backoff with full jitter (pure apart from the random source)."""

    initial: float
    maximum: float
    attempt: int = 0
    rand: Callable[[], float] = field(default=random.random)

    def next(self) -> float:
        ceiling = min(self.maximum, self.initial * 2**self.attempt)
        self.attempt += 1
        return float(ceiling / 2 + self.rand() * ceiling / 2)


class Sink:
    def __init__(  # noqa: PLR0917 - each is a distinct collaborator
        self,
        kafka_conf: dict[str, str],
        serde: Serde,
        warehouse: Warehouse,
        cfg: SinkConfig,
        dlq: DeadLetterWriter,
        topics: tuple[TopicSpec, ...],
        observer: Observer | None = None,
    ) -> None:
        self.cfg = cfg
        self._observe = observer
        self.serde = serde
        self.guard = Guard(serde, "sink", logger=log)
        self.wh = warehouse
        self.dlq = dlq
        self.status = SinkStatus()
        self._by_topic = {t.physical(cfg.topic_prefix): t for t in topics}
        self._buffers: dict[str, list[Landed]] = {name: [] for name in self._by_topic}
        self._buffered = 0
        self._oldest: float | None = None
        self._offsets: dict[tuple[str, int], int] = {}
        self._dead_pending = 0
        self._flushing = False
        self._sizes = Refresher()
        self._consumer = new_consumer(
            kafka_conf, cfg.group_id, session_timeout_ms=cfg.session_timeout_ms
        )

    # --- the loop ---

    def run(self, stop: threading.Event) -> None:
        self._consumer.subscribe(
            list(self._by_topic), on_assign=self._on_assign, on_revoke=self._on_revoke
        )
        self.status.state = "running"
        try:
            while not stop.is_set():
                self.step(stop)
            self.flush(stop)
        finally:
            self.status.state = "stopped"
            self._consumer.close()

    def step(self, stop: threading.Event) -> None:
        """Read what is there (bounded by the batch size), flush if the batch is due."""
        room = max(1, min(self.cfg.poll_records, self.cfg.batch_rows - self._buffered))
        self._take(self._consumer.consume(num_messages=room, timeout=0.1))
        due = self._oldest is not None and (
            self._buffered >= self.cfg.batch_rows
            or time.monotonic() - self._oldest >= self.cfg.batch_seconds
        )
        if due:
            self.flush(stop)

    def _take(self, messages: list[Any]) -> None:
        for msg in messages:
            if not message_ok(msg, log):
                continue
            topic, partition, offset = msg.topic(), msg.partition(), msg.offset()
            spec = self._by_topic[topic]
            self._offsets[(topic, partition)] = offset
            if self._oldest is None:
                self._oldest = time.monotonic()
                if self.status.first_record_at is None:
                    self.status.first_record_at = time.time()
            if msg.value() is None and spec.compacted:
                continue  # a delete on a compacted topic; its last version already landed
            record = self.guard.data(spec, msg.value(), origin_of(msg), validate=spec in VALIDATED)
            if isinstance(record, DeadLetter):
                self._dead_letter(spec, topic, record)
                continue
            if self._observe is not None:
                ts = msg.timestamp()[1]
                self._observe(spec, record, ts / 1000 if ts > 0 else time.time())
            self._buffers[topic].append(Landed(record, partition, offset))
            self._buffered += 1
        metrics.BUFFERED.set(self._buffered)

    def _dead_letter(self, spec: TopicSpec, topic: str, letter: DeadLetter) -> None:
        metrics.DEAD_LETTERS.labels(letter.error_kind).inc()
        self.status.dead_lettered += 1
        if spec == DLQ:
            # a dead letter we cannot read would only loop; it is counted and logged
            return
        self.dlq.send(DLQ, topic, letter)
        self._dead_pending += 1

    # --- flush: insert every table, then commit ---

    def flush(self, stop: threading.Event) -> None:
        if self._oldest is None:
            return
        t0 = time.monotonic()
        signals = any(table.name == SIGNALS.name for table, _ in self._batches())
        self._flushing = True
        try:
            Checkpoint(
                save=lambda: self._land(stop), flush=self._flush_dead_letters, commit=self._commit
            ).run()
        except _Stopped:
            return  # uncommitted: the next owner re-reads these records
        finally:
            self._flushing = False
        self.status.landed += self._buffered
        self.status.last_flush = time.time()
        self._reset_buffers()
        if signals:  # the classes they made big, for queries' release checks
            self._sizes.after_landing(self.wh, time.monotonic())
        metrics.LAST_FLUSH.set_to_current_time()
        metrics.FLUSH_SECONDS.observe(time.monotonic() - t0)

    def _land(self, stop: threading.Event) -> None:
        """Every table's share of the buffer into the warehouse, retrying while it fails."""
        for table, items in self._batches():
            self._insert_until_done(table, items, stop)
            if stop.is_set() and self.status.state == "retrying":
                raise _Stopped

    def _land_once(self) -> None:
        for table, items in self._batches():
            self._insert(table, to_columns(table, items))
            metrics.ROWS.labels(table.name).inc(len(items))

    def _insert(self, table: Table, columns: dict[str, list[Any]]) -> None:
        """One insert; a legacy signal landed again first takes its copy's class."""
        if table.name == SIGNALS.name:
            class_copies(self.wh, columns)
        self.wh.insert(table.name, columns, table.types)

    def _batches(self) -> list[tuple[Table, list[Landed]]]:
        """Every table's share of what is buffered."""
        return [
            (table, items)
            for topic, items in self._buffers.items()
            if items
            for table in tables_for(self._by_topic[topic])
        ]

    def _flush_dead_letters(self) -> None:
        if self._dead_pending:
            self.dlq.flush()
            self._dead_pending = 0

    def _reset_buffers(self) -> None:
        for items in self._buffers.values():
            items.clear()
        self._offsets.clear()
        self._buffered = 0
        self._oldest = None
        metrics.BUFFERED.set(0)

    def _insert_until_done(self, table: Table, items: list[Landed], stop: threading.Event) -> None:
        columns = to_columns(table, items)
        backoff = Backoff(self.cfg.backoff_initial, self.cfg.backoff_max)
        while True:
            # stamped as each attempt lands, not when the batch was built: re-classing
            # looks for rows landed during its copy by this stamp (consumers.reclass)
            columns["ingested_at"] = [int(time.time())] * len(items)
            try:
                self._insert(table, columns)
            except WarehouseError as err:
                metrics.INSERT_FAILURES.labels(table.name).inc()
                self._enter_retry(str(err))
                delay = backoff.next()
                log.warning(
                    "insert into %s failed (%s); retrying in %.1f s", table.name, err, delay,
                    extra={"stage": "sink"},
                )  # fmt: skip
                if self._wait_paused(delay, stop):
                    return
                continue
            metrics.ROWS.labels(table.name).inc(len(items))
            self._leave_retry()
            return

    def _enter_retry(self, error: str) -> None:
        self.status.last_error = error
        if self.status.state != "retrying":
            self.status.state = "retrying"
            self.status.retrying_since = time.time()
            metrics.RETRYING.set(1)
            self._consumer.pause(self._consumer.assignment())

    def _leave_retry(self) -> None:
        if self.status.state == "retrying":
            log.info("warehouse is back; resuming", extra={"stage": "sink"})
            self.status.state = "running"
            self.status.retrying_since = None
            metrics.RETRYING.set(0)
            self._consumer.resume(self._consumer.assignment())

    def _wait_paused(self, delay: float, stop: threading.Event) -> bool:
        """Sleep while staying in the group (paused partitions return nothing)."""
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline:
            if stop.is_set():
                return True
            self._take(self._consumer.consume(num_messages=100, timeout=0.2))
        return False

    def _commit(self) -> None:
        from confluent_kafka import TopicPartition

        owned = {(tp.topic, tp.partition) for tp in self._consumer.assignment()}
        mine = [tp for tp in self._offsets if tp in owned]
        # every record read so far is landed, so the read position is safe to commit; it
        # also steps over transaction markers, which offset + 1 would leave as "lag"
        read = {
            (tp.topic, tp.partition): tp.offset
            for tp in self._consumer.position([TopicPartition(t, p) for t, p in mine])
        }
        offsets = [
            TopicPartition(
                topic,
                partition,
                max(self._offsets[(topic, partition)] + 1, read.get((topic, partition), -1)),
            )
            for topic, partition in mine
        ]
        self._offsets.clear()
        # refused: rows are in; the next owner re-reads them and the tables absorb the repeat
        commit_offsets(self._consumer, offsets, logger=log)

    # --- rebalances ---

    def _on_assign(self, consumer: Any, partitions: list[Any]) -> None:
        if self.status.state == "retrying":
            consumer.pause(partitions)

    def _on_revoke(self, consumer: Any, partitions: list[Any]) -> None:
        if self._flushing or self._oldest is None:
            return
        # land what we hold for these partitions now, or drop it for the next owner
        try:
            Checkpoint(
                save=self._land_once, flush=self._flush_dead_letters, commit=self._commit
            ).run()
            self.status.landed += self._buffered
        except WarehouseError as err:
            log.warning("could not land buffered records on revoke (%s); they will be re-read", err)
        self._reset_buffers()
