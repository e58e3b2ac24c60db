"""Synthetic Signal records (Avro-ready dicts) for benchmarks and tests: plausible
typologies, routes, places and sharing levels; deterministic for a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

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
    """``n`` signals spread over ``days``; every ``signals_per_report`` share a source."""
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
