"""Every read query on both warehouses against known data: sharing rules, k-suppression,
periods, and records that landed twice counting once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations, queries, tables
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse, open_warehouse
from tests.samples import all_samples

START = datetime(2026, 10, 1, tzinfo=UTC)
END = START + timedelta(days=7)
BEFORE = START - timedelta(days=3)  # inside the previous week

A, B, C = Viewer("org-a"), Viewer("org-b"), Viewer("org-c")
PUBLIC = Viewer()

# (report, org, tlp, typology, origin, destination, when)
REPORTS = [
    *[(f"r{i}", org, "GREEN", "sexual_exploitation", "NG", "IT", START + timedelta(days=i))
      for i, org in enumerate(["org-a", "org-b", "org-c", "org-a"], start=1)],
    ("r5", "org-b", "GREEN", "forced_labour", "VN", "GB", START + timedelta(days=1)),
    ("r6", "org-c", "GREEN", "forced_labour", "VN", "GB", START + timedelta(days=2)),
    *[(f"r{i}", "org-a", "RED", "forced_criminality", "MM", "TH", START + timedelta(hours=i))
      for i in (7, 8, 9)],
    ("r10", "org-a", "RED", "forced_labour", "AL", "GB", START + timedelta(hours=5)),
    *[(f"r{i}", "org-b", "CLEAR", "domestic_servitude", "UA", "DE", START + timedelta(days=2))
      for i in (11, 12, 13)],
    *[(f"r{i}", "org-c", "AMBER", "forced_labour", "RO", "ES", START + timedelta(days=3))
      for i in (14, 15, 16)],
    ("r17", "org-b", "GREEN", "sexual_exploitation", "NG", "IT", BEFORE),
    ("r18", "org-c", "GREEN", "sexual_exploitation", "NG", "IT", BEFORE),
    *[(f"r{i}", "org-b", "CLEAR", "domestic_servitude", "UA", "DE", BEFORE)
      for i in (19, 20, 21)],
    ("r22", "org-b", "CLEAR", "domestic_servitude", "UA", "DE", END + timedelta(hours=1)),
]  # fmt: skip


def _signals() -> list[dict[str, Any]]:
    out = []
    for report, org, tlp, typology, origin, dest, when in REPORTS:
        for role, country in (("origin", origin), ("destination", dest)):
            out.append(
                {
                    "signal_id": f"{report}-{role}",
                    "event_time": when,
                    "source_kind": "partner",
                    "source_id": report,
                    "org_id": org,
                    "typology": typology,
                    "origin_country": origin,
                    "transit_countries": [],
                    "destination_country": dest,
                    "location_country": country,
                    "role": role,
                    "lat": None,
                    "lon": None,
                    "cell_coarse": f"{country.lower()}1",
                    "cell_fine": f"{country.lower()}1a",
                    "weight": 1.0,
                    "tlp": tlp,
                }
            )
    return out


def _detection(det_id: str, version: int, **kw: Any) -> dict[str, Any]:
    base = all_samples()["Detection"].to_avro()
    return base | {"detection_id": det_id, "version": version, "opened_at": START} | kw


DETECTIONS = [
    _detection("d1", 1, state="opened", tlp="GREEN", distinct_sources=4, updated_at=START),
    _detection("d1", 2, state="updated", tlp="GREEN", distinct_sources=5,
               updated_at=START + timedelta(hours=2), severity="critical"),
    _detection("d2", 1, state="opened", tlp="RED", restricted_to=["org-a"], distinct_sources=1,
               updated_at=START + timedelta(hours=1)),
    _detection("d3", 1, state="resolved", tlp="CLEAR", distinct_sources=5,
               updated_at=START + timedelta(hours=3), severity="low"),
    _detection("d4", 1, state="opened", tlp="GREEN", distinct_sources=2,
               updated_at=START + timedelta(hours=4)),
]  # fmt: skip


def _load(wh: Warehouse, table: tables.Table, records: list[dict[str, Any]]) -> None:
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
    for _ in range(2):  # every record lands twice, as after a replay
        wh.insert(table.name, tables.to_columns(table, landed), table.types)


@pytest.fixture(scope="module", params=["chdb", "server"])
def wh(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    if request.param == "chdb":
        url = f"chdb://{tmp_path_factory.mktemp('q') / 'chdb'}"
    else:
        import uuid

        server = request.getfixturevalue("clickhouse_server")
        db = "q_" + uuid.uuid4().hex[:10]
        admin = open_warehouse(server)
        admin.execute(f"CREATE DATABASE {db}")
        admin.close()
        url = f"{server.rsplit('/', 1)[0]}/{db}"
    warehouse = open_warehouse(url)
    migrations.migrate(warehouse)
    _load(warehouse, tables.SIGNALS, _signals())
    _load(warehouse, tables.DETECTIONS, DETECTIONS)
    samples = all_samples("q")
    sub = samples["Subscription"].to_avro() | {"subscription_id": "s1", "org_id": "org-a"}
    _load(warehouse, tables.SUBSCRIPTIONS, [sub])
    delivery = samples["Delivery"].to_avro() | {"subscription_id": "s1"}
    _load(
        warehouse,
        tables.DELIVERIES,
        [
            delivery
            | {
                "delivery_id": "x1",
                "attempt": 1,
                "status": "failed",
                "error": "429",
                "attempted_at": START,
            },
            delivery
            | {"delivery_id": "x2", "attempt": 2, "attempted_at": START + timedelta(minutes=1)},
        ],
    )
    yield warehouse
    warehouse.close()


def _routes(wh: Warehouse, viewer: Viewer, k: int = 3) -> dict[str, int]:
    res = queries.routes(wh, viewer, start=START, end=END, k=k)
    return {f"{r[0]}>{r[1]}": r[2] for r in res.rows}


def test_routes_follow_sharing_levels_and_k(wh: Warehouse) -> None:
    assert _routes(wh, PUBLIC) == {"UA>DE": 3}
    assert _routes(wh, B) == {"NG>IT": 4, "UA>DE": 3}
    # A sees its own RED data, even a single report on a route only it reported
    assert _routes(wh, A) == {"NG>IT": 4, "MM>TH": 3, "UA>DE": 3, "AL>GB": 1}
    assert _routes(wh, Viewer("org-a", frozenset({"org-c"})))["RO>ES"] == 3
    assert _routes(wh, C)["RO>ES"] == 3
    assert _routes(wh, B, k=2)["VN>GB"] == 2  # k is a parameter, not a constant
    top = queries.routes(wh, A, start=START, end=END, limit=1)
    assert top.rows == [("NG", "IT", 4, 3, ["sexual_exploitation"])]


def test_counts_over_time_by_any_dimension_and_bucket(wh: Warehouse) -> None:
    res = queries.counts(wh, B, start=START, end=END, by=["typology"], bucket="all")
    assert res.columns == ("typology", "reports", "orgs")
    # sexual_exploitation: 4 reports (2 signals each), from 3 orgs; VN>GB has 2: hidden
    assert res.rows == [("domestic_servitude", 3, 1), ("sexual_exploitation", 4, 3)]
    daily = queries.counts(
        wh, PUBLIC, start=START - timedelta(days=7), end=END + timedelta(days=1),
        by=["origin", "destination"], bucket="day",
    )  # fmt: skip
    assert daily.rows == [
        ("2026-09-28T00:00:00Z", "UA", "DE", 3, 1),
        ("2026-10-03T00:00:00Z", "UA", "DE", 3, 1),
    ]  # r22 alone on 10-08 is below k
    weekly = queries.counts(
        wh, A, start=START, end=END, by=["location"], bucket="week",
        filters={"typology": "forced_criminality"},
    )  # fmt: skip
    assert weekly.rows == [
        ("2026-09-28T00:00:00Z", "MM", 3, 1),
        ("2026-09-28T00:00:00Z", "TH", 3, 1),
    ]
    six_hourly = queries.counts(
        wh,
        A,
        start=START,
        end=START + timedelta(hours=12),
        by=[],
        bucket="21600",
        filters={"origin": "MM"},
    )
    assert six_hourly.rows == [("2026-10-01T06:00:00Z", 3, 1)]


def test_hotspots_compare_with_the_previous_period(wh: Warehouse) -> None:
    res = queries.hotspots(wh, B, start=START, end=END, level="country")
    rows = {r[0]: r[1:] for r in res.rows}
    # IT: 4 reports now; 2 before, which is below k, so not shown
    assert rows["IT"] == (4, None, None, None)
    assert rows["DE"] == (3, 3, 0, 1.0)
    assert "TH" not in rows
    assert "GB" not in rows
    assert list(rows) == ["IT", "NG", "DE", "UA"]
    cells = queries.hotspots(wh, PUBLIC, start=START, end=END, level="cell")
    assert cells.rows == [("de1", 3, 3, 0, 1.0), ("ua1", 3, 3, 0, 1.0)]
    own = queries.hotspots(wh, A, start=START, end=END, typology="forced_criminality")
    assert [r[:2] for r in own.rows] == [("MM", 3), ("TH", 3)]


def test_detections_show_the_latest_state_visible_to_the_viewer(wh: Warehouse) -> None:
    since = START - timedelta(days=1)

    def ids(viewer: Viewer, **kw: Any) -> list[tuple[str, int, str]]:
        return [(r[0], r[1], r[2]) for r in queries.detections(wh, viewer, since=since, **kw).rows]

    assert ids(PUBLIC) == [("d3", 1, "resolved")]
    assert ids(B) == [("d3", 1, "resolved"), ("d1", 2, "updated")]  # d4 has 2 sources < k
    assert ids(A) == [("d3", 1, "resolved"), ("d1", 2, "updated"), ("d2", 1, "opened")]
    assert ids(A, state="open") == [("d1", 2, "updated"), ("d2", 1, "opened")]
    assert ids(A, min_severity="high") == [("d1", 2, "updated"), ("d2", 1, "opened")]
    history = queries.detection_history(wh, B, "d1")
    assert [(r[1], r[2]) for r in history.rows] == [(1, "opened"), (2, "updated")]
    assert history.as_dicts()[0]["window_start"] == "2026-11-01T08:30:15Z"
    with pytest.raises(QueryError, match="no detection 'd2'"):
        queries.detection_history(wh, B, "d2")


def test_delivery_history_only_for_the_owner(wh: Warehouse) -> None:
    res = queries.deliveries(wh, A, "s1")
    assert [(r[4], r[5], r[7]) for r in res.rows] == [(2, "sent", ""), (1, "failed", "429")]
    for viewer in (B, PUBLIC):
        with pytest.raises(QueryError, match="no subscription 's1'"):
            queries.deliveries(wh, viewer, "s1")


def test_bad_parameters_are_clear_errors(wh: Warehouse) -> None:
    with pytest.raises(QueryError, match="cannot group by 'colour'"):
        queries.counts(wh, A, start=START, end=END, by=["colour"])
    with pytest.raises(QueryError, match="bucket 'fortnight'"):
        queries.counts(wh, A, start=START, end=END, bucket="fortnight")
    with pytest.raises(QueryError, match="typology 'drugs'"):
        queries.routes(wh, A, start=START, end=END, typology="drugs")
    with pytest.raises(QueryError, match="period is empty"):
        queries.routes(wh, A, start=END, end=START)
    # quoting: an org id with a quote is data, not SQL
    assert _routes(wh, Viewer("org-a' OR 1=1 --")) == {"NG>IT": 4, "UA>DE": 3}
