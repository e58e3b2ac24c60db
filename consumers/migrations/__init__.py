"""Numbered warehouse migrations and the runner that records which ran.

Each ``mNNNN_name.py`` module defines ``UP`` and ``DOWN``: lists of SQL statements, or of
steps (functions of the warehouse) where a statement needs a condition ClickHouse 18.16
cannot express, such as adding a column only if it is missing. Applied versions are rows
in ``tahub_migrations``; every step is idempotent (IF [NOT] EXISTS, or a step that looks
first) so a crash between a step and its record is safe to re-run.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from collections.abc import Callable
from dataclasses import dataclass

from consumers.errors import WarehouseError
from consumers.warehouse import Warehouse

LEDGER = "tahub_migrations"

Step = str | Callable[[Warehouse], None]


def columns_of(wh: Warehouse, table: str) -> list[str]:
    return [str(r[0]) for r in wh.query(f"DESCRIBE TABLE {table}")]


def add_column(table: str, column: str, type_: str, after: str) -> Step:
    """ADD COLUMN … AFTER, if the column is missing (18.16 has no IF NOT EXISTS here)."""

    def step(wh: Warehouse) -> None:
        if column not in columns_of(wh, table):
            wh.execute(f"ALTER TABLE {table} ADD COLUMN {column} {type_} AFTER {after}")

    return step


def drop_column(table: str, column: str) -> Step:
    """DROP COLUMN, if the column is there."""

    def step(wh: Warehouse) -> None:
        if column in columns_of(wh, table):
            wh.execute(f"ALTER TABLE {table} DROP COLUMN {column}")

    return step


def rewrite(table: str, assignments: str, where: str, what: str, wait: float = 900.0) -> Step:
    """ALTER TABLE … UPDATE ``assignments`` WHERE ``where``, if any row matches, waiting
    until none does: a mutation is asynchronous and 18.16 cannot ask to wait for it (it
    rewrites whole parts, minutes on a big table). ``where`` must be false once rewritten,
    so the step is idempotent. ``what`` names the matched rows in the error."""

    def matching(wh: Warehouse) -> int:
        return int(wh.query(f"SELECT count() FROM {table} WHERE {where}")[0][0])

    def step(wh: Warehouse) -> None:
        if not matching(wh):
            return  # nothing to rewrite: no mutation
        wh.execute(f"ALTER TABLE {table} UPDATE {assignments} WHERE {where}")
        deadline = time.monotonic() + wait
        while matching(wh):
            if time.monotonic() > deadline:
                raise WarehouseError(f"{table} still holds {what} after {wait:.0f} s")
            time.sleep(0.1)

    return step


def _run(wh: Warehouse, step: Step) -> None:
    if isinstance(step, str):
        wh.execute(step)
    else:
        step(wh)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    up: tuple[Step, ...]
    down: tuple[Step, ...]


def discover() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not (info.name.startswith("m") and info.name[1:5].isdigit()):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(info.name[1:5]), info.name[6:], tuple(mod.UP), tuple(mod.DOWN)))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise WarehouseError(f"two migrations share a number: {versions}")
    return found


def _ensure_ledger(wh: Warehouse) -> None:
    wh.execute(
        f"CREATE TABLE IF NOT EXISTS {LEDGER} (version UInt32, name String, applied_at DateTime) "
        "ENGINE = ReplacingMergeTree() ORDER BY version"
    )


def applied(wh: Warehouse) -> dict[int, str]:
    _ensure_ledger(wh)
    return {int(v): str(n) for v, n in wh.query(f"SELECT version, name FROM {LEDGER} FINAL")}


def status(wh: Warehouse) -> list[tuple[Migration, bool]]:
    done = applied(wh)
    return [(m, m.version in done) for m in discover()]


def migrate(wh: Warehouse, upto: int | None = None) -> list[Migration]:
    """Apply every pending migration in order (up to version ``upto``, for tests of a
    later one's effect on rows landed before it); returns those applied now. On a sharded
    warehouse, on every shard's local tables, then the Distributed tables over them."""
    from consumers import sharding

    per_shard = sharding.on_shards(wh, lambda shard: _migrate(shard, upto))
    if per_shard is None:
        return _migrate(wh, upto)
    sharding.sync_distributed(wh)
    return per_shard[0]


def _migrate(wh: Warehouse, upto: int | None = None) -> list[Migration]:
    done = applied(wh)
    ran = []
    for mig in discover():
        if mig.version in done or (upto is not None and mig.version > upto):
            continue
        for step in mig.up:
            try:
                _run(wh, step)
            except WarehouseError as err:
                raise WarehouseError(
                    f"migration {mig.version:04d}_{mig.name} failed: {err}"
                ) from err
        wh.insert(
            LEDGER, {"version": [mig.version], "name": [mig.name], "applied_at": [int(time.time())]}
        )
        ran.append(mig)
    return ran


def _until_gone(wh: Warehouse, version: int, wait: float = 30.0) -> None:
    """ALTER … DELETE is an asynchronous mutation (18.16 cannot ask to wait for it):
    the ledger is read again until the row is gone, so rollback returns when it is true."""
    deadline = time.monotonic() + wait
    while version in applied(wh):
        if time.monotonic() > deadline:
            raise WarehouseError(f"the ledger still lists migration {version} after {wait:.0f} s")
        time.sleep(0.1)


def rollback(wh: Warehouse, to_version: int) -> list[Migration]:
    """Undo applied migrations above ``to_version``, newest first (on a sharded warehouse,
    on every shard, then the Distributed tables are made again to match)."""
    from consumers import sharding

    per_shard = sharding.on_shards(wh, lambda shard: _rollback(shard, to_version))
    if per_shard is None:
        return _rollback(wh, to_version)
    sharding.sync_distributed(wh)
    return per_shard[0]


def _rollback(wh: Warehouse, to_version: int) -> list[Migration]:
    done = applied(wh)
    undone = []
    for mig in reversed(discover()):
        if mig.version <= to_version or mig.version not in done:
            continue
        for step in mig.down:
            _run(wh, step)
        wh.execute(f"ALTER TABLE {LEDGER} DELETE WHERE version = {mig.version}")
        _until_gone(wh, mig.version)
        undone.append(mig)
    return undone
