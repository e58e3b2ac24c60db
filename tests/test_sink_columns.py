"""The incidents table's JSON columns (places, victims) are written directly for the
records the schema gives, exactly as the generic JSON writer writes them (issue 17
item 2: the sink's per-row cost), place names only sealed (``tables.sealed_only``)."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from consumers.tables import INCIDENTS, _json, sealed_only

COLUMNS = {c.name: c.get for c in INCIDENTS.columns}
TEXTS = (
    "Mae Sot",
    "",
    "ž€😀\u2028",
    'a "quoted" \\ name\n\t',
    "tahub:v1:k1:AbC-_",
    'tahub:v1:k1:ž€😀\u2028 "quoted" \\\n\t',
)  # the last two land (sealed-looking)
NUMBERS = (None, 0.0, -0.0, 1.5, -90.0, 13.736717, 1e-7, 123456789.123, 1e22)


def _place(rng: random.Random) -> dict[str, Any]:
    return {"country": rng.choice(("TH", "MM", "GB")), "lat": rng.choice(NUMBERS),
            "lon": rng.choice(NUMBERS), "name": rng.choice((None, *TEXTS))}  # fmt: skip


def _record(rng: random.Random) -> dict[str, Any]:
    return {
        **{k: [_place(rng) for _ in range(rng.choice((0, 1, 2, 5)))]
           for k in ("recruitment_places", "transit_places", "exploitation_places")},
        "victims": [{"age_band": rng.choice(("age_0_8", "unknown")), "gender": "female",
                     "count": rng.choice((0, 1, 7, 10**12))} for _ in range(rng.choice((0, 1, 3)))],
    }  # fmt: skip


def _generic(r: dict[str, Any]) -> tuple[str, str]:
    places = [{"role": role, **p, **({"name": sealed_only(p["name"])} if "name" in p else {})}
              for role, key in (("recruitment", "recruitment_places"),
              ("transit", "transit_places"), ("exploitation", "exploitation_places"))
              for p in r.get(key) or ()]  # fmt: skip
    return _json(places), _json(r.get("victims") or [])


@pytest.mark.parametrize("seed", range(30))
def test_places_and_victims_are_written_as_the_generic_writer_writes_them(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        r = _record(rng)
        assert (COLUMNS["places"](r), COLUMNS["victims"](r)) == _generic(r)


@pytest.mark.parametrize(
    "odd",
    [
        {"lat": float("nan")},
        {"lon": float("inf")},
        {"lat": 5},  # an int where the schema has a double
        {"name": 3},
        {"admin1": "x"},  # a key the schema does not have
    ],
)
def test_other_shapes_are_left_to_the_generic_writer(odd: dict[str, Any]) -> None:
    r = _record(random.Random(1))
    r["transit_places"] = [{**_place(random.Random(2)), **odd}]
    r["victims"] = [{"age_band": "unknown", "gender": "male", "count": True}]
    assert (COLUMNS["places"](r), COLUMNS["victims"](r)) == _generic(r)
    json.loads(COLUMNS["places"](r))  # still JSON (NaN as json writes it)


def test_none_and_missing_lists() -> None:
    r: dict[str, Any] = {"recruitment_places": None, "victims": None}
    assert (COLUMNS["places"](r), COLUMNS["victims"](r)) == ("[]", "[]")
