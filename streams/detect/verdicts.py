"""What a detector is configured with and what it says of a window: the types every
detector shares (``detectors`` and ``glm``), kept apart so neither imports the other."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Assessment(NamedTuple):
    """A verdict on one window (a named tuple: one is made at nearly every close of a
    window, and a frozen dataclass took several times longer to create)."""

    alarm: bool
    method: str
    observed: float
    expected: float
    score: float  # z for EARS, -log10(p) for count models, windows dormant for novelty
    p_value: float | None


@dataclass(frozen=True)
class DetectorConfig:
    """Per dimension set. Windows are in seconds; lengths in windows."""

    window: int = 86_400
    baseline: int = 28
    guard: int = 2
    span: int = 3  # count models judge the sum of this many latest windows (slow builds)
    method: str = "auto"  # auto | poisson | negbin | ears_c1 | ears_c2 | ears_c3
    threshold: float = 2.5  # z for EARS; for count models the p-value is 10**-threshold
    min_count: int = 3  # fewer reports than this never alarm
    min_sources: int = 2  # distinct organisations/outlets needed to alarm
    novelty: bool = True
    dormant_windows: int = 90  # silent this long, then active again = a new route
    lateness: int = 86_400  # events this late are still counted in their window
    # glm only: organisations new to a key in the span are evidence too (``glm``)
    new_sources: bool = True
