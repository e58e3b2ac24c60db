"""Organisations and their API keys (SQLite): keys are shown once and stored salted-hashed.

A key reads ``thk_<key id>_<secret>``. The key id is public and finds the row; the secret
is 32 random bytes, so a salted SHA-256 is enough (a slow password hash protects guessable
secrets; these are not guessable) and keeps authentication cheap at thousands of requests
per second. Verdicts are cached for a few seconds: a revoked key stops working within
``cache_seconds`` in every process that shares the database.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from schemas.local_db import open_wal

ORG_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
_TOKEN = re.compile(r"^thk_([0-9a-f]{12})_([A-Za-z0-9_-]{20,100})$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orgs (
    org_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(org_id), label TEXT NOT NULL,
    salt BLOB NOT NULL, digest BLOB NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT
);
"""


class OrgKind(StrEnum):
    NGO = "ngo"
    LAW_ENFORCEMENT = "law_enforcement"
    FINANCIAL = "financial"
    BUSINESS = "business"
    INTERGOVERNMENTAL = "intergovernmental"
    RESEARCH = "research"
    OTHER = "other"


class AccessError(Exception):
    """An operator mistake (unknown organisation, bad id); the message says which."""


@dataclass(frozen=True)
class Org:
    org_id: str
    name: str
    kind: str
    created_at: str


@dataclass(frozen=True)
class KeyInfo:
    key_id: str
    org_id: str
    label: str
    created_at: str
    revoked_at: str | None


def key_id_of(token: str) -> str | None:
    """The public key id of a well-formed key (``thk_<key id>_…``), else None."""
    m = _TOKEN.match(token) if token.isascii() else None
    return m.group(1) if m else None


def _digest(salt: bytes, secret: str) -> bytes:
    return hashlib.sha256(salt + secret.encode()).digest()


def connect(path: Path) -> sqlite3.Connection:
    conn = open_wal(path)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


class AccessStore:
    def __init__(self, path: Path, *, cache_seconds: float = 5.0) -> None:
        self._db = connect(path)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._cache: dict[bytes, tuple[str | None, float]] = {}
        self._cache_seconds = cache_seconds

    def close(self) -> None:
        self._db.close()

    # --- operator side ---

    def add_org(self, org_id: str, name: str, kind: OrgKind = OrgKind.OTHER) -> Org:
        if not ORG_ID.match(org_id):
            raise AccessError(
                "an organisation id is 2-63 lower-case letters, digits or '-', "
                "starting with a letter or digit"
            )
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO orgs VALUES (?, ?, ?, ?)", (org_id, name, kind.value, now)
                )
            except sqlite3.IntegrityError:
                raise AccessError(f"organisation {org_id} already exists") from None
        return Org(org_id, name, kind.value, now)

    def orgs(self) -> list[Org]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM orgs ORDER BY org_id").fetchall()
        return [Org(*r) for r in rows]

    def org_exists(self, org_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM orgs WHERE org_id = ?", (org_id,)).fetchone()
        return row is not None

    def issue_key(self, org_id: str, label: str = "") -> tuple[KeyInfo, str]:
        """The new key's record and the key itself, which is never available again."""
        if not self.org_exists(org_id):
            raise AccessError(f"no organisation {org_id}; add it with `tahub orgs add`")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute(
                "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (key_id, org_id, label, salt, _digest(salt, secret), now),
            )
        return KeyInfo(key_id, org_id, label, now, None), f"thk_{key_id}_{secret}"

    def revoke(self, key_id: str) -> KeyInfo:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            cur = self._db.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                (now, key_id),
            )
            if cur.rowcount == 0:
                known = self._db.execute(
                    "SELECT 1 FROM api_keys WHERE key_id = ?", (key_id,)
                ).fetchone()
                raise AccessError(
                    f"key {key_id} is already revoked" if known else f"no key {key_id}"
                )
            self._cache.clear()
        return next(k for k in self.keys() if k.key_id == key_id)

    def keys(self, org_id: str | None = None) -> list[KeyInfo]:
        sql = "SELECT key_id, org_id, label, created_at, revoked_at FROM api_keys"
        args: tuple[str, ...] = ()
        if org_id is not None:
            sql += " WHERE org_id = ?"
            args = (org_id,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY created_at, key_id", args).fetchall()
        return [KeyInfo(*r) for r in rows]

    # --- request side ---

    def key_active(self, key_id: str) -> bool:
        """Whether a key id names a key that is not revoked (the console rechecks its
        sessions' keys with this: a revoked key ends them)."""
        with self._lock:
            row = self._db.execute(
                "SELECT revoked_at FROM api_keys WHERE key_id = ?", (key_id,)
            ).fetchone()
        return row is not None and row[0] is None

    def authenticate(self, token: str) -> str | None:
        """The organisation a key belongs to, or None for an unknown, malformed or revoked key."""
        if not token.isascii() or len(token) > 200:  # keys are short ASCII; nothing else is
            return None
        cache_key = hashlib.sha256(token.encode()).digest()  # never keep keys in memory
        now = time.monotonic()
        hit = self._cache.get(cache_key)
        if hit is not None and hit[1] > now:
            return hit[0]
        org = self._check(token)
        if len(self._cache) > 100_000:  # a flood of random keys must not grow memory
            self._cache.clear()
        self._cache[cache_key] = (org, now + self._cache_seconds)
        return org

    def _check(self, token: str) -> str | None:
        m = _TOKEN.match(token)
        if not m:
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT org_id, salt, digest, revoked_at FROM api_keys WHERE key_id = ?",
                (m.group(1),),
            ).fetchone()
        if row is None or row[3] is not None:
            return None
        org_id, salt, digest, _ = row
        return str(org_id) if hmac.compare_digest(_digest(salt, m.group(2)), digest) else None
