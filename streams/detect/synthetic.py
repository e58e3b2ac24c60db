"""Synthetic signal streams with known outbreaks, for tuning and evaluating detectors.

Each series is one typology on one route, reported sparsely (most days have no report),
with weekly seasonality (fewer reports at weekends), a slow trend, overdispersed noise
(gamma–Poisson), a few re-submitted duplicates, and reports spread over organisations of
very different sizes. Outbreaks add reports from several organisations on a known series
for a known number of days. Deterministic for a seed.

The defaults make the stream the tests and earlier evaluations used (a seed's stream is
unchanged). ``BENCHMARKS["issue19"]`` is the held-out benchmark of issue 19: a year on 240
series with trends up and down (log-linear, up to e^±0.6 of the mid-year rate at either
end), 48 outbreaks of 3-14 days, half of them ramping (extra reports growing each day to
the peak on the last), and half reported by organisations new to the series (each series
then has its own few regular reporters, and those outbreaks come from others).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from schemas.taxonomy import Typology

COUNTRIES = (
    "NG", "GB", "FR", "DE", "IT", "ES", "TH", "VN", "RO", "BG", "UA", "AL", "IN", "PK",
    "BR", "US", "MX", "CN", "PH", "KH", "MM", "LA", "MY", "AE", "QA", "SA", "LY", "NE",
)  # fmt: skip
WEEKDAY = (1.15, 1.15, 1.15, 1.15, 1.15, 0.6, 0.65)  # Monday first; mean 1.0
DAY = 86_400


@dataclass(frozen=True)
class Outbreak:
    key: str  # the typology_route dimension key
    start_day: int
    days: int
    extra_per_day: float  # at the peak (every day when flat, the last day when ramping)
    shape: str = "flat"  # flat | ramp
    new_orgs: bool = False  # reported only by organisations new to the series

    def extra_on(self, day: int) -> float:
        """Expected extra reports on ``day`` (0 outside the outbreak)."""
        i = day - self.start_day
        if not 0 <= i < self.days:
            return 0.0
        if self.shape == "ramp":
            return self.extra_per_day * (i + 1) / self.days
        return self.extra_per_day


@dataclass(frozen=True)
class Stream:
    signals: list[dict[str, Any]]
    outbreaks: list[Outbreak]
    series: list[str]
    days: int
    start: datetime


def route_key(typology: str, origin: str, dest: str) -> str:
    return f"{typology}|{origin}>{dest}"


# issue 19's held-out benchmark (``tahub detect evaluate --benchmark issue19``)
BENCHMARKS: dict[str, dict[str, Any]] = {
    "issue19": {
        "series": 240,
        "days": 365,
        "outbreaks": 48,
        "warmup": 60,
        "min_days": 3,
        "max_days": 14,
        "trend": 0.6,
        "trend_form": "log",
        "ramp_share": 0.5,
        "new_org_share": 0.5,
    }
}


def generate(
    *,
    seed: int = 7,
    series: int = 200,
    days: int = 240,
    outbreaks: int = 40,
    orgs: int = 25,
    warmup: int = 45,
    start: datetime = datetime(2026, 1, 5, tzinfo=UTC),  # a Monday
    min_days: int = 3,
    max_days: int = 10,
    trend: float = 0.4,  # slopes drawn from ±trend over the stream
    trend_form: str = "linear",  # linear: 1 + b (x - 1/2); log: e^(2 b (x - 1/2))
    ramp_share: float = 0.0,  # outbreaks that ramp up rather than stay flat
    new_org_share: float = 0.0,  # outbreaks from organisations new to the series
) -> Stream:
    _check(days, warmup, min_days, max_days, trend_form)
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    typologies = [t.value for t in Typology if t is not Typology.OTHER]
    org_ids = [f"org-{i:02d}" for i in range(orgs)]
    org_weights = [1.0 / (i + 1) for i in range(orgs)]  # a few large partners, many small
    combos: set[tuple[str, str, str]] = set()
    while len(combos) < series:
        o, d = rng.sample(COUNTRIES, 2)
        combos.add((rng.choice(typologies), o, d))
    chosen = sorted(combos)
    rates = {c: min(6.0, max(0.02, rng.lognormvariate(-1.0, 1.0))) for c in chosen}
    trends = {c: rng.uniform(-trend, trend) for c in chosen}
    planted = _plant(rng, chosen, rates, outbreaks, (warmup, days), (min_days, max_days),
                     ramp_share, new_org_share)  # fmt: skip
    regulars, reporters = _reporters(rng, chosen, planted, org_ids, org_weights, new_org_share)
    by_key: dict[str, list[Outbreak]] = {}
    for ob in planted:
        by_key.setdefault(ob.key, []).append(ob)
    signals: list[dict[str, Any]] = []
    n = 0
    for combo in chosen:
        key = route_key(*combo)
        own = regulars.get(key)
        for day in range(days):
            when = start + timedelta(days=day)
            x = day / days - 0.5
            level = (
                1 + trends[combo] * x if trend_form == "linear" else math.exp(2 * trends[combo] * x)
            )
            lam = rates[combo] * WEEKDAY[when.weekday()] * level
            count = _poisson(rng, lam * rng.gammavariate(4.0, 0.25))
            extra, who = 0, org_ids
            for ob in by_key.get(key, []):
                if ob.start_day <= day < ob.start_day + ob.days:
                    extra += _poisson(rng, ob.extra_on(day))
                    who = reporters.get(ob, org_ids)
            for i in range(count + extra):
                n += 1
                if i >= count:
                    org = rng.choice(who)
                elif own is None:
                    org = rng.choices(org_ids, org_weights)[0]
                else:
                    org = rng.choice(own)
                signal = _signal(n, combo, org, when + timedelta(seconds=rng.randrange(DAY)))
                signals.append(signal)
                if rng.random() < 0.03:  # the same report re-submitted
                    signals.append({**signal, "signal_id": f"{signal['signal_id']}-dup"})
    return Stream(signals, planted, [route_key(*c) for c in chosen], days, start)


def _check(days: int, warmup: int, min_days: int, max_days: int, trend_form: str) -> None:
    if days <= warmup + max_days + 2:
        raise ValueError(
            f"days must exceed warmup + {max_days + 2} ({warmup + max_days + 2}) to place outbreaks"
        )
    if not 1 <= min_days <= max_days or trend_form not in {"linear", "log"}:
        raise ValueError("need 1 <= min_days <= max_days and trend_form linear or log")


def _plant(  # noqa: PLR0917
    rng: random.Random,
    chosen: list[tuple[str, str, str]],
    rates: dict[tuple[str, str, str], float],
    outbreaks: int,
    period: tuple[int, int],
    lengths: tuple[int, int],
    ramp_share: float,
    new_org_share: float,
) -> list[Outbreak]:
    (warmup, days), (min_days, max_days) = period, lengths
    planted = []
    for c in rng.sample(chosen, min(outbreaks, len(chosen))):
        begin = rng.randrange(warmup, days - max_days - 2)
        length = rng.randint(min_days, max_days)
        peak = max(1.5, rng.uniform(2.0, 5.0) * rates[c])
        # further draws only when asked for: the default stream of a seed stays as it was
        shape = "ramp" if ramp_share > 0 and rng.random() < ramp_share else "flat"
        fresh = new_org_share > 0 and rng.random() < new_org_share
        planted.append(Outbreak(route_key(*c), begin, length, peak, shape, fresh))
    return planted


def _reporters(  # noqa: PLR0917
    rng: random.Random,
    chosen: list[tuple[str, str, str]],
    planted: list[Outbreak],
    org_ids: list[str],
    org_weights: list[float],
    new_org_share: float,
) -> tuple[dict[str, list[str]], dict[Outbreak, list[str]]]:
    """With new organisations in play, each series' few regular reporters, and who
    reports each outbreak: 2-4 organisations never seen on the series, or its regulars
    with a few large partners. Nothing (and no draws) otherwise."""
    regulars: dict[str, list[str]] = {}
    reporters: dict[Outbreak, list[str]] = {}
    if new_org_share <= 0:
        return regulars, reporters
    for c in chosen:
        picked: set[str] = set()
        want = rng.randint(2, 4)
        while len(picked) < want:
            picked.add(rng.choices(org_ids, org_weights)[0])
        regulars[route_key(*c)] = sorted(picked)
    for ob in planted:
        own = regulars[ob.key]
        if ob.new_orgs:
            reporters[ob] = rng.sample([o for o in org_ids if o not in own], rng.randint(2, 4))
        else:
            reporters[ob] = sorted(set(own) | set(org_ids[:3]))
    return regulars, reporters


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth's method: rates here are small
    if lam <= 0:
        return 0
    limit, k, p = pow(2.718281828459045, -lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _signal(n: int, combo: tuple[str, str, str], org: str, at: datetime) -> dict[str, Any]:
    typology, origin, dest = combo
    return {
        "signal_id": f"syn-{n}",
        "event_time": at,
        "source_kind": "partner",
        "source_id": f"rep-{n}",
        "org_id": org,
        "typology": typology,
        "origin_country": origin,
        "transit_countries": [],
        "destination_country": dest,
        "location_country": dest,
        "role": "destination",
        "lat": None,
        "lon": None,
        "cell_coarse": None,
        "cell_fine": None,
        "weight": 1.0,
        "tlp": "GREEN",
    }
