"""Which submissions and bulk requests were already accepted (SQLite), so retries are answered
from memory instead of producing again.

Records are written after the broker acknowledged, and single submissions reach SQLite
in batches every ``flush_seconds`` (a commit per request halved the request rate). A
crash before that means a retry produces again; the stable incident id (organisation +
submission id, ``submission.org_ids``) makes that second copy collapse downstream. A
submission id reused with different content is a conflict, not a correction.

A single submission the broker did not acknowledge may still have been written (it timed
out in flight while a partition leader moved), so its encoded record is held here, on
disk, until a retry sends those same bytes: a fresh encoding would carry a new report
time, and the two copies would count in two detection windows (found by the cluster
fault test: live and replayed detections differed by that one report).

What identifies a partner's case is never kept readable: a submission id or an
Idempotency-Key (which may name the case file or the person) is kept as a keyed digest
under the organisation's first data key (stable across rotation, erased by `tahub orgs
forget`), a stored bulk report (which lists them) is sealed under its current key, and
fingerprints are keyed (``fingerprints``). Stores written before are converted once
(``user_version``).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from producers.intake import fingerprints
from producers.intake.access import connect
from producers.intake.idlocks import Claim, IdLocks
from schemas.deadletters import coarse_size
from schemas.envelope import DataKey, SealError, is_sealed, parse

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
# the tables whose second key column holds a partner's id or key, kept keyed
_KEPT = (
    ("submissions", "submission_id"),
    ("unconfirmed", "submission_id"),
    ("requests", "idempotency_key"),
)
KEYED_VERSION = 1  # intake.db's user_version once every fingerprint in it is keyed
INDEXED_VERSION = 2  # … and every submission id and key is a keyed digest, every report sealed
INDEX = "intake-index"  # the purpose of the subkey submission ids are kept under
REPORT = "intake-report"  # the field a stored bulk report is sealed as
# what an organisation's lock byte is keyed from (``idlocks``): no submission id has it
_ORG = "\x00organisation"
log = logging.getLogger("tahub.intake")


class OrgKeys(Protocol):
    """An organisation's data keys (``schemas.vault.Vault``)."""

    def current(self, org_id: str) -> DataKey: ...

    def oldest(self, org_id: str) -> DataKey: ...

    def key(self, org_id: str, key_id: str) -> DataKey | None: ...


