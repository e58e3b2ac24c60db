"""Detection's repartition stage: signals, read in bulk, become per-key entries on the
internal ``detect.keys`` topic (its contract: ``schemas.keys_topic``).

Signals are the high-volume input. Faust hands every record to an agent through its own
machinery at ~150 µs a record: a repartition agent topped out near 5k signals/s here and
starved the count stage of CPU. So this stage reads signals with its own confluent-kafka
consumer, thousands per call, in a process of its own that the worker starts
(``repartition_process``: one core for this stage, one for counting). The loop knows
nothing of processes: it reports its counts through ``stats`` and stops when ``stop``
says so.

Per batch: decode (bad records to the DLQ with the reason, under a ``DlqLimit``), note
late signals, group the batch's entries per ``<set>|<key>``, pack the keys living in one
``detect.keys`` partition into messages, then send this reader's watermark report
(``SourceClock``) to every keys partition behind them. Back-dated signals (history,
``live.is_history``) travel as history entries placed by occurrence, ahead of the
batch's news in each partition: they warm baselines and are never counted as news.

Delivery is at least once: keys messages are flushed before the signals offsets are
committed, so a crash re-reads and re-sends what followed the last commit, and counting
is idempotent (a window holds the *set* of reports), so the repeat changes nothing.
librdkafka keeps fetch positions across rebalances, so no record is skipped there.
Every worker's reader joins the group ``<app id>-fanout``: workers split the signals
partitions as Faust splits the keys partitions.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from aiokafka.partitioner import DefaultPartitioner

from consumers.kit.checkpoint import Checkpoint, commit_offsets, read_positions
from consumers.kit.client import message_ok, new_consumer
from consumers.kit.guarded import Guard, origin_of
from schemas import keys_topic, topics
from schemas.deadletters import Origin, dead_letter
from schemas.dimensions import SIGNAL_DIMENSIONS
from schemas.models import DeadLetter
from schemas.serde import Serde
from schemas.sharing import tier_name
from streams.detect.config import DetectionSettings
from streams.detect.engine import judged
from streams.detect.live import is_history, occurrence, report_time
from streams.detect.relabel import Levels
from streams.detect.upstream import UpstreamGate
from streams.detect.watermarks import SourceClock
from streams.produce import produce

log = logging.getLogger(__name__)

PARTITION_CACHE = 200_000  # keys whose partition is remembered (~30 MB at most)
# what this stage reads of a signal (``Serde.projection``): decoding every field of
# the record, with a datetime for its time, took a third of the stage's time
FIELDS = frozenset({"signal_id", "event_time", "occurred_on", "occurred_precision",
                    "source_id", "org_id", "tlp", *SIGNAL_DIMENSIONS.values()})  # fmt: skip


def entries_by_key(
    signals: Sequence[Mapping[str, Any]],
    conf: DetectionSettings,
    history: list[Mapping[str, Any]] | None = None,
    read_at: Sequence[tuple[int, int]] | None = None,
    levels: Levels | None = None,
) -> dict[str, dict[str, Any]]:
    """One message body per ``<set>|<key>`` and audience tier (``schemas.keys_topic``,
    version 2, 5 for a tier other than TLP:CLEAR): the set,
    key, dimensions and the reports as columns of event times, source ids, organisations
    and TLP levels (pure). Event times are datetimes or epoch seconds (``FIELDS``, the
    projection the stage reads). Back-dated reports (``live.is_history``) are left out, and
    appended to ``history`` when given (``history_by_key``). ``read_at`` gives each
    signal's signals partition and offset, which then travel too (version 4).

    A tier no verdict can come from (``engine.judged``) is left out, but for reports
    ``levels`` finds re-labelled stricter: bodies holding those are marked ``"rl"`` and
    come last, after every body they may restrict (version 5)."""
    grouped: dict[str, dict[str, Any]] = {}
    # each body's columns, beside the body: appended to per report and set, where a
    # lookup in the body would cost six dictionary lookups more
    cols: dict[str, tuple[list[Any], ...]] = {}
    every = [(dset, dset.name, dset.keyer()) for dset in conf.sets]
    # (organisation, level) -> its audience tier, the tier's suffix, and the sets whose
    # keys are counted in that tier (``engine.judged``: per set and tier, not per report)
    tiers: dict[tuple[str, str], tuple[str, str, list[Any]]] = {}
    relabelled: list[str] = []
    for i, sig in enumerate(signals):
        if is_history(sig, conf.backdated_after):
            if history is not None:  # a report of long ago: it warms baselines only
                history.append(sig)
            continue
        at = report_time(sig)
        source, org, tlp = sig["source_id"], sig["org_id"], sig["tlp"]
        where = None if read_at is None else read_at[i]
        known = tiers.get((org, tlp))
        if known is None:
            tier = tier_name(org, tlp)
            judged_sets = [s for s in every if judged(conf.configs[s[1]], tier)]
            known = tiers[(org, tlp)] = (tier, keys_topic.tier_suffix(tier), judged_sets)
        tier, suffix, sets = known
        raised = levels is not None and levels.raised(sig["signal_id"], tlp)
        for dset, name, keyer in every if raised else sets:
            key = keyer(sig)
            if key is None:
                continue
            full = f"{name}|{key}{suffix}"
            got = cols.get(full)
            if got is None:
                got = cols[full] = ([], [], [], [], [], [])
                body = {"s": name, "k": key, "d": dset.dimensions(sig),
                        "t": got[0], "r": got[1], "o": got[2], "l": got[3]}  # fmt: skip
                if tier:
                    body["au"] = tier
                if where is not None:
                    body["p"], body["x"] = got[4], got[5]
                grouped[full] = body
            if raised and "rl" not in grouped[full]:
                grouped[full]["rl"] = 1
                relabelled.append(full)
            got[0].append(at)
            got[1].append(source)
            got[2].append(org)
            got[3].append(tlp)
            if where is not None:
                got[4].append(where[0])
                got[5].append(where[1])
    for full in relabelled:  # last: the reports they restrict are counted before them
        grouped[full] = grouped.pop(full)
    return grouped


def history_by_key(
    signals: Sequence[Mapping[str, Any]], conf: DetectionSettings
) -> dict[str, dict[str, Any]]:
    """One history body per ``<set>|<key>`` and tier (``schemas.keys_topic``, version 3) for
    back-dated signals: report times, occurrence spans and source ids (pure)."""
    grouped: dict[str, dict[str, Any]] = {}
    sets = [(dset, dset.name, dset.keyer(), conf.configs[dset.name]) for dset in conf.sets]
    for sig in signals:
        known = occurrence(sig)
        if known is None:
            continue  # never history (``live.is_history``)
        at, source = report_time(sig), sig["source_id"]
        tier = tier_name(sig["org_id"], sig["tlp"])
        suffix = keys_topic.tier_suffix(tier)
        for dset, name, keyer, cfg in sets:
            key = keyer(sig)
            if key is None or not judged(cfg, tier):
                continue
            full = f"{name}|{key}{suffix}"
            body = grouped.get(full)
            if body is None:
                body = {"s": name, "k": key, "d": dset.dimensions(sig),
                        "t": [], "a": [], "u": [], "r": []}  # fmt: skip
                if tier:
                    body["au"] = tier
                grouped[full] = body
            body["t"].append(at)
            body["a"].append(known[0])
            body["u"].append(known[1])
            body["r"].append(source)
    return grouped


def _event_time(metadata: str | None) -> int:
    """The newest event time a committed offset carries (0 if none or unreadable)."""
    try:
        return max(0, int(metadata or 0))
    except ValueError:
        return 0


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat()


@dataclass(frozen=True)
class RepartitionSettings:
    kafka: dict[str, Any]  # librdkafka settings: bootstrap.servers and security
    group: str
    prefix: str
    partitions: int  # of detect.keys (and of signals)
    # records per consume call: a key recurs more within a batch, so a backlog makes
    # fewer, longer key bodies (count stage alone: 29,500 -> 33,100 signals per CPU
    # second from 20,000 to 50,000); a live stream's calls return at ``wait`` with less
    batch: int = 50_000
    wait: float = 0.05  # seconds to wait for a batch to fill
    commit_every: float = 1.0  # seconds
    mark_every: float = 1.0  # seconds between watermark reports when no signals arrive
    session_timeout: float = 6.0
    heartbeat_interval: float = 1.0
    upstream_group: str | None = None  # the intake stage's group: its backlog holds time


class Repartition:
    """Runs in one thread (``run``); rebalance callbacks come on that thread too.

    ``stats`` counts ``signals``, ``late`` and ``dead:<kind>``; ``watermark`` is the newest
    event time read. The owner turns them into metrics."""

    def __init__(
        self, settings: RepartitionSettings, serde: Serde, conf: DetectionSettings
    ) -> None:
        self.s = settings
        self.serde = serde
        self.conf = conf
        self.topic = topics.SIGNALS.physical(settings.prefix)
        self.keys_topic = keys_topic.physical(settings.prefix)
        self.dlq_topic = topics.DLQ.physical(settings.prefix)
        self.source = SourceClock()
        self.levels = Levels()  # reports re-labelled stricter (``relabel``)
        # decoding under the dead-letter limit: a bad deploy that cannot decode anything
        # stops the worker instead of draining signals into the DLQ
        self.guard = Guard(serde, stage="detect", logger=log)
        self.project = serde.projection(topics.SIGNALS, FIELDS)
        self._partitioner = DefaultPartitioner()  # as the detect agent finds its keys
        self._partitions: dict[str, int] = {}  # <set>|<key> -> keys partition
        self._everyone = list(range(settings.partitions))
        self._mine: set[int] = set()
        self._start: dict[int, int] = {}  # committed offset at assignment, when asked
        self._consumer: Any = None
        self._producer: Any = None
        self._committed_at = 0.0
        self._marked_at = 0.0
        self.stats: Counter[str] = Counter()
        self.watermark = 0
        self.upstream = (
            None
            if settings.upstream_group is None
            else UpstreamGate(settings.kafka, settings.upstream_group,
                              topics.INCIDENTS.physical(settings.prefix))
        )  # fmt: skip

    # --- the loop ---

    def run(self, stop: Callable[[], bool]) -> None:
        from confluent_kafka import Producer

        self._consumer = new_consumer(
            self.s.kafka, self.s.group,
            session_timeout_ms=int(self.s.session_timeout * 1000),
            heartbeat_interval_ms=int(self.s.heartbeat_interval * 1000),
        )  # fmt: skip
        self._producer = Producer({
            **self.s.kafka, "enable.idempotence": True, "linger.ms": 5,
            "compression.type": "lz4",
        })  # fmt: skip
        self._consumer.subscribe(
            [self.topic], on_assign=self._assigned, on_revoke=self._revoked, on_lost=self._lost
        )
        try:
            while not stop():
                batch = self._consumer.consume(self.s.batch, self.s.wait)
                now = time.monotonic()
                if batch:
                    self._take(batch, now)
                elif now - self._marked_at >= self.s.mark_every:
                    self._mark(now)  # keeps time moving when no signals arrive
                self._producer.poll(0)
                if now - self._committed_at >= self.s.commit_every:
                    self._commit()
        finally:
            try:
                self._commit()
            finally:
                self._consumer.close()
                # what the close's hand-over sent (its marks, or marks of a loop that ran
                # with no partition) goes out before the process ends; librdkafka would
                # otherwise drop it at exit with a TERMINATE line
                left = self._producer.flush(10)
                if left:
                    log.warning("fan-out: %d keys message(s) not delivered at stop", left)
                if self.upstream is not None:
                    self.upstream.close()

    def _take(self, batch: list[Any], now: float) -> None:
        decoded = []
        read_at: list[tuple[int, int]] = []  # each decoded signal's partition and offset
        for msg in batch:
            if not message_ok(msg, log):
                continue
            got = self._decode(msg)
            if got is None:
                continue
            sig, at = got
            part, offset = msg.partition(), msg.offset()
            newest = self.source.newest.get(part)
            if newest is not None and self.conf.too_late(at, newest):
                self._late(Origin(self.topic, part, offset), msg.value(), at, newest)
            decoded.append(sig)
            read_at.append((part, offset))
            self.source.observe(part, at, now)
        self.stats["signals"] += len(decoded)
        if self.source.newest:
            self.watermark = max(self.watermark, *self.source.newest.values())
        if not decoded:
            return
        per_partition: dict[int, dict[str, Any]] = {}
        back: list[Mapping[str, Any]] = []
        for full, body in entries_by_key(decoded, self.conf, back, read_at, self.levels).items():
            per_partition.setdefault(self._partition_of(full), {})[full] = body
        per_history: dict[int, dict[str, Any]] = {}
        for full, body in history_by_key(back, self.conf).items():
            per_history.setdefault(self._partition_of(full), {})[full] = body
        for part, bodies in per_history.items():  # a batch's history before its news
            for value in keys_topic.pack_history(bodies):
                self._produce(self.keys_topic, value, part)
        for part, bodies in per_partition.items():
            for value in keys_topic.pack(bodies):
                self._produce(self.keys_topic, value, part)
        self._mark(now)

    def _decode(self, msg: Any) -> tuple[Mapping[str, Any], int] | None:
        """A signal and its event time (epoch seconds), or None once its dead letter is
        sent. The projection reads the fields this stage uses; whatever it does not read
        is decoded whole, or dead-lettered with the reason."""
        value = msg.value()
        sig = self.project(value)
        if sig is not None:
            self.guard.limit.record(ok=True)  # as ``Guard.data`` counts a decoded record
            return sig, sig["event_time"]
        whole = self.guard.data(topics.SIGNALS, value, origin_of(msg), validate=False)
        if isinstance(whole, DeadLetter):
            self._send_dead_letter(whole)
            return None
        return whole, report_time(whole)

    def _partition_of(self, full: str) -> int:
        """The keys partition of ``<set>|<key>``. Keys recur batch after batch and the
        partitioner's murmur2 is pure Python (a tenth of the fan-out's time): remembered."""
        part = self._partitions.get(full)
        if part is None:
            if len(self._partitions) >= PARTITION_CACHE:
                self._partitions.clear()
            part = self._partitioner(
                keys_topic.routing(full.encode()), self._everyone, self._everyone
            )
            self._partitions[full] = part
        return part

    def _late(self, origin: Origin, value: bytes | None, at: int, newest: int) -> None:
        """Late data, for the record: the signal still goes on and counts where it can."""
        self.stats["late"] += 1
        if self.conf.late_policy != "dead_letter":
            return
        reason = (
            f"event time {_iso(at)} arrived when partition {origin.partition} had reached "
            f"{_iso(newest)}: every window it belongs to had closed (allowed lateness "
            f"{max(c.lateness for c in self.conf.configs.values())} s)"
        )
        # late data is counted, not narrated (a backfill has lots), and is no failure:
        # it does not count against the dead-letter limit
        self._send_dead_letter(dead_letter(origin, value, stage="detect", kind="late",
                                           reason=reason))  # fmt: skip

    def _send_dead_letter(self, record: DeadLetter) -> None:
        self.stats[f"dead:{record.error_kind}"] += 1
        encoded = self.serde.encode(topics.DLQ, record.to_avro())
        self._produce(self.dlq_topic, encoded, None, key=(record.source_topic or "").encode())

    def _produce(self, topic: str, value: bytes, partition: int | None, key: bytes = b"") -> None:
        produce(self._producer, topic, value, key, partition=partition)

    # --- watermarks ---

    def _mark(self, now: float) -> None:
        """This reader's report, sent to every keys partition behind its entries there."""
        self.source.assigned(self._mine, now)
        caught_up = self._caught_up(self.source.quiet(now))
        if self.upstream is not None and not self.upstream.open(now):
            caught_up = set()  # incidents still to normalise: no partition is idle yet
        self._send_mark(self.source.report(now, caught_up), self._read_to())
        self._marked_at = now

    def _read_to(self) -> dict[int, int]:
        """Where this reader has read each of its partitions to: every report below was
        sent ahead of the mark that says so (the count stage tells repeats by it)."""
        from confluent_kafka import TopicPartition

        tps = [TopicPartition(self.topic, p) for p in sorted(self._mine)]
        if not tps:
            return {}
        return {tp.partition: tp.offset for tp in self._consumer.position(tps) if tp.offset >= 0}

    def _send_mark(
        self, report: Mapping[int, tuple[int, bool]], read_to: Mapping[int, int] | None = None
    ) -> None:
        mark = keys_topic.mark(report, time.time(), read_to)
        for number in self._everyone:
            self._produce(self.keys_topic, mark, number)

    def _caught_up(self, quiet: set[int]) -> set[int]:
        """Which of the ``quiet`` partitions have nothing left to read (unknown counts as
        behind). An empty partition is caught up: with few partners most stay empty, and
        they must not hold time back. The end of the log is asked of the broker, not taken
        from the last fetch: a quiet partition whose new data this reader has not fetched
        yet, while another partition's batch moves time on, would otherwise be declared
        idle, and the watermark would close windows its data still belongs to."""
        from confluent_kafka import KafkaException

        quiet = quiet & self._mine
        if not quiet:
            return set()
        try:
            return self._at_end(quiet)
        except KafkaException as err:
            # the broker asked is away: killed, or its handle destroyed once it left the
            # cluster's metadata ("Failed to get watermark offsets: Broker handle
            # destroyed" stopped the worker when one broker of three was killed). Not
            # knowing is being behind: no idle claim until a later mark can ask again
            log.info("fan-out: end of the signals log unknown (%s); no partition idle yet",
                     err.args[0] if err.args else err)  # fmt: skip
            return set()

    def _at_end(self, quiet: set[int]) -> set[int]:
        """Which of the ``quiet`` partitions of this reader's have nothing left to read,
        asked of their leaders (KafkaException when one does not answer)."""
        from confluent_kafka import TopicPartition

        tps = [TopicPartition(self.topic, p) for p in sorted(quiet)]
        positions = {tp.partition: tp.offset for tp in self._consumer.position(tps)}
        unknown = [tp for tp in tps if positions[tp.partition] < 0 and tp.partition
                   not in self._start]  # fmt: skip
        if unknown:  # nothing read since the assignment: where did the group leave off?
            for tp in self._consumer.committed(unknown, timeout=5):
                self._start[tp.partition] = tp.offset
        out = set()
        for tp in tps:
            pos = positions[tp.partition]
            if pos < 0:
                pos = self._start.get(tp.partition, -1)
            if pos >= 0 and pos < self._consumer.get_watermark_offsets(tp, cached=True)[1]:
                continue  # behind already by the last fetch (the log's end only grows)
            low, high = self._consumer.get_watermark_offsets(tp, timeout=5)
            if pos < 0:
                pos = low  # the group never committed here: reading starts at the log start
            if pos >= high:
                out.add(tp.partition)
        return out

    # --- offsets and rebalances ---

    def _commit(self) -> None:
        """Commit what was read, once every keys message it produced is in Kafka."""
        from confluent_kafka import TopicPartition

        self._committed_at = time.monotonic()
        if not self._mine:
            return
        tps = [TopicPartition(self.topic, p) for p in sorted(self._mine)]

        def positions() -> list[Any]:
            # the newest event time read travels with the offset: whoever reads on from
            # here knows how far this partition's time has got (else a caught-up partition
            # would report "nothing yet" after every rebalance and hold every watermark)
            return [
                TopicPartition(self.topic, tp.partition, tp.offset,
                               metadata=str(self.source.newest.get(tp.partition, 0)))
                for tp in read_positions(self._consumer, tps)
            ]  # fmt: skip

        # the entries are out before the offsets; a refused commit means the next owner
        # re-reads them, and counting absorbs it
        Checkpoint(
            flush=self._producer.flush,
            commit=lambda: commit_offsets(self._consumer, positions(), logger=log),
        ).run()

    def _assigned(self, consumer: Any, partitions: list[Any]) -> None:
        self._mine |= {tp.partition for tp in partitions}
        log.info("fan-out: reading signals partitions %s", sorted(self._mine))
        self.source.assigned(self._mine, time.monotonic())
        try:
            committed = consumer.committed(partitions, timeout=10)
        except Exception as err:  # the offsets are asked again when needed
            log.warning("fan-out: committed offsets unknown (%s)", err)
            return
        for tp in committed:
            self._start[tp.partition] = tp.offset
            newest = _event_time(tp.metadata)
            if newest:
                self.source.newest[tp.partition] = newest

    def _revoked(self, consumer: Any, partitions: list[Any]) -> None:
        self._commit()  # the next owner starts where we stopped
        self._release(partitions)

    def _lost(self, consumer: Any, partitions: list[Any]) -> None:
        self._release(partitions)  # not ours any more: nothing to commit

    def _release(self, partitions: list[Any]) -> None:
        # withdraw any "idle" we claimed for them: until the next owner reports, each holds
        # time at its newest event (else the other partitions could move time past new
        # data the next owner has not read yet); flushed before the group moves on
        gone = {tp.partition for tp in partitions} & self._mine
        if gone:
            self._send_mark({p: (self.source.newest.get(p, 0), False) for p in sorted(gone)})
            self._producer.flush()
        for tp in partitions:
            self._mine.discard(tp.partition)
            self._start.pop(tp.partition, None)
        self.source.assigned(self._mine, time.monotonic())
