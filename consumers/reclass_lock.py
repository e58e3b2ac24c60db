"""One re-classing run at a time per warehouse.

Two runs at once (the command beside a server's main job, two hosts' main jobs on one
warehouse) would drop each other's copy, swap tables under each other and finish each
other's half-done swap as if it were stopped: rows lost. A run holds a lock table in
the warehouse for its whole length: ``CREATE TABLE`` without ``IF NOT EXISTS`` succeeds
for one creator only, on the server and on chDB alike, and the table names its holder
(host, pid, since). A lock left by a killed run is taken over only from the host that
held it and only when its process is gone: runs on one host are serialised by a file
lock in the data dir first, so two runs there cannot take it over together. A lock
held from another host is never broken by a run; ``tahub warehouse reclass
--break-lock`` breaks it, for an operator who knows that host's run is gone.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from consumers.errors import WarehouseError
from consumers.reclass import table_exists
from consumers.warehouse import Warehouse

LOCK = "reclass_lock"
FILE = "reclass.lock"


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    since: int  # epoch seconds, the warehouse's clock

    def __str__(self) -> str:
        if not self.host:
            return "unknown: its lock is being created"
        return f"{self.host} pid {self.pid} since {self.since}"


class Busy(Exception):
    """Another run holds the lock; nothing was done."""

    def __init__(self, holder: Holder | str) -> None:
        super().__init__(f"another re-classing run holds the warehouse's lock ({holder})")
        self.holder = holder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def holder(wh: Warehouse) -> Holder | None:
    """Who holds the lock; None when nobody does. A lock table without its row is one
    being created (or its creator died in that instant): held, by nobody known."""
    if not table_exists(wh, LOCK):
        return None
    rows = wh.query(f"SELECT host, pid, toUInt32(since) FROM {LOCK} LIMIT 1")
    if not rows:
        return Holder("", 0, 0)
    host, pid, since = rows[0]
    return Holder(str(host), int(pid), int(since))


def _create(wh: Warehouse, me: Holder) -> bool:
    host = me.host.replace("\\", "\\\\").replace("'", "\\'")
    try:
        wh.execute(
            f"CREATE TABLE {LOCK} ENGINE = TinyLog AS SELECT '{host}' AS host, "
            f"toUInt32({me.pid}) AS pid, toDateTime({me.since}) AS since"
        )
    except WarehouseError:
        if holder(wh) is None:
            raise  # not a lock someone holds: the warehouse's own failure
        return False
    return True


def acquire(
    wh: Warehouse, me: Holder, *, alive: Callable[[int], bool] = _alive, force: bool = False
) -> None:
    """Takes the lock for ``me`` or raises ``Busy``. Call it with this host's file lock
    held (``guarded``): a stale lock of this host is dropped and created again, which
    two runs of one host must not do together."""
    if _create(wh, me):
        return
    current = holder(wh)
    stale = current is not None and (
        force or (current.host == me.host and current.pid != 0 and not alive(current.pid))
    )
    if not stale:
        raise Busy(current or "unknown")
    wh.execute(f"DROP TABLE IF EXISTS {LOCK}")
    if not _create(wh, me):
        raise Busy(holder(wh) or "unknown")


def release(wh: Warehouse, me: Holder) -> None:
    """Drops the lock if ``me`` holds it (a broken lock may be another's by now)."""
    if holder(wh) == me:
        wh.execute(f"DROP TABLE IF EXISTS {LOCK}")


@contextmanager
def guarded(
    wh: Warehouse,
    data_dir: Path,
    *,
    force: bool = False,
    alive: Callable[[int], bool] = _alive,
) -> Iterator[Holder]:
    """The lock held for the block: this host's file lock, then the warehouse's. Raises
    ``Busy`` at once when either is held by a live run."""
    lock = FileLock(str(data_dir / FILE), mode=0o600)  # the data dir's files are 0600
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise Busy(f"{socket.gethostname()}, file {data_dir / FILE}") from None
    try:
        since = int(wh.query("SELECT toUInt32(now())")[0][0])
        me = Holder(socket.gethostname(), os.getpid(), since)
        acquire(wh, me, alive=alive, force=force)
        try:
            yield me
        finally:
            release(wh, me)
    finally:
        lock.release()
