"""The copy of signals ordered by organisation (migration 0007, consumers.release.BY_ORG)
holds what signals holds, on chDB, the ClickHouse 18.16 server and two shards: signals
landed before the migration by its backfill, later ones by its view within the same
insert, a batch landed twice collapsed the same way in both; rolling back removes it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from consumers import migrations, release
from consumers.warehouse import Warehouse, open_warehouse
from tests.services import fresh_warehouse_url
from tests.sharingkit import land_signals, signals_of

W = datetime(2026, 10, 6, 9, tzinfo=UTC)
REPORTS = [
    (f"r{i}", f"org-{'abc'[i % 3]}", ("GREEN", "AMBER", "RED")[i % 3], "forced_labour",
     "NG", "IT", W + timedelta(hours=i))
    for i in range(12)
]  # fmt: skip
# what a row is, and what the warehouse computed for it (the DEFAULT columns)
SEEN = "signal_id, org_id, source_id, event_time, tlp_code, " + ", ".join(
    release.class_column(b) for b in ("day", "week", "month")
)


@pytest.fixture(params=["chdb", "server", "shards"])
def wh(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Warehouse]:
    warehouse = open_warehouse(fresh_warehouse_url(request, request.param, tmp_path))
    yield warehouse
    warehouse.close()


def _land(wh: Warehouse, signals: list[dict[str, Any]]) -> None:
    land_signals(wh, signals)


def _rows(wh: Warehouse, table: str) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in wh.query(f"SELECT {SEEN} FROM {table} FINAL"))


def _tables(wh: Warehouse) -> set[str]:
    return {str(r[0]) for r in wh.query("SHOW TABLES")}


def test_the_copy_holds_landed_signals_and_every_later_insert(wh: Warehouse) -> None:
    migrations.migrate(wh)
    migrations.rollback(wh, 6)  # a warehouse with signals but no copy
    assert release.BY_ORG not in _tables(wh)
    before = signals_of(REPORTS[:6])
    _land(wh, before)
    _land(wh, before[:4])  # a retried batch
    migrations.migrate(wh)  # 0007: its view, then its backfill
    assert release.BY_ORG in _tables(wh)
    assert len(_rows(wh, "signals")) == len(before)
    assert _rows(wh, release.BY_ORG) == _rows(wh, "signals")
    after = signals_of(REPORTS[6:])
    _land(wh, after)
    _land(wh, after[-3:])
    assert len(_rows(wh, "signals")) == len(before) + len(after)
    assert _rows(wh, release.BY_ORG) == _rows(wh, "signals")
    migrations.rollback(wh, 6)
    assert release.BY_ORG not in _tables(wh)
    _land(wh, after)  # signals take inserts with the view gone


def _columns(wh: Warehouse, table: str) -> list[tuple[str, str]]:
    return [(str(row[0]), str(row[1])) for row in wh.query(f"DESCRIBE TABLE {table}")]


def test_the_copy_has_the_columns_of_signals_in_their_order(wh: Warehouse) -> None:
    """A member's answer is its rows from the copy UNION ALL others' from signals, both
    ``SELECT *`` (``release.released_rows``): a later migration that changes signals must
    change the copy the same way, or members' answers would mix columns."""
    migrations.migrate(wh)
    columns = _columns(wh, "signals")
    assert len(columns) > 10
    assert _columns(wh, release.BY_ORG) == columns
