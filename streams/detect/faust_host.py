"""The count stage hosted on Faust: the detection pipeline's wiring onto one worker.

Signals → ``repartition`` (a child process: signals read in bulk, keyed in every
dimension set, sent to ``detect.keys``, each key to the partition its ``<set>|<key>``
hashes to, so each key's state is on exactly one worker) → ``count_stage`` (on a Faust
agent here: counts, watermarks, detection versions) → ``detections``; key states go to a
changelog-backed Faust table at each checkpoint, just before Faust commits offsets.

What this module owns is Faust's side: the agent, the timer that advances quiet keys,
rebalance signals and the table; which records the agent counts is ``admission``'s. Every
patch to Faust's internals it relies on is in ``streams.faust_patches``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from typing import Any

import faust
from aiokafka.partitioner import DefaultPartitioner

from consumers.kit.checkpoint import Checkpoint
from schemas import keys_topic, topics
from schemas.ids import IdKey
from schemas.serde import Serde
from streams import faust_patches, gc_tuning, metrics, native
from streams.detect import count_stage
from streams.detect.admission import Admission, Record
from streams.detect.backfill import LogReader
from streams.detect.config import DetectionSettings
from streams.detect.count_stage import CountStage, Output, StateWrite
from streams.detect.engine import Engine
from streams.detect.offsets import CommittedOffsets
from streams.detect.outputs import Outputs
from streams.detect.repartition_process import RepartitionProcess

log = logging.getLogger(__name__)


BATCH = 200  # keys messages (each carries up to keys_topic.MAX_MESSAGE bytes of entries)
BATCH_WAIT = 0.05  # seconds
TICK = 2.0  # seconds between advancing quiet keys
# the least time between ticks a mark that moved time past an edge asks for: a tick
# visits every held key, and on a backlog nearly every batch moves time past an edge
# (one each batch halved the backlog's rate)
EARLY_TICK = 0.25
# keys a tick visits before counting may go on (CountStage.tick): a whole pass over
# 18,000 keys was a pause of 0.3-0.4 s at a steady 10,000 signals/s
TICK_SLICE = 1_000
YIELD_AFTER = 0.02  # seconds of checkpoint writing between yields to the event loop


class FaustHost:
    """The count stage on a Faust agent: events in, detections and states out, offsets
    committed by Faust after ``checkpoint`` (run from the transport's before-commit hook)."""

    def __init__(
        self,
        app: faust.App,
        prefix: str,
        partitions: int,
        serde: Serde,
        conf: DetectionSettings,
        *,
        committed: CommittedOffsets,
        repartition: RepartitionProcess,
        ids: IdKey,
    ) -> None:
        self.app = app
        self.serde = serde
        self.committed = committed
        self.repartition = repartition
        self.keys_topic = app.topic(
            keys_topic.physical(prefix), partitions=partitions, internal=True
        )
        self.keys_name = self.keys_topic.get_topic_name()
        self.detections = topics.DETECTIONS.physical(prefix)
        self.table = app.Table(
            "detect-state",
            default=None,
            partitions=partitions,
            key_type=bytes,  # bytes in and out: "raw" changelog serialisation
            value_type=bytes,
        )
        self.changelog = self.table.changelog_topic.get_topic_name()
        self.outputs = Outputs(committed.kafka)
        self.ticked_at = 0.0  # monotonic time of the last tick
        self.tick_due = asyncio.Event()  # a tick asked for: the ticker's turn
        partitioner = DefaultPartitioner()  # where the producer put each key
        everyone = list(range(partitions))
        self.stage = CountStage(
            Engine(conf.sets, conf.configs, ids=ids, backdated_after=conf.backdated_after),
            signals_partitions=partitions,  # the signals topic has as many partitions
            stored=self.table.data,
            partition_of=lambda full: partitioner(keys_topic.routing(full), everyone, everyone),
        )
        reader = LogReader(committed.kafka, committed.group, self.keys_name)
        self.admission = Admission(
            self.stage,
            resume_points=lambda parts: committed.get(self.keys_name, parts),
            read=reader.read,
            topic=self.keys_name,
        )
        self.reload = True  # load every assigned key's state before the next batch
        self.ready = asyncio.Event()  # tables recovered for the current assignment
        self.writing = asyncio.Lock()  # a revocation waits for a checkpoint in progress
        self.gc_pauses = gc_tuning.Pauses()  # the collector's pauses, for the metrics
        self.reported_late = 0
        self.reported_repeats = 0

    def register(self) -> None:
        # which build runs (a source tree first on the path shadows a compiled install)
        metrics.BUILD.labels(native.build_of(count_stage)).set(1)
        app = self.app
        app.on_partitions_revoked.connect(self._revoked)  # type: ignore[arg-type]
        app.on_rebalance_complete.connect(self._recovered)  # type: ignore[arg-type]
        faust_patches.before_commit(app, self.checkpoint)
        app.timer(TICK)(self.tick)
        self.gc_pauses.install()
        app.timer(TICK)(self._report_gc)
        app.task(self._ticker)
        app.task(self._run_repartition)
        app.agent(self.keys_topic, name="detect-keys")(self._agent)

    def mine(self) -> set[int]:
        return {
            tp.partition for tp in self.app.assignor.assigned_actives()
            if tp.topic == self.keys_name
        }  # fmt: skip

    # --- rebalances ---

    async def _revoked(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        self.ready.clear()  # until recovery completes, the table may be behind its changelog

        async def save() -> None:
            async with self.writing:
                await self._write(self.stage.revoke())

        # Faust commits once the revocation is handled
        await Checkpoint(save=save, flush=self.outputs.flush).run_async()

    async def _recovered(self, sender: Any, *args: Any, **kwargs: Any) -> None:
        await self.checkpoint()
        self.reload = True  # states of our partitions are reloaded from the recovered table
        self.ready.set()

    # --- the agent ---

    async def _agent(self, stream: Any) -> Any:
        async for batch in stream.take_events(BATCH, within=BATCH_WAIT):
            got = [(e.message.partition, e.message.offset, e.value) for e in batch]
            try:
                async for records in self.admission.admitted(got):
                    self._count(records)
            except Exception as err:
                # records missing from a partition could not be read: going on without
                # them would lose them (Faust acknowledges what it handed over), and an
                # exception would end this agent silently (faust_patches): stop
                log.error("detection: %s", err)
                await self.app.crash(err)
                raise
            yield len(batch)

    def _count(self, records: list[Record]) -> None:
        # never wait for the rebalance here: Faust finishes a revocation only once the
        # agents have processed what they hold, so waiting deadlocked the group. Events
        # of newly assigned partitions come only after their tables recovered.
        if self.reload and self.ready.is_set():
            self.stage.assign(self.mine())
            self.reload = False
        firsts: dict[int, int] = {}  # each partition's admitted records are contiguous
        lasts: dict[int, int] = {}
        for part, offset, _ in records:
            firsts.setdefault(part, offset)
            lasts[part] = offset
        found = self.stage.count(
            ((part, value) for part, _, value in records), self.mine(), offsets=firsts
        )
        self._send(found)
        for part, offset in lasts.items():
            metrics.KEYS_COUNTED.labels(str(part)).set(offset + 1)
        if not self.ready.is_set():
            return
        now = time.monotonic()
        if self.stage.ticking:  # a pass under way goes on a slice a batch
            self._send(self.stage.tick(TICK_SLICE))
        elif now - self.ticked_at >= EARLY_TICK and self.stage.moved():
            self.ticked_at = now  # time passed an edge: tick now, not at the timer
            self._send(self.stage.tick(TICK_SLICE))
            self.tick_due.set()  # the ticker goes on with it when the loop is free

    async def _ticker(self) -> None:
        """Each tick asked for, as a pass over the held keys in slices with the event
        loop's other work (the agent's batches) between them; a pass is also carried on a
        slice per batch (``_count``), so a busy agent cannot starve it."""
        try:
            while True:
                await self.tick_due.wait()
                self.tick_due.clear()
                while self.ready.is_set():
                    self._send(self.stage.tick(TICK_SLICE))
                    if not self.stage.ticking:
                        break
                    await asyncio.sleep(0)
        except asyncio.CancelledError:
            raise
        except Exception as err:  # a task's exception would end it silently
            log.error("detection tick failed: %s", err)
            await self.app.crash(err)

    def _send(self, found: list[Output]) -> None:
        for full, det in found:
            metrics.DETECTIONS.labels(det["state"]).inc()
            self.outputs.send(self.detections, full, self.serde.encode(topics.DETECTIONS, det))

    async def _report_gc(self) -> None:
        for generation, pause in self.gc_pauses.drain():
            metrics.GC_PAUSE.labels(str(generation)).observe(pause)

    async def tick(self) -> None:
        if not self.ready.is_set():
            return
        late, repeats = self.stage.late, self.stage.repeats
        if late > self.reported_late:
            metrics.UNCOUNTED.inc(late - self.reported_late)
            log.warning("detection: %d entries came after their window closed (late data)",
                        late)  # fmt: skip
            self.reported_late = late
        if repeats > self.reported_repeats:
            metrics.REPEATED.inc(repeats - self.reported_repeats)
            log.info("detection: %d entries came again after their window closed (read "
                     "again after a hand-over; counted before)", repeats)  # fmt: skip
            self.reported_repeats = repeats
        self.tick_due.set()  # (``ticked_at`` paces early ticks only: a timer's tick that
        # found nothing due must not hold back the one a window edge calls for)

    # --- checkpoints ---

    async def checkpoint(self) -> None:
        """State changelog, then producer flush; Faust commits the offsets after this
        returns (``consumers.kit.checkpoint`` order): nothing is committed whose state
        and detections are not in Kafka."""
        await Checkpoint(save=self._save, flush=self.outputs.flush).run_async()

    async def _save(self) -> None:
        async with self.writing:
            await self._write(self.stage.checkpoint(self.mine()))

    async def _write(self, writes: Iterable[StateWrite]) -> None:
        """Send state writes to the changelog, yielding to the agent now and then, so a
        checkpoint is not one long pause in counting (thousands of keys change at a
        window's edge)."""
        since = time.monotonic()
        for w in writes:
            self.outputs.send(self.changelog, w.key, w.value, w.partition)
            now = time.monotonic()
            if now - since > YIELD_AFTER:
                await asyncio.sleep(0)
                since = time.monotonic()

    async def _run_repartition(self) -> None:
        """The repartition process lives as long as the app; if it fails, the worker stops."""
        try:
            await self.repartition.run()
        except asyncio.CancelledError:
            raise
        except Exception as err:
            log.error("detection repartition stage failed: %s", err)
            await self.app.crash(err)
