"""Every read query on both warehouses against known data: sharing rules, k-suppression,
periods, and records that landed twice counting once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from types import SimpleNamespace
from typing import Any

import pytest

from consumers import migrations, queries, tables
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse, open_warehouse
from tests.samples import all_samples
from tests.services import fresh_warehouse_url
from tests.sharingkit import signals_of

# the signal queries here run with day release bins (tests of week bins are below)
Q = SimpleNamespace(
    counts=partial(queries.counts, bin_="day"),
    hotspots=partial(queries.hotspots, bin_="day"),
    routes=partial(queries.routes, bin_="day"),
)

START = datetime(2026, 10, 1, tzinfo=UTC)
END = START + timedelta(days=7)
D1 = START + timedelta(days=1)
BEFORE = START - timedelta(days=3)  # inside the previous week

A, B, C = Viewer("org-a"), Viewer("org-b"), Viewer("org-c")
PUBLIC = Viewer()

# (report, org, tlp, typology, origin, destination, when). Another organisation's report is
# counted where at least k = 3 reports of others share its day, typology, route, place and
# level; for the public, at least 3 beyond the largest contributor's.
REPORTS = [
    *[(f"r{i}", org, "GREEN", "sexual_exploitation", "NG", "IT", D1 + timedelta(hours=i))
      for i, org in enumerate(["org-a", "org-b", "org-c", "org-a"], start=1)],
    ("r5", "org-b", "GREEN", "forced_labour", "VN", "GB", D1),
    ("r6", "org-c", "GREEN", "forced_labour", "VN", "GB", D1 + timedelta(hours=2)),
    *[(f"r{i}", "org-a", "RED", "forced_criminality", "MM", "TH", START + timedelta(hours=i))
      for i in (7, 8, 9)],
    ("r10", "org-a", "RED", "forced_labour", "AL", "GB", START + timedelta(hours=5)),
    *[(f"r{i}", org, "CLEAR", "domestic_servitude", "UA", "DE", START + timedelta(days=2))
      for i, org in ((11, "org-b"), (12, "org-c"), (13, "org-d"), (23, "org-e"))],
    *[(f"r{i}", "org-c", "AMBER", "forced_labour", "RO", "ES", START + timedelta(days=3))
      for i in (14, 15, 16)],
    ("r17", "org-b", "GREEN", "sexual_exploitation", "NG", "IT", BEFORE),
    ("r18", "org-c", "GREEN", "sexual_exploitation", "NG", "IT", BEFORE),
    *[(f"r{i}", org, "CLEAR", "domestic_servitude", "UA", "DE", BEFORE)
      for i, org in ((19, "org-b"), (20, "org-c"), (21, "org-d"), (24, "org-e"))],
    ("r22", "org-b", "CLEAR", "domestic_servitude", "UA", "DE", END + timedelta(hours=1)),
]  # fmt: skip


def _ev(*items: tuple[str, str, int]) -> list[dict[str, Any]]:
    return [{"org_id": o, "tlp": t, "reports": n} for o, t, n in items]


def _detection(det_id: str, version: int, **kw: Any) -> dict[str, Any]:
    base = all_samples()["Detection"].to_avro()
    return base | {"detection_id": det_id, "version": version, "opened_at": START} | kw


OTHERS_GREEN = _ev(("org-b", "GREEN", 2), ("org-c", "GREEN", 2), ("org-d", "GREEN", 1))
DETECTIONS = [
    # d1: v1 rests on others' GREEN reports; v2 also counts a RED report of org-a
    _detection("d1", 1, state="opened", tlp="GREEN", evidence=OTHERS_GREEN,
               updated_at=START),
    _detection("d1", 2, state="updated", tlp="RED", severity="critical",
               evidence=[*OTHERS_GREEN, *_ev(("org-a", "RED", 1))],
               updated_at=START + timedelta(hours=2)),
    # d2: org-a's own RED reports only
    _detection("d2", 1, state="opened", tlp="RED", evidence=_ev(("org-a", "RED", 2)),
               updated_at=START + timedelta(hours=1)),
    # d3: public data, resolved, carrying the evidence of what it resolves
    _detection("d3", 1, state="opened", tlp="CLEAR", severity="low",
               evidence=_ev(("org-b", "CLEAR", 3), ("news:x", "CLEAR", 2), ("news:y", "CLEAR", 2)),
               updated_at=START + timedelta(hours=2)),
    _detection("d3", 2, state="resolved", tlp="CLEAR", severity="low",
               evidence=_ev(("org-b", "CLEAR", 3), ("news:x", "CLEAR", 2), ("news:y", "CLEAR", 2)),
               updated_at=START + timedelta(hours=3)),
    # d7: public data of one organisation only: the public may not see it (anyone could
    # be that organisation, and subtract), a member other than its owner may
    _detection("d7", 1, state="opened", tlp="CLEAR", evidence=_ev(("org-e", "CLEAR", 6)),
               severity="medium", updated_at=START + timedelta(hours=7)),
    # d4: two reports of org-b: below k for everyone but org-b, whose own data it is
    _detection("d4", 1, state="opened", tlp="GREEN", evidence=_ev(("org-b", "GREEN", 2)),
               updated_at=START + timedelta(hours=4)),
    # d5: one own RED report of org-a beside two GREEN reports of org-b (issue 15.3)
    _detection("d5", 1, state="opened", tlp="RED",
               evidence=_ev(("org-a", "RED", 1), ("org-b", "GREEN", 2)),
               updated_at=START + timedelta(hours=5)),
    # d6: a row written before detections carried evidence: shown to nobody
    _detection("d6", 1, state="opened", tlp="CLEAR", evidence=[],
               updated_at=START + timedelta(hours=6)),
]  # fmt: skip


def _load(wh: Warehouse, table: tables.Table, records: list[dict[str, Any]]) -> None:
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
    for _ in range(2):  # every record lands twice, as after a replay
        wh.insert(table.name, tables.to_columns(table, landed), table.types)


@pytest.fixture(scope="module", params=["chdb", "server", "shards"])
def wh(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    url = fresh_warehouse_url(request, request.param, tmp_path_factory.mktemp("q"))
    warehouse = open_warehouse(url)
    migrations.migrate(warehouse)
    _load(warehouse, tables.SIGNALS, signals_of(REPORTS))
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
    res = Q.routes(wh, viewer, start=START, end=END, k=k)
    return {f"{r[0]}>{r[1]}": r[2] for r in res.rows}


def test_routes_follow_sharing_levels_and_k(wh: Warehouse) -> None:
    assert _routes(wh, PUBLIC) == {"UA>DE": 4}
    # B: three reports of others share NG>IT on D1 (r1, r3, r4), so all four count
    assert _routes(wh, B) == {"NG>IT": 4, "UA>DE": 4, "VN>GB": 1}  # r5 is B's own
    # A: only two of others' reports there (r2, r3): they stay out, A's own two count
    assert _routes(wh, A) == {"NG>IT": 2, "MM>TH": 3, "UA>DE": 4, "AL>GB": 1}
    assert _routes(wh, C) == {"NG>IT": 4, "UA>DE": 4, "RO>ES": 3, "VN>GB": 1}
    # AMBER reaches the organisations its owner shares with
    assert _routes(wh, Viewer("org-a", frozenset({"org-c"})))["RO>ES"] == 3
    assert _routes(wh, A, k=2)["VN>GB"] == 2  # k is a parameter, not a constant
    top = Q.routes(wh, B, start=START, end=END, limit=1)
    assert top.rows == [("NG", "IT", 4, 3, ["sexual_exploitation"])]


def test_counts_over_time_by_any_dimension_and_bucket(wh: Warehouse) -> None:
    res = Q.counts(wh, B, start=START, end=END, by=["typology"], bucket="all")
    assert res.columns == ("typology", "reports", "orgs")
    assert res.rows == [("domestic_servitude", 4, 4), ("forced_labour", 1, 1),
                        ("sexual_exploitation", 4, 3)]  # fmt: skip
    daily = Q.counts(
        wh, PUBLIC, start=START - timedelta(days=7), end=END + timedelta(days=1),
        by=["origin", "destination"], bucket="day",
    )  # fmt: skip
    assert daily.rows == [("2026-09-28", "UA", "DE", 4, 4), ("2026-10-03", "UA", "DE", 4, 4)]
    weekly = Q.counts(
        wh, A, start=START, end=END, by=["location"], bucket="week",
        filters={"typology": "forced_criminality"},
    )  # fmt: skip
    assert weekly.rows == [("2026-09-28", "MM", 3, 1), ("2026-09-28", "TH", 3, 1)]
    monthly = Q.counts(wh, C, start=BEFORE, end=END, by=[], bucket="month")
    assert monthly.rows == [("2026-09-01", 5, 4), ("2026-10-01", 12, 5)]


def test_hotspots_compare_with_the_previous_period(wh: Warehouse) -> None:
    res = Q.hotspots(wh, B, start=START, end=END, level="country")
    rows = {r[0]: r[1:] for r in res.rows}
    # IT: 4 reports now; before, only B's own r17 counts (r18 alone is below k)
    assert rows["IT"] == (4, 1, 3, 4.0)
    assert rows["DE"] == (4, 4, 0, 1.0)
    assert "TH" not in rows
    assert list(rows) == ["DE", "IT", "NG", "UA", "GB", "VN"]
    cells = Q.hotspots(wh, PUBLIC, start=START, end=END, level="cell")
    assert cells.rows == [("de1", 4, 4, 0, 1.0), ("ua1", 4, 4, 0, 1.0)]
    own = Q.hotspots(wh, A, start=START, end=END, typology="forced_criminality")
    assert [r[:3] for r in own.rows] == [("MM", 3, 0), ("TH", 3, 0)]


def test_sub_day_periods_give_the_whole_days_answer(wh: Warehouse) -> None:
    """Attack (issue 15.4): narrowing since/until second by second pinned a hidden report
    to its second. Periods are whole UTC days, so every narrower period answers as the
    days it touches do."""
    whole = Q.counts(wh, B, start=D1, end=D1 + timedelta(days=1), by=["typology"])
    assert whole.rows
    for hours in (1, 2, 3, 5, 23):
        inside = D1 + timedelta(hours=hours)
        for lo, hi in ((D1, inside), (inside, inside + timedelta(minutes=1)),
                       (inside - timedelta(seconds=1), D1 + timedelta(days=1))):  # fmt: skip
            res = Q.counts(wh, B, start=lo, end=hi, by=["typology"])
            assert res.rows == whole.rows, (lo, hi)


def test_suppressed_and_zero_answer_alike(wh: Warehouse) -> None:
    """Attack (issue 15.4): '[]' for a suppressed group and a row of zeros for an empty one
    told them apart. VN>GB holds two reports of others for A; XX>GB holds none."""
    for viewer in (A, PUBLIC):
        hidden = Q.counts(wh, viewer, start=START, end=END, filters={"origin": "VN"})
        empty = Q.counts(wh, viewer, start=START, end=END, filters={"origin": "XX"})
        assert hidden.rows == empty.rows == []
    # hotspots' previous period: a count, never None, for hidden and empty alike
    res = Q.hotspots(wh, A, start=START, end=END)
    assert all(isinstance(r[2], int) for r in res.rows)


def test_routes_never_name_a_typology_that_counts_hide(wh: Warehouse) -> None:
    """Attack (issue 15.4): routes listed the typologies of a group that counts hid."""
    for viewer in (A, B, C, PUBLIC):
        counted = {
            (r[0], r[1], r[2])
            for r in Q.counts(
                wh, viewer, start=START, end=END, by=["origin", "destination", "typology"],
                bucket="all",
            ).rows
        }  # fmt: skip
        for o, d, _, _, typologies in Q.routes(wh, viewer, start=START, end=END).rows:
            for t in typologies:
                assert (o, d, t) in counted, (viewer, o, d, t)


def test_detections_show_the_latest_version_visible_to_the_viewer(wh: Warehouse) -> None:
    since = START - timedelta(days=1)

    def ids(viewer: Viewer, **kw: Any) -> list[tuple[str, int, str]]:
        return [(r[0], r[1], r[2]) for r in queries.detections(wh, viewer, since=since, **kw).rows]

    assert ids(PUBLIC) == [("d3", 2, "resolved")]
    # B saw d1's v1; v2 counts a RED report of org-a, so for B d1 ended there (resolved
    # at v2's window, repeating v1: schemas.lifecycle); and d4, all its own
    ended = ("d1", 99_999, "resolved")
    assert ids(B) == [("d7", 1, "opened"), ("d4", 1, "opened"), ("d3", 2, "resolved"), ended]
    assert ids(C) == [("d7", 1, "opened"), ("d3", 2, "resolved"), ended]
    # A: its own RED data (d2, and d1 v2 beside five reports of others), not d5 or d4
    assert ids(A) == [
        ("d7", 1, "opened"), ("d3", 2, "resolved"), ("d1", 2, "updated"), ("d2", 1, "opened")
    ]  # fmt: skip
    assert ids(A, state="open") == [("d7", 1, "opened"), ("d1", 2, "updated"), ("d2", 1, "opened")]
    assert ids(A, min_severity="high") == [("d1", 2, "updated"), ("d2", 1, "opened")]
    assert ids(Viewer("org-d")) == [("d7", 1, "opened"), ("d3", 2, "resolved"), ended]
    assert ids(B, state="open") == [("d7", 1, "opened"), ("d4", 1, "opened")]
    # a bound before 1970 (the API takes dates from 1900) means all of them: on ClickHouse
    # 18.16 a DateTime before the epoch wrapped around and found nothing
    before_epoch = datetime(1900, 1, 1, tzinfo=UTC)
    assert [r[0] for r in queries.detections(wh, A, since=before_epoch).rows] == [
        "d7",
        "d3",
        "d1",
        "d2",
    ]
    assert "top_sources" not in queries.DETECTION_COLUMNS
    assert "sample_signal_ids" not in queries.DETECTION_COLUMNS


def test_each_version_is_judged_on_its_own_evidence(wh: Warehouse) -> None:
    """Attack (issue 15.1): once the latest version was visible, the whole history came
    back, with an earlier RED version's count and reporting organisations."""
    seen_by_b = queries.detection_history(wh, B, "d1").as_dicts()
    full = queries.detection_history(wh, A, "d1").as_dicts()
    assert [v["version"] for v in full] == [1, 2]
    # for B, v2 (a RED report of org-a in it) ends d1: v1's measures, v2's window only
    assert [v["version"] for v in seen_by_b] == [1, 99_999]
    measures = ("observed", "expected", "score", "p_value", "severity", "distinct_sources", "tlp")
    assert {m: seen_by_b[1][m] for m in measures} == {m: full[0][m] for m in measures}
    assert seen_by_b[1]["window_start"] == full[1]["window_start"]
    history = queries.detection_history(wh, PUBLIC, "d3")
    assert [(r[1], r[2]) for r in history.rows] == [(1, "opened"), (2, "resolved")]
    assert history.as_dicts()[0]["window_start"] == "2026-11-01T08:30:15Z"
    # unknown, hidden and pre-evidence ids answer alike
    for det_id in ("d2", "d4", "d5", "d6", "d-unknown"):
        with pytest.raises(QueryError, match=f"no detection '{det_id}' visible to org-c"):
            queries.detection_history(wh, C, det_id)
    with pytest.raises(QueryError, match="no detection 'd5' visible to org-a"):
        queries.detection_history(wh, A, "d5")


