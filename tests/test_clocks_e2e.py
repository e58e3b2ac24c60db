"""Both clocks on real services: partner submissions checked by the intake's rules, their
incidents and signals through Apache Kafka and the sink into chDB and the ClickHouse
server, and the query API asked at every bucket size, by occurrence and by report time.

The story (one organisation, so k plays no part; the sharing attacks are elsewhere):
eight incidents submitted in two batches a week apart in March 2026, about events of
2024 and 2025 known to the day, the month, the year, or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from consumers import migrations
from consumers.warehouse import Warehouse, open_warehouse
from producers.intake.submission import Submission, parse, to_incident
from schemas import topics
from schemas.models import Incident
from schemas.sharing import BUCKETS, Viewer
from streams.normalize import incident_signals
from tahub import query_api
from tests.intakekit import decoded, running_api
from tests.services import fresh_warehouse_url
from tests.sinkkit import Space, caught_up, count, running, wait_for
from tests.test_intake_rules import valid

pytestmark = pytest.mark.kafka

ORG = Viewer("org-a")
NOW = datetime(2026, 11, 1, tzinfo=UTC)
S1 = datetime(2026, 3, 3, 10, tzinfo=UTC)  # a Tuesday; its week starts 2026-03-02
S2 = datetime(2026, 3, 10, 10, tzinfo=UTC)  # the next Tuesday

# name: (occurred_on as submitted, occurred_precision, submitted at)
STORY: dict[str, tuple[str, str, datetime]] = {
    "d1": ("2025-06-04", "day", S1),  # a Wednesday; its week starts 2025-06-02
    "d2": ("2025-06-05", "day", S1),
    "d3": ("2025-06-16", "day", S2),  # a Monday
    "m1": ("2025-06", "month", S1),
    "m2": ("2025-07", "month", S2),
    "y1": ("2025", "year", S2),
    "y0": ("2024", "year", S1),
    "u1": ("", "unknown", S2),
}

# What the answers must be: {bucket start or None (undated): reports}. By occurrence a
# report counts only where its date, at its precision, lies: d1-d3 in their days, weeks,
# months and year; m1 and m2 in their months and year, undated in day and week buckets;
# y0 and y1 in their years only; u1 only in answers over all time, undated in any bucket.
BOUNDED = {  # since 2024-01-01, until 2027-01-01
    "day": {"2025-06-04": 1, "2025-06-05": 1, "2025-06-16": 1, None: 4},
    "week": {"2025-06-02": 2, "2025-06-16": 1, None: 4},
    "month": {"2025-06-01": 4, "2025-07-01": 1, None: 2},
    "year": {"2024-01-01": 1, "2025-01-01": 6},
    "all": {"all": 7},
}
ALL_TIME = {  # since=all: the unknown occurrence comes in, undated wherever there are buckets
    "day": {**BOUNDED["day"], None: 5},
    "week": {**BOUNDED["week"], None: 5},
    "month": {**BOUNDED["month"], None: 3},
    "year": {**BOUNDED["year"], None: 1},
    "all": {"all": 8},
}
REPORTED = {  # by report time every report has a day: the day its batch arrived
    "day": {"2026-03-03": 4, "2026-03-10": 4},
    "week": {"2026-03-02": 4, "2026-03-09": 4},
    "month": {"2026-03-01": 8},
    "year": {"2026-01-01": 8},
    "all": {"all": 8},
}


def _incidents() -> list[Incident]:
    out = []
    for name, (on, precision, submitted) in STORY.items():
        sub = parse(
            {
                "submission_id": name,
                "occurred_on": on,
                "occurred_precision": precision,
                "typologies": ["forced_labour"],
                "recruitment_places": [{"country": "NP"}],
                "exploitation_places": [{"country": "QA"}],
                "tlp": "GREEN",
            }
        )
        assert isinstance(sub, Submission), sub
        record = to_incident(sub, org_id=ORG.label, submitted_at=submitted, incident=name)
        out.append(Incident.from_avro(record))
    return out


@pytest.fixture(scope="module", params=["chdb", "server"])
def wh(
    request: pytest.FixtureRequest, kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    tmp = tmp_path_factory.mktemp("clocks")
    warehouse = open_warehouse(fresh_warehouse_url(request, request.param, tmp))
    migrations.migrate(warehouse)
    space = Space.create(kafka_bootstrap, tmp)
    incidents = _incidents()
    signals = [s.to_avro() for i in incidents for s in incident_signals(i)]
    space.produce(topics.INCIDENTS, [i.to_avro() for i in incidents], "incident_id")
    space.produce(topics.SIGNALS, signals, "signal_id")
    with running(space.sink(warehouse, batch_seconds=0.2)):
        wait_for(lambda: count(warehouse, "signals") == len(signals), what="the signals")
        wait_for(lambda: count(warehouse, "incidents") == len(incidents), what="the incidents")
        wait_for(lambda: caught_up(space, topics.SIGNALS), what="the commit")
    yield warehouse
    warehouse.close()


def _counts(wh: Warehouse, bin_: str, **params: str) -> dict[Any, int]:
    result = query_api.run(wh, "counts", {"by": "", **params}, ORG, 3, NOW, bin_=bin_)
    if params.get("bucket") == "all":
        return {"all": result.rows[0][0]} if result.rows else {}
    return {r[0]: r[1] for r in result.rows}


@pytest.mark.parametrize("bin_", ["day", "week", "month"])
def test_every_bucket_size_by_both_clocks(wh: Warehouse, bin_: str) -> None:
    bounded = {"since": "2024-01-01", "until": "2027-01-01"}
    for size in BUCKETS[bin_]:
        got = _counts(wh, bin_, bucket=size, **bounded)  # the default clock: occurred
        assert got == BOUNDED[size], (bin_, size)
        assert _counts(wh, bin_, bucket=size, since="all", clock="occurred") == ALL_TIME[size]
        got = _counts(wh, bin_, bucket=size, clock="reported", **bounded)
        assert got == REPORTED[size], (bin_, size)
        assert _counts(wh, bin_, bucket=size, since="all", clock="reported") == REPORTED[size]


def test_periods_by_occurrence_hold_whole_spans_only(wh: Warehouse) -> None:
    def total(since: str, until: str, clock: str = "occurred") -> int:
        got = _counts(wh, "day", bucket="all", since=since, until=until, clock=clock)
        return got.get("all", 0)

    assert total("2025-06-01", "2025-07-01") == 4  # d1, d2, d3 and m1: all of June
    assert total("2025-06-01", "2025-06-15") == 2  # half of June holds d1 and d2, not m1
    assert total("2025-01-01", "2026-01-01") == 6  # 2025: all but y0 and u1
    assert total("2025-01-01", "2025-12-31") == 5  # one day short of 2025: y1 is out
    assert total("2026-03-01", "2026-04-01") == 0  # nothing occurred when it was reported
    assert total("2026-03-01", "2026-04-01", "reported") == 8
    # a week period under week bins: d3's week only, m1 (June) is wider than it
    week = query_api.run(
        wh, "counts", {"by": "", "bucket": "all", "since": "2025-06-16", "until": "2025-06-23"},
        ORG, 3, NOW, bin_="week",
    )  # fmt: skip
    assert [r[0] for r in week.rows] == [1]


def test_hotspots_and_routes_on_both_clocks(wh: Warehouse) -> None:
    def run(name: str, **params: str) -> list[tuple[Any, ...]]:
        return query_api.run(wh, name, params, ORG, 3, NOW, bin_="day").rows

    # June 16-29 against June 2-15 by occurrence: d3 now, d1 and d2 before; m1 straddles
    # the two periods and is in neither
    hot = run("hotspots", since="2025-06-16", until="2025-06-30")
    assert hot[0][:3] == ("NP", 1, 2)
    assert run("hotspots", since="2026-03-09", until="2026-03-16", clock="reported")[0][:3] == (
        "NP", 4, 4,
    )  # fmt: skip
    assert run("routes", since="all")[0][:3] == ("NP", "QA", 8)
    assert run("routes", since="2025-06-01", until="2025-07-01")[0][:3] == ("NP", "QA", 4)
    assert run("routes", since="2025-06-01", until="2025-07-01", clock="reported") == []


def test_the_warehouse_keeps_each_occurrence_at_its_precision(wh: Warehouse) -> None:
    rows = wh.query(
        "SELECT source_id, any(occurred_on), any(occurred_precision), any(event_time) "
        "FROM signals GROUP BY source_id ORDER BY source_id"
    )
    got = {r[0]: (r[1], r[2], r[3]) for r in rows}
    assert got["d1"] == (20250604, "day", int(S1.timestamp()))
    assert got["m1"] == (20250601, "month", int(S1.timestamp()))
    assert got["y0"] == (20240101, "year", int(S1.timestamp()))
    assert got["u1"] == (0, "unknown", int(S2.timestamp()))
    own = query_api.run(wh, "incident", {"id": "u1"}, ORG, 3, NOW)
    assert own.as_dicts()[0]["occurred_on"] is None


def test_bad_occurrence_dates_are_a_one_line_422_naming_the_field(
    kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("intake")
    space = Space.create(kafka_bootstrap, tmp)
    bad = [
        {"occurred_on": "2099-01-01"},  # the future
        {"occurred_on": "1899-12-31"},  # before 1900
        {"occurred_on": "2026-03-17", "occurred_precision": "month"},  # finer than stated
        {"occurred_on": "2025", "occurred_precision": "unknown"},
    ]
    with running_api(space, tmp / "data") as api, api.client(api.key_for("ngo-a")) as http:
        for over in bad:
            r = http.post("/api/v1/incidents", json=valid(**over))
            assert r.status_code == 422, (over, r.text)
            errors = r.json()["errors"]
            assert [e["path"] for e in errors] == ["occurred_on"], over
            assert "\n" not in errors[0]["reason"]
        unknown = {**valid(submission_id="u-1", occurred_precision="unknown"), "occurred_on": None}
        assert http.post("/api/v1/incidents", json=unknown).status_code == 202
    stored = decoded(space, topics.INCIDENTS)
    assert [(i["occurred_on"], i["occurred_precision"]) for i in stored] == [(None, "unknown")]
