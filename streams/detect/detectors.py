"""Spike detectors as pure functions of a count series (no Faust, no clock, no I/O).

Every detector sees the same thing: ``history``, the counts of the windows before the
current one (oldest first), and ``observed``, the current window's count. A guard band
of the most recent windows is left out of the baseline so a spike that builds over a
few windows does not raise its own baseline.

- EARS C1/C2/C3 (CDC Early Aberration Reporting System): z-score of the current count
  against the mean and standard deviation of the last 7 windows, with no guard (C1) or a
  2-window guard (C2); C3 sums the positive excess of the last three C2 scores.
- Poisson and negative binomial upper tails: the probability of a count at least this
  high given the baseline mean (and, for the negative binomial, its overdispersion).
  Right for sparse counts, where z-scores of 0, 0, 1, 0 baselines mean little.
- Novelty: a key never seen before, or dormant for a long time, that now has reports.
- ``glm`` (``streams.detect.glm``): a count model with day-of-week, trend and past
  outbreaks downweighted (Farrington-flexible), judged on its predictive distribution,
  with organisations new to the key as a second line of evidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from schemas.taxonomy import Severity
from streams.detect.tails import negbin_sf, poisson_sf
from streams.detect.verdicts import Assessment, DetectorConfig

# re-exported: what detectors are given and say, and the tails, for their callers
__all__ = [
    "Assessment",
    "DetectorConfig",
    "assess",
    "count_model",
    "ears",
    "ears_z",
    "negbin_sf",
    "poisson_sf",
    "severity",
    "warm",
]


# --- baselines ---


def _baseline(history: Sequence[float], length: int, guard: int) -> list[float]:
    end = len(history) - guard
    return list(history[max(0, end - length) : max(0, end)])


def warm(windows: int, cfg: DetectorConfig) -> bool:
    """Whether ``windows`` windows of history give a baseline to judge by: at least 7 (or
    the whole baseline, if shorter) past the guard band. A colder window never alarms."""
    return min(cfg.baseline, max(0, windows - cfg.guard)) >= min(7, cfg.baseline)


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    var = sum([(v - mean) ** 2 for v in values]) / (len(values) - 1)  # a list: no generator
    return mean, math.sqrt(var)


# EARS on sparse counts: a zero standard deviation would make any count infinite.
SD_FLOOR = 0.5


def ears_z(history: Sequence[float], observed: float, guard: int) -> tuple[float, float]:
    """(z, baseline mean) with the 7-window EARS baseline and the given guard band."""
    mean, sd = _mean_sd(_baseline(history, 7, guard))
    return (observed - mean) / max(sd, SD_FLOOR), mean


def ears(
    history: Sequence[float], observed: float, variant: str, threshold: float = 3.0
) -> Assessment:
    if variant == "ears_c1":
        z, mean = ears_z(history, observed, 0)
        return Assessment(z > threshold, variant, observed, mean, z, None)
    if variant == "ears_c2":
        z, mean = ears_z(history, observed, 2)
        return Assessment(z > threshold, variant, observed, mean, z, None)
    if variant == "ears_c3":
        # C2 scores of this window and the two before it, each over its own baseline
        series = [*history, observed]
        scores = []
        for back in range(3):
            end = len(series) - back
            if end <= 0:
                break
            z, _ = ears_z(series[: end - 1], series[end - 1], 2)
            scores.append(max(0.0, z - 1.0))
        c3 = sum(scores)
        _, mean = ears_z(history, observed, 2)
        return Assessment(c3 > 2.0, variant, observed, mean, c3, None)
    raise ValueError(f"unknown EARS variant {variant!r}")


def count_model(
    history: Sequence[float], observed: float, cfg: DetectorConfig, *, verdict_only: bool = False
) -> Assessment:
    """Poisson or negative binomial upper tail against the guarded baseline.

    ``verdict_only``: the caller reads nothing of a verdict that does not alarm but that
    (the engine: such a verdict is never reported). Its tail then stops as soon as it is
    known not to be below the threshold (``tails``), so a calm verdict's score and
    p-value are bounds, not measures; whether it alarms, and everything an alarm says,
    are bit for bit what they are without it."""
    base = _baseline(history, cfg.baseline, cfg.guard)
    mean, sd = _mean_sd(base)
    n = max(len(base), 1)
    # a baseline of zeros still allows some background: half a report over the baseline
    span = max(1, cfg.span)
    lam = max(mean, 0.5 / n) * span
    var = sd * sd * span
    method = cfg.method
    if method == "auto":
        method = "negbin" if len(base) >= 7 and var > lam * 1.5 else "poisson"
    alpha = 10.0**-cfg.threshold
    enough = alpha if verdict_only else math.inf
    if method == "negbin":
        p = negbin_sf(observed, lam, var, enough)
    else:
        p = poisson_sf(observed, lam, enough)
    score = -math.log10(max(p, 1e-300))
    return Assessment(p < alpha, method, observed, lam, round(score, 4), p)


def assess(
    history: Sequence[float],
    observed: float,
    sources: int,
    cfg: DetectorConfig,
    *,
    quiet: int | None = 0,
    age: int = 0,
    window: int = 0,
    windows: Sequence[int] = (),
    orgs: Sequence[AbstractSet[str] | None] = (),
    span_orgs: AbstractSet[str] = frozenset(),
    verdict_only: bool = False,
) -> Assessment:
    """The configured detector, gated by minimum count and distinct sources.

    ``quiet`` is how many windows the key had no reports before this one (None: never
    seen); ``age`` is how many windows the detector has been watching at all, so that at
    start-up everything is not "new". A new or long-dormant key that passes the gates
    alarms as novelty, whatever the count model says: that is the better explanation.
    ``glm`` also needs the judged ``window``'s index, the index of each ``history``
    window, who reported in each (None: unknown) and who reported in the span.
    ``verdict_only``: as for ``count_model``.
    """
    # no verdicts before a baseline of at least 7 windows exists: at the start of a stream
    # (or a backfill) every key would look like a spike against nothing
    gated = warm(len(history), cfg) and observed >= cfg.min_count and sources >= cfg.min_sources
    dormant = quiet is None or quiet >= cfg.dormant_windows
    if cfg.novelty and gated and dormant and age >= cfg.baseline:
        return Assessment(
            True, "novelty", observed, 0.0, float(age if quiet is None else quiet), None
        )
    if cfg.method.startswith("ears"):
        result = ears(history, observed, cfg.method, cfg.threshold)
    elif cfg.method == "glm":
        from streams.detect.glm import assess_glm

        result = assess_glm(history, observed, cfg, window, windows, orgs, span_orgs)
    else:
        result = count_model(history, observed, cfg, verdict_only=verdict_only)
    if result.alarm and not gated:
        return Assessment(
            False, result.method, observed, result.expected, result.score, result.p_value
        )
    return result


def severity(a: Assessment) -> Severity:
    """From how unlikely (score) and how big (excess over expected)."""
    excess = a.observed - a.expected
    strength = (
        a.score if a.p_value is not None else (a.score / 2 if a.method.startswith("ears") else 4.0)
    )
    if strength >= 8 and excess >= 20:
        return Severity.CRITICAL
    if strength >= 5 and excess >= 8:
        return Severity.HIGH
    if strength >= 3.5 and excess >= 4:
        return Severity.MEDIUM
    return Severity.LOW
