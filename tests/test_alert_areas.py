"""Subscription areas: validation with clear errors, and point / country coverage."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import box

from alerts.areas import AreaError, compile_area, haversine_km

BANGKOK = (13.7563, 100.5018)
TH_BOX = (box(97.37, 5.63, 105.64, 20.42),)
GB_BOXES = (box(-8.1, 49.9, 1.8, 60.9),)


def polygon(*ring: tuple[float, float]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[list(p) for p in ring]]})


def test_distances_are_great_circle() -> None:
    # Bangkok to Chiang Mai is about 580 km
    assert 570 < haversine_km(*BANGKOK, 18.7883, 98.9853) < 600


def test_countries_bbox_circle_and_polygon_cover_what_they_should() -> None:
    around_bangkok = polygon(
        (100.3, 13.5), (100.8, 13.5), (100.8, 14.0), (100.3, 14.0), (100.3, 13.5)
    )
    area = compile_area(
        {
            "countries": ["KH"],
            "circle": {"lat": 6.45, "lon": 3.39, "radius_km": 50},
            "bbox": [-0.5, 51.3, 0.3, 51.7],
            "geojson": around_bangkok,
        }
    )
    assert area.covers_point(*BANGKOK)  # polygon
    assert area.covers_point(51.5, -0.12)  # London, bbox
    assert area.covers_point(6.6, 3.35)  # Ikeja, within 50 km of Lagos
    assert not area.covers_point(9.06, 7.49)  # Abuja
    assert area.covers_country("KH", ())  # listed
    assert area.covers_country("TH", TH_BOX)  # the polygon meets Thailand
    assert not area.covers_country("FR", (box(-4.8, 42.3, 8.2, 51.1),))


def test_a_feature_wrapping_a_multipolygon_is_accepted() -> None:
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[179, -18], [180, -18], [180, -16], [179, -16], [179, -18]]],
                [[[-180, -18], [-179, -18], [-179, -16], [-180, -16], [-180, -18]]],
            ],
        },
    }
    area = compile_area({"geojson": json.dumps(feature)})
    assert area.covers_point(-17.0, 179.5)
    assert area.covers_point(-17.0, -179.5)  # across the date line, as two parts


@pytest.mark.parametrize(
    ("area", "message"),
    [
        ({"countries": ["UK"]}, "did you mean 'GB'"),
        ({"bbox": [10, 10, 5, 20]}, "empty or reversed"),
        ({"bbox": [0, 0, 1]}, "four numbers"),
        ({"bbox": [0, -100, 1, 1]}, "latitudes"),
        ({"circle": {"lat": 13.7, "lon": 100.5, "radius_km": 0}}, "above 0"),
        ({"circle": {"lat": 13.7, "lon": 100.5, "radius_km": 20000}}, "at most 5000"),
        ({"circle": {"lat": 113.7, "lon": 100.5, "radius_km": 10}}, "centre"),
        ({"geojson": "{not json"}, "not JSON"),
        (
            {"geojson": json.dumps({"type": "Point", "coordinates": [1, 2]})},
            "Polygon or MultiPolygon",
        ),
        ({"geojson": polygon((0, 0), (1, 1), (1, 0), (0, 1), (0, 0))}, "Self-intersection"),
        ({"geojson": polygon((0, 0), (1, 0), (2, 0), (0, 0))}, "no area|not a valid shape"),
        (
            {"geojson": polygon((13.7, 100.5), (14, 100.5), (14, 101), (13.7, 100.5))},
            "within -180..180 and -90..90",
        ),
    ],
)
def test_bad_areas_are_refused_with_the_reason(area: dict, message: str) -> None:
    with pytest.raises(AreaError, match=message):
        compile_area(area)


def test_a_thousand_areas_answer_quickly_enough_to_matter() -> None:
    # not a timing assertion: this checks prepared shapes are reused, not rebuilt per call
    areas = [compile_area({"bbox": [i % 170 - 85, -10, i % 170 - 80, 10]}) for i in range(1000)]
    hits = sum(a.covers_point(0.0, 0.5) for a in areas)
    assert hits == sum(1 for i in range(1000) if i % 170 - 85 <= 0.5 <= i % 170 - 80)


def test_an_empty_area_is_the_whole_world() -> None:
    area = compile_area({})
    assert area.world
    assert area.covers_country("FR", ())


def test_a_circle_reaches_a_shape_whose_nearest_point_is_inside_it() -> None:
    area = compile_area({"circle": {"lat": 13.75, "lon": 100.5, "radius_km": 30}})
    near = box(100.7, 13.6, 101.0, 13.9)  # edge ~21 km east of the centre
    far = box(101.0, 13.6, 101.5, 13.9)  # edge ~54 km away
    assert area.covers_geometry(near)
    assert not area.covers_geometry(far)
    assert area.covers_geometry(box(100.0, 13.0, 101.0, 14.0))  # contains the centre
