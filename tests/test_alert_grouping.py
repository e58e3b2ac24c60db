"""One spike opens detections in several dimension sets; a subscriber gets one message
naming the most specific, the others as its context (pure, and through the router)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from alerts.channels.mail_body import text
from alerts.channels.slack import blocks
from alerts.compose import PAYLOAD_SCHEMA_FILE, payload, record, title
from alerts.grouping import groups
from alerts.policy import Item, Notification
from tests.alertkit import T0, detection, subscription
from tests.test_alert_router import _msg, _router

SCHEMA = json.loads(PAYLOAD_SCHEMA_FILE.read_text())
SPIKE = ("typology", "route", "location", "typology_route", "typology_location")


def _note(*dets: dict[str, Any]) -> Notification:
    items = tuple(Item("new", d, None) for d in dets)
    return Notification("ntf-1", subscription(name="Bangkok office"), "new", items, T0.timestamp())


def _spike(**over: Any) -> list[dict[str, Any]]:
    return [detection(s, det_id=f"det-{s}", **over) for s in SPIKE]


def test_one_spike_is_one_story_under_its_most_specific_detection() -> None:
    n = _note(*_spike())
    (group,) = groups(n.items)
    assert group[0].detection["dimension_set"] == "typology_route"  # three dimensions
    assert title(n) == (
        "Spike: forced criminality, route Myanmar (MM) → Thailand (TH) (high), "
        "with 4 related detection(s)"
    )
    body = payload(n, "http://hub.example")
    jsonschema.validate(body, SCHEMA)
    heads = [(d["dimension_set"], d["context_for"]) for d in body["detections"]]
    assert heads[0] == ("typology_route", None)
    assert {of for _, of in heads[1:]} == {"det-typology_route"}
    assert record(n).detection_ids[0] == "det-typology_route"
    assert "(related: the same spike as above)" in text(body)
    related = [b for b in blocks(body) if "_(related)_" in str(b)]
    assert len(related) == 4


def test_detections_of_different_spikes_stay_apart() -> None:
    """Not grouped: another window, a dimension that disagrees, the same set twice."""
    other_window = {**detection("location", det_id="w2"), "window_start": "2026-11-05T00:00:00"}
    elsewhere = detection("typology_location", det_id="my", location="MY")
    same_set = detection("typology_route", det_id="r2", origin="LA")
    route = detection("typology_route", det_id="r1")
    for pair in ((route, other_window), (route, elsewhere), (route, same_set)):
        assert len(groups(_note(*pair).items)) == 2
    assert title(_note(route, same_set)) == "2 detections for Bangkok office, highest high"
    cell = detection("cell", det_id="cell")  # held by no other set: a line of its own
    assert (
        title(_note(*_spike(), cell)) == "2 spikes (6 detections) for Bangkok office, highest high"
    )
    mixed = _note(*_spike(), elsewhere)
    assert title(mixed) == "2 spikes (6 detections) for Bangkok office, highest high"
    ordered = [d["detection_id"] for d in payload(mixed, "http://h")["detections"]]
    assert ordered[0] == "det-typology_route"
    assert ordered[-1] == "my"


def test_the_router_tells_a_spike_across_five_sets_in_one_message(tmp_path: Path) -> None:
    router, serde, _ = _router(tmp_path)
    sub = subscription()
    router.on_subscription(sub.subscription_id, sub)
    now = T0.timestamp()
    router.step([_msg(serde, d, i) for i, d in enumerate(_spike())], now)
    (n,) = router.step([], now + 5)
    assert len(n.items) == 5
    assert title(n).startswith("Spike: forced criminality, route Myanmar (MM) → Thailand (TH)")
