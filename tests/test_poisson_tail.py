"""The Poisson tail for busy keys (mean ≥ 700), where the lower sum starts at the
largest term and stops once terms no longer change it: checked against the full sum."""

from __future__ import annotations

import itertools
import math

import pytest

from streams.detect.detectors import poisson_sf


def _full_sum(k: int, lam: float) -> float:
    """Every term of P(X <= k-1), summed exactly (slow: k terms, each with lgamma)."""
    lower = math.fsum(math.exp(i * math.log(lam) - lam - math.lgamma(i + 1)) for i in range(k))
    return max(0.0, 1.0 - lower)


@pytest.mark.parametrize("lam", [700.0, 701.5, 2_500.0, 12_345.6, 100_000.0])
def test_the_tail_of_a_busy_key_equals_the_full_sum(lam: float) -> None:
    sd = math.sqrt(lam)
    for k in (1, 2, int(lam / 2), int(lam - 4 * sd), int(lam - sd), int(lam), int(lam) + 1):
        assert poisson_sf(k, lam) == pytest.approx(_full_sum(k, lam), abs=1e-9), (k, lam)


def test_the_tail_is_monotone_through_the_mean() -> None:
    lam = 5_000.0
    tails = [poisson_sf(k, lam) for k in range(4_700, 5_300, 7)]
    assert all(a >= b for a, b in itertools.pairwise(tails))
    assert tails[0] > 0.99
    assert tails[-1] < 0.01
