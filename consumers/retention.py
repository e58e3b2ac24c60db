"""Retention of raw news text: whole monthly partitions older than the cutoff are dropped.

Dropping partitions works on every ClickHouse version we support (TTL needs 19.6+) and
costs nothing at read time. Article metadata, signals and detections are kept.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from consumers.sharding import on_shards
from consumers.tables import NEWS_TEXTS
from consumers.warehouse import Warehouse


def expired_months(months: list[str], cutoff: datetime) -> list[str]:
    """Partitions (YYYYMM) whose whole month ends on or before ``cutoff``."""
    out = []
    for month in months:
        year, mon = int(month[:4]), int(month[4:6])
        end = datetime(year + mon // 12, mon % 12 + 1, 1, tzinfo=UTC)
        if end <= cutoff:
            out.append(month)
    return sorted(out)


def drop_expired_news_text(wh: Warehouse, keep_days: int, now: datetime | None = None) -> list[str]:
    """Partitions dropped (on a sharded warehouse, from every shard's local table)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=keep_days)
    per_shard = on_shards(wh, lambda shard: _drop_expired(shard, cutoff))
    if per_shard is None:
        return _drop_expired(wh, cutoff)
    return sorted({month for months in per_shard for month in months})


def _drop_expired(wh: Warehouse, cutoff: datetime) -> list[str]:
    rows = wh.query(
        "SELECT DISTINCT partition FROM system.parts WHERE active "
        f"AND database = currentDatabase() AND table = '{NEWS_TEXTS.name}'"
    )
    expired = expired_months([str(r[0]).strip("'") for r in rows], cutoff)
    for month in expired:
        wh.execute(f"ALTER TABLE {NEWS_TEXTS.name} DROP PARTITION {int(month)}")
    return expired
