"""Places near borders: real country outlines, not bounding boxes.

Every place below lay inside a neighbour's bounding box, so the boxes counted it for two
countries. Each one's country is known from the map, not from the data under test: cities
on either side of a border river, and waters of Lake Victoria (Kenya, Uganda, Tanzania
share it; a country's outline includes its part of the lake).
"""

from __future__ import annotations

from typing import Any

import h3
import pytest

from alerts.matching import SubscriptionIndex, concerns
from producers.intake.submission import Submission, parse
from tests.alertkit import detection, subscription
from tests.test_intake_rules import errors_of, valid

# (place, lat, lon, its country, a neighbour whose box holds it); each >= 6 km from the
# border, so its city-sized H3 cell (resolution 6, edge ~3.7 km) lies in one country
NEAR_BORDERS = [
    ("Strasbourg, west of the Rhine", 48.58, 7.70, "FR", "DE"),
    ("Kehl-Kork, east of the Rhine", 48.57, 7.89, "DE", "FR"),
    ("El Paso, north-east", 31.86, -106.40, "US", "MX"),
    ("Ciudad Juárez, south", 31.62, -106.42, "MX", "US"),
    ("Lake Victoria, Tanzanian waters", -1.3, 32.5, "TZ", "UG"),
    ("Lake Victoria, Winam Gulf", -0.3, 34.5, "KE", "UG"),
    ("Lausanne, across Lake Geneva from Évian", 46.52, 6.63, "CH", "FR"),
    ("Windsor, south", 42.25, -82.98, "CA", "US"),
    ("Brazzaville", -4.26, 15.24, "CG", "CD"),
    ("Aranyaprathet", 13.69, 102.50, "TH", "KH"),
]


def _ids(index: SubscriptionIndex, det: dict[str, Any]) -> set[str]:
    return {s.subscription_id for s in index.match(det)}


@pytest.mark.parametrize(("name", "lat", "lon", "country", "neighbour"), NEAR_BORDERS)
def test_a_cell_near_a_border_concerns_its_own_country_only(
    name: str, lat: float, lon: float, country: str, neighbour: str
) -> None:
    own = subscription(area={"countries": [country]})
    other = subscription(area={"countries": [neighbour]})
    index = SubscriptionIndex(k=3)
    index.put(own)
    index.put(other)
    det = detection("cell", cell=h3.latlng_to_cell(lat, lon, 6))
    assert _ids(index, det) == {own.subscription_id}, name
    assert {s.subscription_id for s in index.match_every(det)} == {own.subscription_id}


def test_a_shape_in_one_countrys_waters_does_not_reach_the_neighbour() -> None:
    winam = subscription(area={"bbox": [34.3, -0.45, 34.75, -0.15]})  # Kenyan waters
    assert concerns(winam, detection("location", location="KE"))
    assert not concerns(winam, detection("location", location="UG"))


def test_a_cell_at_sea_concerns_the_countries_whose_coast_is_near() -> None:
    th, kh, fr = (subscription(area={"countries": [c]}) for c in ("TH", "KH", "FR"))
    gulf = detection("cell", cell=h3.latlng_to_cell(9.5, 101.0, 6))  # off Songkhla
    assert concerns(th, gulf)
    assert concerns(kh, gulf)  # ~300 km off Cambodia's coast too
    assert not concerns(fr, gulf)


@pytest.mark.parametrize(
    ("country", "lat", "lon"),
    [
        ("UG", -1.6, 32.5),  # Tanzanian waters, 65 km south of Uganda's
        ("US", 31.87, -116.60),  # Ensenada, Mexico
        ("DE", 48.69, 6.18),  # Nancy, France
        ("MY", 1.29, 103.85),  # Singapore
    ],
)
def test_intake_refuses_a_point_well_inside_another_country(
    country: str, lat: float, lon: float
) -> None:
    errs = errors_of(valid(exploitation_places=[{"country": country, "lat": lat, "lon": lon}]))
    assert f"outside {country}" in errs["exploitation_places.0"].reason


@pytest.mark.parametrize(
    ("country", "lat", "lon"),
    [
        ("FR", 48.57, 7.81),  # Kehl: a border town, 1-2 km over the Rhine
        ("TH", 9.0, 101.0),  # a fishing boat in the Gulf of Thailand
        ("UA", 44.95, 34.10),  # Simferopol: Natural Earth draws Crimea in Russia
        ("SO", 9.56, 44.06),  # Hargeisa: Natural Earth draws Somaliland apart
        ("XK", 42.66, 21.17),  # Pristina
        ("CY", 35.19, 33.38),  # Nicosia, north of the buffer zone
    ],
)
def test_intake_accepts_border_towns_boats_and_places_the_map_draws_apart(
    country: str, lat: float, lon: float
) -> None:
    record = valid(exploitation_places=[{"country": country, "lat": lat, "lon": lon}])
    assert isinstance(parse(record), Submission)
