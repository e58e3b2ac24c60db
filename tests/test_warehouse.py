"""The same contract tests on both warehouse backends: chDB and a ClickHouse server (18.16 here)."""

from __future__ import annotations

import time

import pytest

from consumers import migrations
from consumers.errors import WarehouseError
from consumers.warehouse import Warehouse, open_warehouse

_RECORDS = """
    CREATE TABLE rec (topic String, record_id String, version UInt32, event_time DateTime,
        org_id String, tlp String, schema_id UInt32, payload String, ingested_at DateTime)
    ENGINE = ReplacingMergeTree(version) PARTITION BY toYYYYMM(event_time)
    ORDER BY (topic, record_id)
"""


def _batch(n: int, version: int = 1, topic: str = "tahub.signals") -> dict[str, list[object]]:
    now = int(time.time())
    return {
        "topic": [topic] * n,
        "record_id": [f"r{i}" for i in range(n)],
        "version": [version] * n,
        "event_time": [now - (i % 90) * 86400 for i in range(n)],
        "org_id": [f"org{i % 3}" for i in range(n)],
        "tlp": ["GREEN" if i % 2 else "RED" for i in range(n)],
        "schema_id": [3] * n,
        "payload": [f'{{"k": {i}}}' for i in range(n)],
        "ingested_at": [now] * n,
    }


def test_migrations_apply_once_and_are_recorded(wh: Warehouse) -> None:
    first = migrations.migrate(wh)
    assert [m.version for m in first] == [m.version for m in migrations.discover()]
    assert migrations.migrate(wh) == []
    assert all(done for _, done in migrations.status(wh))
    assert wh.query("SELECT count() FROM signals") == [(0,)]


def test_insert_and_aggregate(wh: Warehouse) -> None:
    wh.execute(_RECORDS)
    assert wh.insert("rec", _batch(1000)) == 1000
    rows = wh.query(
        "SELECT org_id, count(), uniqExact(record_id) FROM rec GROUP BY org_id ORDER BY org_id"
    )
    assert rows == [("org0", 334, 334), ("org1", 333, 333), ("org2", 333, 333)]
    months = wh.query("SELECT count(DISTINCT toYYYYMM(event_time)) FROM rec")
    assert months[0][0] >= 3
    assert wh.query("SELECT tlp, count() FROM rec GROUP BY tlp ORDER BY tlp") == [
        ("GREEN", 500),
        ("RED", 500),
    ]


def test_reinsert_is_idempotent_and_newer_versions_win(wh: Warehouse) -> None:
    wh.execute(_RECORDS)
    wh.insert("rec", _batch(200))
    wh.insert("rec", _batch(200))  # a replay of the same batch
    assert wh.query("SELECT count() FROM rec FINAL") == [(200,)]
    wh.insert("rec", _batch(50, version=2))
    assert wh.query("SELECT version, count() FROM rec FINAL GROUP BY version ORDER BY version") == [
        (1, 150),
        (2, 50),
    ]


def test_datetime_comes_back_as_unix_seconds(wh: Warehouse) -> None:
    wh.execute(_RECORDS)
    batch = _batch(1)
    wh.insert("rec", batch)
    assert wh.query("SELECT event_time FROM rec") == [(batch["event_time"][0],)]


def test_rollback_undoes_and_migrate_redoes(wh: Warehouse) -> None:
    migrations.migrate(wh)
    undone = migrations.rollback(wh, 0)
    assert [m.version for m in undone] == sorted(
        (m.version for m in migrations.discover()), reverse=True
    )
    with pytest.raises(WarehouseError):
        wh.query("SELECT count() FROM signals")
    assert migrations.applied(wh) == {}


def test_bad_sql_is_a_warehouse_error(wh: Warehouse) -> None:
    with pytest.raises(WarehouseError):
        wh.query("SELEKT 1")


def test_unreachable_server_is_a_clear_error() -> None:
    from tahub.runtime.ports import free_port

    wh = open_warehouse(f"clickhouse://127.0.0.1:{free_port()}/default")
    with pytest.raises(WarehouseError, match="unreachable"):
        wh.ping()


def test_chdb_path_is_single_process(chdb_url: str) -> None:
    import subprocess
    import sys

    first = open_warehouse(chdb_url)
    try:
        code = (
            f"from consumers.warehouse import open_warehouse; open_warehouse({chdb_url!r}).ping()"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
        )
        assert proc.returncode != 0
    finally:
        first.close()
