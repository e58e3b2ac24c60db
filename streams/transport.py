"""Faust's Kafka transport with consumers that read only committed records, and a hook
that runs before every offset commit.

Faust reads uncommitted data unless it runs exactly-once itself, but partners' bulk
uploads are Kafka transactions that can abort: a worker reading them uncommitted would
count incidents that were never accepted. Records written outside transactions are
read exactly as before. A partition the group never committed is read from its start
(see ``seek_to_committed``).

``before_commit(app, hook)``: the hook runs before Faust flushes its producer and
commits offsets. The detect agent writes the states it changed there, once per commit
instead of once per batch, and still never commits input whose state is not written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from faust.transport import drivers
from faust.transport.drivers import aiokafka as driver

SCHEME = "tahub-kafka"


class _ReadCommittedThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # read before start(): aiokafka hands it to its fetcher when the consumer starts
        consumer._isolation_level = "read_committed"
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


def register() -> None:
    """Make ``tahub-kafka://host:port`` broker URLs use this transport."""
    drivers.TRANSPORTS.aliases[SCHEME] = f"{__name__}:Transport"