def test_delivery_history_only_for_the_owner(wh: Warehouse) -> None:
    res = queries.deliveries(wh, A, "s1")
    assert [(r[4], r[5], r[7]) for r in res.rows] == [(2, "sent", ""), (1, "failed", "429")]
    for viewer in (B, PUBLIC):
        with pytest.raises(QueryError, match="no subscription 's1'"):
            queries.deliveries(wh, viewer, "s1")


def test_bad_parameters_are_clear_errors(wh: Warehouse) -> None:
    with pytest.raises(QueryError, match="cannot group by 'colour'"):
        Q.counts(wh, A, start=START, end=END, by=["colour"])
    with pytest.raises(QueryError, match="bucket 'hour'"):
        Q.counts(wh, A, start=START, end=END, bucket="hour")
    with pytest.raises(QueryError, match="typology 'drugs'"):
        Q.routes(wh, A, start=START, end=END, typology="drugs")
    with pytest.raises(QueryError, match="period is empty"):
        Q.routes(wh, A, start=END, end=START)
    # quoting: an org id with a quote is data, not SQL
    assert _routes(wh, Viewer("org-a' OR 1=1 --")) == {"NG>IT": 4, "UA>DE": 4}


def test_week_bins_widen_periods_and_classes_to_whole_weeks(wh: Warehouse) -> None:
    """Under week bins (the default) others' reports are released by the week they fall in.
    NG>IT holds two reports of others for A on D1, and two more (r17, r18) on the Monday
    of the same week: four, so all six count. A narrow period answers as its week does."""
    narrow = queries.counts(
        wh, A, start=D1, end=D1 + timedelta(hours=1), by=["origin", "destination"], bucket="all"
    )
    monday = datetime(2026, 9, 28, tzinfo=UTC)
    whole = queries.counts(
        wh, A, start=monday, end=monday + timedelta(days=7), by=["origin", "destination"],
        bucket="all",
    )  # fmt: skip
    assert narrow.rows == whole.rows
    assert ("NG", "IT", 6, 3) in whole.rows
    weekly = queries.counts(wh, A, start=START, end=END, by=[], bucket="week")
    assert [r[0] for r in weekly.rows] == ["2026-09-28"]  # r22 is alone in its week
    with pytest.raises(QueryError, match="bucket 'day'"):
        queries.counts(wh, A, start=START, end=END, bucket="day")
