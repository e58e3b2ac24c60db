"""schemas.incident_check against the Incident model: the check may refuse what the model
accepts (the model then decides), but never pass what the model refuses."""

from __future__ import annotations

import copy
import random
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from schemas.incident_check import incident_passes
from schemas.models import Incident


def _record() -> dict[str, Any]:
    return {
        "incident_id": "f8310706-2dc3-83db-8834-0406f9e38494",
        "submission_id": "k#1",
        "version": 1,
        "org_id": "org-a",
        "submitted_at": datetime(2026, 11, 30, 21, 51, 10, 639000, tzinfo=UTC),
        "occurred_on": date(2020, 2, 18),
        "occurred_precision": "day",
        "typologies": ["sexual_exploitation"],
        "means_of_control": ["withholds_documents", "threats"],
        "recruitment": ["job_offer"],
        "recruitment_places": [{"country": "RO", "lat": None, "lon": None, "name": None}],
        "transit_places": [{"country": "HU", "lat": 47.5, "lon": 19.04, "name": "sealed"}],
        "exploitation_places": [{"country": "ES", "lat": None, "lon": None, "name": "x"}],
        "sector": "C13",
        "victims": [{"age_band": "age_30_38", "gender": "male", "count": 1}],
        "victim_citizenships": ["RO", "XK"],
        "tlp": "AMBER_STRICT",
        "confidence": 0.5,
        "summary": None,
    }


def _model_accepts(r: dict[str, Any]) -> bool:
    try:
        Incident.from_avro(r)
    except ValidationError:
        return False
    return True


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    r = _record()
    target: Any = r
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return r


def test_a_valid_record_passes_without_its_model() -> None:
    r = _record()
    assert _model_accepts(r)
    assert incident_passes(r)
    unknown = _set(("occurred_precision",), "unknown")
    unknown["occurred_on"] = None
    month = _set(("occurred_precision",), "month")
    month["occurred_on"] = date(2020, 2, 1)
    for ok in (unknown, month, _set(("victims",), []), _set(("summary",), "sealed text")):
        assert _model_accepts(ok)
        assert incident_passes(ok)


BROKEN = [
    (("version",), 0),
    (("typologies",), []),
    (("typologies",), ["smuggling"]),
    (("means_of_control",), ["bribes"]),
    (("recruitment",), ["cousin"]),
    (("tlp",), "TLP:RED"),
    (("tlp",), "PURPLE"),
    (("confidence",), 1.5),
    (("confidence",), -0.1),
    (("confidence",), float("nan")),
    (("occurred_on",), datetime(2020, 2, 18, 12, 0)),  # a time in a date
    (("occurred_precision",), "month"),  # 18 February is no month's start
    (("occurred_precision",), "unknown"),  # with a date
    (("occurred_precision",), "week"),
    (("occurred_on",), None),  # at day precision
    (("submitted_at",), datetime(2026, 11, 30, 21, 51)),  # naive
    (("recruitment_places", 0, "country"), "UK"),
    (("recruitment_places", 0, "country"), "ro"),
    (("recruitment_places", 0, "lat"), 10.0),  # without lon
    (("transit_places", 0, "lat"), 90.5),
    (("transit_places", 0, "lon"), -180.01),
    (("transit_places", 0, "lon"), None),
    (("exploitation_places", 0, "extra"), 1),
    (("victims", 0, "count"), -1),
    (("victims", 0, "count"), 2**31),
    (("victims", 0, "gender"), "f"),
    (("victims", 0, "age_band"), "age_10_12"),
    (("victim_citizenships",), ["RO", "ZZ"]),
    (("summary",), 5),
    (("incident_id",), None),
    (("org_id",), 3),
    (("unknown_field",), "x"),
]


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[str(p) for p, _ in BROKEN])
def test_what_the_model_refuses_never_passes(path: tuple[Any, ...], value: Any) -> None:
    r = _set(path, value)
    assert not _model_accepts(r)
    assert not incident_passes(r)


def test_missing_fields_never_pass() -> None:
    for name in _record():
        r = _record()
        del r[name]
        assert not incident_passes(r), name


# values each field may take in the random records: valid, invalid, and wrong types
POOLS: dict[str, list[Any]] = {
    "version": [1, 2, 0, -3, 1.0, "1", True],
    "submitted_at": [
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=3))),
        datetime(2026, 1, 1),
        date(2026, 1, 1),
        1767225600000,
    ],
    "occurred_on": [None, date(2020, 1, 1), date(2020, 3, 1), date(2020, 3, 17), date(1899, 1, 1)],
    "occurred_precision": ["day", "month", "year", "unknown", "week", None],
    "typologies": [["forced_labour"], [], ["forced_labour", "other"], ["x"], "forced_labour"],
    "confidence": [0.0, 1.0, 0.3, 1, 1.01, -0.0, float("inf"), None],
    "victim_citizenships": [[], ["TH"], ["th"], ["GBR"], [None]],
    "tlp": ["CLEAR", "GREEN", "AMBER", "RED", "AMBER+STRICT", "clear", None],
    "sector": [None, "C", "", 13],
    "submission_id": [None, "a", 1],
}
PLACES: list[Any] = [
    {"country": "TH", "lat": None, "lon": None, "name": None},
    {"country": "TH", "lat": 13.7, "lon": 100.5, "name": "Bangkok"},
    {"country": "TH", "lat": 13, "lon": 100, "name": None},
    {"country": "TH", "lat": -91.0, "lon": 0.0, "name": None},
    {"country": "TH", "lat": 0.0, "lon": None, "name": None},
    {"country": "XX", "lat": None, "lon": None, "name": None},
    {"country": "TH", "lat": None, "lon": None},
    {"country": "TH", "lat": None, "lon": None, "name": 7},
    "TH",
]
VICTIMS: list[Any] = [
    {"age_band": "unknown", "gender": "unknown", "count": 0},
    {"age_band": "age_0_8", "gender": "female", "count": 3},
    {"age_band": "age_0_8", "gender": "female", "count": -3},
    {"age_band": "age_0_8", "gender": "female", "count": 3.0},
    {"age_band": "adult", "gender": "female", "count": 3},
    {"age_band": "age_0_8", "gender": "female"},
]


def _random_record(rng: random.Random) -> dict[str, Any]:
    r = _record()
    for name, pool in POOLS.items():
        if rng.random() < 0.3:
            r[name] = copy.deepcopy(rng.choice(pool))
    for name in ("recruitment_places", "transit_places", "exploitation_places"):
        if rng.random() < 0.5:
            r[name] = copy.deepcopy(rng.sample(PLACES, rng.randint(0, 2)))
    if rng.random() < 0.5:
        r["victims"] = copy.deepcopy(rng.sample(VICTIMS, rng.randint(0, 2)))
    return r


def test_random_records_pass_only_where_the_model_accepts_them() -> None:
    rng = random.Random(17)
    passed = refused_by_both = 0
    for _ in range(3000):
        r = _random_record(rng)
        accepted = _model_accepts(r)
        if incident_passes(r):
            assert accepted, r
            passed += 1
        elif not accepted:
            refused_by_both += 1
    # the pools reach both sides, so the comparison above is not empty on either
    assert passed > 100
    assert refused_by_both > 100
