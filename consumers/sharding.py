"""A warehouse sharded over a ClickHouse cluster: local tables on every shard, a
``Distributed`` table of the same name over each.

Chosen by the warehouse URL: ``clickhouse://host:port/<db>?cluster=<name>``, where
``<name>`` is a cluster of the servers' ``remote_servers`` config. The local tables live
in ``<db>_local`` on every node of the cluster and are made by the ordinary migrations
(run on each node directly: ``ON CLUSTER`` would need ZooKeeper); ``<db>`` holds the
Distributed tables that the sink writes to and every query reads. Each table is sharded
by ``cityHash64`` of its record id, a column of its ``ORDER BY``: every copy of a record
(a retried batch, a new version) lands on the shard that holds the others, where
ReplacingMergeTree and ``FINAL`` collapse them. Replicas are not supported (they need
ReplicatedReplacingMergeTree and ZooKeeper).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlparse, urlunparse

from consumers.errors import WarehouseError
from consumers.warehouse import ServerWarehouse, Warehouse

LOCAL_SUFFIX = "_local"

# the record id each table is sharded by: part of its ORDER BY, so equal rows share a shard
SHARD_BY = {
    "incidents": "incident_id",
    "news_articles": "article_id",
    "news_texts": "article_id",
    "signals": "signal_id",
    "signals_by_org": "signal_id",  # a copy of signals the shard's own view fills
    "detections": "detection_id",
    "subscriptions": "subscription_id",
    "alerts": "notification_id",
    "deliveries": "delivery_id",
    "dead_letters": "dead_letter_id",
    "tahub_migrations": "version",
    "class_rows": "class",  # filled by the shard's own view, read through Distributed
    "big_classes": "class",
    "big_classes_kept": "id",
}

T = TypeVar("T")


def cluster_of(wh: Warehouse) -> str | None:
    return wh.cluster if isinstance(wh, ServerWarehouse) else None


def _node_url(url: str, host: str, port: int, database: str) -> str:
    parsed = urlparse(url)
    auth = parsed.netloc.rsplit("@", 1)[0] + "@" if "@" in parsed.netloc else ""
    return urlunparse((parsed.scheme, f"{auth}{host}:{port}", f"/{database}", "", "", ""))


def nodes(wh: ServerWarehouse, cluster: str) -> list[tuple[str, int]]:
    """(host, native port) of every shard of ``cluster``, as the entry server knows it."""
    if not re.fullmatch(r"\w+", cluster):
        raise WarehouseError(f"cluster name {cluster!r}: letters, digits and _ only")
    rows = wh.query(
        "SELECT shard_num, replica_num, host_name, port FROM system.clusters "
        f"WHERE cluster = '{cluster}' ORDER BY shard_num, replica_num"
    )
    if not rows:
        raise WarehouseError(f"{wh.name}: no cluster {cluster!r} in its remote_servers")
    if any(int(r[1]) > 1 for r in rows):
        raise WarehouseError(
            f"cluster {cluster!r} has replicas: tahub's tables are not replicated "
            "(one node per shard)"
        )
    return [(str(r[2]), int(r[3])) for r in rows]


def on_shards(wh: Warehouse, work: Callable[[Warehouse], T]) -> list[T] | None:
    """``work`` on every shard's local database (created if missing), in shard order;
    None when ``wh`` is not sharded."""
    cluster = cluster_of(wh)
    if cluster is None:
        return None
    assert isinstance(wh, ServerWarehouse)  # cluster_of said so
    local = wh.database + LOCAL_SUFFIX
    out = []
    for host, port in nodes(wh, cluster):
        admin = ServerWarehouse(_node_url(wh.url, host, port, "default"))
        try:
            for db in (wh.database, local):
                admin.execute(f"CREATE DATABASE IF NOT EXISTS {db}")
        finally:
            admin.close()
        shard = ServerWarehouse(_node_url(wh.url, host, port, local))
        try:
            out.append(work(shard))
        finally:
            shard.close()
    return out


def _columns(wh: Warehouse, table: str) -> list[tuple[str, ...]]:
    """Names, types and DEFAULT expressions: a Distributed table computes the defaults
    itself (consumers.tables.Table.derived), so a migration that changes one (0013) must
    make it again."""
    return [tuple(str(v) for v in r[:4]) for r in wh.query(f"DESCRIBE TABLE {table}")]


def _shard_key(shard: Warehouse, table: str) -> str:
    column = SHARD_BY.get(table)
    if column is None:
        raise WarehouseError(f"table {table} has no sharding key (consumers.sharding.SHARD_BY)")
    create = str(shard.query(f"SHOW CREATE TABLE {table}")[0][0])
    order = create.split("ORDER BY", 1)[-1]
    if column not in re.findall(r"\w+", order):
        raise WarehouseError(f"table {table}: sharding column {column} is not in its ORDER BY")
    return f"cityHash64({column})"


def sync_distributed(wh: Warehouse) -> list[str]:
    """On every node, a Distributed table in the entry database over each local table,
    made again where its columns differ from the local one's (a migration changed them):
    it holds no data of its own, as inserts through it are synchronous. One over a local
    table no longer there (a rollback dropped it) is dropped."""
    cluster = cluster_of(wh)
    if cluster is None:
        return []
    assert isinstance(wh, ServerWarehouse)
    local = wh.database + LOCAL_SUFFIX
    made: list[str] = []

    def sync(shard: Warehouse) -> None:
        # a materialised view fills a local table on its shard: nothing to distribute
        tables = [
            str(r[0])
            for r in shard.query(
                f"SELECT name FROM system.tables WHERE database = '{local}' "
                "AND engine != 'MaterializedView' ORDER BY name"
            )
        ]
        for table in tables:
            want = _columns(shard, f"{local}.{table}")
            engine = shard.query(
                f"SELECT engine FROM system.tables WHERE database = '{wh.database}' "
                f"AND name = '{table}'"
            )
            current = engine and engine[0][0] == "Distributed"
            if current and _columns(shard, f"{wh.database}.{table}") == want:
                continue
            shard.execute(f"DROP TABLE IF EXISTS {wh.database}.{table}")
            shard.execute(
                f"CREATE TABLE {wh.database}.{table} AS {local}.{table} ENGINE = "
                f"Distributed({cluster}, {local}, {table}, {_shard_key(shard, table)})"
            )
            made.append(table)
        # a table a rollback dropped leaves no Distributed table over nothing
        entry = shard.query(
            f"SELECT name FROM system.tables WHERE database = '{wh.database}' "
            "AND engine = 'Distributed'"
        )
        for (table,) in entry:
            if str(table) not in tables:
                shard.execute(f"DROP TABLE IF EXISTS {wh.database}.{table}")

    on_shards(wh, sync)
    return made
