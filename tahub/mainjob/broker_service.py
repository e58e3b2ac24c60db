"""The local Kafka broker in local mode: started unless it already runs, and stopped at
the end only if this job started it and was not told to keep it."""

from __future__ import annotations

import logging

from tahub import wiring
from tahub.runtime import broker
from tahub.settings import Settings

log = logging.getLogger("tahub.main")


class BrokerService:
    def __init__(self, settings: Settings, *, keep: bool = False) -> None:
        self.s = settings
        self.keep = keep
        self.started = False

    def start(self) -> None:
        s = self.s
        if not s.uses_local_broker:
            return
        cfg = wiring.broker_config(s, fetch=True)
        was_running = broker.status(cfg).running
        broker.start(cfg)
        self.started = not was_running
        log.info(
            "kafka: %s at %s",
            "started" if self.started else "already running",
            cfg.bootstrap,
        )

    def stop(self) -> None:
        if self.started and not self.keep:
            broker.stop(wiring.broker_config(self.s))
            log.info("kafka: stopped (it was started by this job)")
