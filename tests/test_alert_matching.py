"""Matching detections to subscriptions: place, filters, sharing, and the index (pure)."""

from __future__ import annotations

import json
import random
from typing import Any

import h3
import pytest

from alerts.matching import SubscriptionIndex, may_see
from alerts.subscriptions import with_active
from tests.alertkit import T0, detection, subscription


def _ids(index: SubscriptionIndex, det: dict) -> set[str]:  # type: ignore[type-arg]
    return {s.subscription_id for s in index.match(det)}


def _index(*subs):  # type: ignore[no-untyped-def]
    index = SubscriptionIndex(k=3)
    for s in subs:
        index.put(s)
    return index


def test_a_country_area_gets_location_and_route_detections_there() -> None:
    th = subscription(area={"countries": ["TH"]})
    fr = subscription(area={"countries": ["FR"]})
    index = _index(th, fr)
    assert _ids(index, detection("location", location="TH")) == {th.subscription_id}
    assert _ids(index, detection("route", origin="MM", destination="TH")) == {th.subscription_id}
    assert _ids(index, detection("location", location="NG")) == set()


def test_a_circle_gets_the_cell_it_reaches_and_not_one_far_away() -> None:
    bangkok = subscription(area={"circle": {"lat": 13.75, "lon": 100.5, "radius_km": 40}})
    index = _index(bangkok)
    near = h3.latlng_to_cell(13.75, 100.5, 3)
    far = h3.latlng_to_cell(18.79, 98.98, 3)  # Chiang Mai, ~580 km
    assert _ids(index, detection("cell", cell=near)) == {bangkok.subscription_id}
    assert _ids(index, detection("cell", cell=far)) == set()


def test_a_polygon_gets_cells_inside_it_and_a_country_list_gets_its_cells() -> None:
    ring = [[100.0, 13.0], [101.0, 13.0], [101.0, 14.5], [100.0, 14.5], [100.0, 13.0]]
    poly = subscription(area={"geojson": json.dumps({"type": "Polygon", "coordinates": [ring]})})
    th = subscription(area={"countries": ["TH"]})
    ng = subscription(area={"countries": ["NG"]})
    index = _index(poly, th, ng)
    cell = h3.latlng_to_cell(13.75, 100.5, 3)
    assert _ids(index, detection("cell", cell=cell)) == {poly.subscription_id, th.subscription_id}


def test_filters_on_typology_route_set_and_novelty() -> None:
    fc = subscription(typologies=["forced_criminality"])
    sex = subscription(typologies=["sexual_exploitation"])
    into_th = subscription(destinations=["TH"])
    routes = subscription(dimension_sets=["route"])
    novel = subscription(new_routes_only=True)
    index = _index(fc, sex, into_th, routes, novel)
    det = detection("typology_route")
    assert _ids(index, det) == {fc.subscription_id, into_th.subscription_id}
    assert _ids(index, detection("route", method="novelty")) == {
        into_th.subscription_id,
        routes.subscription_id,
        novel.subscription_id,
    }


def test_a_detection_without_a_place_reaches_world_areas_and_named_sets_only() -> None:
    world = subscription()
    th = subscription(area={"countries": ["TH"]})
    named = subscription(area={"countries": ["TH"]}, dimension_sets=["typology"])
    index = _index(world, th, named)
    assert _ids(index, detection("typology")) == {world.subscription_id, named.subscription_id}


def _ev(*items: tuple[str, str, int]) -> list[dict[str, Any]]:
    return [{"org_id": o, "tlp": t, "reports": n} for o, t, n in items]


def test_sharing_rules_decide_who_may_receive() -> None:
    # GREEN with k reports of others: any member; fewer: nobody but an owner of all of it
    assert may_see("org-b", detection(tlp="GREEN", sources=3), 3)
    assert not may_see("org-b", detection(tlp="GREEN", sources=2), 3)
    # RED evidence of one organisation: that organisation only, even below k
    red = detection(tlp="RED", evidence=_ev(("org-a", "RED", 1)))
    assert may_see("org-a", red, 3)
    assert not may_see("org-b", red, 3)
    # restricted data of several organisations: nobody may see all of it
    mixed = _ev(("org-a", "AMBER", 3), ("org-c", "RED", 3))
    assert not may_see("org-a", detection(tlp="RED", evidence=mixed), 3)
    assert not may_see("org-c", detection(tlp="RED", evidence=mixed), 3)
    a, b = subscription("org-a"), subscription("org-b")
    assert _ids(_index(a, b), red) == {a.subscription_id}


def test_own_restricted_data_does_not_open_others_small_groups() -> None:
    """Attack (issue 15.3): org-a has one RED report in a detection that also counts two
    GREEN reports of others. The exemption for one's own data must not show org-a a count
    that rests on fewer than k reports of others."""
    det = detection(tlp="RED", evidence=_ev(("org-a", "RED", 1), ("org-b", "GREEN", 2)))
    assert not may_see("org-a", det, 3)
    # padding with its own reports unlocks nothing either
    padded = detection(tlp="GREEN", evidence=_ev(("org-a", "GREEN", 9), ("org-b", "GREEN", 2)))
    assert not may_see("org-a", padded, 3)
    assert may_see("org-b", padded, 3)  # org-b counts 9 reports of org-a: k is met


def test_a_paused_subscription_matches_nothing_until_resumed() -> None:
    sub = subscription()
    index = _index(with_active(sub, False, T0))
    assert _ids(index, detection()) == set()
    index.put(with_active(sub, True, T0))
    assert _ids(index, detection()) == {sub.subscription_id}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_index_finds_exactly_what_checking_every_subscription_finds(seed: int) -> None:
    rng = random.Random(seed)
    countries = ["TH", "MM", "KH", "VN", "NG", "GB", "FR", "IT", "US", "MX", "BR", "IN"]
    subs = []
    for _ in range(400):
        roll = rng.random()
        if roll < 0.4:
            area = {"countries": rng.sample(countries, rng.randint(1, 3))}
        elif roll < 0.7:
            lat, lon = rng.uniform(-40, 60), rng.uniform(-120, 140)
            area = {"circle": {"lat": lat, "lon": lon, "radius_km": rng.uniform(20, 800)}}
        elif roll < 0.95:
            lon, lat = rng.uniform(-120, 130), rng.uniform(-40, 50)
            area = {"bbox": [lon, lat, lon + rng.uniform(1, 20), lat + rng.uniform(1, 15)]}
        else:
            area = {}
        subs.append(subscription(area=area))
    index = _index(*subs)
    found = 0
    for i in range(300):
        kind = rng.choice(["location", "route", "cell"])
        if kind == "cell":
            cell = h3.latlng_to_cell(rng.uniform(-40, 60), rng.uniform(-120, 140), 3)
            det = detection("cell", det_id=f"d{i}", cell=cell)
        else:
            o, d = rng.sample(countries, 2)
            det = detection(kind, det_id=f"d{i}", origin=o, destination=d, location=d)
        expected = {s.subscription_id for s in index.match_every(det)}
        assert _ids(index, det) == expected
        found += len(expected)
    assert found > 300  # the areas overlap the detections often enough to mean something


def test_a_cell_that_is_not_h3_is_placed_by_nothing_rather_than_crashing() -> None:
    world, th = subscription(), subscription(area={"countries": ["TH"]})
    index = _index(world, th)
    assert _ids(index, detection("cell", cell="bg6")) == {world.subscription_id}
