"""One log line per repeating condition, with a count (pure apart from the clock).

While Kafka is down every client retries loudly: one outage of about 20 s wrote ~3,000
lines to the main job's log (librdkafka through ``tahub.kafka``, aiokafka in the Faust
worker), burying whatever else happened. A condition is a logger, a level and the
message with its numbers blanked; its first line passes, repeats within ``WINDOW``
seconds are counted and dropped, and the next line after the window says how many were
left out.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

WINDOW = 30.0  # seconds
_NUMBERS = re.compile(r"\d+")
_MAX_CONDITIONS = 10_000


class RepeatFilter(logging.Filter):
    def __init__(self, window: float = WINDOW, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.window = window
        self.clock = clock
        self.seen: dict[tuple[str, int, str], tuple[float, int]] = {}  # -> (passed at, dropped)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True  # only warnings and errors repeat in storms
        key = (record.name, record.levelno, _NUMBERS.sub("#", record.getMessage())[:300])
        now = self.clock()
        last = self.seen.get(key)
        if last is not None and now - last[0] < self.window:
            self.seen[key] = (last[0], last[1] + 1)
            return False
        if len(self.seen) >= _MAX_CONDITIONS:
            self.seen.clear()
        self.seen[key] = (now, 0)
        if last is not None and last[1]:
            more = f"(and {last[1]} more like it in the last {self.window:.0f} s)"
            record.msg = f"{record.getMessage()} {more}"
            record.args = None
        return True


_FILTER = RepeatFilter()


# the Kafka clients' loggers: a filter on a logger sees the records it makes, whatever
# handlers are installed later (Faust replaces the root handlers when its worker starts)
CLIENTS = ("tahub.kafka", "aiokafka", "faust.transport")


def install() -> None:
    """Put the filter on every root handler and every Kafka client logger that lacks it
    (idempotent; the worker calls it again after Faust set up logging and imported its
    client modules)."""
    targets: list[logging.Filterer] = list(logging.getLogger().handlers)
    for name in [*CLIENTS, *logging.root.manager.loggerDict]:
        if name.startswith(CLIENTS):
            targets.append(logging.getLogger(name))
    for target in targets:
        if _FILTER not in target.filters:
            target.addFilter(_FILTER)
