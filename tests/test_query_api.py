"""Named queries from string parameters, as `tahub query` and the HTTP API call them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from consumers import migrations
from consumers.queries import QueryError, Viewer
from consumers.warehouse import Warehouse, open_warehouse
from tahub import query_api

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def test_times_are_spans_ago_or_iso() -> None:
    assert query_api.parse_when("7d", NOW) == NOW - timedelta(days=7)
    assert query_api.parse_when("90m", NOW) == NOW - timedelta(minutes=90)
    assert query_api.parse_when("2w", NOW) == NOW - timedelta(weeks=2)
    assert query_api.parse_when("2026-10-01", NOW) == datetime(2026, 10, 1, tzinfo=UTC)
    assert query_api.parse_when("2026-10-01T05:00:00Z", NOW) == datetime(2026, 10, 1, 5, tzinfo=UTC)
    with pytest.raises(QueryError, match="span ago"):
        query_api.parse_when("last tuesday", NOW)


@pytest.fixture
def wh(tmp_path: Path) -> Iterator[Warehouse]:
    warehouse = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
    migrations.migrate(warehouse)
    yield warehouse
    warehouse.close()  # chDB opens one path per process at a time


def test_parameters_are_checked_before_anything_runs(wh: Warehouse) -> None:
    with pytest.raises(query_api.UnknownQuery, match="no query 'trends'"):
        query_api.run(wh, "trends", {}, Viewer(), 3, NOW)
    with pytest.raises(QueryError, match="routes does not take lvl"):
        query_api.run(wh, "routes", {"lvl": "country"}, Viewer(), 3, NOW)
    with pytest.raises(QueryError, match="limit '0'"):
        query_api.run(wh, "routes", {"limit": "0"}, Viewer(), 3, NOW)
    with pytest.raises(QueryError, match="detection needs id"):
        query_api.run(wh, "detection", {}, Viewer(), 3, NOW)


def test_every_query_answers_on_an_empty_warehouse(wh: Warehouse) -> None:
    params = {
        "counts": {"by": "typology,origin", "bucket": "week", "since": "30d", "origin": "NG"},
        "hotspots": {"level": "cell", "since": "7d"},
        "routes": {"typology": "forced_labour", "until": "1d"},
        "detections": {"state": "open", "min_severity": "high"},
    }
    for name, p in params.items():
        result = query_api.run(wh, name, p, Viewer("org-a"), 3, NOW)
        assert result.rows == [], name
        assert result.columns, name


def test_the_clock_is_occurred_or_reported_and_since_all_is_all_time(wh: Warehouse) -> None:
    for name in ("counts", "hotspots", "routes"):
        with pytest.raises(QueryError, match=r"^clock 'when': use occurred or reported$"):
            query_api.run(wh, name, {"clock": "when"}, Viewer("org-a"), 3, NOW)
        for clock in ("occurred", "reported"):
            assert query_api.run(wh, name, {"clock": clock}, Viewer(), 3, NOW).rows == []
    with pytest.raises(QueryError, match="detections does not take clock"):
        query_api.run(wh, "detections", {"clock": "occurred"}, Viewer(), 3, NOW)
    everything = query_api.run(wh, "counts", {"since": "all", "bucket": "all"}, Viewer(), 3, NOW)
    assert "all time" in everything.title
    assert "occurred" in everything.title  # the default clock
    until = query_api.run(wh, "routes", {"since": "all", "until": "7d"}, Viewer(), 3, NOW)
    assert "the beginning to" in until.title
    with pytest.raises(QueryError, match="hotspots compare a period"):
        query_api.run(wh, "hotspots", {"since": "all"}, Viewer(), 3, NOW)


@pytest.mark.parametrize(
    "params",
    [
        {"clock": "Occurred"},
        {"clock": "²"},
        {"bucket": "²"},
        {"limit": "²"},
        {"limit": "99999999999999999999"},
        {"since": "99999999999d"},
        {"since": "9999999999999999999999w"},
        {"since": "0001-01-01"},
        {"until": "٣d"},
        {"since": "2026-02-30"},
        {"by": "typology,\u2028"},
    ],
)
def test_out_of_range_parameters_are_one_line_400s(wh: Warehouse, params: dict[str, str]) -> None:
    name = "hotspots" if "limit" in params else "counts"
    with pytest.raises(QueryError) as err:
        query_api.run(wh, name, params, Viewer("org-a"), 3, NOW)
    assert "\n" not in str(err.value)


def test_bad_input_over_http_is_400_or_401_never_500(wh: Warehouse) -> None:
    import httpx

    from tahub.runtime.ports import free_port
    from tahub.web import WebServer

    port = free_port()
    server = WebServer(
        "127.0.0.1", port, checks=lambda: [], warehouse=lambda: wh, k=3,
        operator_token="operator-secret", partner=lambda t: "org-a" if t == "good" else None,
    )  # fmt: skip
    server.start()
    try:
        base = f"http://127.0.0.1:{port}/api/v1/query"
        for query in ("counts?bucket=%C2%B2", "routes?limit=%C2%B2", "counts?since=99999999999d",
                      "hotspots?clock=reported,occurred"):  # fmt: skip
            r = httpx.get(f"{base}/{query}", headers={"Authorization": "Bearer good"}, timeout=30)
            assert r.status_code == 400, (query, r.text)
            assert "\n" not in r.json()["error"]
        r = httpx.get(
            f"{base}/routes?clock=when", headers={"Authorization": "Bearer good"}, timeout=30
        )
        assert (r.status_code, r.json()["error"]) == (400, "clock 'when': use occurred or reported")
        for token in ("g\u00f6\u00f6d", "\u2603" * 300, "thk_\u00e9_x"):
            raw = f"Bearer {token}".encode()
            for extra in ("", "&as_org=org-b"):
                r = httpx.get(
                    f"{base}/counts?since=7d{extra}", headers=[(b"Authorization", raw)], timeout=30
                )
                assert r.status_code == 401, (token, extra, r.text)
        r = httpx.get(
            f"{base}/counts?since=7d", headers={"Authorization": "Bearer good"}, timeout=30
        )
        assert r.status_code == 200
    finally:
        server.stop()
