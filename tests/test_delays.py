"""`delays`: report time minus occurrence, per organisation, on both warehouses: an
organisation's own delays in full, others' pooled and released by the sharing rule, and
the SQL against a reference written from schemas.sharing alone."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consumers import migrations, queries, tables
from consumers.queries import DELAY_BUCKETS, QueryError, Viewer
from consumers.warehouse import Warehouse, open_warehouse
from schemas.sharing import BINS, CLOCKS, PRECISIONS, delay_days, size_start, snap, within
from tahub import query_api
from tests.services import fresh_warehouse_url
from tests.sharingkit import copy_by_org_again, released, signals_of, when

K = 3
W = datetime(2026, 10, 7, 9, tzinfo=UTC)  # a Wednesday
NOW = W + timedelta(days=3)
ROUTE = ("forced_labour", "NG", "IT")
HIST = tuple(name for name, _ in DELAY_BUCKETS)

REPORTS = [
    # org-a's own: 36 days late (known to the day), one known to the month only, one RED
    ("a1", "org-a", "GREEN", *ROUTE, W, (date(2026, 9, 1), "day")),
    ("a2", "org-a", "RED", *ROUTE, W, (date(2026, 9, 1), "month")),
    ("a3", "org-a", "RED", *ROUTE, W + timedelta(hours=1), (W.date(), "day")),
    # three organisations, one class: occurred Thursday 1 October (the week before)
    *[(f"b{o}", f"org-{o}", "GREEN", *ROUTE, W, (date(2026, 10, 1), "day")) for o in "bcd"],
    # one more organisation, alone in its class: six years late
    ("e1", "org-e", "GREEN", *ROUTE, W, (date(2020, 10, 1), "day")),
]


def _load(wh: Any, signals: list[dict[str, Any]]) -> None:
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(signals)]
    for _ in range(2):  # every record lands twice, as after a replay
        wh.insert("signals", tables.to_columns(tables.SIGNALS, landed), tables.SIGNALS.types)


@pytest.fixture(scope="module", params=["chdb", "server"])
def wh(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Warehouse]:
    url = fresh_warehouse_url(request, request.param, tmp_path_factory.mktemp("delays"))
    warehouse = open_warehouse(url)
    migrations.migrate(warehouse)
    yield warehouse
    warehouse.close()


@pytest.fixture
def loaded(wh: Warehouse) -> Warehouse:
    wh.execute("DROP TABLE IF EXISTS signals")
    wh.execute(tables.SIGNALS.ddl())
    copy_by_org_again(wh)
    _load(wh, signals_of(REPORTS))
    return wh


def _ask(wh: Warehouse, viewer: Viewer, bin_: str = "week", **params: str) -> list[dict[str, Any]]:
    return query_api.run(wh, "delays", params, viewer, K, NOW, bin_=bin_).as_dicts()


def _hist(**counts: int) -> dict[str, int]:
    return {name: counts.get(name, 0) for name in HIST}


def test_own_delays_in_full_and_others_at_the_release_bin(loaded: Warehouse) -> None:
    own, others = _ask(loaded, Viewer("org-a"))
    # own: exact days; the month-precision report counts but has no delay
    assert own == {
        "organisation": "org-a", "reports": 3, "to_the_day": 2, "p50_days": 36,
        "p90_days": 36, "max_days": 36, **_hist(**{"0d": 1, "4-12w": 1}),
    }  # fmt: skip
    # others: three reports, reported the week after the week they occurred in (2 to 6
    # days in fact): one week between the bins; org-e's lone report is not released
    assert others == {
        "organisation": "others", "reports": 3, "to_the_day": 3, "p50_days": 7,
        "p90_days": 7, "max_days": 7, **_hist(**{"1w": 3}),
    }  # fmt: skip
    # with day bins the same three are measured to the day
    assert _ask(loaded, Viewer("org-a"), "day")[1]["max_days"] == 6
    # org-b sees its own report exactly; its class holds only two reports of others
    org_b = _ask(loaded, Viewer("org-b"))
    assert [r["organisation"] for r in org_b] == ["org-b"]
    assert org_b[0]["max_days"] == 6


def test_the_public_sees_only_classes_of_k_beyond_the_largest_contributor(
    loaded: Warehouse,
) -> None:
    assert _ask(loaded, Viewer()) == []  # three reports of three organisations: 2 < k
    _load(loaded, signals_of([("bf", "org-f", "GREEN", *ROUTE, W, (date(2026, 10, 1), "day"))]))
    assert _ask(loaded, Viewer()) == []  # GREEN is for members only
    _load(
        loaded,
        signals_of(
            [(f"c{o}", f"org-{o}", "CLEAR", *ROUTE, W, (date(2026, 10, 1), "day")) for o in "bcdf"]
        ),
    )
    (public,) = _ask(loaded, Viewer())
    assert public["organisation"] == "all"
    assert (public["reports"], public["max_days"]) == (4, 7)


def test_groups_buckets_filters_and_clocks(loaded: Warehouse) -> None:
    rows = _ask(
        loaded, Viewer("org-a"), since="all", clock="occurred", bucket="week", by="typology"
    )
    got = [(r["organisation"], r["bucket"], r["typology"], r["reports"]) for r in rows]
    # the month-precision report is in no week: bucket None, never an invented day
    assert got == [
        ("org-a", None, "forced_labour", 1),
        ("org-a", "2026-08-31", "forced_labour", 1),
        ("org-a", "2026-10-05", "forced_labour", 1),
        ("others", "2026-09-28", "forced_labour", 3),
    ]
    assert _ask(loaded, Viewer("org-a"), typology="sexual_exploitation") == []
    # by occurrence, the period must hold the whole occurrence: September is not in October
    october = _ask(loaded, Viewer("org-a"), clock="occurred", since="2026-10-01")
    assert [r["reports"] for r in october] == [1, 3]
    with pytest.raises(QueryError, match=r"^cannot group by 'org'"):
        _ask(loaded, Viewer("org-a"), by="org")
    with pytest.raises(QueryError, match=r"^delays does not take limit"):
        _ask(loaded, Viewer("org-a"), limit="3")
    with pytest.raises(QueryError, match=r"^bucket 'day'"):
        _ask(loaded, Viewer("org-a"), bucket="day")  # weeks are the release bin


def test_an_empty_warehouse_answers_nothing(wh: Warehouse) -> None:
    wh.execute("DROP TABLE IF EXISTS signals")
    wh.execute(tables.SIGNALS.ddl())
    copy_by_org_again(wh)
    for viewer in (Viewer(), Viewer("org-a")):
        result = query_api.run(wh, "delays", {"since": "all"}, viewer, K, NOW)
        assert result.rows == []
        assert "reported" in result.title  # the default clock of this query


# --- the SQL is the rule ---


def _quantile(values: list[int], level: float) -> int:
    """ClickHouse's quantileExact: the element at floor(level * n) of the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(level * len(ordered)))]


