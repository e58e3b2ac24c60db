"""Opening the node's own SQLite files (keys, intake, alerts, news state).

Every one of them is shared by the processes of one node and kept in WAL mode.
Switching a file to WAL takes a lock that SQLite does not wait for with its busy
handler: several processes opening one new file at once got "database is locked"
at start (seen in CI: an intake worker died before serving). So the switch waits
here, and only happens when the file is not in WAL mode already.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

_LOCKED = ("database is locked", "database table is locked", "busy")


def open_wal(path: Path, *, timeout: float = 10.0) -> sqlite3.Connection:
    """A connection in autocommit mode to ``path`` in WAL mode, waiting up to
    ``timeout`` seconds for other processes, for the switch as for any write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, check_same_thread=False, timeout=timeout, isolation_level=None)
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            (mode,) = conn.execute("PRAGMA journal_mode").fetchone()
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return conn
        except sqlite3.OperationalError as exc:
            if not any(m in str(exc) for m in _LOCKED) or time.monotonic() > deadline:
                conn.close()
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)
