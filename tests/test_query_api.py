"""Named queries from string parameters, as `tahub query` and the HTTP API call them."""

from __future__ import annotations

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
def wh(tmp_path: Path) -> Warehouse:
    warehouse = open_warehouse(f"chdb://{tmp_path / 'chdb'}")
    migrations.migrate(warehouse)
    return warehouse


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
