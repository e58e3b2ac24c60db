"""Upper tails of the count distributions the detectors judge by (pure)."""

from __future__ import annotations

import math


def poisson_sf(at: float, lam: float, enough: float = math.inf) -> float:
    """P(X >= k) for X ~ Poisson(lam). With ``enough``, an upper tail summed term by term
    stops once it reaches ``enough``: the value is then a lower bound, at least ``enough``
    (for a caller who asks only whether the tail is below it; see ``negbin_sf``)."""
    k = math.ceil(at)
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    # 1 - P(X <= k-1) from the lower terms, or the upper terms when k >> lam
    if k - 1 < lam:
        if lam < 700:  # e^-lam is a normal float: each term from the last (no lgamma)
            term = lower = math.exp(-lam)
            for i in range(1, k):
                term *= lam / i
                lower += term
        else:  # from the largest term down (the mode is at lam): O(sqrt(lam)) terms, not k
            term = lower = math.exp((k - 1) * math.log(lam) - lam - math.lgamma(k))
            i = k - 1
            while i > 0 and term > lower * 1e-17:
                term *= i / lam
                lower += term
                i -= 1
        return max(0.0, 1.0 - lower)
    term = math.exp(k * math.log(lam) - lam - math.lgamma(k + 1))
    total, i = 0.0, k
    while term > total * 1e-16 and i < k + 10_000:
        total += term
        if total >= enough:
            break
        i += 1
        term *= lam / i
    return min(1.0, total)


def negbin_sf(at: float, mean: float, var: float, enough: float = math.inf) -> float:
    """P(X >= k) for a negative binomial with this mean and variance (var > mean).

    ``enough``: as for ``poisson_sf``. The upper tail is a sum of positive terms, and a
    rounded sum of positive terms never falls as terms are added, so once a partial sum
    reaches ``enough`` the whole one does too, and is below ``enough`` exactly when the
    partial one never reaches it (then every term is summed, bit for bit as without it).
    A calm verdict then costs a term or two of three lgammas each, not dozens."""
    if var <= mean:
        return poisson_sf(at, mean, enough)
    r = mean * mean / (var - mean)
    p = r / (r + mean)
    k = math.ceil(at)
    if k <= 0:
        return 1.0

    def log_pmf(i: int) -> float:
        return (
            math.lgamma(i + r) - math.lgamma(r) - math.lgamma(i + 1)
            + r * math.log(p) + i * math.log1p(-p)
        )  # fmt: skip

    first = math.exp(log_pmf(0))
    if first > 1e-300:  # each term from the last: pmf(i + 1) = pmf(i) (i + r) / (i + 1) q
        q, term, lower = 1.0 - p, first, first
        for i in range(1, k):
            term *= (i - 1 + r) / i * q
            lower += term
    else:
        lower = sum(math.exp(log_pmf(i)) for i in range(k))
    if lower < 0.5:
        return max(0.0, 1.0 - lower)
    total, i = 0.0, k
    while i < k + 100_000:
        term = math.exp(log_pmf(i))
        total += term
        if term < total * 1e-14 or total >= enough:
            break
        i += 1
    return min(1.0, total)
