"""The sharing attacks on real services: signals through a real stream worker on Apache
Kafka, detections and signals through the sink into chDB and the ClickHouse server, and
another partner (org-x, with a key of its own) asking the query API.

The story: on route MM>TH a partner (org-r) files three TLP:RED reports the day before a
spike that four other organisations report as TLP:GREEN. The detector judges the sum of
the last three days. The RED reports once joined every version of the spike (which then
carried RED and was org-r's alone); now detection counts each audience tier apart, so the
spike is the GREEN tier's, seen by every member, and says nothing of the RED reports: not
in its evidence, not in its count, not in its baseline, not in its versions.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from consumers import migrations
from consumers.queries import QueryError
from consumers.warehouse import Warehouse, open_warehouse
from schemas import topics
from schemas.sharing import Viewer
from streams.detect import replay
from streams.detect.config import load
from streams.detect.replay import Offline
from tahub import query_api
from tests.services import fresh_warehouse_url
from tests.sharingkit import with_report_classes
from tests.sinkkit import Space, caught_up, count, running, wait_for
from tests.test_stream_detect import ID_KEY, PARTITIONS, Workers, _collect, _produce

pytestmark = pytest.mark.kafka

T0 = datetime(2026, 9, 1, tzinfo=UTC)
SPIKE = T0 + timedelta(days=40)
NOW = SPIKE + timedelta(days=20)
K = 3


def _signal(n: int, at: datetime, org: str, tlp: str = "GREEN") -> dict[str, Any]:
    return {
        "signal_id": f"sig-{n}", "event_time": at, "occurred_on": at.date(),
        "occurred_precision": "day", "source_kind": "partner",
        "source_id": f"rep-{n}", "org_id": org, "typology": "forced_labour",
        "origin_country": "MM", "transit_countries": [], "destination_country": "TH",
        "location_country": "TH", "role": "destination", "lat": None, "lon": None,
        "cell_coarse": None, "cell_fine": None, "weight": 1.0, "tlp": tlp,
    }  # fmt: skip


def _story() -> list[dict[str, Any]]:
    out = []
    for day in range(40):  # a quiet baseline: one GREEN report every fourth day
        if day % 4 == 0:
            out.append(_signal(day, T0 + timedelta(days=day, hours=3), f"org-{'abc'[day % 3]}"))
    out += [_signal(100 + i, SPIKE - timedelta(hours=5 + i), "org-r", "RED") for i in range(3)]
    out += [_signal(200 + i, SPIKE + timedelta(hours=i), f"org-{'abcd'[i % 4]}") for i in range(8)]
    out.sort(key=lambda s: s["event_time"])
    end = SPIKE + timedelta(days=12)  # moves every partition's time past the spike
    far = {"origin_country": "AQ", "destination_country": "BV", "location_country": "BV"}
    out += [{**_signal(900 + p, end, "org-z"), **far, "signal_id": f"end-{p}"}
            for p in range(PARTITIONS)]  # fmt: skip
    return with_report_classes(out)  # as normalize writes them


@pytest.fixture(scope="module")
def detected(
    kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Space, list[dict[str, Any]]]:
    """The story through a real worker: the detections it produced (also on the topic)."""
    tmp = tmp_path_factory.mktemp("sharing")
    space = Space.create(kafka_bootstrap, tmp, partitions=PARTITIONS)
    signals = _story()
    conf = load(None)
    expected = list(replay.replay(Offline(conf.sets, conf.configs, ids=ID_KEY), signals))
    assert _route_versions(expected), "the replay must find the spike (else nothing is tested)"
    workers = Workers(space, tmp)
    try:
        workers.start("w1")
        _produce(space, signals)
        live = _collect(space, quiet=8.0, timeout=180.0)
    finally:
        workers.stop_all()
    assert {d["dimension_key"] for d in live} >= {d["dimension_key"] for d in expected}
    return space, live


def _route_versions(detections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        d for d in detections if d["dimension_set"] == "route" and d["dimension_key"] == "MM>TH"
    ]


MEASURES = ("detection_id", "version", "state", "window_start", "observed", "expected",
            "score", "p_value", "method", "severity", "opened_at", "tlp", "evidence")  # fmt: skip


def test_the_worker_keeps_red_reports_out_of_the_spike_everyone_sees(
    detected: tuple[Space, list[dict[str, Any]]],
) -> None:
    """Every version the real worker sends of the route's spike equals the replay's of a
    world without org-r's RED reports: same ids, numbers, measures and evidence."""
    _, live = detected
    versions = _route_versions(live)
    assert versions, "the spike was not detected"
    for v in versions:
        assert "org-r" not in {e["org_id"] for e in v["evidence"]}
        assert v["tlp"] == "GREEN"
        assert not {"top_sources", "sample_signal_ids"} & set(v)
    assert versions[-1]["state"] == "resolved"
    assert versions[-1]["observed"] > 0  # a resolution carries what it resolves
    conf = load(None)
    without = [s for s in _story() if s["tlp"] != "RED"]
    clean = _route_versions(list(replay.replay(Offline(conf.sets, conf.configs, ids=ID_KEY),
                                               without)))  # fmt: skip
    shown = {tuple(str(v[m]) for m in MEASURES) for v in versions}
    assert shown == {tuple(str(v[m]) for m in MEASURES) for v in clean}


