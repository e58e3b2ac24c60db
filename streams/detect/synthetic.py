"""Synthetic signal streams with known outbreaks, for tuning and evaluating detectors.

Each series is one typology on one route, reported sparsely (most days have no report),
with weekly seasonality (fewer reports at weekends), a slow trend, overdispersed noise
(gamma–Poisson), a few re-submitted duplicates, and reports spread over organisations of
very different sizes. Outbreaks add reports from several organisations on a known series
for a known number of days. Deterministic for a seed.
"""

from __future__ import annotations

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
    extra_per_day: float


@dataclass(frozen=True)
class Stream:
    signals: list[dict[str, Any]]
    outbreaks: list[Outbreak]
    series: list[str]
    days: int
    start: datetime


def route_key(typology: str, origin: str, dest: str) -> str:
    return f"{typology}|{origin}>{dest}"


def generate(
    *,
    seed: int = 7,
    series: int = 200,
    days: int = 240,
    outbreaks: int = 40,
    orgs: int = 25,
    warmup: int = 45,
    start: datetime = datetime(2026, 1, 5, tzinfo=UTC),  # a Monday
) -> Stream:
    if days <= warmup + 12:
        raise ValueError(f"days must exceed warmup + 12 ({warmup + 12}) to place outbreaks")
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
    trends = {c: rng.uniform(-0.4, 0.4) for c in chosen}
    planted = [
        Outbreak(
            route_key(*c),
            rng.randrange(warmup, days - 12),
            rng.randint(3, 10),
            max(1.5, rng.uniform(2.0, 5.0) * rates[c]),
        )
        for c in rng.sample(chosen, min(outbreaks, len(chosen)))
    ]
    by_key: dict[str, list[Outbreak]] = {}
    for ob in planted:
        by_key.setdefault(ob.key, []).append(ob)
    signals: list[dict[str, Any]] = []
    n = 0
    for combo in chosen:
        key = route_key(*combo)
        for day in range(days):
            when = start + timedelta(days=day)
            lam = rates[combo] * WEEKDAY[when.weekday()] * (1 + trends[combo] * (day / days - 0.5))
            count = _poisson(rng, lam * rng.gammavariate(4.0, 0.25))
            extra = sum(
                _poisson(rng, ob.extra_per_day)
                for ob in by_key.get(key, [])
                if ob.start_day <= day < ob.start_day + ob.days
            )
            for i in range(count + extra):
                n += 1
                org = rng.choices(org_ids, org_weights)[0] if i < count else rng.choice(org_ids)
                signal = _signal(n, combo, org, when + timedelta(seconds=rng.randrange(DAY)))
                signals.append(signal)
                if rng.random() < 0.03:  # the same report re-submitted
                    signals.append({**signal, "signal_id": f"{signal['signal_id']}-dup"})
    return Stream(signals, planted, [route_key(*c) for c in chosen], days, start)


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
