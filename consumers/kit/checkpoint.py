"""One order for making a reader's progress durable: save state, flush the producer,
commit offsets.

A reader's offsets say "everything before this is done". So they are committed last:
first what the records changed is saved (warehouse rows, state changelog writes, a
store's transaction), then everything produced from them (outputs, dead letters) is
flushed to Kafka, and only then are the offsets committed. A step that raises stops the
steps after it and reaches the caller: nothing is committed whose effects are not
durable, and a crash anywhere means the records are read again (every reader absorbs a
repeat: idempotent tables, a policy that recognises what it sent, sets of reports).

Three shapes of the same order:

- a plain reader: ``Checkpoint(save=..., flush=..., commit=partial(commit_offsets, c))``
  and ``checkpoint.run()``;
- a transactional reader: outputs and offsets commit together, so the commit step is
  ``TransactionCommit(producer, consumer)`` (offsets join the transaction, and
  ``commit_transaction`` flushes the producer before it commits): no flush step;
- a host that commits itself (Faust commits after its before-commit hook returns):
  ``commit=None``, steps may be coroutine functions, and the host awaits
  ``checkpoint.run_async`` (``streams.faust_patches.before_commit(app,
  checkpoint.run_async)``); a step that raises keeps the host from committing.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("tahub.consumers")

Step = Callable[[], object]  # returns nothing, or (for run_async) an awaitable


@dataclass(frozen=True)
class Checkpoint:
    """save → flush → commit; a missing step is skipped."""

    save: Step | None = None
    flush: Step | None = None
    commit: Step | None = None  # None: the host commits after this returns

    def _steps(self) -> list[tuple[str, Step]]:
        named = (("save", self.save), ("flush", self.flush), ("commit", self.commit))
        return [(name, step) for name, step in named if step is not None]

    def run(self) -> None:
        for name, step in self._steps():
            result = step()
            if inspect.isawaitable(result):
                if inspect.iscoroutine(result):
                    result.close()
                raise TypeError(f"checkpoint step {name!r} is asynchronous: await run_async()")

    async def run_async(self) -> None:
        """The same order for an event loop: steps may be plain or coroutine functions."""
        for _, step in self._steps():
            result = step()
            if inspect.isawaitable(result):
                await result


def read_positions(consumer: Any, partitions: list[Any] | None = None) -> list[Any]:
    """Where ``consumer`` reads next in ``partitions`` (default: its assignment), for the
    partitions it has read from. Positions step over transaction markers, which the last
    offset + 1 would leave behind as lag."""
    tps = consumer.assignment() if partitions is None else partitions
    if not tps:
        return []
    return [tp for tp in consumer.position(tps) if tp.offset >= 0]


def commit_offsets(
    consumer: Any, offsets: list[Any] | None = None, *, logger: logging.Logger | None = None
) -> bool:
    """Commit ``offsets`` (default: the read positions) and wait for the answer. A commit
    Kafka refuses (mid-rebalance, say) is logged and returns False: whoever owns the
    partitions next reads those records again, and the reader absorbs the repeat."""
    from confluent_kafka import KafkaException

    offsets = read_positions(consumer) if offsets is None else offsets
    if not offsets:
        return True
    try:
        consumer.commit(offsets=offsets, asynchronous=False)
    except KafkaException as err:
        (logger or log).warning("offset commit failed (%s); the records will be read again", err)
        return False
    return True


@dataclass(frozen=True)
class TransactionCommit:
    """The commit step of a transactional reader: its read positions join the producer's
    open transaction, which then commits outputs and offsets at once. A failure that
    requires an abort comes out as ``KafkaException``; the reader aborts and reads its
    batch again (see ``streams.intake_stage``)."""

    producer: Any
    consumer: Any
    timeout: float = 30.0

    def __call__(self) -> None:
        self.producer.send_offsets_to_transaction(
            read_positions(self.consumer), self.consumer.consumer_group_metadata(), self.timeout
        )
        self.producer.commit_transaction(self.timeout)
