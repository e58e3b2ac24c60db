"""Which submissions and bulk requests were already accepted (SQLite), so retries are answered
from memory instead of producing again.

Records are written after the broker acknowledged, and single submissions reach SQLite
in batches every ``flush_seconds`` (a commit per request halved the request rate). A
crash before that means a retry produces again; the stable incident id (organisation +
submission id) makes that second copy collapse downstream. A submission id reused with
different content is a conflict, not a correction.

A single submission the broker did not acknowledge may still have been written (it timed
out in flight while a partition leader moved), so its encoded record is held here, on
disk, until a retry sends those same bytes: a fresh encoding would carry a new report
time, and the two copies would count in two detection windows (found by the cluster
fault test: live and replayed detections differed by that one report).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from producers.intake import fingerprints
from producers.intake.access import connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    org_id TEXT NOT NULL, submission_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
    incident_id TEXT NOT NULL, accepted_at REAL NOT NULL,
    PRIMARY KEY (org_id, submission_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unconfirmed (
    org_id TEXT NOT NULL, submission_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
    incident_id TEXT NOT NULL, value BLOB NOT NULL, held_at REAL NOT NULL,
    PRIMARY KEY (org_id, submission_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS requests (
    org_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY (org_id, idempotency_key)
) WITHOUT ROWID;
"""
_CHUNK = 500  # SQLite's default limit on bound parameters is 999
KEYED_VERSION = 1  # intake.db's user_version once every fingerprint in it is keyed
log = logging.getLogger("tahub.intake")


@dataclass(frozen=True)
class Seen:
    fingerprint: str
    incident_id: str


@dataclass(frozen=True)
class Held:
    """A record sent without acknowledgement: what a retry of its submission sends."""

    fingerprint: str
    incident_id: str
    value: bytes


@dataclass(frozen=True)
class StoredResponse:
    fingerprint: str
    status: int
    body: bytes