@pytest.fixture(params=["chdb", "server"])
def landed(
    request: pytest.FixtureRequest, detected: tuple[Space, list[dict[str, Any]]], tmp_path: Path
) -> Iterator[Warehouse]:
    """Everything on the topics, sunk into a fresh warehouse by the real sink."""
    space, _ = detected
    wh = open_warehouse(fresh_warehouse_url(request, request.param, tmp_path))
    migrations.migrate(wh)
    mine = dataclasses.replace(space, group=f"{space.prefix}sink-{uuid.uuid4().hex[:6]}")
    with running(mine.sink(wh, batch_seconds=0.2)):
        wait_for(lambda: caught_up(mine, topics.DETECTIONS) and caught_up(mine, topics.SIGNALS),
                 timeout=90, what="the sink")  # fmt: skip
    assert count(wh, "detections") > 0
    yield wh
    wh.close()


def _ask(
    wh: Warehouse, name: str, params: dict[str, str], viewer: Viewer, bin_: str = "week"
) -> Any:
    return query_api.run(wh, name, params, viewer, K, NOW, bin_=bin_)


def test_every_member_sees_the_spike_and_nothing_of_anothers_red_reports(
    landed: Warehouse, detected: tuple[Space, list[dict[str, Any]]]
) -> None:
    _, live = detected
    det_id = _route_versions(live)[0]["detection_id"]
    expected_versions = sorted(v["version"] for v in _route_versions(live)
                               if v["detection_id"] == det_id)  # fmt: skip
    # org-x (a member, no report of its own here) and org-r see the same GREEN spike
    for viewer in (Viewer("org-x"), Viewer("org-r")):
        shown = _ask(landed, "detections", {"since": "60d"}, viewer).as_dicts()
        assert det_id in {d["detection_id"] for d in shown}
        history = _ask(landed, "detection", {"id": det_id}, viewer).as_dicts()
        assert [h["version"] for h in history] == expected_versions  # every one of them
        assert history[-1]["state"] == "resolved"
        assert not {"top_sources", "sample_signal_ids", "evidence"} & set(history[0])
        assert "RED" not in json.dumps(history, default=str)
    # the public sees no GREEN detection, and an unknown id answers the same
    for ask in (det_id, "det-" + "0" * 20):
        with pytest.raises(QueryError, match=r"no detection .* visible to"):
            _ask(landed, "detection", {"id": ask}, Viewer())
    # org-r's RED reports are a tier of one organisation: no detection of them shows
    # anywhere on the route for another partner (nor, with one source, for org-r)
    for viewer in (Viewer("org-x"), Viewer("org-r")):
        shown = _ask(landed, "detections", {"since": "60d"}, viewer).as_dicts()
        assert all(d["tlp"] != "RED" for d in shown)


