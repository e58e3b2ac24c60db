"""The local Kafka broker in local mode: started unless it already runs, kept running
(started again, with backoff, when its process dies: a kill -9 of the broker's Java
process left the whole pipeline waiting for a manual `tahub broker start`), and stopped
at the end only if this job started it and was not told to keep it."""

from __future__ import annotations

import logging
import time

from tahub import wiring
from tahub.checks import Check
from tahub.runtime import broker
from tahub.settings import Settings

log = logging.getLogger("tahub.main")


class BrokerService:
    def __init__(self, settings: Settings, *, keep: bool = False) -> None:
        self.s = settings
        self.keep = keep
        self.started = False
        self.restarts = 0
        self.backoff = 1.0
        self.next_try = 0.0
        self.down_since: float | None = None

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

    def tend(self) -> None:
        """Start the local broker again if its process is gone (called from the job's
        watch loop); while it cannot be started, try again with a doubling backoff."""
        if not self.s.uses_local_broker:
            return
        cfg = wiring.broker_config(self.s)
        now = time.monotonic()
        if broker.status(cfg).running:
            self.down_since, self.backoff = None, 1.0
            return
        if self.down_since is None:
            self.down_since = now
            log.error("kafka: the local broker's process is gone; starting it again")
        if now < self.next_try:
            return
        # counted before the start returns: /health answers from another thread, and the
        # broker serves (health 200) while broker.start still waits for it to be ready,
        # so a count made after the call was read as "running, 0 restart(s)" (seen in CI)
        self.restarts += 1
        try:
            broker.start(cfg)
        except Exception as err:  # the next try comes after the backoff
            self.restarts -= 1
            self.next_try = now + self.backoff
            self.backoff = min(self.backoff * 2, 60.0)
            log.error("kafka: starting the local broker failed (%s); next try in %.0f s",
                      err, self.next_try - now)  # fmt: skip
            return
        self.started = True  # ours now: stopped with the job
        log.warning("kafka: local broker started again after %.0f s down (%d restart(s))",
                    time.monotonic() - self.down_since, self.restarts)  # fmt: skip
        self.down_since, self.backoff = None, 1.0

    def check(self) -> Check | None:
        """The local broker's process, for /health (None when Kafka is not local)."""
        if not self.s.uses_local_broker:
            return None
        running = broker.status(wiring.broker_config(self.s)).running
        return Check("kafka broker (local)", running,
                     f"{'running' if running else 'down'}, {self.restarts} restart(s)")  # fmt: skip

    def stop(self) -> None:
        if self.started and not self.keep:
            broker.stop(wiring.broker_config(self.s))
            log.info("kafka: stopped (it was started by this job)")
