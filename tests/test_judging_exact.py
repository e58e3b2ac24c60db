"""The engine's judging shortcuts change no verdict and no reported number: a calm
verdict may stop its tail early (``verdict_only``), and whether it alarms, with every
measure of an alarm, must be bit for bit what the full computation gives, on many
random windows (sparse, busy and overdispersed baselines, every count method)."""

from __future__ import annotations

import math
import random

import pytest

from streams.detect.detectors import DetectorConfig, assess, count_model
from streams.detect.tails import negbin_sf, poisson_sf


def _history(rng: random.Random) -> list[float]:
    kind = rng.choice(["sparse", "busy", "bursty", "zeros"])
    n = rng.randrange(0, 40)
    if kind == "sparse":
        return [float(rng.choice([0, 0, 0, 1, 1, 2])) for _ in range(n)]
    if kind == "busy":
        level = rng.uniform(5, 800)
        return [float(max(0, round(rng.gauss(level, math.sqrt(level) * rng.uniform(1, 4)))))
                for _ in range(n)]  # fmt: skip
    if kind == "bursty":
        return [float(rng.choice([0] * 8 + [rng.randrange(1, 200)])) for _ in range(n)]
    return [0.0] * n


@pytest.mark.parametrize("seed", range(2))
def test_a_verdict_only_judgement_equals_the_full_one(seed: int) -> None:
    rng = random.Random(seed)
    alarms = 0
    for _ in range(1_000):
        history = _history(rng)
        mean = sum(history) / len(history) if history else 0.0
        observed = float(max(0, round(mean * 3 * rng.uniform(0.2, 3.0)) + rng.randrange(-2, 12)))
        cfg = DetectorConfig(
            method=rng.choice(["auto", "poisson", "negbin"]),
            threshold=rng.choice([1.3, 2.0, 2.5, 3.5, 6.0]),
            span=rng.choice([1, 3]),
            baseline=rng.choice([7, 28]),
        )
        sources = rng.randrange(1, 6)
        quiet, age = rng.choice([0, 1, 5, 95, None]), rng.choice([0, 10, 100])
        full = assess(history, observed, sources, cfg, quiet=quiet, age=age)
        fast = assess(history, observed, sources, cfg, quiet=quiet, age=age, verdict_only=True)
        assert fast.alarm == full.alarm
        if full.alarm:
            alarms += 1
            assert fast == full
        plain = count_model(history, observed, cfg)
        quick = count_model(history, observed, cfg, verdict_only=True)
        assert quick.alarm == plain.alarm
        if plain.alarm:
            assert quick == plain
        else:  # a bound, never past the measure
            assert quick.p_value is not None
            assert plain.p_value is not None
            assert quick.p_value <= plain.p_value
    assert alarms > 40  # the draw has alarms to compare, not only calm windows


def test_a_tail_stopped_at_enough_is_a_lower_bound_and_exact_below_it() -> None:
    rng = random.Random(7)
    for _ in range(1_500):
        mean = rng.choice([rng.uniform(0.01, 5), rng.uniform(5, 500), rng.uniform(500, 2000)])
        var = mean * rng.choice([0.5, 1.0, 1.2, 2.0, 10.0, 40.0])
        k = max(0, round(mean * rng.uniform(0.0, 2.5)) + rng.randrange(-3, 20))
        enough = rng.choice([1e-2, 10**-2.5, 1e-4, 1e-8])
        for exact, quick in (
            (negbin_sf(k, mean, var), negbin_sf(k, mean, var, enough)),
            (poisson_sf(k, mean), poisson_sf(k, mean, enough)),
        ):
            assert (quick < enough) == (exact < enough)
            if exact < enough:
                assert quick == exact
            assert quick <= exact
