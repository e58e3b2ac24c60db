"""Is Kafka answering? Asked every few seconds on a thread of its own, so /health can say
so at once (it answered 200 the whole time Kafka was down) without a request waiting on
a metadata timeout."""

from __future__ import annotations

import threading

from tahub.checks import Check
from tahub.errors import TahubError
from tahub.settings import Settings
from tahub.topics_admin import check_reachable

EVERY = 3.0  # seconds between probes
TIMEOUT = 3.0  # seconds a probe waits for the broker


class KafkaProbe:
    def __init__(self, settings: Settings, stop: threading.Event) -> None:
        self.s = settings
        self._stop = stop
        self._last = Check("kafka", False, "not asked yet")
        self._thread = threading.Thread(target=self._run, name="kafka-probe", daemon=True)

    def start(self) -> None:
        self.probe()
        self._thread.start()

    def probe(self) -> Check:
        try:
            md = check_reachable(self.s.kafka_client_config(), timeout=TIMEOUT)
            self._last = Check("kafka", True, f"{len(md.brokers)} broker(s) at {self.s.bootstrap}")
        except TahubError as err:
            self._last = Check("kafka", False, str(err))
        return self._last

    def check(self) -> Check:
        return self._last

    def _run(self) -> None:
        while not self._stop.wait(EVERY):
            self.probe()
