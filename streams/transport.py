"""Faust's Kafka transport with consumers that read only committed records.

Faust reads uncommitted data unless it runs exactly-once itself, but partners' bulk
uploads are Kafka transactions that can abort: a worker reading them uncommitted would
count incidents that were never accepted. Records written outside transactions are
read exactly as before.
"""

from __future__ import annotations

from typing import Any

from faust.transport import drivers
from faust.transport.drivers import aiokafka as driver

SCHEME = "tahub-kafka"


class _ReadCommittedThread(driver.AIOKafkaConsumerThread):
    def _create_worker_consumer(self, transport: Any) -> Any:
        consumer = super()._create_worker_consumer(transport)
        # read before start(): aiokafka hands it to its fetcher when the consumer starts
        consumer._isolation_level = "read_committed"
        return consumer


class _Consumer(driver.Consumer):
    def _new_consumer_thread(self) -> Any:
        return _ReadCommittedThread(self, loop=self.loop, beacon=self.beacon)


class Transport(driver.Transport):
    Consumer = _Consumer


def register() -> None:
    """Make ``tahub-kafka://host:port`` broker URLs use this transport."""
    drivers.TRANSPORTS.aliases[SCHEME] = f"{__name__}:Transport"