def reference(
    signals: list[dict[str, Any]],
    viewer: Viewer,
    bin_: str,
    clock: str,
    period: tuple[date | None, date | None],
) -> list[dict[str, Any]]:
    """delays by typology, from schemas.sharing alone: released records in the period on
    the clock, each report's delay as the viewer may know it."""
    per_group: dict[tuple[str, str], dict[str, int | None]] = defaultdict(dict)
    for s in released(signals, viewer, K, bin_):
        if not within(when(s, clock), *period):
            continue
        own = s["org_id"] == viewer.org_id
        label = "all" if viewer.org_id is None else (viewer.org_id if own else "others")
        days = delay_days(s["event_time"], when(s, "occurred"), None if own else bin_)
        per_group[(label, s["typology"])][s["source_id"]] = days
    rows = []
    for (label, typology), reports in per_group.items():
        known = [d for d in reports.values() if d is not None]
        lows = [low for _, low in DELAY_BUCKETS]
        row: dict[str, Any] = {
            "organisation": label, "typology": typology, "reports": len(reports),
            "to_the_day": len(known),
            "p50_days": _quantile(known, 0.5) if known else None,
            "p90_days": _quantile(known, 0.9) if known else None,
            "max_days": max(known, default=None),
        }  # fmt: skip
        for i, name in enumerate(HIST):
            hi = lows[i + 1] if i + 1 < len(lows) else None
            row[name] = sum(1 for d in known if (i == 0 or d >= lows[i]) and (hi is None or d < hi))
        rows.append(row)
    return sorted(rows, key=lambda r: (r["organisation"] != viewer.org_id, r["typology"]))


