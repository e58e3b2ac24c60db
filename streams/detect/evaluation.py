"""Scores detectors on a synthetic stream with known outbreaks (pure).

An outbreak counts as detected when its series alarms on a window from its first day to
one day after its last; the delay is days from its start to the first such alarm. Every
other alarming window is a false alarm, reported per 1,000 series-days after warm-up.

A curve (sensitivity against false alarms over thresholds) comes from one replay at the
curve's lowest threshold: the engine's trace holds every window that alarmed at its
close with its assessment, and a window alarms at a higher threshold exactly when its
assessment passes that one too (the gates and novelty do not depend on the threshold,
and whether a window is assessed at its close does not either). A test checks the
curve's points against replays at each threshold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from streams.detect.detectors import Assessment, DetectorConfig
from streams.detect.dimensions import DimensionSet
from streams.detect.replay import Offline, replay
from streams.detect.synthetic import DAY, Stream

ROUTE_SET = DimensionSet("typology_route", ("typology", "origin", "destination"))

# Plain EARS C2 as public-health systems run it: 7-day baseline, 2-day guard, z > 3,
# no minimum count or source gate, no novelty.
EARS_C2 = DetectorConfig(
    method="ears_c2", threshold=3.0, span=1, min_count=1, min_sources=1, novelty=False
)
# tahub's default before issue 19 (Poisson / negative binomial on a 28-day mean), pinned
AUTO_V1 = DetectorConfig(method="auto", threshold=2.5, baseline=28, guard=2, span=3)
# issue 19's detector (typology_route's shipped default since), pinned
GLM_V1 = DetectorConfig(method="glm", threshold=2.5, baseline=56, guard=2, span=3)

# thresholds a curve is drawn over: -log10 p for count models, z for EARS
P_THRESHOLDS = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0)
Z_THRESHOLDS = (2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def thresholds_for(cfg: DetectorConfig) -> tuple[float, ...]:
    grid = Z_THRESHOLDS if cfg.method.startswith("ears") else P_THRESHOLDS
    return tuple(sorted({*grid, cfg.threshold}))


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


@dataclass
class Tally:
    """Raw counts, so several seeds pool into one score."""

    outbreaks: int = 0
    delays: list[int] = field(default_factory=list)
    false_alarms: int = 0
    series_days: int = 0

    def add(self, other: Tally) -> None:
        self.outbreaks += other.outbreaks
        self.delays += other.delays
        self.false_alarms += other.false_alarms
        self.series_days += other.series_days

    def score(self, name: str) -> Score:
        delays = sorted(self.delays)
        return Score(
            method=name,
            outbreaks=self.outbreaks,
            detected=len(delays),
            sensitivity=round(len(delays) / max(1, self.outbreaks), 3),
            false_alarms=self.false_alarms,
            false_alarms_per_1000_series_days=round(
                1000 * self.false_alarms / max(1, self.series_days), 2
            ),
            median_delay_days=float(delays[len(delays) // 2]) if delays else None,
            mean_delay_days=round(sum(delays) / len(delays), 2) if delays else None,
        )


def alarm_days(detections: list[dict[str, Any]], start: datetime) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    origin = int(start.timestamp())
    for det in detections:
        if det["state"] == "resolved":
            continue
        day = (int(det["window_start"].timestamp()) - origin) // DAY
        out.setdefault(det["dimension_key"], set()).add(day)
    return out


def tally(stream: Stream, alarms: dict[str, set[int]], warmup: int) -> Tally:
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
    return Tally(len(stream.outbreaks), delays, false, series_days)


def score(name: str, stream: Stream, detections: list[dict[str, Any]], warmup: int) -> Score:
    return tally(stream, alarm_days(detections, stream.start), warmup).score(name)


def passes(a: Assessment, threshold: float) -> bool:
    """Whether an assessment that alarmed at a lower threshold alarms at ``threshold``."""
    if a.method == "novelty":
        return True
    if a.p_value is not None:
        return a.p_value < math.pow(10.0, -threshold)
    return a.score > threshold


def traced(
    stream: Stream, cfg: DetectorConfig, progress: Callable[[int], object] | None = None
) -> tuple[list[dict[str, Any]], list[tuple[str, int, Assessment]]]:
    """Replay ``stream`` with ``cfg``: its detections and the trace of alarming windows."""
    engine = Offline([ROUTE_SET], default=cfg)
    trace: list[tuple[str, int, Assessment]] = []
    engine.engine.trace = trace
    detections = list(replay(engine, stream.signals, progress=progress))
    return detections, trace


def curve_tallies(
    stream: Stream,
    trace: Iterable[tuple[str, int, Assessment]],
    thresholds: Sequence[float],
    warmup: int,
    window: int = DAY,
) -> list[Tally]:
    """One tally per threshold, from the trace of a replay at the lowest of them."""
    first = int(stream.start.timestamp()) // window
    rows = list(trace)
    out = []
    for t in thresholds:
        alarms: dict[str, set[int]] = {}
        for key, w, a in rows:
            if passes(a, t):
                alarms.setdefault(key, set()).add(w - first)
        out.append(tally(stream, alarms, warmup))
    return out


@dataclass(frozen=True)
class Curve:
    method: str
    config: dict[str, Any]
    shipped: Score  # at the configured threshold
    points: list[tuple[float, Score]]
    per_seed: list[Score]  # the configured threshold, seed by seed
    seconds: float | None = None  # replaying every seed, by the clock the caller gave

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "config": self.config,
            "shipped": asdict(self.shipped),
            "curve": [{"threshold": t, **asdict(s)} for t, s in self.points],
            "per_seed": [asdict(s) for s in self.per_seed],
            "replay_seconds": self.seconds,
        }


def curves(
    streams: Sequence[Stream],
    methods: dict[str, DetectorConfig],
    warmup: int,
    progress: Callable[[int], object] | None = None,
    clock: Callable[[], float] | None = None,
) -> list[Curve]:
    """Each method's curve over its thresholds, pooled over ``streams`` (seeds)."""
    out = []
    for name, cfg in methods.items():
        began = clock() if clock else 0.0
        grid = thresholds_for(cfg)
        low = replace(cfg, threshold=grid[0])
        pooled = [Tally() for _ in grid]
        per_seed = []
        at = grid.index(cfg.threshold)
        for stream in streams:
            _, trace = traced(stream, low, progress)
            tallies = curve_tallies(stream, trace, grid, warmup, cfg.window)
            for total, one in zip(pooled, tallies, strict=True):
                total.add(one)
            per_seed.append(tallies[at].score(name))
        points = [(t, p.score(name)) for t, p in zip(grid, pooled, strict=True)]
        took = round(clock() - began, 2) if clock else None
        out.append(Curve(name, asdict(cfg), points[at][1], points, per_seed, took))
    return out


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