class IdempotencyStore:
    def __init__(
        self,
        path: Path,
        *,
        request_ttl_days: float = 7.0,
        flush_seconds: float = 0.1,
        prune_seconds: float = 3600.0,
    ) -> None:
        self._db = connect(path)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._ttl = request_ttl_days * 86400
        # accepted but not yet in SQLite: (org, submission id) -> Seen
        self._pending: dict[tuple[str, str], Seen] = {}
        self._closed = threading.Event()
        self._flush_seconds = flush_seconds
        self._prune_seconds = prune_seconds
        # keys of held records (few: only failures), so a success deletes only when needed
        self._held = {
            (r[0], r[1]) for r in self._db.execute("SELECT org_id, submission_id FROM unconfirmed")
        }
        self._released: list[tuple[str, str]] = []
        self._flusher = threading.Thread(target=self._flush_loop, name="idempotency", daemon=True)
        self._flusher.start()

    def close(self) -> None:
        self._closed.set()
        self._flusher.join(5)
        self.flush()
        self._db.close()

    def _flush_loop(self) -> None:
        failing = False
        pruned_at = time.monotonic()
        while not self._closed.wait(self._flush_seconds):
            # stored bulk responses outlive their TTL only until the next prune, so
            # intake.db does not grow with every bulk request ever answered
            if time.monotonic() - pruned_at >= self._prune_seconds:
                pruned_at = time.monotonic()
                try:
                    self.prune()
                except sqlite3.Error as err:
                    log.warning("old bulk responses not pruned, trying later: %s", err)
            # a full disk must not end the loop: the records stay pending and go in the
            # first flush that succeeds (the thread once died here, and nothing accepted
            # afterwards reached SQLite until a clean stop)
            try:
                self.flush()
            except sqlite3.Error as err:
                if not failing:
                    log.warning("idempotency records not saved, trying again: %s", err)
                failing = True
            else:
                if failing:
                    log.warning("idempotency records saved again")
                failing = False

    def flush(self) -> None:
        with self._lock:
            if not self._pending:
                return
            now = time.time()
            rows = [
                (o, sid, s.fingerprint, s.incident_id, now) for (o, sid), s in self._pending.items()
            ]
            try:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR IGNORE INTO submissions VALUES (?,?,?,?,?)", rows)
                self._db.executemany(
                    "DELETE FROM unconfirmed WHERE org_id = ? AND submission_id = ?",
                    self._released,
                )
                self._db.execute("COMMIT")
            except sqlite3.Error:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._pending.clear()
            self._released.clear()

    def seen(self, org_id: str, submission_ids: Iterable[str]) -> dict[str, Seen]:
        ids = list(dict.fromkeys(submission_ids))
        out: dict[str, Seen] = {}
        with self._lock:
            for sid in ids:
                hit = self._pending.get((org_id, sid))
                if hit is not None:
                    out[sid] = hit
            ids = [sid for sid in ids if sid not in out]
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT submission_id, fingerprint, incident_id FROM submissions "
                    f"WHERE org_id = ? AND submission_id IN ({marks})",
                    (org_id, *chunk),
                ).fetchall()
                out.update({r[0]: Seen(r[1], r[2]) for r in rows})
        return out

    def remember(self, org_id: str, accepted: Iterable[tuple[str, str, str]]) -> None:
        """(submission id, fingerprint, incident id) of records the broker acknowledged."""
        with self._lock:
            for sid, fp, iid in accepted:
                self._pending.setdefault((org_id, sid), Seen(fp, iid))
                if (org_id, sid) in self._held:  # acknowledged now: gone with the next flush
                    self._held.discard((org_id, sid))
                    self._released.append((org_id, sid))
            big = len(self._pending) >= 1000
        if big:  # a bulk upload: write now rather than hold it in memory
            self.flush()

    def hold(self, org_id: str, submission_id: str, record: Held) -> None:
        """Keep a record the broker may have written without acknowledging it."""
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO unconfirmed VALUES (?,?,?,?,?,?)",
                (org_id, submission_id, record.fingerprint, record.incident_id, record.value,
                 time.time()),
            )  # fmt: skip
            self._held.add((org_id, submission_id))

    def held(self, org_id: str, submission_id: str) -> Held | None:
        with self._lock:
            if (org_id, submission_id) not in self._held:
                return None
            row = self._db.execute(
                "SELECT fingerprint, incident_id, value FROM unconfirmed "
                "WHERE org_id = ? AND submission_id = ?",
                (org_id, submission_id),
            ).fetchone()
        return Held(row[0], row[1], bytes(row[2])) if row else None

    def response(self, org_id: str, key: str) -> StoredResponse | None:
        with self._lock:
            row = self._db.execute(
                "SELECT fingerprint, status, body FROM requests "
                "WHERE org_id = ? AND idempotency_key = ? AND created_at > ?",
                (org_id, key, time.time() - self._ttl),
            ).fetchone()
        return StoredResponse(row[0], row[1], bytes(row[2])) if row else None

    def keep_response(
        self, org_id: str, key: str, fingerprint: str, status: int, body: bytes
    ) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO requests VALUES (?,?,?,?,?,?)",
                (org_id, key, fingerprint, status, body, time.time()),
            )

    def rekey(self, keyer_of: Callable[[str], Callable[[str], str]]) -> int:
        """Plain digests stored before fingerprints were keyed, keyed now under their
        organisation's key (``keyer_of``; a MAC of the digest needs no content), the old
        values overwritten; returns how many."""
        tables = (("submissions", "submission_id"), ("unconfirmed", "submission_id"),
                  ("requests", "idempotency_key"))  # fmt: skip
        with self._lock:
            # once every digest is keyed, none is written plain again: no scan at each start
            if self._db.execute("PRAGMA user_version").fetchone()[0] >= KEYED_VERSION:
                return 0
            plain = {
                table: self._db.execute(
                    f"SELECT org_id, {name}, fingerprint FROM {table} "  # fixed names
                    "WHERE fingerprint NOT LIKE ?",
                    (f"{fingerprints.PREFIX}%",),
                ).fetchall()
                for table, name in tables
            }
            if not any(plain.values()):
                self._db.execute(f"PRAGMA user_version = {KEYED_VERSION}")
                return 0
            keyers: dict[str, Callable[[str], str]] = {}
            self._db.execute("PRAGMA secure_delete = ON")
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for table, name in tables:
                    self._db.executemany(
                        f"UPDATE {table} SET fingerprint = ? "  # fixed names
                        f"WHERE org_id = ? AND {name} = ? AND fingerprint = ?",
                        [
                            (keyers.setdefault(org, keyer_of(org))(fp), org, key, fp)
                            for org, key, fp in plain[table]
                        ],
                    )
                self._db.execute(f"PRAGMA user_version = {KEYED_VERSION}")  # in the transaction
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(len(rows) for rows in plain.values())

    def prune(self, now: float | None = None) -> int:
        """Forget bulk responses older than the TTL; returns how many.

        Held records stay: dropping one would let a late retry encode afresh and count
        twice, and they exist only for sends that failed.
        """
        cutoff = (time.time() if now is None else now) - self._ttl
        with self._lock:
            cur = self._db.execute("DELETE FROM requests WHERE created_at <= ?", (cutoff,))
        return cur.rowcount


def forget(path: Path, org_id: str) -> int:
    """Erase every record of the organisation (`tahub orgs forget`), overwriting the freed
    pages, so neither its fingerprints nor its held records stay; returns how many. A
    retry afterwards is produced again, on the same incident id."""
    if not path.exists():
        return 0
    db = connect(path)
    try:
        db.executescript(_SCHEMA)
        db.execute("PRAGMA secure_delete = ON")
        n = 0
        db.execute("BEGIN IMMEDIATE")
        try:
            for table in ("submissions", "unconfirmed", "requests"):
                n += db.execute(f"DELETE FROM {table} WHERE org_id = ?", (org_id,)).rowcount
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no copy left in the WAL
        return n
    finally:
        db.close()
