"""A warehouse sharded over two ClickHouse servers (consumers.sharding): migrations make
local tables on every shard and Distributed tables over them; a batch inserted twice
lands on the same shard both times, so FINAL still collapses it; a local table changed
by a later migration gets its Distributed table made again."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from consumers import migrations, sharding, tables
from consumers.errors import WarehouseError
from consumers.warehouse import ServerWarehouse, Warehouse, open_warehouse
from tests.sinkkit import count

pytestmark = pytest.mark.clickhouse


@pytest.fixture
def sharded(clickhouse_shards: str) -> Iterator[ServerWarehouse]:
    db = "t_" + uuid.uuid4().hex[:12]
    admin = open_warehouse(clickhouse_shards)
    admin.execute(f"CREATE DATABASE {db}")
    admin.close()
    wh = open_warehouse(f"{clickhouse_shards.rsplit('/', 1)[0]}/{db}?cluster=tahub")
    assert isinstance(wh, ServerWarehouse)
    yield wh
    sharding.on_shards(wh, lambda shard: shard.execute(f"DROP DATABASE IF EXISTS {db}_local"))
    sharding.on_shards(wh, lambda shard: shard.execute(f"DROP DATABASE IF EXISTS {db}"))
    wh.close()


def _engines(wh: ServerWarehouse) -> set[str]:
    rows = wh.query(f"SELECT DISTINCT engine FROM system.tables WHERE database = '{wh.database}'")
    return {str(r[0]) for r in rows}


def _per_shard(wh: ServerWarehouse, sql: str) -> list[int]:
    found = sharding.on_shards(wh, lambda shard: int(shard.query(sql)[0][0]))
    assert found is not None
    return found


def test_migrations_make_local_tables_on_each_shard_and_distributed_ones_over_them(
    sharded: ServerWarehouse,
) -> None:
    ran = migrations.migrate(sharded)
    assert [m.version for m in ran] == [m.version for m in migrations.discover()]
    assert _engines(sharded) == {"Distributed"}
    local = _per_shard(sharded, "SELECT count() FROM system.tables WHERE database = "
                                "currentDatabase() AND engine LIKE '%MergeTree'")  # fmt: skip
    assert local == [len(sharding.SHARD_BY)] * 2  # class_rows is a SummingMergeTree
    assert migrations.migrate(sharded) == []  # every shard's ledger says done
    assert all(done for _, done in migrations.status(sharded))


def test_a_batch_inserted_twice_lands_on_one_shard_per_record(sharded: ServerWarehouse) -> None:
    from tests.samples import all_samples

    migrations.migrate(sharded)
    base = all_samples("x")["Incident"].to_avro()
    records = [base | {"incident_id": f"inc-{i}", "submission_id": f"s-{i}"} for i in range(200)]
    landed = [tables.Landed(r, 0, i) for i, r in enumerate(records)]
    columns = tables.to_columns(tables.INCIDENTS, landed)
    for _ in range(2):  # a retried batch
        sharded.insert("incidents", columns, tables.INCIDENTS.types)
    assert count(sharded, "incidents") == 200
    per_shard = _per_shard(sharded, "SELECT uniqExact(incident_id) FROM incidents")
    assert min(per_shard) > 0
    assert sum(per_shard) == 200  # no record on both shards
    rows = _per_shard(sharded, "SELECT count() FROM incidents")
    assert sum(rows) == 400  # both copies stored, each beside the other


def test_a_changed_local_table_gets_its_distributed_table_made_again(
    sharded: ServerWarehouse,
) -> None:
    migrations.migrate(sharded)
    sharding.on_shards(sharded, lambda shard: shard.execute(
        "ALTER TABLE subscriptions ADD COLUMN probe UInt8 DEFAULT 7"))  # fmt: skip
    assert sharding.sync_distributed(sharded) == ["subscriptions"] * 2  # once per node
    assert sharded.query("SELECT count(), max(probe) FROM subscriptions") == [(0, 0)]
    assert sharding.sync_distributed(sharded) == []


def test_clear_errors_for_an_unknown_cluster_and_a_table_without_a_key(
    sharded: ServerWarehouse, clickhouse_shards: str
) -> None:
    other: Warehouse = open_warehouse(
        f"{clickhouse_shards.rsplit('/', 1)[0]}/{sharded.database}?cluster=nowhere"
    )
    with pytest.raises(WarehouseError, match="no cluster 'nowhere'"):
        migrations.migrate(other)
    other.close()
    migrations.migrate(sharded)
    sharding.on_shards(sharded, lambda shard: shard.execute(
        "CREATE TABLE notes (id String) ENGINE = ReplacingMergeTree() ORDER BY id"))  # fmt: skip
    with pytest.raises(WarehouseError, match="table notes has no sharding key"):
        sharding.sync_distributed(sharded)


def test_reclass_gives_a_reports_rows_on_every_shard_its_class(sharded: ServerWarehouse) -> None:
    """Signals landed without their report's attributes, a report's rows on both shards:
    every row gets its whole report's class, as the sink lands them now; judged before any
    shard is rewritten (one shard's rows landed again made its reports look classed to the
    next, whose rows then stayed their owner's)."""
    import time
    from datetime import timedelta

    from consumers import reclass
    from tests.sharingkit import with_report_classes
    from tests.test_review46_attacks import _as_released_contract
    from tests.test_sharing_combinations_attacker import ALONE, BOTH, W, _world

    migrations.migrate(sharded)
    world = with_report_classes(_world(ALONE + BOTH, "GREEN", ("org-a",)))
    landed = [tables.Landed(s, 0, i) for i, s in enumerate(_as_released_contract(world))]
    columns = tables.to_columns(tables.SIGNALS, landed, now=W - timedelta(days=1))
    sharded.insert("signals", columns, tables.SIGNALS.types)
    spread = sharding.on_shards(
        sharded, lambda s: {str(r[0]) for r in s.query("SELECT DISTINCT source_id FROM signals")}
    )
    assert spread is not None
    assert spread[0] & spread[1], "no report has rows on both shards: this proves nothing"

    assert reclass.reclass(sharded, now=time.time()) == len(world)
    got = dict(sharded.query("SELECT signal_id, report_class FROM signals"))
    assert got == {s["signal_id"]: s["report_class"] for s in world}
    assert count(sharded, "signals") == len(world)
    assert reclass.reclass(sharded, now=time.time()) == 0
