"""The alerts process's durable state (SQLite ``alerts.db`` in the data dir).

One file holds what must agree after a crash: each subscription's policy state, the
delivery queue (one row per notification and channel: the notification log), the Kafka
records still to publish (notifications and delivery attempts), endpoint health and
silences. A batch of detections changes all of it in one transaction, and only then are
the consumed offsets committed; replayed detections are recognised by the policy state.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alerts.lifecycles import History
from alerts.policy import SubState
from alerts.silences import Silence
from schemas.local_db import open_wal

SCHEMA = """
CREATE TABLE IF NOT EXISTS policy (
    subscription_id TEXT PRIMARY KEY,
    state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS lifecycles (
    detection_id TEXT PRIMARY KEY,
    history TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queue (
    notification_id TEXT NOT NULL,
    channel INTEGER NOT NULL,
    subscription_id TEXT NOT NULL,
    org_id TEXT NOT NULL,
    lane TEXT NOT NULL,
    spec TEXT NOT NULL,
    payload TEXT NOT NULL,
    attempt INTEGER NOT NULL DEFAULT 0,
    next_at REAL NOT NULL,
    status TEXT NOT NULL,
    last_error TEXT,
    origin_at REAL NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (notification_id, channel)
);
CREATE INDEX IF NOT EXISTS queue_due ON queue (status, next_at);
CREATE TABLE IF NOT EXISTS outgoing (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    topic TEXT NOT NULL,
    key TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS endpoints (
    lane TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    failures INTEGER NOT NULL,
    failing INTEGER NOT NULL,
    last_error TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS silences (
    silence_id TEXT PRIMARY KEY,
    org_id TEXT,
    matchers TEXT NOT NULL,
    starts_at REAL NOT NULL,
    ends_at REAL NOT NULL,
    author TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class QueuedDelivery:
    notification_id: str
    channel: int
    subscription_id: str
    org_id: str
    lane: str
    spec: dict[str, Any]  # kind, target, secret_ref (a name)
    payload: dict[str, Any]
    attempt: int
    origin_at: float
    queued_at: float = 0.0  # when the row was queued (its created_at)


@dataclass(frozen=True)
class QueueState:
    channel: int
    spec: dict[str, Any]
    status: str  # pending | sending | sent | failed
    attempt: int
    error: str | None


@dataclass(frozen=True)
class Endpoint:
    lane: str
    kind: str
    target: str
    failures: int
    failing: bool
    last_error: str | None
    updated_at: float


def _ts(dt: datetime) -> float:
    return dt.timestamp()


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


class AlertStore:
    """Thread-safe: each thread gets its own connection to the one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._db().executescript(SCHEMA)  # IF NOT EXISTS: safe from several processes

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = open_wal(self.path, timeout=30)
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error:
            # SQLite may or may not have rolled back (SQLITE_FULL, I/O errors): left open,
            # every later BEGIN would fail even after the disk was freed
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # --- policy state and the notifications it produced: one transaction ---

    def load_states(self) -> dict[str, SubState]:
        rows = self._db().execute("SELECT subscription_id, state FROM policy").fetchall()
        return {sid: SubState.from_json(json.loads(state)) for sid, state in rows}

    def load_lifecycles(self) -> dict[str, History]:
        rows = self._db().execute("SELECT detection_id, history FROM lifecycles").fetchall()
        return {det_id: History.from_json(json.loads(h)) for det_id, h in rows}

    def commit_batch(
        self,
        states: dict[str, SubState | None],
        deliveries: Iterable[QueuedDelivery],
        records: Iterable[tuple[str, str, str]],
        lifecycles: Mapping[str, History | None] | None = None,
    ) -> None:
        """Policy states and detection histories (None deletes), queued deliveries and
        Kafka records, atomically."""
        now = time.time()
        with self._tx() as db:
            for det_id, history in (lifecycles or {}).items():
                if history is None:
                    db.execute("DELETE FROM lifecycles WHERE detection_id = ?", (det_id,))
                else:
                    db.execute(
                        "INSERT OR REPLACE INTO lifecycles VALUES (?, ?)",
                        (det_id, json.dumps(history.to_json())),
                    )
            for sid, state in states.items():
                if state is None:
                    db.execute("DELETE FROM policy WHERE subscription_id = ?", (sid,))
                else:
                    db.execute(
                        "INSERT OR REPLACE INTO policy VALUES (?, ?)",
                        (sid, json.dumps(state.to_json(), default=str)),
                    )
            db.executemany(
                "INSERT OR IGNORE INTO queue (notification_id, channel, subscription_id, org_id, "
                "lane, spec, payload, next_at, status, origin_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                [
                    (
                        d.notification_id,
                        d.channel,
                        d.subscription_id,
                        d.org_id,
                        d.lane,
                        json.dumps(d.spec),
                        json.dumps(d.payload),
                        now,
                        d.origin_at,
                        now,
                    )
                    for d in deliveries
                ],
            )
            db.executemany(
                "INSERT INTO outgoing (topic, key, record) VALUES (?, ?, ?)", list(records)
            )

    def queue_checked(
        self,
        deliveries: list[QueuedDelivery],
        check: Callable[[list[tuple[str, str, float]]], None],
        prefix: str,
    ) -> None:
        """Queue ``deliveries`` if ``check`` passes on the organisation's queued rows whose
        notification id starts with ``prefix`` (subscription, notification, created at),
        read in the same transaction: two requests at once cannot both slip under a
        limit. ``check`` raises to refuse."""
        if not deliveries:
            return
        org = deliveries[0].org_id
        now = time.time()
        with self._tx() as db:
            rows = db.execute(
                "SELECT DISTINCT subscription_id, notification_id, created_at FROM queue "
                "WHERE org_id = ? AND substr(notification_id, 1, ?) = ?",
                (org, len(prefix), prefix),
            ).fetchall()
            check([(r[0], r[1], float(r[2])) for r in rows])
            db.executemany(
                "INSERT INTO queue (notification_id, channel, subscription_id, org_id, lane, "
                "spec, payload, next_at, status, origin_at, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                [
                    (d.notification_id, d.channel, d.subscription_id, d.org_id, d.lane,
                     json.dumps(d.spec), json.dumps(d.payload), now, d.origin_at, now)
                    for d in deliveries
                ],
            )  # fmt: skip

    def queued(self, notification_id: str, org_id: str) -> list[QueueState]:
        """Where one notification's channels stand, if it is the organisation's."""
        rows = (
            self._db()
            .execute(
                "SELECT channel, spec, status, attempt, last_error FROM queue "
                "WHERE notification_id = ? AND org_id = ? ORDER BY channel",
                (notification_id, org_id),
            )
            .fetchall()
        )
        return [QueueState(r[0], json.loads(r[1]), r[2], r[3], r[4]) for r in rows]

    # --- Kafka records waiting to be published ---

    def outgoing(self, limit: int = 1000) -> list[tuple[int, str, str, str]]:
        return (
            self._db()
            .execute("SELECT seq, topic, key, record FROM outgoing ORDER BY seq LIMIT ?", (limit,))
            .fetchall()
        )

    def published(self, upto_seq: int) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM outgoing WHERE seq <= ?", (upto_seq,))

    # --- the delivery queue ---

    def requeue_interrupted(self) -> int:
        """Attempts a crash cut short go back to pending (their outcome is unknown)."""
        with self._tx() as db:
            return db.execute(
                "UPDATE queue SET status = 'pending' WHERE status = 'sending'"
            ).rowcount

    def due(self, now: float, limit: int = 500) -> list[QueuedDelivery]:
        rows = (
            self._db()
            .execute(
                "SELECT notification_id, channel, subscription_id, org_id, lane, spec, payload, "
                "attempt, origin_at, created_at FROM queue "
                "WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ?",
                (now, limit),
            )
            .fetchall()
        )
        return [
            QueuedDelivery(
                r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]), r[7], r[8], r[9]
            )
            for r in rows
        ]

    def next_due(self) -> float | None:
        row = (
            self._db().execute("SELECT MIN(next_at) FROM queue WHERE status = 'pending'").fetchone()
        )
        return float(row[0]) if row and row[0] is not None else None

    def repoint(self, d: QueuedDelivery, spec: dict[str, Any], lane: str) -> None:
        """The row goes to its subscription's channel as it is now (``spec``, on its lane),
        still pending: no attempt is used."""
        with self._tx() as db:
            db.execute(
                "UPDATE queue SET spec = ?, lane = ? WHERE notification_id = ? AND channel = ? "
                "AND status = 'pending'",
                (json.dumps(spec), lane, d.notification_id, d.channel),
            )

    def postpone(self, d: QueuedDelivery, next_at: float) -> None:
        """The row waits until ``next_at`` without using an attempt."""
        with self._tx() as db:
            db.execute(
                "UPDATE queue SET next_at = ? WHERE notification_id = ? AND channel = ? "
                "AND status = 'pending'",
                (next_at, d.notification_id, d.channel),
            )

    def start_attempt(self, d: QueuedDelivery) -> int:
        with self._tx() as db:
            db.execute(
                "UPDATE queue SET status = 'sending', attempt = attempt + 1 "
                "WHERE notification_id = ? AND channel = ?",
                (d.notification_id, d.channel),
            )
        return d.attempt + 1

    def finish_attempt(
        self,
        d: QueuedDelivery,
        *,
        status: str,  # sent | pending (retry) | failed
        next_at: float,
        error: str | None,
        endpoint: tuple[str, str, bool] | None,  # kind, display target, ok; None: not tried
        record: tuple[str, str, str],
    ) -> Endpoint | None:
        """The attempt's outcome, its Delivery record and the endpoint's health (unless
        nothing was sent to it), in one transaction; the endpoint as it is now."""
        now = time.time()
        with self._tx() as db:
            db.execute(
                "UPDATE queue SET status = ?, next_at = ?, last_error = ? "
                "WHERE notification_id = ? AND channel = ?",
                (status, next_at, error, d.notification_id, d.channel),
            )
            db.execute("INSERT INTO outgoing (topic, key, record) VALUES (?, ?, ?)", record)
            if endpoint is None:
                return None
            kind, target, ok = endpoint
            row = db.execute(
                "SELECT failures, failing FROM endpoints WHERE lane = ?", (d.lane,)
            ).fetchone()
            failures = 0 if ok else (row[0] if row else 0) + 1
            failing = False if ok else (bool(row[1]) if row else False) or status == "failed"
            db.execute(
                "INSERT OR REPLACE INTO endpoints VALUES (?, ?, ?, ?, ?, ?, ?)",
                (d.lane, kind, target, failures, int(failing), error, now),
            )
        return Endpoint(d.lane, kind, target, failures, failing, error, now)

    def prune(self, before: float) -> int:
        """Forget finished deliveries and ended silences older than ``before`` (their
        records stay on Kafka and in the warehouse)."""
        with self._tx() as db:
            n = db.execute(
                "DELETE FROM queue WHERE status IN ('sent', 'failed') AND created_at < ?",
                (before,),
            ).rowcount
            db.execute("DELETE FROM silences WHERE ends_at < ?", (before,))
            db.execute("DELETE FROM endpoints WHERE updated_at < ?", (before,))
        return int(n)

    def queue_counts(self) -> dict[str, int]:
        rows = self._db().execute("SELECT status, COUNT(*) FROM queue GROUP BY status").fetchall()
        return dict(rows)

    def endpoints(self) -> list[Endpoint]:
        rows = (
            self._db()
            .execute(
                "SELECT lane, kind, target, failures, failing, last_error, updated_at "
                "FROM endpoints ORDER BY failing DESC, lane"
            )
            .fetchall()
        )
        return [Endpoint(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6]) for r in rows]

    # --- silences (written by the CLI and the API, read by the alerts process) ---

    def add_silence(self, s: Silence) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT INTO silences VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    s.silence_id,
                    s.org_id,
                    json.dumps(s.matchers, sort_keys=True),
                    _ts(s.starts_at),
                    _ts(s.ends_at),
                    s.author,
                    s.reason,
                    _ts(s.created_at),
                ),
            )

    def expire_silence(self, silence_id: str, org_id: str | None, now: datetime) -> bool:
        """End a silence now; an organisation may only end its own."""
        sql = "UPDATE silences SET ends_at = ? WHERE silence_id = ? AND ends_at > ?"
        args: tuple[Any, ...] = (_ts(now), silence_id, _ts(now))
        if org_id is not None:
            sql += " AND org_id = ?"
            args += (org_id,)
        with self._tx() as db:
            return db.execute(sql, args).rowcount > 0

    def silences(
        self, *, org_id: str | None = None, since: datetime | None = None
    ) -> list[Silence]:
        sql = "SELECT * FROM silences WHERE ends_at > ?"
        args: tuple[Any, ...] = (_ts(since) if since else 0.0,)
        if org_id is not None:
            sql += " AND org_id = ?"
            args += (org_id,)
        rows = self._db().execute(sql + " ORDER BY starts_at", args).fetchall()
        return [
            Silence(r[0], r[1], json.loads(r[2]), _dt(r[3]), _dt(r[4]), r[5], r[6], _dt(r[7]))
            for r in rows
        ]
