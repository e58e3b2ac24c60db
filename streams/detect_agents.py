"""The detection pipeline on Faust: signals → per-key entries → windowed state → detections.

1. ``fanout`` reads signals in batches, computes each signal's key in every dimension set,
   groups the batch's entries per key and sends one message per key to the internal
   ``detect.keys`` topic, keyed by ``<set>|<key>`` — Kafka's partitioning then puts each
   key's state on exactly one worker.
2. ``detect`` reads those messages in batches, adds the entries to the key's state (a set
   of reports per window: idempotent, so replays after a crash or a rebalance do not
   inflate counts), closes windows the watermark passed, assesses open ones and sends
   detection versions to ``detections``. Each touched key's state is written once per
   batch to a changelog-backed table, in the partition of the message that carried it.
3. A timer advances quiet keys, so detections resolve without new data for their key.

Watermarks (streams.watermarks): after each batch, and every second when idle, ``fanout``
sends its mark to every ``detect.keys`` partition, behind the entries it sent; ``detect``
takes the oldest mark over its partitions and the readers still sending, so no window
closes while entries for it may still be queued somewhere it has not read yet.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import faust
from aiokafka.partitioner import DefaultPartitioner
from faust.types import TP

from schemas import topics
from schemas.deadletters import Origin, dead_letter
from schemas.serde import DecodeError, Serde
from streams import metrics, state_codec
from streams.config import Detection
from streams.contiguity import StartGuard
from streams.engine import Engine, KeyState
from streams.guard import DlqLimit
from streams.offsets import CommittedOffsets
from streams.watermarks import MergedClock, SourceClock

log = logging.getLogger(__name__)


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat()


BATCH = 2000
BATCH_WAIT = 0.05  # seconds
TICK = 2.0  # seconds between advancing quiet keys


def entries_by_key(
    signals: Sequence[Mapping[str, Any]], conf: Detection
) -> dict[str, dict[str, Any]]:
    """One message body per ``<set>|<key>``: the set, key, dimensions and compact entries
    ``[event_time, source_id, org_id, signal_id, tlp]`` (pure)."""
    grouped: dict[str, dict[str, Any]] = {}
    for sig in signals:
        at = int(sig["event_time"].timestamp())
        entry = [at, sig["source_id"], sig["org_id"], sig["signal_id"], sig["tlp"]]
        for dset in conf.sets:
            key = dset.key(sig)
            if key is None:
                continue
            full = f"{dset.name}|{key}"
            body = grouped.get(full)
            if body is None:
                body = {"s": dset.name, "k": key, "d": dset.dimensions(sig), "e": []}
                grouped[full] = body
            body["e"].append(entry)
    return grouped


def register_detection(  # noqa: PLR0915 - one pipeline's wiring, read top to bottom
    app: faust.App,
    prefix: str,
    partitions: int,
    serde: Serde,
    conf: Detection,
    *,
    committed: CommittedOffsets,
) -> None:
    signals_topic = app.topic(topics.SIGNALS.physical(prefix))
    keys_topic = app.topic(f"{prefix}detect.keys", partitions=partitions, internal=True)
    detections = app.topic(topics.DETECTIONS.physical(prefix))
    dlq = app.topic(topics.DLQ.physical(prefix))
    table = app.Table(
        "detect-state",
        default=None,
        partitions=partitions,
        key_type=bytes,  # bytes in and out: "raw" changelog serialisation
        value_type=bytes,
    )
    engine = Engine(conf.sets, conf.configs)
    partitioner = DefaultPartitioner()  # where the producer put each key
    cache: dict[bytes, tuple[int, KeyState]] = {}  # key -> (changelog partition, state)

    reload = [True]  # load every assigned key's state before the next batch
    ready = asyncio.Event()  # tables recovered for the current assignment

    async def revoked(sender: Any, *args: Any, **kwargs: Any) -> None:
        ready.clear()  # until recovery completes, the table may be behind its changelog
        cache.clear()
        merged.forget()  # marks are relearnt from the partitions we hold next
        part_marks.clear()
        last_read.clear()  # what we read before says nothing about what we hold next
        # after the rebalance Faust rewinds to the committed offsets and re-delivers what
        # followed them; a newest time kept from before would let windows close first
        source.newest.clear()
        source.heard.clear()
        for guard in starts.values():
            guard.reset()  # each assignment's delivery is checked anew

    async def recovered(sender: Any, *args: Any, **kwargs: Any) -> None:
        cache.clear()  # states of our partitions are reloaded from the recovered table
        reload[0] = True
        ready.set()

    app.on_partitions_revoked.connect(revoked)  # type: ignore[arg-type]
    app.on_rebalance_complete.connect(recovered)  # type: ignore[arg-type]

    def load_assigned() -> None:
        """Every key of our partitions into the cache, so quiet keys' windows still close
        and their detections resolve after a rebalance or a restart."""
        mine = assigned(keys_topic.get_topic_name())
        everyone = list(range(partitions))
        for full, raw in list(table.data.items()):
            part = partitioner(full, everyone, everyone)
            if part in mine and full not in cache and raw is not None:
                cache[full] = (part, state_codec.loads(raw))
        reload[0] = False

    async def send_dead_letter(origin: Origin, value: bytes | None, kind: str, reason: str) -> None:
        record = dead_letter(origin, value, stage="detect", kind=kind, reason=reason)
        metrics.DEAD_LETTERS.labels("detect", kind).inc()
        await dlq.send(key=origin.topic.encode(), value=serde.encode(topics.DLQ, record.to_avro()))

    async def dead_letter_of(err: DecodeError, value: bytes | None) -> None:
        origin = Origin(err.topic or "", err.partition or 0, err.offset or 0)
        await send_dead_letter(origin, value, err.kind, err.reason)

    async def late_letter(msg: Any, value: bytes, at: int, newest: int) -> None:
        """Late data, for the record: the signal still goes on and counts where it can."""
        reason = (
            f"event time {_iso(at)} arrived when partition {msg.partition} had reached "
            f"{_iso(newest)}: every window it belongs to had closed (allowed lateness "
            f"{max(c.lateness for c in conf.configs.values())} s)"
        )
        await send_dead_letter(Origin(msg.topic, msg.partition, msg.offset), value, "late", reason)

    limit = DlqLimit()  # a bad deploy that cannot decode anything stops the worker

    starts = {  # per input topic: did delivery after the assignment start where it should?
        signals_topic.get_topic_name(): StartGuard(),
        keys_topic.get_topic_name(): StartGuard(),
    }

    async def admitted(events: list[Any]) -> list[Any]:
        """The events to process. A partition whose first delivery after an assignment
        lies past the group's committed offset lost records in the Faust consumer: it is
        read again from that offset, and what was fetched before is skipped until then."""
        firsts: dict[tuple[str, int], int] = {}
        for event in events:
            msg = event.message
            if starts[msg.topic].unknown(msg.partition):
                firsts.setdefault((msg.topic, msg.partition), msg.offset)
        for topic in {t for t, _ in firsts}:
            ask = [p for t, p in firsts if t == topic]
            loop = asyncio.get_running_loop()
            try:
                group = await loop.run_in_executor(None, committed.get, topic, ask)
            except Exception as err:  # unknown: process, as Faust would have
                log.warning("could not ask committed offsets of %s: %s", topic, err)
                continue
            for part in ask:
                target = starts[topic].decide(part, firsts[topic, part], group.get(part))
                if target is not None:
                    log.warning("%s partition %s: delivery after the rebalance began at %s, "
                                "past the committed offset %s; reading again from there",
                                topic, part, firsts[topic, part], target)  # fmt: skip
                    await app.consumer.seek(TP(topic, part), target)
        return [e for e in events if starts[e.message.topic].admit(e.message.partition,
                                                                    e.message.offset)]  # fmt: skip

    source = SourceClock()
    merged = MergedClock(sources=partitions)  # the signals topic has as many partitions

    def assigned(topic: str) -> set[int]:
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == topic}

    last_read: dict[int, int] = {}  # signals partition -> offset of the last record read

    drained: set[int] = set()  # held signals partitions never read here, nothing to read

    def caught_up() -> set[int]:
        """Signals partitions with nothing left to read (unknown counts as behind)."""
        out = set(drained)
        for tp in app.assignor.assigned_actives():
            if tp.topic != signals_topic.get_topic_name() or tp.partition not in last_read:
                continue
            high = app.consumer.highwater(tp)
            if high is not None and last_read[tp.partition] + 1 >= high:
                out.add(tp.partition)
        return out

    async def find_drained() -> None:
        """A partition with no new data yields no records, so ``last_read`` never learns it
        is caught up; without this, one empty partition (sparse data: the normal case for
        a few partners) would hold every watermark at zero and no window would close."""
        name = signals_topic.get_topic_name()
        unread = [
            tp
            for tp in app.assignor.assigned_actives()
            if tp.topic == name and tp.partition not in last_read
        ]
        found = set()
        if unread:
            loop = asyncio.get_running_loop()
            try:
                highs = await app.consumer.highwaters(*unread)
                ask = [tp.partition for tp in unread]
                group = await loop.run_in_executor(None, committed.get, name, ask)
                for tp in unread:
                    pos = await app.consumer.position(tp)
                    if pos is None or tp not in highs or pos < highs[tp]:
                        continue  # records are coming
                    start = group.get(tp.partition)
                    if start is not None and start < highs[tp]:
                        # read to the end, yet nothing reached us: the Faust consumer
                        # dropped records fetched around a rebalance. Read them again
                        # (counting is idempotent, so a repeat is harmless).
                        log.warning("signals partition %s: records %s-%s were fetched but "
                                    "never delivered; reading them again", tp.partition,
                                    start, highs[tp] - 1)  # fmt: skip
                        await app.consumer.seek(tp, start)
                        continue
                    found.add(tp.partition)
            except Exception as err:  # a rebalance may take the partition away meanwhile
                log.debug("could not check unread partitions: %s", err)
                return
        drained.clear()
        drained.update(found)

    async def send_mark() -> None:
        now = time.monotonic()
        source.assigned(assigned(signals_topic.get_topic_name()), now)
        report = {str(p): [t, idle] for p, (t, idle) in source.report(now, caught_up()).items()}
        mark = json.dumps({"w": report}).encode()
        for number in range(partitions):
            await keys_topic.send(key=b"", value=mark, partition=number)

    async def fanout(stream: Any) -> Any:
        async for batch in stream.take_events(BATCH, within=BATCH_WAIT):
            events = await admitted(batch)
            decoded = []
            for event in events:
                msg = event.message
                where = {"topic": msg.topic, "partition": msg.partition, "offset": msg.offset}
                try:
                    sig = serde.decode(topics.SIGNALS, event.value, **where)
                except DecodeError as err:
                    await dead_letter_of(err, event.value)
                    limit.record(ok=False)
                    continue
                limit.record(ok=True)
                at = int(sig["event_time"].timestamp())
                newest = source.newest.get(msg.partition)
                if newest is not None and conf.too_late(at, newest):
                    metrics.LATE.inc()
                    if conf.late_policy == "dead_letter":
                        await late_letter(msg, event.value, at, newest)
                decoded.append(sig)
                last_read[msg.partition] = msg.offset
                source.observe(msg.partition, at, time.monotonic())
            metrics.SIGNALS.inc(len(decoded))
            if source.newest:
                metrics.WATERMARK.set(max(source.newest.values()))
            if decoded:
                # one message per keys partition, carrying every key that lives there:
                # Faust costs ~150 µs per message, so per-key messages would cap us at a
                # few thousand signals/s
                packed: dict[int, dict[str, Any]] = {}
                everyone = list(range(partitions))
                for full, body in entries_by_key(decoded, conf).items():
                    part = partitioner(full.encode(), everyone, everyone)
                    packed.setdefault(part, {})[full] = body
                for part, bodies in packed.items():
                    value = json.dumps({"keys": bodies}).encode()
                    await keys_topic.send(key=b"", value=value, partition=part)
                await send_mark()
            yield len(batch)

    async def emit(
        full: bytes, partition: int, state: KeyState, found: list[dict[str, Any]]
    ) -> None:
        for det in found:
            metrics.DETECTIONS.labels(det["state"]).inc()
            await detections.send(key=full, value=serde.encode(topics.DETECTIONS, det))
        value = None if engine.forgettable(state) else state_codec.dumps(state)
        # straight into the Kafka producer, which the offset commit flushes first; Faust's
        # send_changelog goes through a buffer whose flush gives up after 0.1 s, so a
        # kill -9 could lose state whose input offsets were already committed
        await table.changelog_topic.send(key=full, value=value, partition=partition, force=True)
        if value is None:
            cache.pop(full, None)
            table.data.pop(full, None)
            return
        table.data[full] = value
        cache[full] = (partition, state)

    def state_for(full: bytes, body: dict[str, Any]) -> KeyState:
        hit = cache.get(full)
        if hit is not None:
            return hit[1]
        raw = table.data.get(full)
        if raw is not None:
            return state_codec.loads(raw)
        return engine.new_state(body["s"], body["k"], body["d"])

    async def detect(stream: Any) -> Any:
        async for batch in stream.take_events(BATCH, within=BATCH_WAIT):
            events = await admitted(batch)
            # never wait for the rebalance here: Faust finishes a revocation only once the
            # agents have processed what they hold, so waiting deadlocked the group. Events
            # of newly assigned partitions come only after their tables recovered.
            if reload[0] and ready.is_set():
                load_assigned()
            mine = assigned(keys_topic.get_topic_name())
            touched: dict[bytes, tuple[int, KeyState]] = {}
            for event in events:
                part = event.message.partition
                if part not in mine:
                    continue  # buffered before a rebalance took it: its new owner reads it
                body = json.loads(event.value)
                if "w" in body:  # a mark, behind the entries its reader sent before it
                    report = {int(p): (int(t), bool(i)) for p, (t, i) in body["w"].items()}
                    merged.heard(part, report)
                    continue
                at_partition(part)
                for name, entry in body["keys"].items():
                    if entry["s"] not in engine.configs:
                        continue  # a set that is no longer configured
                    full = name.encode()
                    # the engine watches from the earliest event it has seen; new keys'
                    # history starts there (as in a replay: the first event of all)
                    earliest = min(e[0] for e in entry["e"])
                    if engine.first_event is None or earliest < engine.first_event:
                        engine.first_event = earliest
                    state = touched[full][1] if full in touched else state_for(full, entry)
                    for at, source, org, sid, tlp in entry["e"]:
                        sig = {"source_id": source, "org_id": org, "signal_id": sid, "tlp": tlp}
                        if not engine.add_to(state, sig, at):
                            engine.late += 1
                            metrics.UNCOUNTED.inc()
                    touched[full] = (part, state)
            for full, (partition, state) in touched.items():
                at_partition(partition)
                found = engine.close_due(state) + engine.peek_state(state)
                await emit(full, partition, state, found)
            yield len(batch)

    part_marks: dict[int, int] = {}

    def at_partition(part: int) -> None:
        """Set the engine's clock to this keys partition's watermark. Each key lives in one
        partition, and a mark read there vouches for every entry before it, so a partition
        another worker left behind is never judged by a faster one's clock."""
        mark = merged.watermark(part)
        if mark is not None:
            part_marks[part] = max(part_marks.get(part, 0), mark)
        engine.watermark = part_marks.get(part, 0)

    reported_late = [0]

    async def tick() -> None:
        if not ready.is_set():
            return
        if engine.late > reported_late[0]:
            # also tahub_detect_uncounted_entries_total on the worker's /metrics
            log.warning("detection: %d entries arrived after their window closed", engine.late)
            reported_late[0] = engine.late
        await find_drained()
        await send_mark()  # keeps time moving when no signals arrive
        for full, (partition, state) in list(cache.items()):
            at_partition(partition)
            found = engine.close_due(state)
            if found:
                await emit(full, partition, state, found)

    app.timer(TICK)(tick)
    app.agent(signals_topic, name="detect-fanout")(fanout)
    app.agent(keys_topic, name="detect-keys")(detect)
