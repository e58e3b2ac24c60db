"""Every patch tahub makes to Faust's internals, each naming the defect it works around.

Faust (faust-streaming) hosts detection's count stage. Where Faust offers no public
extension point, tahub subclasses its Kafka driver here, and only here; nothing else in
tahub reaches into a Faust private name. ``tests/test_faust_patches.py`` fails if what a
patch relies on changes in a Faust release (names, signatures, the consumer it builds).

1. Read committed. Faust reads uncommitted records unless it runs exactly-once itself
   (``AIOKafkaConsumerThread._create_worker_consumer`` picks ``read_uncommitted`` unless
   its own producer is transactional), but partners' bulk uploads are Kafka transactions
   that can abort: a worker reading them uncommitted would count incidents that were
   never accepted. Faust has no setting for the isolation level; ``_ReadCommittedThread``
   sets it on the consumer Faust builds. (No upstream issue found; Faust source of the
   choice: faust/transport/drivers/aiokafka.py, ``_create_worker_consumer``.)
2. Seek where the group never committed. Faust seeks each partition to the group's
   commit once tables recover, but aiokafka does not seek where there is no commit (or it
   is 0), and records fetched meanwhile are gone: after a kill -9 a worker took over a
   never-committed partition thirty records in (cf. faust-streaming/faust#216, "Recovery
   without tables resumes from kafka before seeking to committed offsets").
   ``seek_to_committed`` starts those partitions from the beginning. Records dropped or
   handed over out of order around a rebalance are caught by the count stage's
   ``contiguity.Sequencer`` and read directly (``streams.detect.backfill``), which needs
   no patch; seeking Faust's consumer back instead is undone by its fetch loop (see
   ``contiguity``).
3. A hook before every offset commit. The count stage must write its changed key states
   and flush its producer before Faust commits the input they came from; Faust has no
   public hook there (its ``Consumer._commit_offsets`` is private), so ``_Consumer`` runs
   the hooks registered with ``before_commit`` first.

4. A short fetch wait. Faust builds its aiokafka consumer with ``fetch_max_wait_ms=1500``
   and no setting to change it (same function as 1). aiokafka asks the broker only for
   partitions with nothing buffered, so records arriving on the others while that
   request waits for data wait with it: the count stage got its input in bursts every
   0.5–1.2 s and a steady 10,000 signals/s reached it 0.8 s late at the median (1.5 s at
   worst). ``FETCH_MAX_WAIT_MS`` brings that to ~0.13 s (``tahub bench detect``, steady
   state: produce→detection p50 1.6 s → 0.8 s), at the cost of a fetch request per
   broker every 0.1 s when idle.

Not a patch, but the same kind of defect: Faust's own deserialisation acknowledges an
undecodable message and then crashes (or silently ends) the agent (robinhood/faust#586),
so agents consume raw bytes and decode through ``consumers.kit``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from faust.transport import drivers
from faust.transport.drivers import aiokafka as driver

SCHEME = "tahub-kafka"
FAUST_FETCH_MAX_WAIT_MS = 1500  # what Faust sets (patch 4); the test checks it still does
FETCH_MAX_WAIT_MS = 100


class _ReadCommittedThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # read before start(): aiokafka hands it to its fetcher when the consumer starts
        consumer._isolation_level = "read_committed"
        consumer._fetch_max_wait_ms = FETCH_MAX_WAIT_MS  # patch 4, read at start() too
        return consumer

    async def seek_to_committed(self) -> Mapping[Any, int]:
        """Faust seeks every partition to the group's commit once tables have recovered,
        but aiokafka does not seek where there is no commit (or it is 0), and records it
        fetched meanwhile are gone: after a kill -9 a worker took over a never-committed
        partition thirty records in. Those partitions start again from the beginning
        (changelogs excepted: recovery places them itself)."""
        offsets: Mapping[Any, int] = await super().seek_to_committed()
        changelogs = self.app.tables.changelog_topics
        fresh = [tp for tp, offset in offsets.items() if not offset and tp.topic not in changelogs]
        if fresh:
            await self.call_thread(self._ensure_consumer().seek_to_beginning, *fresh)
        return offsets


Hook = Callable[[], Awaitable[None]]
_HOOKS: WeakKeyDictionary[Any, list[Hook]] = WeakKeyDictionary()


def before_commit(app: Any, hook: Hook) -> None:
    """Run ``hook`` before each offset commit of ``app``'s consumer."""
    _HOOKS.setdefault(app, []).append(hook)


class _Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> Any:
        return _ReadCommittedThread(self, loop=self.loop, beacon=self.beacon)

    async def _commit_offsets(self, offsets: Any, start_new_transaction: bool = True) -> bool:
        for hook in _HOOKS.get(self.app, ()):
            await hook()  # its sends are flushed with the producer, before the commit
        result: bool = await super()._commit_offsets(
            offsets, start_new_transaction=start_new_transaction
        )
        return result


class Transport(driver.Transport):
    Consumer = _Consumer


# what each patch overrides, and the parameters it relies on: checked by ``check``
TARGETS: tuple[tuple[Any, str, tuple[str, ...]], ...] = (
    (driver.AIOKafkaConsumerThread, "_create_worker_consumer", ("self", "transport")),
    (driver.AIOKafkaConsumerThread, "seek_to_committed", ("self",)),
    (driver.Consumer, "_new_consumer_thread", ("self",)),
    (driver.Consumer, "_commit_offsets", ("self", "offsets", "start_new_transaction")),
)


def check() -> list[str]:
    """What no longer holds in the installed Faust for the patches above (empty: all)."""
    import inspect

    problems = []
    for owner, name, params in TARGETS:
        target = getattr(owner, name, None)
        if target is None:
            problems.append(f"{owner.__name__}.{name} is gone")
            continue
        got = tuple(inspect.signature(target).parameters)
        if got != params:
            problems.append(f"{owner.__name__}.{name}{got} (patched for {params})")
    return problems


def register() -> None:
    """Make ``tahub-kafka://host:port`` broker URLs use this transport."""
    drivers.TRANSPORTS.aliases[SCHEME] = f"{__name__}:Transport"
