"""The detectors' blind record: issue 19's benchmark on seeds nobody tuned on (pure).

Seeds 101-105 of ``synthetic.BENCHMARKS["issue19"]`` were scored once, with the detector
as it stood, before any change aimed at them (``data/blind-first-101-105.json``, the story
in ``data/BLIND.md``); tuning used seeds 1-20 only. ``tahub detect evaluate --blind`` runs
the same seeds again and sets today's shipped point beside that first one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

BENCHMARK = "issue19"
HELD_OUT = "101-105"
AIM_SENSITIVITY = 0.80
AIM_FALSE_ALARMS = 5.0  # per 1,000 series-days
AIM_MEDIAN_DELAY = 2.0  # days


@dataclass(frozen=True)
class Point:
    """A method's score at its configured threshold, pooled over the seeds."""

    detector: str  # method, baseline and threshold, as configured
    sensitivity: float
    false_alarms: float
    median_delay: float | None

    def meets_aim(self) -> bool:
        return (self.sensitivity >= AIM_SENSITIVITY and self.false_alarms <= AIM_FALSE_ALARMS
                and self.median_delay is not None
                and self.median_delay <= AIM_MEDIAN_DELAY)  # fmt: skip

    def line(self) -> str:
        delay = "-" if self.median_delay is None else f"{self.median_delay:.0f} d"
        return (f"sensitivity {self.sensitivity:.3f}, {self.false_alarms:.2f} false alarms "
                f"per 1,000 series-days, median delay {delay} ({self.detector})")  # fmt: skip


def point(result: dict[str, Any]) -> Point:
    """The shipped point of one method's entry in an evaluation's JSON ``results``."""
    c, s = result["config"], result["shipped"]
    return Point(detector=f"{c['method']}, baseline {c['baseline']}, threshold {c['threshold']}",
                 sensitivity=float(s["sensitivity"]),
                 false_alarms=float(s["false_alarms_per_1000_series_days"]),
                 median_delay=s.get("median_delay_days"))  # fmt: skip


def first(path: Path | None = None) -> tuple[str, Point]:
    """When the held-out seeds were first scored, and tahub's shipped point then."""
    path = path or Path(str(resources.files("streams.detect") / "data")) / (
        f"blind-first-{HELD_OUT}.json")  # fmt: skip
    doc = json.loads(path.read_text(encoding="utf-8"))
    ours = next(r for r in doc["results"] if r["method"] == "tahub")
    return str(doc["machine"]["when"])[:10], point(ours)
