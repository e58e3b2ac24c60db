"""Scores detectors on a synthetic stream with known outbreaks (pure).

An outbreak counts as detected when its series alarms on a window from its first day to
one day after its last; the delay is days from its start to the first such alarm. Every
other alarming window is a false alarm, reported per 1,000 series-days after warm-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from streams.detect.detectors import DetectorConfig
from streams.detect.dimensions import DimensionSet
from streams.detect.replay import Offline, replay
from streams.detect.synthetic import DAY, Stream

ROUTE_SET = DimensionSet("typology_route", ("typology", "origin", "destination"))

# Plain EARS C2 as public-health systems run it: 7-day baseline, 2-day guard, z > 3,
# no minimum count or source gate, no novelty.
EARS_C2 = DetectorConfig(
    method="ears_c2", threshold=3.0, span=1, min_count=1, min_sources=1, novelty=False
)


@dataclass(frozen=True)
class Score:
    method: str
    outbreaks: int
    detected: int
    sensitivity: float
    false_alarms: int
    false_alarms_per_1000_series_days: float
    median_delay_days: float | None
    mean_delay_days: float | None


def alarm_days(detections: list[dict[str, Any]], start: datetime) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    origin = int(start.timestamp())
    for det in detections:
        if det["state"] == "resolved":
            continue
        day = (int(det["window_start"].timestamp()) - origin) // DAY
        out.setdefault(det["dimension_key"], set()).add(day)
    return out


def score(name: str, stream: Stream, detections: list[dict[str, Any]], warmup: int) -> Score:
    alarms = alarm_days(detections, stream.start)
    delays: list[int] = []
    explained: dict[str, set[int]] = {}
    for ob in stream.outbreaks:
        span = set(range(ob.start_day, ob.start_day + ob.days + 1))
        explained.setdefault(ob.key, set()).update(span | {ob.start_day + ob.days + 1})
        hits = sorted(alarms.get(ob.key, set()) & span)
        if hits:
            delays.append(hits[0] - ob.start_day)
    false = sum(
        1
        for key, days in alarms.items()
        for day in days
        if day >= warmup and day not in explained.get(key, set())
    )
    series_days = len(stream.series) * max(1, stream.days - warmup)
    delays.sort()
    return Score(
        method=name,
        outbreaks=len(stream.outbreaks),
        detected=len(delays),
        sensitivity=round(len(delays) / max(1, len(stream.outbreaks)), 3),
        false_alarms=false,
        false_alarms_per_1000_series_days=round(1000 * false / series_days, 2),
        median_delay_days=float(delays[len(delays) // 2]) if delays else None,
        mean_delay_days=round(sum(delays) / len(delays), 2) if delays else None,
    )


def run(
    stream: Stream,
    methods: dict[str, DetectorConfig],
    warmup: int,
    progress: Callable[[int], object] | None = None,
) -> list[dict[str, Any]]:
    """Each method's score; ``progress`` counts signals replayed, over all methods."""
    out = []
    for name, cfg in methods.items():
        engine = Offline([ROUTE_SET], default=cfg)
        detections = list(replay(engine, stream.signals, progress=progress))
        out.append(asdict(score(name, stream, detections, warmup)))
    return out
