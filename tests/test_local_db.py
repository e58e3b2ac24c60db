"""The node's SQLite files open in WAL mode from several processes at once.

Switching a new file to WAL takes a lock SQLite's busy handler does not wait for;
before `open_wal` waited for it, about one start in four of six processes on one
new file lost a process to "database is locked" (the fresh-clone CI of 10f90c1
lost an intake worker that way).
"""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from schemas.local_db import open_wal

PROCESSES = 6
ROUNDS = 25


def _open_and_write(path: str, start: Any, out: Any) -> None:
    start.wait()
    try:
        db = open_wal(Path(path))
        db.execute("CREATE TABLE IF NOT EXISTS seen (pid INTEGER)")
        db.execute("INSERT INTO seen VALUES (1)")
        out.put("ok")
    except Exception as exc:  # reported to the parent, which fails the test
        out.put(f"{type(exc).__name__}: {exc}")


def test_processes_opening_one_new_file_at_once_all_open_it(tmp_path: Path) -> None:
    ctx = mp.get_context("fork")
    failures: list[str] = []
    for n in range(ROUNDS):
        path = tmp_path / f"round{n}" / "node.db"
        start, out = ctx.Barrier(PROCESSES), ctx.Queue()
        procs = [
            ctx.Process(target=_open_and_write, args=(str(path), start, out))
            for _ in range(PROCESSES)
        ]
        for p in procs:
            p.start()
        results = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
        failures += [r for r in results if r != "ok"]
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert db.execute("SELECT count(*) FROM seen").fetchone() == (PROCESSES,)
    assert failures == []


def test_an_error_that_is_not_a_lock_is_not_waited_for(tmp_path: Path) -> None:
    (tmp_path / "node.db").write_bytes(b"this is not a database file, it is text" * 40)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        open_wal(tmp_path / "node.db", timeout=60)
