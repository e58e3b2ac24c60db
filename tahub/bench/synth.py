"""Synthetic Signal records (Avro-ready dicts) for benchmarks and tests: plausible
typologies, routes, places and sharing levels; deterministic for a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from schemas.sharing import CLASS_ATTRIBUTES, report_class
from schemas.taxonomy import Typology

COUNTRIES = (
    "NG", "GB", "FR", "DE", "IT", "ES", "TH", "VN", "RO", "BG", "UA", "AL", "IN", "PK",
    "BR", "US", "MX", "CN", "PH", "KH", "MM", "LA", "MY", "AE", "QA", "SA", "LY", "NE",
)  # fmt: skip
TLPS = ("CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED")
TLP_WEIGHTS = (30, 40, 15, 10, 5)
ORGS = tuple(f"org-{i:02d}" for i in range(40))


def signals(
    n: int,
    *,
    seed: int = 1,
    start: datetime = datetime(2026, 1, 1, tzinfo=UTC),
    days: int = 365,
    tag: str = "syn",
    signals_per_report: int = 2,
) -> Iterator[dict[str, Any]]:
    """``n`` signals spread over ``days``; every ``signals_per_report`` share a source,
    and carry its release class attributes as normalize writes them."""
    group: list[dict[str, Any]] = []
    for signal in _signals(n, seed, start, days, tag, signals_per_report):
        if group and signal["source_id"] != group[0]["source_id"]:
            yield from _whole(group)
            group = []
        group.append(signal)
    yield from _whole(group)


def _whole(group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    whole = report_class(group)
    return [{**s, "report_class": whole} for s in group]


def _signals(  # noqa: PLR0917 - ``signals``' arguments, passed on
    n: int, seed: int, start: datetime, days: int, tag: str, signals_per_report: int
) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    typologies = [t.value for t in Typology]
    span = days * 86_400
    report: dict[str, Any] = {}
    for i in range(n):
        if i % signals_per_report == 0:
            origin, dest = rng.sample(COUNTRIES, 2)
            report = {
                "source_id": f"{tag}-r{i // signals_per_report}",
                "org_id": rng.choice(ORGS),
                "typology": rng.choice(typologies),
                "origin": origin,
                "dest": dest,
                "time": start + timedelta(seconds=rng.randrange(span)),
                "tlp": rng.choices(TLPS, TLP_WEIGHTS)[0],
            }
        at_dest = rng.random() < 0.7
        country = report["dest"] if at_dest else report["origin"]
        cell = f"{country.lower()}{rng.randrange(8)}"
        yield {
            "signal_id": f"{tag}-s{i}",
            "event_time": report["time"],
            "source_kind": "partner",
            "source_id": report["source_id"],
            "org_id": report["org_id"],
            "typology": report["typology"],
            "origin_country": report["origin"],
            "transit_countries": [],
            "destination_country": report["dest"],
            "location_country": country,
            "role": "destination" if at_dest else "origin",
            "lat": None,
            "lon": None,
            "cell_coarse": cell,
            "cell_fine": f"{cell}{rng.randrange(32)}",
            "weight": 1.0,
            "tlp": report["tlp"],
        }


def signal_columns(
    n: int, *, seed: int = 1, start: datetime = datetime(2026, 1, 1, tzinfo=UTC), days: int = 365
) -> dict[str, list[Any]]:
    """``n`` signals as warehouse columns (vectorised, for loading millions quickly):
    two signals per report, TLP mix as in ``signals``."""
    import numpy as np

    rng = np.random.default_rng(seed)
    reports = (n + 1) // 2
    report_of = np.arange(n) // 2

    def pick(values: Sequence[str], weights: Any = None) -> Any:
        chosen = rng.choice(len(values), reports, p=weights)
        return np.asarray(values, dtype=object)[chosen][report_of]

    countries = np.asarray(COUNTRIES, dtype=object)
    origin = rng.integers(0, len(COUNTRIES), reports)
    dest = (origin + rng.integers(1, len(COUNTRIES), reports)) % len(COUNTRIES)
    at_dest = rng.random(n) < 0.7
    location = np.where(at_dest, countries[dest[report_of]], countries[origin[report_of]])
    cell_no = rng.integers(0, 8, n).astype(str)
    cells = np.char.add(np.char.lower(location.astype(str)), cell_no)
    weights = np.asarray(TLP_WEIGHTS) / sum(TLP_WEIGHTS)
    times = int(start.timestamp()) + rng.integers(0, days * 86_400, reports)[report_of]
    on, precision = _occurrences(rng, times, report_of)
    out = {
        "signal_id": [f"b{i}" for i in range(n)],
        "event_time": times.tolist(),
        "occurred_on": on,
        "occurred_precision": precision,
        "source_kind": ["partner"] * n,
        "source_id": [f"r{r}" for r in report_of.tolist()],
        "org_id": pick(ORGS).tolist(),
        "typology": pick([t.value for t in Typology]).tolist(),
        "origin_country": countries[origin[report_of]].tolist(),
        "transit_countries": [[] for _ in range(n)],
        "destination_country": countries[dest[report_of]].tolist(),
        "location_country": location.tolist(),
        "role": np.where(at_dest, "destination", "origin").tolist(),
        "lat": [None] * n,
        "lon": [None] * n,
        "cell_coarse": cells.tolist(),
        "cell_fine": np.char.add(cells, rng.integers(0, 32, n).astype(str)).tolist(),
        "weight": [1.0] * n,
        "tlp": pick(TLPS, weights).tolist(),
        "kafka_partition": [0] * n,
        "kafka_offset": list(range(n)),
        "ingested_at": [int(start.timestamp())] * n,
    }
    # each report's class attributes, as normalize writes them on its two signals
    rows = [dict(zip(CLASS_ATTRIBUTES, r, strict=True))
            for r in zip(*(out[a] for a in CLASS_ATTRIBUTES), strict=True)]  # fmt: skip
    whole = [report_class(rows[i : i + 2]) for i in range(0, n, 2)]
    out["report_class"] = [whole[r] for r in report_of.tolist()]
    return out


PRECISION_MIX = {"day": 0.7, "month": 0.18, "year": 0.08, "unknown": 0.04}


def _occurrences(rng: Any, times: Any, report_of: Any) -> tuple[list[int], list[str]]:
    """Each report's occurrence (YYYYMMDD at its precision, as the warehouse keeps it): a
    few days to a few months before the report, known to the day, month or year, or not."""
    import numpy as np

    reports = int(report_of.max()) + 1 if len(report_of) else 0
    delay = np.minimum(rng.exponential(20.0, reports), 3_650).astype("int64")
    per_report = times[np.searchsorted(report_of, np.arange(reports))]
    days = per_report // 86_400 - delay
    kinds = list(PRECISION_MIX)
    chosen = rng.choice(len(kinds), reports, p=list(PRECISION_MIX.values()))
    on, precision = [], []
    for d, k in zip(days.tolist(), chosen.tolist(), strict=True):
        day = date(1970, 1, 1) + timedelta(days=d)
        kind = kinds[k]
        if kind == "month":
            day = day.replace(day=1)
        elif kind == "year":
            day = day.replace(month=1, day=1)
        on.append(0 if kind == "unknown" else day.year * 10_000 + day.month * 100 + day.day)
        precision.append(kind)
    return [on[r] for r in report_of.tolist()], [precision[r] for r in report_of.tolist()]