def indexer(key: DataKey) -> Callable[[str], str]:
    """How a submission id or Idempotency-Key of ``key``'s organisation is kept: a keyed
    BLAKE2b (as fingerprints), never its text."""
    sub = key.subkey(INDEX)

    def index(value: str) -> str:
        return "i1:" + hashlib.blake2b(value.encode(), key=sub, digest_size=32).hexdigest()

    return index


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
        keys: OrgKeys,
        request_ttl_days: float = 7.0,
        flush_seconds: float = 0.1,
        prune_seconds: float = 3600.0,
    ) -> None:
        self._db = connect(path)
        self._db.executescript(_SCHEMA)
        # ids held across the processes that share this store (``idlocks``)
        self._locks = IdLocks.for_path(path.with_name(path.name + ".locks"))
        self._keys = keys
        self._indexers: dict[str, tuple[str, Callable[[str], str]]] = {}  # by first key id
        self._lock = threading.Lock()
        self._ttl = request_ttl_days * 86400
        # accepted but not yet in SQLite: (org, submission id) -> Seen
        self._pending: dict[tuple[str, str], Seen] = {}
        self._closed = threading.Event()
        self._flush_seconds = flush_seconds
        self._prune_seconds = prune_seconds
        self._upgrade()
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
        """Write what was remembered, then let go of the ids held for it (``claim``):
        only once SQLite has them may another process take them and look."""
        with self._lock:
            due = self._locks.due()  # released after everything remembered before it
            try:
                self._write()
            except BaseException:
                self._locks.defer(due)
                raise
        self._locks.release(due)

    def _write(self) -> None:
        if self._pending:
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

    # --- what identifies a case, as kept: keyed (ids) or sealed (reports) ---

    def _index(self, org_id: str) -> Callable[[str], str]:
        """The organisation's id indexer, derived again only when its first key changes
        (`tahub orgs forget`: from the next call on, never under the erased key)."""
        key = self._keys.oldest(org_id)
        hit = self._indexers.get(org_id)
        if hit is None or hit[0] != key.key_id:
            hit = (key.key_id, indexer(key))
            self._indexers[org_id] = hit
        return hit[1]

    def _seal(self, org_id: str, body: bytes) -> bytes:
        """Sealed, padded with spaces (which JSON ignores) to a dead letter's coarse size:
        a report's exact length is fixed parts plus the lengths of the partner's ids."""
        text = body.decode() + " " * (coarse_size(len(body)) - len(body))
        return self._keys.current(org_id).seal(REPORT, text).encode()

    def _open(self, org_id: str, body: bytes) -> bytes | None:
        """A stored report opened; None once its key is erased."""
        text = body.decode()
        if not is_sealed(text):
            return body  # written plain by a process of an earlier version still running
        key = self._keys.key(org_id, parse(text)[0])
        if key is None:
            return None
        try:
            return key.open(REPORT, text).encode().rstrip(b" ")
        except SealError:
            return None

    def seen(self, org_id: str, submission_ids: Iterable[str]) -> dict[str, Seen]:
        index = self._index(org_id)
        named = {index(sid): sid for sid in dict.fromkeys(submission_ids)}
        out: dict[str, Seen] = {}
        with self._lock:
            for token, sid in named.items():
                hit = self._pending.get((org_id, token))
                if hit is not None:
                    out[sid] = hit
            tokens = [t for t, sid in named.items() if sid not in out]
            for i in range(0, len(tokens), _CHUNK):
                chunk = tokens[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    "SELECT submission_id, fingerprint, incident_id FROM submissions "
                    f"WHERE org_id = ? AND submission_id IN ({marks})",
                    (org_id, *chunk),
                ).fetchall()
                out.update({named[r[0]]: Seen(r[1], r[2]) for r in rows})
        return out

    def claim(self, org_id: str, submission_ids: Collection[str]) -> Claim | None:
        """Hold distinct ids against every other process on this store, all or none;
        None when another holds one (never waits). Let go by ``unclaim``."""
        index = self._index(org_id)
        return self._locks.take(index(_ORG), submission_ids, index)

    def unclaim(self, claim: Claim) -> None:
        """What ``claim`` held, let go with the next write of what was remembered (at
        once if nothing is: the flush interval)."""
        self._locks.release_later(claim)

    def remember(self, org_id: str, accepted: Iterable[tuple[str, str, str]]) -> None:
        """(submission id, fingerprint, incident id) of records the broker acknowledged."""
        index = self._index(org_id)
        with self._lock:
            for sid, fp, iid in accepted:
                at = (org_id, index(sid))
                self._pending.setdefault(at, Seen(fp, iid))
                if at in self._held:  # acknowledged now: gone with the next flush
                    self._held.discard(at)
                    self._released.append(at)
            big = len(self._pending) >= 1000
        if big:  # a bulk upload: write now rather than hold it in memory
            self.flush()

    def hold(self, org_id: str, submission_id: str, record: Held) -> None:
        """Keep a record the broker may have written without acknowledging it."""
        token = self._index(org_id)(submission_id)
        with self._lock:
            self._db.execute(
                "INSERT OR IGNORE INTO unconfirmed VALUES (?,?,?,?,?,?)",
                (org_id, token, record.fingerprint, record.incident_id, record.value,
                 time.time()),
            )  # fmt: skip
            self._held.add((org_id, token))

    def held(self, org_id: str, submission_id: str) -> Held | None:
        token = self._index(org_id)(submission_id)
        with self._lock:
            if (org_id, token) not in self._held:
                return None
            row = self._db.execute(
                "SELECT fingerprint, incident_id, value FROM unconfirmed "
                "WHERE org_id = ? AND submission_id = ?",
                (org_id, token),
            ).fetchone()
        return Held(row[0], row[1], bytes(row[2])) if row else None

    def response(self, org_id: str, key: str) -> StoredResponse | None:
        token = self._index(org_id)(key)
        with self._lock:
            row = self._db.execute(
                "SELECT fingerprint, status, body FROM requests "
                "WHERE org_id = ? AND idempotency_key = ? AND created_at > ?",
                (org_id, token, time.time() - self._ttl),
            ).fetchone()
        body = self._open(org_id, bytes(row[2])) if row else None
        return StoredResponse(row[0], row[1], body) if row and body is not None else None

    def keep_response(
        self, org_id: str, key: str, fingerprint: str, status: int, body: bytes
    ) -> None:
        token, sealed = self._index(org_id)(key), self._seal(org_id, body)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO requests VALUES (?,?,?,?,?,?)",
                (org_id, token, fingerprint, status, sealed, time.time()),
            )

    # --- stores written before: converted at open ---

    def _upgrade(self) -> None:
        """Plain fingerprints keyed, plain submission ids and keys indexed and plain reports
        sealed, in one transaction, the old values overwritten (secure delete), then the
        file rebuilt, so no row the earlier version deleted stays in its free space. Once
        for the whole store (``user_version``), and again for the rows a process of the
        earlier version still running wrote since (``_strays``)."""
        with self._lock:
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version >= INDEXED_VERSION and not self._strays():
                return
            self._db.execute("PRAGMA secure_delete = ON")
            self._db.execute("BEGIN IMMEDIATE")  # another process may be converting it
            try:
                version = self._db.execute("PRAGMA user_version").fetchone()[0]
                n = self._convert(keyed=KEYED_VERSION <= version < INDEXED_VERSION,
                                  strays=version >= INDEXED_VERSION)  # fmt: skip
                self._db.execute(f"PRAGMA user_version = {INDEXED_VERSION}")
                if n:
                    log.info("intake.db: %d record(s) of earlier versions converted", n)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            if version < INDEXED_VERSION or n:
                # rows an earlier version deleted (pruned reports, released held records)
                # stay in free space on a SQLite built without secure delete: rebuilt
                try:
                    self._db.execute("VACUUM")
                except sqlite3.OperationalError as err:  # a full disk: the intake still starts
                    log.warning("intake.db converted but not rebuilt (%s): rows deleted "
                                "before may stay in its free space until VACUUM", err)  # fmt: skip
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no plain copy in the WAL

    def _strays(self) -> bool:
        """Whether a converted store has a plain id or key (written by a process of the
        earlier version still running): kept ones all sort in ``[i1:, i1;)``, so a look
        at both sides of that range in each organisation's part of the key is enough."""
        for table, column in _KEPT:  # fixed names
            org = ""
            while True:
                (org,) = self._db.execute(
                    f"SELECT min(org_id) FROM {table} WHERE org_id > ?", (org,)
                ).fetchone()
                if org is None:
                    break
                if self._db.execute(
                    f"SELECT 1 FROM {table} WHERE org_id = ? AND {column} < 'i1:' UNION ALL "
                    f"SELECT 1 FROM {table} WHERE org_id = ? AND {column} >= 'i1;' LIMIT 1",
                    (org, org),
                ).fetchone():
                    return True
        return False

    def _convert(self, *, keyed: bool, strays: bool) -> int:
        """Every row converted, or only the plain ones (``strays``); a stray whose id the
        new version stored as well replaces that row (the same submission and incident)."""
        n = 0
        fps: dict[str, Callable[[str], str]] = {}

        def fp(org: str, value: str) -> str:
            if keyed or value.startswith(fingerprints.PREFIX):
                return value
            if org not in fps:
                fps[org] = fingerprints.keyer(self._keys.current(org))
            return fps[org](value)

        def plain(column: str) -> str:
            return f" WHERE {column} < 'i1:' OR {column} >= 'i1;'" if strays else ""

        for table in ("submissions", "unconfirmed"):
            rows = self._db.execute(
                f"SELECT org_id, submission_id, fingerprint FROM {table}"  # fixed names
                + plain("submission_id")
            ).fetchall()
            self._db.executemany(
                f"UPDATE OR REPLACE {table} SET submission_id = ?, fingerprint = ? "  # fixed
                "WHERE org_id = ? AND submission_id = ?",
                [(self._index(o)(sid), fp(o, f), o, sid) for o, sid, f in rows],
            )
            n += len(rows)
        reports = self._db.execute(
            "SELECT org_id, idempotency_key, fingerprint, body FROM requests"
            + plain("idempotency_key")
        ).fetchall()
        self._db.executemany(
            "UPDATE OR REPLACE requests SET idempotency_key = ?, fingerprint = ?, body = ? "
            "WHERE org_id = ? AND idempotency_key = ?",
            [(self._index(o)(k), fp(o, f), self._seal(o, bytes(b)), o, k)
             for o, k, f, b in reports],
        )  # fmt: skip
        return n + len(reports)

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
    retry afterwards is produced again, on a new incident id (its ids were under the
    erased data key)."""
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
