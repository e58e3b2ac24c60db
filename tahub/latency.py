"""Signal → detection latency from what the warehouse sink reads (pure, time passed in).

A detection names its dimension key and window but, on purpose, not the second any
report arrived (``streams.detect.engine``: a version's time must not pin one report
down), so the hop is measured where both topics are read: the sink keeps, per dimension
key, the produce time of the newest live signal, and a detection version of that key
whose window holds that signal's event time is measured from it. A version made when
its window closes (rather than early, as a spike happens) counts the wait for the close.
The sink reads topics side by side: while it is behind on signals but not on
detections, the signal found may be an earlier one (an upper bound) or none (no sample).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from prometheus_client import Histogram

from schemas.topics import DETECTIONS, SIGNALS, TopicSpec
from streams.detect.dimensions import DimensionSet

# as the other hops' (streams.metrics, alerts.metrics)
BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 21600, 86400)
SIGNAL_TO_DETECTION = Histogram(
    "tahub_latency_signal_to_detection_seconds",
    "From the produce of the newest signal a detection version's window counted to the "
    "version's produce (measured by the warehouse sink)",
    buckets=BUCKETS,
)
KEYS = 100_000  # dimension keys remembered (~200 B each)
LIVE = 3600.0  # a signal produced later than this after its event time is history: skipped


def _seconds(value: Any) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value) / 1000


class SignalToDetection:
    def __init__(
        self, sets: Sequence[DimensionSet], *, keys: int = KEYS, live: float = LIVE
    ) -> None:
        self._keyers = [(d.name, d.keyer()) for d in sets]
        self._newest: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()
        self._max = keys
        self._live = live

    def signal(self, record: Mapping[str, Any], produced: float) -> None:
        """Remember a live signal under each of its keys (produced: its Kafka timestamp)."""
        event = _seconds(record["event_time"])
        if produced - event > self._live:
            return  # history or an old article: no detection waits on it
        for name, keyer in self._keyers:
            key = keyer(record)
            if key is None:
                continue
            self._newest[(name, key)] = (produced, event)
            self._newest.move_to_end((name, key))
        while len(self._newest) > self._max:
            self._newest.popitem(last=False)

    def detection(self, record: Mapping[str, Any], produced: float) -> float | None:
        """Seconds from the newest signal its window counted, or None if none is known."""
        if record["state"] == "resolved":
            return None  # a resolution follows a window's close, not a signal
        got = self._newest.get((record["dimension_set"], record["dimension_key"]))
        if got is None:
            return None
        at, event = got
        start, end = _seconds(record["window_start"]), _seconds(record["window_end"])
        if not start <= event < end or at > produced:
            return None
        return produced - at


Observer = Callable[[TopicSpec, Mapping[str, Any], float], None]


def sink_observer(tracker: SignalToDetection) -> Observer:
    """What the sink calls with each decoded record and its Kafka timestamp (seconds)."""

    def observe(spec: TopicSpec, record: Mapping[str, Any], produced: float) -> None:
        if spec == SIGNALS:
            tracker.signal(record, produced)
        elif spec == DETECTIONS:
            took = tracker.detection(record, produced)
            if took is not None:
                SIGNAL_TO_DETECTION.observe(took)

    return observe
