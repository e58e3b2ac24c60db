"""The detection pipeline on Faust: signals → per-key entries → windowed state → detections.

1. ``streams.fanout`` (a child process of this worker, reading signals in bulk) computes
   each signal's key in every dimension set, groups a batch's entries per key, sends them
   to the internal ``detect.keys`` topic, each key to the partition its ``<set>|<key>``
   hashes to — Kafka's partitioning then puts each key's state on exactly one worker.
2. ``detect`` (a Faust agent) reads those messages in batches, adds the entries to the
   key's state (a set of reports per window: idempotent, so replays after a crash or a
   rebalance do not inflate counts), closes windows the watermark passed, assesses open
   ones and sends detection versions to ``detections``. Changed key states are written
   to a changelog-backed table just before each offset commit, in the partition of the
   messages that carried their entries.
3. A timer advances quiet keys, so detections resolve without new data for their key.

Watermarks (streams.watermarks): after each batch, and every second when idle, the
fan-out sends its mark to every ``detect.keys`` partition, behind the entries it sent;
``detect`` takes the oldest mark over the signals partitions, so no window closes while
entries for it may still be queued somewhere it has not read yet.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import faust
import orjson
from aiokafka.partitioner import DefaultPartitioner
from faust.types import TP

from schemas import topics
from schemas.ids import IdKey
from schemas.serde import Serde
from streams import metrics, state_codec
from streams.config import Detection
from streams.contiguity import Sequencer
from streams.engine import Engine, KeyState
from streams.fanout_process import FanoutProcess
from streams.offsets import CommittedOffsets
from streams.outbox import Outbox
from streams.transport import before_commit
from streams.watermarks import MergedClock

log = logging.getLogger(__name__)


BATCH = 200  # keys messages (each carries up to MAX_MESSAGE bytes of entries)
BATCH_WAIT = 0.05  # seconds
TICK = 2.0  # seconds between advancing quiet keys
YIELD_BYTES = 1_000_000  # state bytes written between yields to the event loop


def register_detection(  # noqa: PLR0915 - one pipeline's wiring, read top to bottom
    app: faust.App,
    prefix: str,
    partitions: int,
    serde: Serde,
    conf: Detection,
    *,
    committed: CommittedOffsets,
    fanout: FanoutProcess,
    ids: IdKey,
) -> None:
    keys_topic = app.topic(f"{prefix}detect.keys", partitions=partitions, internal=True)
    keys_name = keys_topic.get_topic_name()
    detections = topics.DETECTIONS.physical(prefix)
    table = app.Table(
        "detect-state",
        default=None,
        partitions=partitions,
        key_type=bytes,  # bytes in and out: "raw" changelog serialisation
        value_type=bytes,
    )
    changelog = table.changelog_topic.get_topic_name()
    outbox = Outbox(committed.kafka)
    engine = Engine(conf.sets, conf.configs, ids=ids)
    partitioner = DefaultPartitioner()  # where the producer put each key
    cache: dict[bytes, tuple[int, KeyState]] = {}  # key -> (changelog partition, state)

    reload = [True]  # load every assigned key's state before the next batch
    ready = asyncio.Event()  # tables recovered for the current assignment

    async def revoked(sender: Any, *args: Any, **kwargs: Any) -> None:
        ready.clear()  # until recovery completes, the table may be behind its changelog
        await write_states()  # what we counted stays counted, whoever reads on
        await outbox.flush()
        cache.clear()
        merged.forget()  # marks are relearnt from the partitions we hold next
        part_marks.clear()
        ticked.clear()
        sequence.reset()  # each assignment's delivery is checked anew

    async def recovered(sender: Any, *args: Any, **kwargs: Any) -> None:
        await write_states()
        await outbox.flush()
        ticked.clear()
        cache.clear()  # states of our partitions are reloaded from the recovered table
        reload[0] = True
        ready.set()

    app.on_partitions_revoked.connect(revoked)  # type: ignore[arg-type]
    app.on_rebalance_complete.connect(recovered)  # type: ignore[arg-type]

    def load_assigned() -> None:
        """Every key of our partitions into the cache, so quiet keys' windows still close
        and their detections resolve after a rebalance or a restart."""
        mine = assigned(keys_name)
        everyone = list(range(partitions))
        for full, raw in list(table.data.items()):
            part = partitioner(full, everyone, everyone)
            if part in mine and full not in cache and raw is not None:
                cache[full] = (part, state_codec.loads(raw))
        reload[0] = False

    sequence = Sequencer()  # each keys partition in order, from where the group left off

    async def admitted(events: list[Any]) -> list[Any]:
        """The events to process, each partition's in exact offset order from where the
        group resumes; out of order or missing records make it read again from there."""
        firsts: dict[int, int] = {}
        for event in events:
            if sequence.unknown(event.message.partition):
                firsts.setdefault(event.message.partition, event.message.offset)
        if firsts:
            loop = asyncio.get_running_loop()
            try:
                group = await loop.run_in_executor(None, committed.get, keys_name, list(firsts))
            except Exception as err:
                # without the resume point nothing can be checked: those partitions' records
                # come again, and the question is asked again then
                log.warning("could not ask where %s resumes (%s); reading again", keys_name, err)
                for part, first in firsts.items():
                    await app.consumer.seek(TP(keys_name, part), first)
                await asyncio.sleep(1.0)
                return [e for e in events if e.message.partition not in firsts]
            for part, first in firsts.items():
                sequence.start(part, group.get(part), first)
        out = []
        for event in events:
            msg = event.message
            ok, rewind = sequence.admit(msg.partition, msg.offset)
            if rewind is not None:
                log.warning("%s partition %s: offset %s came where %s was due; reading "
                            "again from %s", keys_name, msg.partition, msg.offset, rewind,
                            rewind)  # fmt: skip
                await app.consumer.seek(TP(keys_name, msg.partition), rewind)
            if ok:
                out.append(event)
        return out

    merged = MergedClock(sources=partitions)  # the signals topic has as many partitions

    def assigned(topic: str) -> set[int]:
        return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == topic}

    dirty: set[bytes] = set()  # cached states changed since they were last written

    async def emit(
        full: bytes, partition: int, state: KeyState, found: list[dict[str, Any]]
    ) -> None:
        for det in found:
            metrics.DETECTIONS.labels(det["state"]).inc()
            outbox.send(detections, full, serde.encode(topics.DETECTIONS, det))
        cache[full] = (partition, state)
        dirty.add(full)

    writing = asyncio.Lock()  # a revocation waits for a write in progress

    async def write_states() -> None:
        """Every changed state into the changelog, before offsets are committed (the
        transport's hook): a state is serialised once per commit, not once per batch —
        per batch, a busy key's large window made the cost grow with its size. It yields
        to the agent now and then, so a commit is not one long pause in counting; a
        state that changes meanwhile is written again at the next commit."""
        async with writing:
            keys = list(dirty)
            dirty.clear()
            mine = assigned(keys_name)
            work = 0
            for full in keys:
                hit = cache.get(full)
                if hit is None:
                    continue
                partition, state = hit
                if partition not in mine:
                    # taken by another worker meanwhile: a late write of ours could land
                    # after its owner's and hide what the owner counted since
                    cache.pop(full, None)
                    continue
                value = None if engine.forgettable(state) else state_codec.dumps(state)
                outbox.send(changelog, full, value, partition)
                if value is None:
                    if full not in dirty:  # not changed again meanwhile
                        cache.pop(full, None)
                    table.data.pop(full, None)
                else:
                    table.data[full] = value
                    work += len(value)
                if work > YIELD_BYTES:
                    work = 0
                    await asyncio.sleep(0)

    async def before_commit_hook() -> None:
        await write_states()
        await outbox.flush()  # detections and states in Kafka before the input is committed

    before_commit(app, before_commit_hook)

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
            mine = assigned(keys_name)
            touched: dict[bytes, tuple[int, KeyState]] = {}
            for event in events:
                part = event.message.partition
                if part not in mine:
                    continue  # buffered before a rebalance took it: its new owner reads it
                body = orjson.loads(event.value)
                if "w" in body:  # a mark, behind the entries its reader sent before it
                    report = {int(p): (int(t), bool(i)) for p, (t, i) in body["w"].items()}
                    merged.heard(part, report, float(body.get("at", 0.0)))
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
                    uncounted = 0
                    for e in entry["e"]:  # [at, source, org, tlp] (a signal id before tlp once)
                        if not engine.add_entry(state, e[0], e[1], e[2], e[-1]):
                            uncounted += 1
                    if uncounted:
                        engine.late += uncounted
                        metrics.UNCOUNTED.inc(uncounted)
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
    ticked: dict[int, tuple[int, ...]] = {}  # keys partition -> window edges at the last tick

    async def tick() -> None:
        if not ready.is_set():
            return
        if engine.late > reported_late[0]:
            # also tahub_detect_uncounted_entries_total on the worker's /metrics
            log.warning("detection: %d entries came after their window closed (late data, or "
                        "entries a new owner re-sent after a hand-over, counted already)",
                        engine.late)  # fmt: skip
            reported_late[0] = engine.late
        # only partitions whose watermark crossed a window boundary since the last tick
        # can have windows to close: the rest are skipped (a pass costs ~µs per key)
        due = {}
        for partition in {p for p, _ in cache.values()}:
            at_partition(partition)
            edge = tuple(
                (engine.watermark - c.lateness) // c.window for c in engine.configs.values()
            )
            if ticked.get(partition) != edge:
                due[partition] = edge
        for full, (partition, state) in list(cache.items()):
            if partition not in due:
                continue
            at_partition(partition)
            found = engine.close_due(state)
            if found:
                await emit(full, partition, state, found)
        ticked.update(due)

    async def run_fanout() -> None:
        """The fan-out process lives as long as the app; if it fails, the worker stops."""
        try:
            await fanout.run()
        except asyncio.CancelledError:
            raise
        except Exception as err:
            log.error("detection fan-out failed: %s", err)
            await app.crash(err)

    app.timer(TICK)(tick)
    app.task(run_fanout)
    app.agent(keys_topic, name="detect-keys")(detect)