ORGS = ("org-a", "org-b", "org-c", "news:wire")
T0 = datetime(2026, 10, 5, tzinfo=UTC)


@st.composite
def _report(draw: st.DrawFn) -> tuple[Any, ...]:
    org = draw(st.sampled_from(ORGS))
    tlp = (
        "CLEAR"
        if org.startswith("news:")
        else draw(st.sampled_from(["CLEAR", "GREEN", "AMBER", "RED"]))
    )
    at = T0 + timedelta(days=draw(st.integers(0, 9)), seconds=draw(st.integers(0, 86_399)))
    precision = draw(st.sampled_from(PRECISIONS))
    day = at.date() - timedelta(days=draw(st.integers(-1, 800)))
    occ = (None, precision) if precision == "unknown" else (size_start(day, precision), precision)
    typology = draw(st.sampled_from(["forced_labour", "sexual_exploitation"]))
    return (f"r{draw(st.integers(0, 10**9))}", org, tlp, typology, "NG", "IT", at, occ)


_SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=30, deadline=None, suppress_health_check=_SLOW)
@given(
    bin_=st.sampled_from(BINS),
    world=st.lists(_report(), max_size=40, unique_by=lambda r: r[0]),
    clock=st.sampled_from(CLOCKS),
    days=st.one_of(st.none(), st.tuples(st.integers(-900, 5), st.integers(1, 900))),
)
def test_the_delays_sql_is_the_rule(
    wh: Warehouse,
    bin_: str,
    world: list[tuple[Any, ...]],
    clock: str,
    days: tuple[int, int] | None,
) -> None:
    signals = signals_of(world)
    wh.execute("DROP TABLE IF EXISTS signals")
    wh.execute(tables.SIGNALS.ddl())
    copy_by_org_again(wh)
    if signals:
        _load(wh, signals)
    start = end = None
    if days is not None:
        start, end = snap(T0 + timedelta(days=days[0]), T0 + timedelta(days=sum(days)), bin_)
    span = (start.date(), end.date()) if start and end else (None, None)
    for viewer in (Viewer(), Viewer("org-a"), Viewer("org-b", frozenset({"org-a"}))):
        got = queries.delays(
            wh, viewer, start=start, end=end, by=["typology"], k=K, bin_=bin_, clock=clock
        ).as_dicts()
        assert got == reference(signals, viewer, bin_, clock, span), (viewer, clock, start)


# --- over HTTP, as the OpenAPI description says ---


def test_the_http_api_answers_delays_as_described(loaded: Warehouse) -> None:
    import httpx
    from jsonschema import Draft202012Validator

    from producers.intake.http import OPENAPI
    from tahub.runtime.ports import free_port
    from tahub.web import WebServer

    doc = json.loads(OPENAPI.read_text())
    row = {**doc["components"]["schemas"]["DelayRow"], "components": doc["components"]}
    keys = {"thk_a": "org-a"}
    server = WebServer("127.0.0.1", free_port(), checks=list, warehouse=lambda: loaded, k=K,
                       operator_token=None, partner=keys.get)  # fmt: skip
    server.start()
    try:
        url = f"http://127.0.0.1:{server.port}/api/v1/query/delays"
        own = httpx.get(
            url, params={"since": "all"}, headers={"Authorization": "Bearer thk_a"}, timeout=30
        )
        assert own.status_code == 200
        body = own.json()
        assert body["viewer"] == "org-a"
        assert [r["organisation"] for r in body["rows"]] == ["org-a", "others"]
        for item in body["rows"]:
            Draft202012Validator(row).validate(item)
        assert (
            httpx.get(url, params={"since": "all"}, timeout=30).json()["rows"] == []
        )  # the public
        bad = httpx.get(url, params={"clock": "when"}, timeout=30)
        assert (bad.status_code, bad.json()) == (
            400,
            {"error": "clock 'when': use occurred or reported"},
        )
        refused = httpx.get(url, headers={"Authorization": "Bearer thk_nope"}, timeout=30)
        assert refused.status_code == 401
    finally:
        server.stop()
