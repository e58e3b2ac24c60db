"""The warehouse sink on a thread of the main job (chDB lives in this process), restarted
with backoff if it fails."""

from __future__ import annotations

import logging
import threading
import time

from consumers.sink import Sink
from consumers.warehouse import Warehouse
from streams.detect import config as detection_config
from tahub import latency, wiring
from tahub.checks import Check
from tahub.settings import Settings

log = logging.getLogger("tahub.main")


class SinkService:
    def __init__(self, settings: Settings, warehouse: Warehouse, stop: threading.Event) -> None:
        self.s = settings
        self.wh = warehouse
        self.stopping = stop  # the job's: set, the sink finishes its batch and returns
        self.sink: Sink | None = None
        self.restarts = 0
        self.error: str | None = None
        self.thread = threading.Thread(target=self._loop, name="sink", daemon=True)
        # kept across the sink's restarts: the keys' newest signals stay known
        sets = detection_config.load(settings.detector_config).sets
        self.observer = latency.sink_observer(latency.SignalToDetection(sets))

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Wait for the sink to return, once the job's stop event is set."""
        self.thread.join(timeout)

    def _loop(self) -> None:
        backoff = 1.0
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                self.sink = wiring.sink(self.s, self.wh, self.observer)
                self.sink.run(self.stopping)
                return
            except Exception as err:  # supervised: log, back off, start a fresh consumer
                self.error = f"{type(err).__name__}: {err}"
                self.restarts += 1
                backoff = 1.0 if time.monotonic() - started > 60 else min(backoff * 2, 60.0)
                log.error("sink failed (%s); restarting in %.0f s", self.error, backoff)
                self.stopping.wait(backoff)

    def check(self) -> Check:
        st = self.sink.status if self.sink else None
        if st is None:
            return Check("sink", False, self.error or "starting")
        detail = f"{st.state}, {st.landed} records landed, {st.dead_lettered} dead-lettered"
        if self.restarts:
            detail += f", {self.restarts} restart(s) (last: {self.error})"
        if st.state == "retrying":
            return Check("sink", False, f"warehouse failing, retrying: {st.last_error}")
        return Check("sink", st.state == "running" and self.thread.is_alive(), detail)
