"""The demo's synthetic world (pure, deterministic): organisations, routes, subscriptions,
two years of seasonal history per organisation and the live trickle with its spike.

Every name is made up; no record describes a real person or case.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Org:
    org_id: str
    name: str
    kind: str  # producers.intake.access.OrgKind


ORGS: tuple[Org, ...] = (
    Org("shelter-bkk", "Bangkok Safe House (demo)", "ngo"),
    Org("shelter-mnl", "Manila Harbour Shelter (demo)", "ngo"),
    Org("hotline-kh", "Cambodia Hope Hotline (demo)", "ngo"),
    Org("hotline-mm", "Myanmar Migrant Helpline (demo)", "ngo"),
    Org("union-fishers", "Regional Fishers' Union (demo)", "other"),
    Org("union-domestic", "Domestic Workers' Federation (demo)", "other"),
    Org("police-liaison-th", "Anti-Trafficking Police Liaison TH (demo)", "law_enforcement"),
    Org("embassy-desk-ph", "Embassy Migrant Workers Desk PH (demo)", "intergovernmental"),
    Org("bank-fcu", "Coastal Bank Financial Crimes Unit (demo)", "financial"),
    Org("seafood-audit", "Seafood Supply Chain Audits (demo)", "business"),
    Org("migration-office", "Regional Migration Office (demo)", "intergovernmental"),
    Org("labour-institute", "Institute for Labour Migration Research (demo)", "research"),
)


@dataclass(frozen=True)
class Route:
    typology: str
    origin: str
    destination: str
    place: tuple[float, float, str]  # where the exploitation happened: lat, lon, name
    orgs: tuple[str, ...]  # who usually reports it


# the spike comes on the first route
SPIKE = Route(
    "forced_criminality",
    "MM",
    "KH",
    (10.63, 103.52, "Sihanoukville"),
    ("hotline-kh", "hotline-mm", "police-liaison-th", "migration-office"),
)
ROUTES: tuple[Route, ...] = (
    SPIKE,
    Route(
        "forced_labour",
        "KH",
        "TH",
        (13.36, 100.98, "Chonburi"),
        ("union-fishers", "seafood-audit", "police-liaison-th"),
    ),
    Route(
        "sexual_exploitation",
        "LA",
        "TH",
        (13.75, 100.50, "Bangkok"),
        ("shelter-bkk", "police-liaison-th"),
    ),
    Route(
        "domestic_servitude",
        "PH",
        "MY",
        (3.14, 101.69, "Kuala Lumpur"),
        ("embassy-desk-ph", "union-domestic", "shelter-mnl"),
    ),
    Route(
        "forced_labour",
        "MM",
        "TH",
        (6.87, 101.25, "Pattani"),
        ("union-fishers", "labour-institute"),
    ),
    Route("debt_bondage", "NP", "MY", (2.95, 101.79, "Sepang"), ("migration-office", "bank-fcu")),
    Route(
        "forced_criminality", "VN", "KH", (11.55, 104.92, "Phnom Penh"), ("hotline-kh", "bank-fcu")
    ),
    Route(
        "sexual_exploitation",
        "PH",
        "MY",
        (5.98, 116.07, "Kota Kinabalu"),
        ("shelter-mnl", "embassy-desk-ph"),
    ),
)

# subscriptions: (org, spec); the first matches the spike's route and typology only
MATCHING = ("hotline-kh", "scam-compounds")
SUBSCRIPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "hotline-kh",
        {
            "name": "Scam compounds: Myanmar into Cambodia",
            "typologies": ["forced_criminality"],
            "origins": ["MM"],
            "destinations": ["KH"],
            "channels": [{"kind": "outbox", "target": "scam-compounds"}],
        },
    ),
    (
        "shelter-bkk",
        {
            "name": "Sexual exploitation in Thailand",
            "area": {"countries": ["TH"]},
            "typologies": ["sexual_exploitation"],
            "channels": [{"kind": "outbox", "target": "thailand"}],
        },
    ),
    (
        "union-fishers",
        {
            "name": "Fishing fleets: Cambodia into Thailand",
            "typologies": ["forced_labour"],
            "origins": ["KH"],
            "destinations": ["TH"],
            "channels": [{"kind": "outbox", "target": "fishing"}],
        },
    ),
    (
        "embassy-desk-ph",
        {
            "name": "Filipino nationals abroad",
            "origins": ["PH"],
            "channels": [{"kind": "outbox", "target": "nationals"}],
        },
    ),
)

HISTORY_DAYS = 730
HISTORY_END_DAYS_AGO = 3  # older than the demo's backdated_after_days: history, not live
AGE_BANDS = ("age_9_17", "age_18_20", "age_21_23", "age_24_26", "age_27_29", "age_30_38")
GENDERS = ("female", "male", "unknown")


def submission(
    route: Route, sid: str, on: date, rng: random.Random, tlp: str = "TLP:GREEN"
) -> dict[str, Any]:
    """One partner submission on ``route`` (the intake API's JSON)."""
    lat, lon, name = route.place
    return {
        "submission_id": sid,
        "occurred_on": on.isoformat(),
        "occurred_precision": "day",
        "typologies": [route.typology],
        "recruitment_places": [{"country": route.origin}],
        "exploitation_places": [
            {
                "country": route.destination,
                "lat": round(lat + rng.uniform(-0.05, 0.05), 4),
                "lon": round(lon + rng.uniform(-0.05, 0.05), 4),
                "name": name,
            }
        ],
        "victims": [
            {
                "age_band": rng.choice(AGE_BANDS),
                "gender": rng.choice(GENDERS),
                "count": rng.randint(1, 6),
            }
        ],
        "tlp": tlp,
    }


def _season(day: date, route_index: int) -> float:
    """A yearly cycle (peaks differ by route) and slow growth over the two years."""
    phase = 2 * math.pi * (day.timetuple().tm_yday / 365.25 + route_index / len(ROUTES))
    return 1.0 + 0.6 * math.sin(phase)


def history(org_id: str, today: date, seed: int = 21) -> list[dict[str, Any]]:
    """Two years of ``org_id``'s reports on its usual routes, with seasonality: about one
    report a week per route it works on, more in its routes' high seasons."""
    rng = random.Random(f"{seed}:{org_id}")  # noqa: S311 (a demo, not a secret)
    rows: list[dict[str, Any]] = []
    end = today - timedelta(days=HISTORY_END_DAYS_AGO)
    for index, route in enumerate(ROUTES):
        if org_id not in route.orgs:
            continue
        for back in range(HISTORY_DAYS):
            day = end - timedelta(days=back)
            growth = 0.7 + 0.3 * (HISTORY_DAYS - back) / HISTORY_DAYS
            if rng.random() < 0.14 * _season(day, index) * growth:
                rows.append(submission(route, f"hist-{org_id}-{len(rows)}", day, rng))
    return rows


def history_jsonl(org_id: str, today: date) -> bytes:
    return "\n".join(json.dumps(r) for r in history(org_id, today)).encode()


def trickle(today: date, seed: int = 21) -> Iterator[tuple[str, dict[str, Any]]]:
    """The live background: every route in turn, each from its usual reporters in turn
    (one report per route every ``len(ROUTES)`` submissions, so no route alarms by itself)."""
    rng = random.Random(seed)  # noqa: S311 (a demo, not a secret)
    n = 0
    while True:
        for route in ROUTES:
            org = route.orgs[(n // len(ROUTES)) % len(route.orgs)]
            yield org, submission(route, f"live-{n}", today, rng)
            n += 1


def on_route(item: dict[str, Any], route: Route) -> bool:
    """Whether the submission ``item`` reports ``route`` (its typology, origin, destination)."""
    return bool(
        item["typologies"] == [route.typology]
        and item["recruitment_places"][0]["country"] == route.origin
        and item["exploitation_places"][0]["country"] == route.destination
    )


def spike(today: date, size: int = 10, seed: int = 22) -> list[tuple[str, dict[str, Any]]]:
    """The spike: ``size`` reports on SPIKE from its four usual reporters at once."""
    rng = random.Random(seed)  # noqa: S311 (a demo, not a secret)
    return [
        (SPIKE.orgs[i % len(SPIKE.orgs)], submission(SPIKE, f"spike-{i}", today, rng))
        for i in range(size)
    ]
