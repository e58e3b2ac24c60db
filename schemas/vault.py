"""The vault: each organisation's data keys (wrapped by a master key) and its channel
secrets (sealed under its data key), in one SQLite file shared by tahub's processes.

Forgetting an organisation deletes its data keys and secrets with SQLite's secure delete
(freed pages are overwritten), so nothing sealed under them opens again anywhere. Data
keys are cached unwrapped for a few seconds, so a forget reaches other processes within
that time. Master keys come from outside (tahub.masterkey); rotating one rewraps every
data key without touching the ciphertext.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from schemas.envelope import DataKey, SealError, new_key, parse, unwrap, wrap
from schemas.local_db import open_wal

CACHE_SECONDS = 5.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS data_keys (
    key_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    master_id TEXT NOT NULL,
    wrapped BLOB NOT NULL,
    created_at REAL NOT NULL,
    current INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS data_keys_org ON data_keys (org_id);
CREATE TABLE IF NOT EXISTS secrets (
    org_id TEXT NOT NULL,
    name TEXT NOT NULL,
    sealed TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (org_id, name)
);
"""


@dataclass(frozen=True)
class MasterKeys:
    """Master keys by id; new data keys are wrapped under ``current``."""

    keys: Mapping[str, bytes] = field(repr=False)
    current: str

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise ValueError("the current master key is not among the master keys")


class Vault:
    def __init__(self, path: Path, masters: MasterKeys) -> None:
        self.path = path
        self.masters = masters
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        self._db = open_wal(path)
        self._db.execute("PRAGMA secure_delete = ON")  # deleted keys are overwritten
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, DataKey | None]] = {}

    def close(self) -> None:
        self._db.close()

    # --- data keys ---

    def _unwrap(self, org_id: str, key_id: str, master_id: str, wrapped: bytes) -> DataKey:
        master = self.masters.keys.get(master_id)
        if master is None:
            raise SealError(f"data key {key_id} is wrapped under master key {master_id}, not set")
        return DataKey(org_id, key_id, unwrap(master, master_id, org_id, key_id, wrapped))

    def current(self, org_id: str) -> DataKey:
        """The organisation's current data key, made on first use."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")  # two processes must not both make one
            try:
                row = self._db.execute(
                    "SELECT key_id, master_id, wrapped FROM data_keys "
                    "WHERE org_id = ? AND current = 1",
                    (org_id,),
                ).fetchone()
                if row is None:
                    key = self._insert(org_id)
                else:
                    key = self._unwrap(org_id, row[0], row[1], row[2])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        self._cache[key.key_id] = (time.monotonic() + CACHE_SECONDS, key)
        return key

    def oldest(self, org_id: str) -> DataKey:
        """The organisation's first data key (made on first use): stable while it has any,
        so a keyed index made under it (intake.db's submission ids) survives rotation and
        goes with `tahub orgs forget`. First as made (rowid: a new row's is above every
        other's), not by the clock, which a rotation after it was set back would follow."""
        with self._lock:
            row = self._db.execute(
                "SELECT key_id FROM data_keys WHERE org_id = ? ORDER BY rowid LIMIT 1",
                (org_id,),
            ).fetchone()
        key = None if row is None else self.key(org_id, row[0])  # cached as any key is
        return self.current(org_id) if key is None else key

    def _insert(self, org_id: str) -> DataKey:
        key_id = "dk" + secrets.token_hex(8)
        raw = new_key()
        mid = self.masters.current
        self._db.execute("UPDATE data_keys SET current = 0 WHERE org_id = ?", (org_id,))
        self._db.execute(
            "INSERT INTO data_keys VALUES (?, ?, ?, ?, ?, 1)",
            (key_id, org_id, mid, wrap(self.masters.keys[mid], mid, org_id, key_id, raw),
             time.time()),
        )  # fmt: skip
        return DataKey(org_id, key_id, raw)

    def key(self, org_id: str, key_id: str) -> DataKey | None:
        """A data key by id, or None if it never existed or was forgotten."""
        hit = self._cache.get(key_id)
        if hit is not None and hit[0] > time.monotonic():
            return hit[1] if hit[1] is None or hit[1].org_id == org_id else None
        with self._lock:
            row = self._db.execute(
                "SELECT org_id, master_id, wrapped FROM data_keys WHERE key_id = ?", (key_id,)
            ).fetchone()
        key = None if row is None else self._unwrap(row[0], key_id, row[1], row[2])
        self._cache[key_id] = (time.monotonic() + CACHE_SECONDS, key)
        return key if key is None or key.org_id == org_id else None

    def open(self, org_id: str, field_name: str, token: str) -> str:
        """The plaintext of a value sealed for ``org_id``; SealError if its key is gone."""
        key_id, _ = parse(token)
        key = self.key(org_id, key_id)
        if key is None:
            raise SealError("its data key has been erased")
        return key.open(field_name, token)

    def rotate(self, org_id: str) -> DataKey:
        """A new current data key; older ones stay to open what they sealed."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                key = self._insert(org_id)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return key

    def rewrap(self) -> int:
        """Every data key rewrapped under the current master key; returns how many."""
        mid = self.masters.current
        with self._lock:
            rows = self._db.execute(
                "SELECT key_id, org_id, master_id, wrapped FROM data_keys"
            ).fetchall()
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for key_id, org_id, old, wrapped in rows:
                    raw = self._unwrap(org_id, key_id, old, wrapped).key
                    new = wrap(self.masters.keys[mid], mid, org_id, key_id, raw)
                    self._db.execute(
                        "UPDATE data_keys SET master_id = ?, wrapped = ? WHERE key_id = ?",
                        (mid, new, key_id),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return len(rows)

    def forget(self, org_id: str) -> int:
        """Erase the organisation's data keys and secrets; returns the keys erased."""
        with self._lock:
            n = self._db.execute("DELETE FROM data_keys WHERE org_id = ?", (org_id,)).rowcount
            self._db.execute("DELETE FROM secrets WHERE org_id = ?", (org_id,))
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no copy left in the WAL
        for key_id, (_, key) in list(self._cache.items()):
            if key is not None and key.org_id == org_id:
                self._cache.pop(key_id, None)
        return int(n)

    def orgs(self) -> list[str]:
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT org_id FROM data_keys ORDER BY 1").fetchall()
        return [str(r[0]) for r in rows]

    # --- channel secrets, sealed under the organisation's data key ---

    def put_secret(self, org_id: str, name: str, value: str) -> None:
        sealed = self.current(org_id).seal(f"secret:{name}", value)
        with self._lock:
            self._db.execute(
                "INSERT INTO secrets VALUES (?, ?, ?, ?) ON CONFLICT (org_id, name) "
                "DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
                (org_id, name, sealed, time.time()),
            )

    def secret(self, org_id: str, name: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT sealed FROM secrets WHERE org_id = ? AND name = ?", (org_id, name)
            ).fetchone()
        if row is None:
            return None
        try:
            return self.open(org_id, f"secret:{name}", row[0])
        except SealError:
            return None

    def secret_names(self, org_id: str) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT name FROM secrets WHERE org_id = ? ORDER BY name", (org_id,)
            ).fetchall()
        return [str(r[0]) for r in rows]

    def delete_secret(self, org_id: str, name: str) -> bool:
        with self._lock:
            n = self._db.execute(
                "DELETE FROM secrets WHERE org_id = ? AND name = ?", (org_id, name)
            ).rowcount
        return bool(n)