def test_counts_never_carry_anothers_red_reports_or_small_groups(landed: Warehouse) -> None:
    attacker, owner = Viewer("org-x"), Viewer("org-r")
    day_before = (SPIKE - timedelta(days=1)).date().isoformat()
    params = {"since": day_before, "until": SPIKE.date().isoformat(), "by": "origin"}
    # day bins: the day before the spike holds only org-r's RED reports
    assert _ask(landed, "counts", params, attacker, "day").rows == []
    assert _ask(landed, "counts", params, owner, "day").rows == [(day_before, "MM", 3, 1)]
    # week bins: the question widens to the week, where the eight GREEN reports of four
    # organisations on the spike day are released; never the RED ones
    week = _ask(landed, "counts", params, attacker)
    assert week.rows == [("2026-10-05", "MM", 9, 4)]  # the spike's 8 and one baseline report
    assert _ask(landed, "counts", params, owner).rows == [("2026-10-05", "MM", 12, 5)]
    # the baseline days hold one report a fourth day: hidden from others at any bucket
    quiet = {"since": T0.date().isoformat(), "until": "2026-10-05"}
    for bin_, buckets in (("day", ("day", "week", "month", "all")), ("week", ("week", "all"))):
        for bucket in buckets:
            asked = {**quiet, "bucket": bucket}
            assert _ask(landed, "counts", asked, attacker, bin_).rows == [], (bin_, bucket)
    # the spike day under day bins: eight GREEN reports of four organisations
    spike = {"since": SPIKE.isoformat(), "until": (SPIKE + timedelta(hours=1)).isoformat()}
    assert _ask(landed, "counts", {**spike, "by": "typology"}, attacker, "day").rows == [
        (SPIKE.date().isoformat(), "forced_labour", 8, 4)
    ]
    assert _ask(landed, "counts", {**spike, "by": "typology"}, Viewer(), "day").rows == []


def test_alerts_carry_each_version_only_to_whom_it_may_and_every_opening_ends(
    detected: tuple[Space, list[dict[str, Any]]], kafka_bootstrap: str, tmp_path: Path
) -> None:
    """The real worker's detection versions, in their order and a while apart as they come
    live, through the real alerts process: every member subscribed to the route (org-r,
    org-x, org-b) is told of the GREEN spike and of its end, and nothing any of them is
    told names org-r's RED reports."""
    from tests.alertkit import harness

    _, live = detected
    versions = _route_versions(live)
    det_id = versions[0]["detection_id"]
    orgs = ("org-r", "org-x", "org-b")
    with harness(kafka_bootstrap, tmp_path) as h:
        route = {"origins": ["MM"], "destinations": ["TH"], "notify_resolved": True,
                 "min_severity": "low", "channels": h.channels("outbox")}  # fmt: skip
        for org in orgs:
            h.subscribe(org, **route)
        h.start()
        h.detect(versions[0])
        wait_for(lambda: all("new" in _changes(h.outbox(o), det_id) for o in orgs), 30,
                 "the opening")  # fmt: skip
        h.detect(*versions[1:])
        wait_for(lambda: all("resolved" in _changes(h.outbox(o), det_id) for o in orgs), 30,
                 "the end")  # fmt: skip
        for org in orgs:
            told = _changes(h.outbox(org), det_id)
            assert told[0] == "new", org
            assert told[-1] == "resolved", org
            assert "RED" not in json.dumps(h.outbox(org)), org


def _changes(lines: list[dict[str, Any]], det_id: str) -> list[str]:
    return [
        d["change"] for line in lines for d in line["detections"] if d["detection_id"] == det_id
    ]
